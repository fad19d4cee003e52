"""Writes a large, realistic questionnaire and an answers file for it, for the scale benchmark.

The questionnaire has the shape of the bundled one, only bigger: a causal model sized to the
number of questions, sections of twenty questions (some asked only at some stages), every question
type with options, named scales, bands and scores, one or two ``measures`` per scored question,
``when`` conditions on about a quarter of the questions, stage signals, and rules whose conditions
read two or three answers each (``answers.x``, ``answers['x']``, ``score()``, ``answered()``,
``in`` lists, comparisons with numbers, ``and``/``or``/``not``, the stage). No two rules have the
same condition, so nothing is saved by caching expressions by their text.

    python benchmarks/generate.py --questions 2000 --rules 2000 --out /tmp/scale

writes ``/tmp/scale/questionnaire-2000.yaml`` and ``/tmp/scale/answers-2000.yaml``. The output
depends only on the arguments (a seeded random generator), so every run measures the same files.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

TOPICS = (
    "deploys", "reviews", "oncall", "planning", "hiring", "testing", "incidents", "ownership",
    "roadmap", "metrics", "security", "platform", "onboarding", "feedback", "budget",
    "architecture"
)  # fmt: skip
CHOICE_KEYS = ("never", "rarely", "sometimes", "often", "always")
MULTI_KEYS = ("ci", "cd", "feature-flags", "canaries", "dashboards", "runbooks", "slos")
MEASURE_KINDS = (
    ("capability", 50), ("failure_factor", 20), ("value", 10), ("mechanism", 10), ("outcome", 5),
    ("signal", 5)
)  # fmt: skip
QUESTION_TYPES = (
    ("choice", 40), ("scale", 20), ("number", 15), ("multi", 10), ("boolean", 10), ("text", 5)
)  # fmt: skip


@dataclass(frozen=True)
class Generated:
    """A generated questionnaire and answers file, as YAML text."""

    questionnaire: str
    answers: str


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    names = [name for name, _ in weighted]
    weights = [weight for _, weight in weighted]
    return rng.choices(names, weights)[0]


def _ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{i:03d}" for i in range(count)]


def _model(rng: random.Random, questions: int) -> dict[str, Any]:
    values = _ids("value", max(3, questions // 50))
    mechanisms = _ids("mechanism", max(3, questions // 40))
    capabilities = _ids("capability", max(5, questions // 20))
    factors = _ids("factor", max(5, questions // 20))
    outcomes = _ids("outcome", 5)
    signals = _ids("signal", max(2, questions // 100))
    return {
        "stages": [
            {"id": "early", "name": "Early stage", "dominant_problem": "Finding fit"},
            {"id": "late", "name": "Late stage", "dominant_problem": "Scaling the model"},
        ],
        "values": [
            {"id": v, "name": f"Value {v}", "description": f"What {v} means in practice."}
            for v in values
        ],
        "mechanisms": [
            {
                "id": m,
                "name": f"Mechanism {m}",
                "category": rng.choice(("ritual", "process", "tool")),
                "applies": rng.sample(values, 2),
            }
            for m in mechanisms
        ],
        "capabilities": [
            {
                "id": c,
                "name": f"Capability {c}",
                "stages": rng.choice((["early", "late"], ["late"], ["early"])),
                "influenced_by": rng.sample(values, 2),
            }
            for c in capabilities
        ],
        "failure_factors": [
            {
                "id": f,
                "name": f"Failure factor {f}",
                "stage": "early" if i % 2 else "late",
                "causes": [f"A cause of {f}"],
                "mitigated_by": {
                    c: rng.choice((1.0, 0.6, 0.4)) for c in rng.sample(capabilities, 3)
                },
                "harms": rng.sample(outcomes, 2),
            }
            for i, f in enumerate(factors)
        ],
        "outcomes": [
            {"id": o, "name": f"Outcome {o}", "dora_metric": metric}
            for o, metric in zip(
                outcomes,
                ("leadtime", "deployfreq", "failurerecovery", "changefailure", "rework"),
                strict=True,
            )
        ],
        "signals": [
            {"id": s, "name": f"Signal {s}", "indicates": rng.sample(factors, 2)} for s in signals
        ],
    }


def _scales() -> dict[str, list[dict[str, Any]]]:
    return {
        "agreement": [
            {"key": k, "label": label, "score": round((k - 1) / 4, 4)}
            for k, label in enumerate(
                ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"), start=1
            )
        ],
        "frequency": [
            {"key": key, "label": key.capitalize(), "score": i / 4}
            for i, key in enumerate(CHOICE_KEYS)
        ],
    }


def _question(rng: random.Random, index: int, kind: str, model: dict[str, Any]) -> dict[str, Any]:
    qid = f"q{index:04d}-{TOPICS[index % len(TOPICS)]}"
    question: dict[str, Any] = {
        "id": qid,
        "text": f"How does your organisation handle {TOPICS[index % len(TOPICS)]} (item {index})?",
        "help": "Why this matters: it is evidence of the capabilities it measures.",
        "type": kind,
    }
    if kind == "choice":
        question["options"] = [
            {"key": key, "label": f"{key.capitalize()} so", "score": i / 4}
            for i, key in enumerate(CHOICE_KEYS)
        ]
    elif kind == "scale":
        question["scale"] = rng.choice(("agreement", "frequency"))
    elif kind == "multi":
        question["options"] = [
            {"key": key, "label": key.replace("-", " "), "score": 0.25} for key in MULTI_KEYS
        ]
    elif kind == "number":
        question.update(
            {
                "min": 0,
                "max": 1000,
                "integer": True,
                "unit": "people",
                "bands": [
                    {"upto": 10, "score": 0.2},
                    {"upto": 50, "score": 0.5},
                    {"upto": 200, "score": 0.8},
                    {"score": 1.0},
                ],
            }
        )
    elif kind == "boolean":
        question.update({"true_score": 1.0, "false_score": 0.0})
    if kind != "text":
        measures = []
        for _ in range(rng.choice((1, 2))):
            target_kind = _pick(rng, MEASURE_KINDS)
            section = {
                "capability": "capabilities",
                "failure_factor": "failure_factors",
                "value": "values",
                "mechanism": "mechanisms",
                "outcome": "outcomes",
                "signal": "signals",
            }[target_kind]
            target = rng.choice(model[section])["id"]
            measures.append({target_kind: target, "weight": rng.choice((1.0, 0.5))})
        question["measures"] = measures
    return question


def _alias(question_id: str) -> str:
    return question_id.replace("-", "_")


def _clause(rng: random.Random, question: dict[str, Any]) -> str:
    """One condition about one answer, in one of the forms questionnaires use."""
    qid, kind = question["id"], question["type"]
    spelling = rng.choice((f"answers.{_alias(qid)}", f"answers['{qid}']"))
    if kind in ("choice", "scale"):
        keys: list[Any] = (
            [o["key"] for o in question["options"]]
            if "options" in question
            else ([1, 2, 3, 4, 5] if question["scale"] == "agreement" else list(CHOICE_KEYS))
        )
        form = rng.randrange(3)
        if form == 0:
            return f"{spelling} == {rng.choice(keys)!r}"
        if form == 1:
            return f"{spelling} in {sorted(rng.sample(keys, 2), key=str)!r}"
        return f"score('{qid}') {rng.choice(('<', '>='))} {rng.choice((0.25, 0.5, 0.75))}"
    if kind == "multi":
        return f"{rng.choice(MULTI_KEYS)!r} {rng.choice(('in', 'not in'))} ({spelling} or [])"
    if kind == "number":
        return f"{spelling} {rng.choice(('>=', '<', '>'))} {rng.choice((5, 20, 50, 100))}"
    if kind == "boolean":
        return rng.choice((spelling, f"not {spelling}"))
    return f"answered('{qid}')"


def _condition(rng: random.Random, questions: list[dict[str, Any]], clauses: int) -> str:
    parts = [_clause(rng, q) for q in rng.sample(questions, clauses)]
    if rng.random() < 0.3:
        parts.append(f"stage {rng.choice(('==', '!='))} {rng.choice(('early', 'late'))!r}")
    joined = parts[0]
    for part in parts[1:]:
        joined = f"{joined} {rng.choice(('and', 'and', 'or'))} {part}"
    return joined


def _answer(rng: random.Random, question: dict[str, Any]) -> Any:
    roll = rng.random()
    if roll < 0.05:
        return None  # left blank
    if roll < 0.12:
        return {"dont_know": True, "reason": "ask the team lead"}
    if roll < 0.15:
        return {"not_applicable": True, "reason": "not our case"}
    kind = question["type"]
    if kind == "choice":
        value: Any = rng.choice(CHOICE_KEYS)
    elif kind == "scale":
        value = rng.randint(1, 5) if question["scale"] == "agreement" else rng.choice(CHOICE_KEYS)
    elif kind == "multi":
        value = rng.sample(MULTI_KEYS, rng.randint(1, 4))
    elif kind == "number":
        value = rng.randint(0, 400)
    elif kind == "boolean":
        value = rng.random() < 0.6
    else:
        value = "We do this differently in every team."
    if rng.random() < 0.1:
        return {"value": value, "note": "discussed in the last retrospective"}
    return value


def generate(questions: int, rules: int, seed: int = 2026) -> Generated:
    """A questionnaire with ``questions`` questions and ``rules`` rules, and answers to it."""
    # A seeded generator, so every run measures the same files (not for anything secret).
    rng = random.Random(seed * 1_000_003 + questions * 7 + rules)  # noqa: S311
    model = _model(rng, questions)
    sections, all_questions = _sections(rng, questions, model)
    stage = _stage(rng, all_questions[:5])
    factors = [f["id"] for f in model["failure_factors"]]
    rule_list = _rules(rng, all_questions, factors, rules)
    answers = {q["id"]: _answer(rng, q) for q in all_questions}
    document = {
        "id": f"generated-{questions}",
        "version": "1.0.0",
        "title": f"Generated questionnaire of {questions} questions and {rules} rules",
        "description": "Written by benchmarks/generate.py for the scale benchmark.",
        "scales": _scales(),
        "model": model,
        "stage": stage,
        "sections": sections,
        "rules": rule_list,
        "tests": [
            {
                "name": "A few answers",
                "answers": {q["id"]: answers[q["id"]] for q in all_questions[:10]},
                "expect": {},
            }
        ],
    }
    answers_document = {
        "questionnaire": {"id": document["id"], "version": "1.0.0"},
        "respondent": {"name": "Benchmark", "role": "cto"},
        "organisation": "Generated Ltd",
        "answers": answers,
    }
    return Generated(_dump(document), _dump(answers_document))


def _sections(
    rng: random.Random, questions: int, model: dict[str, Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Sections of 20 questions, and all the questions in order."""
    all_questions: list[dict[str, Any]] = []
    sections: list[dict[str, Any]] = []
    for start in range(0, questions, 20):
        section_questions = []
        for index in range(start, min(start + 20, questions)):
            # The first questions profile the organisation: numbers the stage signals read.
            kind = "number" if index < 5 else _pick(rng, QUESTION_TYPES)
            question = _question(rng, index, kind, model)
            if index >= 5 and rng.random() < 0.25:
                question["when"] = _condition(rng, all_questions[-40:], 1)
            section_questions.append(question)
            all_questions.append(question)
        section: dict[str, Any] = {
            "id": f"section-{start // 20:03d}",
            "title": f"Section {start // 20}",
            "intro": "Questions about one part of how you work.",
            "questions": section_questions,
        }
        if start and rng.random() < 0.1:
            section["when"] = rng.choice(("stage != 'early'", "stage != 'late'"))
        sections.append(section)
    return sections, all_questions


def _stage(rng: random.Random, profile: list[dict[str, Any]]) -> dict[str, Any]:
    """The stage configuration: a signal on each profile question."""
    return {
        "early_below": 0.4,
        "late_from": 0.6,
        "signals": [
            {
                "id": f"signal-{i}",
                "when": f"answers.{_alias(q['id'])} >= {rng.choice((20, 50, 100))}",
                "weight": rng.choice((1.0, 0.5, 0.3)),
                "because": "A sign of a later-stage organisation.",
            }
            for i, q in enumerate(profile)
        ],
    }


def _rules(
    rng: random.Random, all_questions: list[dict[str, Any]], factors: list[str], rules: int
) -> list[dict[str, Any]]:
    """``rules`` rules, each with a distinct condition on two or three answers."""
    seen: set[str] = set()
    rule_list: list[dict[str, Any]] = []
    while len(rule_list) < rules:
        condition = _condition(rng, all_questions, rng.choice((2, 2, 3)))
        if condition in seen:
            continue
        seen.add(condition)
        rule_list.append(
            {
                "id": f"rule-{len(rule_list):04d}",
                "when": condition,
                "raise": {
                    "failure_factor": rng.choice(factors),
                    "level": rng.choice((0.3, 0.5, 0.6, 0.7, 0.9)),
                },
                "because": "These answers together point to a failure factor the model "
                "alone would miss.",
            }
        )
    return rule_list


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, width=100, allow_unicode=True)


def write(out: Path, questions: int, rules: int) -> tuple[Path, Path]:
    """Write the questionnaire and answers for one size into ``out``; return both paths."""
    out.mkdir(parents=True, exist_ok=True)
    generated = generate(questions, rules)
    questionnaire = out / f"questionnaire-{questions}.yaml"
    answers = out / f"answers-{questions}.yaml"
    questionnaire.write_text(generated.questionnaire, encoding="utf-8")
    answers.write_text(generated.answers, encoding="utf-8")
    return questionnaire, answers


def main() -> None:
    """Command line: ``--questions N --rules M --out DIR``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--rules", type=int, default=None, help="default: as many as questions")
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "scaleready-scale"
    )
    args = parser.parse_args()
    rules = args.questions if args.rules is None else args.rules
    for path in write(args.out, args.questions, rules):
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
