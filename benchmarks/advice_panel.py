"""The advice panel: what the engine tells each persona, against what the talks say it should.

For every persona of the panel (``examples/expectations/panel.yaml``) this prints the stage, the
readiness score, the top-3 recommendations and the flagged risks; each expectation written from
the talks, pass or fail; and four measurements of how the scoring behaves around that persona:

- inert answers: scored answers that, set to each of their options from best to worst, move
  neither the readiness score, nor any risk, nor the ranking of the recommendations, nor the text
  of the first three (their why, with the weakest value behind each, and the mechanisms to adopt
  first): nothing a reader of the advice would see;
- "don't know" beats an answer: over every single swap of an answered question to don't know
  (where the question offers it) and to blank, how many raise readiness or lower any risk;
- monotonicity: over every one-step improvement of one answer (the next better option or band,
  one more practice ticked), how many lower readiness or raise any risk. An improvement that also
  moves the lateness (a stage signal reads the answer, as with product/market fit evidence) is
  listed apart: it is a profile move too, held to the profile bound rather than ordered;
- profile sensitivity: the largest move of any risk from a one-step change of one profile answer
  (the next or previous option; a number 10% up or down; one option ticked or unticked).

A risk here is a failure factor's residual risk, whatever its stage weight: the engine reports it
undiminished, with how much it matters at this stage beside it.

    .venv/bin/python benchmarks/advice_panel.py                  # all personas, then a summary
    .venv/bin/python benchmarks/advice_panel.py --persona premature-scaler

Deterministic: no randomness, questions in the questionnaire's order. The elapsed time goes to
stderr, so stdout can be compared between runs.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

import yaml

from scaleready.engine import assess
from scaleready.engine.facts import health_score
from scaleready.engine.risks import ranked_risks
from scaleready.formats.answers import Answer, Answers, AnswerValue, QuestionnaireRef
from scaleready.formats.questionnaire import Question, Questionnaire
from scaleready.formats.result import Assessment
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire
from scaleready.vocabulary import TOP_RECOMMENDATIONS, TOP_RISKS

REPO = Path(__file__).resolve().parent.parent
BUNDLED = REPO / "questionnaires" / "scaling-readiness.yaml"
EXPECTATIONS = REPO / "examples" / "expectations" / "panel.yaml"
FLAGGED_LEVELS = ("medium", "high", "critical")
LEVEL_ORDER = {"low": 0, "medium": 1, "high": 2, "critical": 3}
PROFILE_SECTION = "profile"
# How the engine warns that an answer to a question that does not apply is ignored.
IGNORED = re.compile(r"the answer to '([^']+)' is ignored")

AnswerMap = Mapping[str, Answer]


# --- What the engine says ---------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    """What a reader sees of one assessment: stage, readiness, risks, the ranking."""

    stage: str
    lateness: float | None
    readiness: float
    risks: tuple[tuple[str, float], ...]  # (factor id, residual if relevant else 0)
    ranking: tuple[str, ...]  # recommended capabilities, in rank order
    advice: tuple[str, ...]  # what a reader reads first: the top recommendations' why, adopt first

    def risk(self, factor: str) -> float:
        """The risk of one factor, as a reader sees it."""
        return dict(self.risks)[factor]


def build(q: Questionnaire, answers: AnswerMap) -> Answers:
    """An answers object for ``q`` from a map of question id to answer."""
    return Answers(
        questionnaire=QuestionnaireRef(id=q.id, version=q.version),
        organisation="Panel",
        answers=dict(answers),
    )


def snapshot_of(result: Assessment) -> Snapshot:
    """The parts of an assessment the panel compares."""
    return Snapshot(
        stage=result.stage.id,
        lateness=result.stage.lateness,
        readiness=result.score,
        risks=tuple((f.id, f.residual_risk) for f in result.failure_factors),
        ranking=tuple(r.capability for r in result.recommendations),
        advice=tuple(
            text
            for r in result.recommendations[:TOP_RECOMMENDATIONS]
            for text in (r.why, *r.adopt_first)
        ),
    )


class Scorer:
    """Assesses answer maps for one questionnaire, remembering what it has already assessed."""

    def __init__(self, q: Questionnaire) -> None:
        self.q = q
        self.calls = 0
        self._seen: dict[tuple[tuple[str, Answer], ...], Snapshot] = {}

    def __call__(self, answers: AnswerMap) -> Snapshot:
        key = tuple(sorted(answers.items(), key=lambda item: item[0]))
        found = self._seen.get(key)
        if found is None:
            self.calls += 1
            found = snapshot_of(assess(self.q, build(self.q, answers)))
            self._seen[key] = found
        return found


# --- Alternative answers ----------------------------------------------------------------------


def is_scored(question: Question) -> bool:
    """Whether the question's answer is evidence of something in the model."""
    return bool(question.measures) and question.type != "text"


def _band_values(question: Question) -> list[float | int]:
    """One number inside each band of a number question, in band order."""
    out: list[float | int] = []
    previous: float | int | None = None
    low = question.min if question.min is not None else 0
    for band in question.bands or ():
        if band.upto is not None:
            value: float | int = band.upto
        elif previous is None:
            value = low
        else:
            value = previous + 1
        if question.max is not None:
            value = min(value, question.max)
        value = max(value, low)
        out.append(int(value) if float(value).is_integer() else value)
        previous = band.upto
    return out


def options_best_first(q: Questionnaire, question: Question) -> list[AnswerValue]:
    """Every distinct answer worth trying for a scored question, healthiest first.

    choice / scale: every scored option; multi: every scored option alone, and all the options
    that score above 0 together; number: one value inside each band; boolean: true and false.
    """
    values: list[AnswerValue] = []
    if question.type in ("choice", "scale"):
        values = [o.key for o in q.options_of(question) if o.score is not None]
    elif question.type == "multi":
        scored = [o for o in q.options_of(question) if o.score is not None]
        values = [(o.key,) for o in scored]
        positive = tuple(o.key for o in scored if (o.score or 0.0) > 0)
        if len(positive) > 1:
            values.append(positive)
    elif question.type == "number":
        values = list(dict.fromkeys(_band_values(question)))
    elif question.type == "boolean":
        values = [True, False]
    scored_values = [(health_score(q, question, v), i, v) for i, v in enumerate(values)]
    ranked = sorted(
        ((s, i, v) for s, i, v in scored_values if s is not None), key=lambda x: (-x[0], x[1])
    )
    return [v for _, _, v in ranked]


def one_step_better(q: Questionnaire, question: Question, value: AnswerValue) -> list[AnswerValue]:
    """The answers one step healthier than ``value``.

    choice / scale / number: the options (or one number in each band) with the lowest score
    above the current one; multi: the current choice with one more positively scored option
    (and without the options that score 0, such as "none"); boolean: the other value, if better.
    """
    current = health_score(q, question, value)
    if current is None:
        return []
    if question.type == "multi":
        chosen = tuple(value) if isinstance(value, tuple | list) else ()
        options = q.options_of(question)
        zero = {o.key for o in options if (o.score or 0.0) <= 0}
        kept = tuple(k for k in chosen if k not in zero)
        out: list[AnswerValue] = []
        for option in options:
            if (option.score or 0.0) > 0 and option.key not in chosen:
                candidate = (*kept, option.key)
                better = health_score(q, question, candidate)
                if better is not None and better > current:
                    out.append(candidate)
        return out
    candidates = [
        (s, v)
        for v in options_best_first(q, question)
        if (s := health_score(q, question, v)) is not None and s > current
    ]
    if not candidates:
        return []
    step = min(s for s, _ in candidates)
    return [v for s, v in candidates if s == step]


def profile_steps(q: Questionnaire, question: Question, value: AnswerValue) -> list[AnswerValue]:
    """Answers one step away from ``value`` for a profile question.

    choice: the previous and the next option in the questionnaire's order; number: 10% down and
    up (at least 1, whole numbers stay whole, within min and max); multi: each option ticked or
    unticked; boolean: the other value.
    """
    out: list[AnswerValue] = []
    if question.type in ("choice", "scale"):
        keys = [o.key for o in q.options_of(question)]
        for i, key in enumerate(keys):
            if key == value:
                out = [keys[j] for j in (i - 1, i + 1) if 0 <= j < len(keys)]
    elif question.type == "number" and isinstance(value, int | float):
        delta: float | int = max(abs(value) * 0.1, 1)
        whole = isinstance(value, int) or question.integer
        for moved in (value - delta, value + delta):
            v: float | int = round(moved) if whole else moved
            if question.min is not None:
                v = max(v, question.min)
            if question.max is not None:
                v = min(v, question.max)
            if v != value:
                out.append(v)
    elif question.type == "multi" and isinstance(value, tuple | list):
        chosen = tuple(value)
        for option in q.options_of(question):
            if option.key in chosen:
                rest = tuple(k for k in chosen if k != option.key)
                if rest:
                    out.append(rest)
            else:
                out.append((*chosen, option.key))
    elif question.type == "boolean" and isinstance(value, bool):
        out = [not value]
    return list(dict.fromkeys(out))


def answered(answers: AnswerMap, qid: str) -> AnswerValue | None:
    """The answered value of a question, or ``None``."""
    answer = answers.get(qid)
    if answer is None or answer.status != "answered":
        return None
    return answer.value


def replaced(answers: AnswerMap, qid: str, answer: Answer | None) -> dict[str, Answer]:
    """``answers`` with one answer replaced (``None``: left blank)."""
    out = dict(answers)
    if answer is None:
        out.pop(qid, None)
    else:
        out[qid] = answer
    return out


# --- The four measurements --------------------------------------------------------------------


@dataclass(frozen=True)
class Inert:
    """Scored answers, and those among them that move nothing."""

    scored: tuple[str, ...]
    inert: tuple[str, ...]
    undeclared: tuple[str, ...] = ()
    """The inert answers whose question is not declared ``context: true``: each is a finding."""


def inert_answers(q: Questionnaire, answers: AnswerMap, score: Scorer) -> Inert:
    """The scored answers that, set to each of their options best to worst, move nothing.

    Scored: a question that measures something, applies to the organisation as answered, and
    has an answer with a health score.
    """
    baseline = assess(q, build(q, answers))
    skipped = {m.group(1) for w in baseline.warnings if (m := IGNORED.match(w))}
    scored: list[str] = []
    inert: list[str] = []
    for question in q.questions:
        value = answered(answers, question.id)
        if not is_scored(question) or value is None or question.id in skipped:
            continue
        if health_score(q, question, value) is None:
            continue
        scored.append(question.id)
        seen = {score(answers)}
        for option in options_best_first(q, question):
            seen.add(score(replaced(answers, question.id, Answer(value=option))))
            if len(seen) > 1:
                break
        if len(seen) == 1:
            inert.append(question.id)
    undeclared = tuple(qid for qid in inert if not _is_context(q, qid))
    return Inert(tuple(scored), tuple(inert), undeclared)


def _is_context(q: Questionnaire, question_id: str) -> bool:
    question = q.question(question_id)
    return question is not None and question.context


@dataclass(frozen=True)
class Violation:
    """One change that broke a property: which answer, to what, and what moved."""

    question: str
    change: str
    what: str


@dataclass(frozen=True)
class Tally:
    """How many changes were tried, and those that broke the property."""

    tried: int
    violations: tuple[Violation, ...]
    stage_moves: tuple[Violation, ...] = ()
    """Changes that also moved the lateness: a stage signal read the answer, so it is a profile
    answer too, bounded by the profile measure rather than ordered (docs/design.md, Scoring)."""


def _moved(before: Snapshot, after: Snapshot, *, up: bool) -> str | None:
    """The first thing that moved the wrong way: with ``up``, readiness up or a risk down
    (better for the reader); without, readiness down or a risk up (worse)."""
    if (after.readiness > before.readiness) if up else (after.readiness < before.readiness):
        return f"readiness {before.readiness:g} -> {after.readiness:g}"
    for (fid, old), (_, new) in zip(before.risks, after.risks, strict=True):
        if (new < old) if up else (new > old):
            return f"{fid} {old:.3f} -> {new:.3f}"
    return None


def unknown_beats_answer(q: Questionnaire, answers: AnswerMap, score: Scorer) -> Tally:
    """Every answered question swapped to don't know (where offered) and to blank: the swaps
    that raise readiness or lower any risk."""
    base = score(answers)
    tried = 0
    found: list[Violation] = []
    for question in q.questions:
        if answered(answers, question.id) is None:
            continue
        swaps: list[tuple[str, Answer | None]] = [("blank", None)]
        if question.dont_know:
            swaps.insert(0, ("don't know", Answer(status="dont_know")))
        for label, answer in swaps:
            tried += 1
            what = _moved(base, score(replaced(answers, question.id, answer)), up=True)
            if what is not None:
                found.append(Violation(question.id, label, what))
    return Tally(tried, tuple(found))


def monotonicity(q: Questionnaire, answers: AnswerMap, score: Scorer) -> Tally:
    """Every one-step improvement of one scored answer: those that lower readiness or raise any
    risk, apart from those that also moved the lateness (``stage_moves``)."""
    base = score(answers)
    tried = 0
    found: list[Violation] = []
    staged: list[Violation] = []
    for question in q.questions:
        value = answered(answers, question.id)
        if value is None or not is_scored(question):
            continue
        for better in one_step_better(q, question, value):
            tried += 1
            after = score(replaced(answers, question.id, Answer(value=better)))
            what = _moved(base, after, up=False)
            if what is not None:
                moved = after.lateness != base.lateness
                (staged if moved else found).append(
                    Violation(question.id, f"{value!r} -> {better!r}", what)
                )
    return Tally(tried, tuple(found), tuple(staged))


@dataclass(frozen=True)
class ProfileMove:
    """The largest move of a risk from one one-step change of a profile answer."""

    tried: int
    stage_changes: int
    largest: float
    question: str = ""
    change: str = ""
    factor: str = ""


def profile_sensitivity(q: Questionnaire, answers: AnswerMap, score: Scorer) -> ProfileMove:
    """The largest move of any risk over every one-step change of one profile answer."""
    base = score(answers)
    section = next((s for s in q.sections if s.id == PROFILE_SECTION), None)
    questions = section.questions if section is not None else ()
    tried = changes = 0
    best = ProfileMove(0, 0, 0.0)
    for question in questions:
        value = answered(answers, question.id)
        if value is None:
            continue
        for step in profile_steps(q, question, value):
            tried += 1
            after = score(replaced(answers, question.id, Answer(value=step)))
            changes += after.stage != base.stage
            for (fid, old), (_, new) in zip(base.risks, after.risks, strict=True):
                if abs(new - old) > best.largest:
                    best = ProfileMove(
                        0, 0, abs(new - old), question.id, f"{value!r} -> {step!r}", fid
                    )
    return ProfileMove(tried, changes, best.largest, best.question, best.change, best.factor)


# --- Expectations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """One expectation and whether the engine meets it."""

    name: str
    passed: bool
    detail: str


@dataclass
class Expectation:
    """A persona's expectations, as ``examples/expectations/panel.yaml`` writes them."""

    file: str
    stage: tuple[str, ...]
    risks_flagged: tuple[str, ...] = ()
    risks_not_flagged: tuple[str, ...] = ()
    risks_at_least: dict[str, str] = field(default_factory=dict)
    risks_not_leading: tuple[str, ...] = ()
    advice_leads_any_of: tuple[str, ...] = ()
    advice_not_in_top3: tuple[str, ...] = ()
    not_yet_includes_any_of: tuple[str, ...] = ()
    not_yet_excludes: tuple[str, ...] = ()
    confidence_reported: bool = False
    top3_min_answers: int = 0

    @property
    def name(self) -> str:
        """The persona's name: its file's stem."""
        return Path(self.file).stem


def _tuple(raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (raw,)
    return tuple(str(x) for x in raw)


def load_expectations(path: Path, q: Questionnaire) -> list[Expectation]:
    """The panel's expectations; raises ``ValueError`` naming any id the questionnaire lacks."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    healthy = _tuple(data.get("healthy_outcomes"))
    factors = {f.id for f in q.model.failure_factors}
    capabilities = {c.id for c in q.model.capabilities}
    questions = {x.id for x in q.questions}
    out: list[Expectation] = []
    problems: list[str] = []
    for raw in data["personas"]:
        e = Expectation(
            file=raw["file"],
            stage=_tuple(raw.get("stage")),
            risks_flagged=_tuple(raw.get("risks_flagged")),
            risks_not_flagged=_tuple(raw.get("risks_not_flagged")),
            risks_not_leading=_tuple(raw.get("risks_not_leading")),
            risks_at_least={str(k): str(v) for k, v in (raw.get("risks_at_least") or {}).items()},
            advice_leads_any_of=_tuple(raw.get("advice_leads_any_of")),
            advice_not_in_top3=_tuple(raw.get("advice_not_in_top3")),
            not_yet_includes_any_of=_tuple(raw.get("not_yet_includes_any_of")),
            not_yet_excludes=healthy,
            confidence_reported=bool(raw.get("confidence_reported", False)),
            top3_min_answers=int(raw.get("top3_min_answers", 0)),
        )
        for fid in (
            *e.risks_flagged,
            *e.risks_not_flagged,
            *e.risks_not_leading,
            *e.risks_at_least,
        ):
            if fid not in factors:
                problems.append(f"{e.file}: unknown failure factor {fid!r}")
        for level in e.risks_at_least.values():
            if level not in LEVEL_ORDER:
                problems.append(f"{e.file}: unknown level {level!r}")
        for cid in (*e.advice_leads_any_of, *e.advice_not_in_top3, *e.not_yet_excludes):
            if cid not in capabilities:
                problems.append(f"{e.file}: unknown capability {cid!r}")
        for xid in e.not_yet_includes_any_of:
            if xid not in capabilities and xid not in questions:
                problems.append(f"{e.file}: {xid!r} is neither a capability nor a question")
        out.append(e)
    if problems:
        raise ValueError("; ".join(problems))
    return out


def _strings(data: Any) -> Iterator[str]:
    """Every string inside a dumped model (keys excluded)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, Mapping):
        for item in data.values():
            yield from _strings(item)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _strings(item)


def _keys(data: Any) -> Iterator[str]:
    """Every key inside a dumped model."""
    if isinstance(data, Mapping):
        for key, item in data.items():
            yield str(key)
            yield from _keys(item)
    elif isinstance(data, list | tuple):
        for item in data:
            yield from _keys(item)


def check(result: Assessment, e: Expectation) -> list[Check]:
    """Each expectation of one persona, checked against its assessment."""
    checks: list[Check] = []
    factors = {f.id: f for f in result.failure_factors}

    def shown(fid: str) -> str:
        f = factors[fid]
        where = "" if f.relevant else ", not relevant"
        return f"{f.level} {f.residual_risk:.3f} (exposure {f.exposure:.3f}{where})"

    def flagged(fid: str) -> bool:
        f = factors[fid]
        return f.relevant and f.level in FLAGGED_LEVELS

    if e.stage:
        checks.append(
            Check(
                f"stage {'/'.join(e.stage)}",
                result.stage.id in e.stage,
                f"{result.stage.id} (lateness {result.stage.lateness})",
            )
        )
    for fid in e.risks_flagged:
        checks.append(Check(f"flagged {fid}", flagged(fid), shown(fid)))
    for fid in e.risks_not_flagged:
        checks.append(Check(f"not flagged {fid}", not flagged(fid), shown(fid)))
    leading = [f.id for f in ranked_risks(result.failure_factors, limit=TOP_RISKS)]
    for fid in e.risks_not_leading:
        rank = leading.index(fid) + 1 if fid in leading else None
        checks.append(
            Check(
                f"{fid} not in the top {TOP_RISKS} risks",
                rank is None,
                f"{shown(fid)}, " + (f"top risk {rank}" if rank else "not among them"),
            )
        )
    for fid, level in e.risks_at_least.items():
        f = factors[fid]
        ok = f.relevant and LEVEL_ORDER[f.level] >= LEVEL_ORDER[level]
        checks.append(Check(f"{fid} at least {level}", ok, shown(fid)))
    top3 = [r.capability for r in result.recommendations[:3]]
    if e.advice_leads_any_of:
        checks.append(
            Check(
                f"top 3 has one of {', '.join(e.advice_leads_any_of)}",
                any(c in top3 for c in e.advice_leads_any_of),
                f"top 3: {', '.join(top3) or '-'}",
            )
        )
    for cid in e.advice_not_in_top3:
        rank = next((r.rank for r in result.recommendations if r.capability == cid), None)
        checks.append(
            Check(f"{cid} not in top 3", cid not in top3, f"rank {rank}" if rank else "unranked")
        )
    not_yet = [n.model_dump() for n in result.not_yet]
    named = sorted({s for n in not_yet for s in _strings(n)} & set(e.not_yet_includes_any_of))
    if e.not_yet_includes_any_of:
        checks.append(
            Check(
                "not yet names investment ahead of need",
                bool(named),
                f"not yet: {', '.join(n.question for n in result.not_yet) or 'nothing'}",
            )
        )
    healthy = [n.question for n in result.not_yet if n.question in e.not_yet_excludes]
    checks.append(
        Check(
            "not yet names no healthy outcome",
            not healthy,
            f"names {', '.join(healthy)}" if healthy else "none named",
        )
    )
    if e.confidence_reported:
        found = any("confidence" in k for k in _keys(result.model_dump()))
        checks.append(
            Check("confidence reported", found, "present" if found else "no confidence figure")
        )
    if e.top3_min_answers:
        thin = [
            f"{r.capability} ({len(r.questions)})"
            for r in result.recommendations[:3]
            if len(r.questions) < e.top3_min_answers
        ]
        checks.append(
            Check(
                f"top 3 each rest on >= {e.top3_min_answers} answers",
                not thin,
                f"on fewer: {', '.join(thin)}" if thin else "all do",
            )
        )
    return checks


# --- One persona, and the panel ---------------------------------------------------------------


@dataclass(frozen=True)
class PersonaReport:
    """Everything the panel measured for one persona."""

    name: str
    result: Assessment
    checks: tuple[Check, ...]
    inert: Inert
    unknown: Tally
    monotone: Tally
    profile: ProfileMove
    assessments: int


def measure(q: Questionnaire, answers: Answers, e: Expectation) -> PersonaReport:
    """Assess one persona and run every measurement around it."""
    score = Scorer(q)
    result = assess(q, answers)
    given = dict(answers.answers)
    return PersonaReport(
        name=e.name,
        result=result,
        checks=tuple(check(result, e)),
        inert=inert_answers(q, given, score),
        unknown=unknown_beats_answer(q, given, score),
        monotone=monotonicity(q, given, score),
        profile=profile_sensitivity(q, given, score),
        assessments=score.calls,
    )


def _split(tally: Tally) -> str:
    """How many of the violations are swaps to don't know, and how many to blank."""
    dont_know = sum(v.change == "don't know" for v in tally.violations)
    blank = sum(v.change == "blank" for v in tally.violations)
    return f"don't know {dont_know}, blank {blank}"


def _violations(tally: Tally, limit: int = 8) -> list[str]:
    lines = [f"      {v.question}: {v.change}: {v.what}" for v in tally.violations[:limit]]
    if len(tally.violations) > limit:
        lines.append(f"      ... and {len(tally.violations) - limit} more")
    return lines


def render(report: PersonaReport) -> list[str]:
    """The text printed for one persona."""
    r = report.result
    lines = [f"== {report.name} ({r.organisation})"]
    lines.append(f"  stage      {r.stage.id} (lateness {r.stage.lateness})")
    lines.append(f"  readiness  {r.score:g}")
    for rec in r.recommendations[:3]:
        lines.append(f"  top {rec.rank}      {rec.capability} (priority {rec.priority:.3f})")
    flagged = [f for f in r.failure_factors if f.relevant and f.level in FLAGGED_LEVELS]
    flagged.sort(key=lambda f: (-f.residual_risk, f.id))
    lines.append(
        "  flagged    "
        + (", ".join(f"{f.id} {f.level} {f.residual_risk:.3f}" for f in flagged) or "none")
    )
    lines.append(f"  not yet    {', '.join(n.question for n in r.not_yet) or 'nothing'}")
    passed = sum(c.passed for c in report.checks)
    lines.append(f"  expectations {passed}/{len(report.checks)} pass")
    for c in report.checks:
        lines.append(f"    {'PASS' if c.passed else 'FAIL'} {c.name}: {c.detail}")
    inert = report.inert
    lines.append(
        f"  inert      {len(inert.inert)}/{len(inert.scored)}"
        + (
            ": " + ", ".join(q if q in inert.undeclared else f"{q} (context)" for q in inert.inert)
            if inert.inert
            else ""
        )
    )
    lines.append(
        f"  don't know or blank beats the answer in {len(report.unknown.violations)} of "
        f"{report.unknown.tried} swaps ({_split(report.unknown)})"
    )
    lines += _violations(report.unknown)
    lines.append(
        f"  monotonicity: {len(report.monotone.violations)} of {report.monotone.tried} "
        "one-step improvements lower readiness or raise a risk"
    )
    lines += _violations(report.monotone)
    moves = report.monotone.stage_moves
    if moves:
        lines.append(
            f"  and {len(moves)} that also moved the lateness (a stage signal reads the answer:"
            " a profile move, bounded below)"
        )
        lines += _violations(Tally(len(moves), moves))
    p = report.profile
    lines.append(
        f"  profile: largest risk move {p.largest:.3f} over {p.tried} one-step changes"
        + (f" ({p.question} {p.change}: {p.factor})" if p.question else "")
        + f"; {p.stage_changes} change the stage"
    )
    return lines


def summary(reports: Sequence[PersonaReport]) -> list[str]:
    """The table at the end: one row per persona, then the totals."""
    head = (
        f"{'persona':<28} {'stage':<10} {'ready':>5} {'checks':>7} {'inert':>7} "
        f"{'dk/blank':>9} {'monotone':>9} {'profile':>7}"
    )
    lines = ["== summary", head, "-" * len(head)]
    totals = [0] * 8
    for rep in reports:
        passed = sum(c.passed for c in rep.checks)
        row = (
            passed,
            len(rep.checks),
            len(rep.inert.inert),
            len(rep.inert.scored),
            len(rep.unknown.violations),
            rep.unknown.tried,
            len(rep.monotone.violations),
            rep.monotone.tried,
        )
        totals = [t + x for t, x in zip(totals, row, strict=True)]
        lines.append(
            f"{rep.name:<28} {rep.result.stage.id:<10} {rep.result.score:>5.1f} "
            f"{f'{row[0]}/{row[1]}':>7} {f'{row[2]}/{row[3]}':>7} {f'{row[4]}/{row[5]}':>9} "
            f"{f'{row[6]}/{row[7]}':>9} {rep.profile.largest:>7.3f}"
        )
    lines.append("-" * len(head))
    largest = max((rep.profile.largest for rep in reports), default=0.0)
    lines.append(
        f"{'all':<28} {'':<10} {'':>5} {f'{totals[0]}/{totals[1]}':>7} "
        f"{f'{totals[2]}/{totals[3]}':>7} {f'{totals[4]}/{totals[5]}':>9} "
        f"{f'{totals[6]}/{totals[7]}':>9} {largest:>7.3f}"
    )
    lines.append(
        "checks: expectations met; inert: inert/scored answers; dk/blank: swaps to don't know "
        "or blank that raise readiness or lower a risk; monotone: one-step improvements that "
        "lower readiness or raise a risk; profile: largest risk move from a one-step change of "
        "a profile answer"
    )
    undeclared = sorted({qid for rep in reports for qid in rep.inert.undeclared})
    lines.append(
        "inert answers not declared context: " + (", ".join(undeclared) if undeclared else "none")
    )
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Run the panel and print it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--persona", action="append", default=[], help="only these (file stems)")
    parser.add_argument("--expectations", type=Path, default=EXPECTATIONS)
    parser.add_argument("--questionnaire", type=Path, default=BUNDLED)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    q = load_questionnaire(args.questionnaire)[0]
    expectations = load_expectations(args.expectations, q)
    if args.persona:
        expectations = [e for e in expectations if e.name in args.persona]
    reports = []
    for e in expectations:
        answers = load_answers(REPO / e.file, q)
        report = measure(q, answers, e)
        reports.append(report)
        print("\n".join(render(report)), end="\n\n", flush=True)
        print(
            f"{e.name}: {report.assessments} assessments, "
            f"{time.perf_counter() - start:.1f} s so far",
            file=sys.stderr,
        )
    print("\n".join(summary(reports)))
    print(f"elapsed {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
