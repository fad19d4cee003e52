"""``scaleready explain``: every number behind one finding, down to the answers and rules.

``explain(assessment, questionnaire, id)`` takes the id of a failure factor, capability (and its
recommendation or not-yet finding), value, mechanism or outcome, or one of the words ``stage``
and ``score``, and returns plain text: each number with the formula that produced it and, for
every answer behind it, the question id, the answer, its health score and its weight.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import (
    AnswerRef,
    Assessment,
    CapabilityScore,
    DerivedResult,
    FactorResult,
    ItemScore,
    NotYet,
    Recommendation,
)
from scaleready.render.answer_text import FILE, answer_text

INDENT = "  "


def _pct(x: float | None) -> str:
    return "unmeasured" if x is None else f"{x:g}/100"


def _answer(questionnaire: Questionnaire, ref: AnswerRef, *, exposure: bool = False) -> str:
    if ref.status != "answered":
        shown = answer_text(None, None, None, FILE, status=ref.status)
        if ref.status == "not_applicable":
            return f"{ref.question}: {shown} (a claim: left out of the mean)"
        return f"{ref.question}: {shown} (unknown: counts at its worst, score 0)"
    # An option's evidence is named question:option and a derived value's derived:id.
    qid, _, part = ref.question.partition(":")
    question = questionnaire.question(qid)
    shown = answer_text(ref.value, question, questionnaire, FILE)
    if question is not None and part:
        chosen = ref.value if isinstance(ref.value, tuple | list) else (ref.value,)
        word = "selected" if part in {str(v) for v in chosen} else "not selected"
        text = f"{ref.question} = {word} (answer {shown})"
    else:
        text = f"{ref.question} = {shown}"
    if ref.score is not None:
        text += f": score {ref.score:.3f}"
        if exposure:
            text += f", exposure 1 - {ref.score:.3f} = {1 - ref.score:.3f}"
    else:
        text += ": no score"
    if ref.weight is not None:
        text += f", weight {ref.weight:g}"
    return text


def _lines(prefix: str, items: Iterable[str]) -> list[str]:
    return [prefix + item for item in items]


def _item(questionnaire: Questionnaire, kind: str, item: ItemScore) -> list[str]:
    lines = [f"{kind} {item.id}: {item.name}"]
    if item.score is None:
        lines.append(f"{INDENT}score: unmeasured (no scored answer among {item.total} measuring)")
    else:
        lines.append(
            f"{INDENT}score {item.score:g}/100 = 100 x sum(weight x score) / sum(weight) over "
            f"{item.answered} of {item.total} measuring answers"
        )
    lines += _lines(INDENT * 2, (_answer(questionnaire, e) for e in item.evidence))
    if item.gaps:
        lines.append(f"{INDENT}coverage gaps (not in the mean):")
        lines += _lines(INDENT * 2, (_answer(questionnaire, g) for g in item.gaps))
    return lines


def _factor(questionnaire: Questionnaire, a: Assessment, f: FactorResult) -> list[str]:
    from scaleready.vocabulary import LEVEL_FLOORS

    bounds = "low" + "".join(f" < {bound:g} <= {name}" for bound, name in sorted(LEVEL_FLOORS))
    shown = "shown" if f.relevant else "not shown"
    relevance = (
        f"{shown}: weighs {f.stage_weight:.2f} at the {a.stage.id} stage, confidence "
        f"{f.confidence:.0%}"
    )
    lines = [
        f"Failure factor {f.id}: {f.name}",
        f"{INDENT}{_stages_word(f.stages or (f.stage,))} ({relevance})"
        + (f"; part of {f.part_of}" if f.part_of else ""),
        f"{INDENT}residual risk {f.residual_risk:.3f} ({f.level}) = exposure {f.exposure:.3f} x "
        f"(1 - mitigation {f.mitigation:.3f})",
        f"{INDENT}levels: {bounds}",
        "",
        f"{INDENT}exposure {f.exposure:.3f}, decided by {f.exposure_from}:",
        *_exposure(questionnaire, f),
        "",
        f"{INDENT}mitigation {f.mitigation:.3f} = sum(weight x score) / sum(weight):",
        *_mitigation(f),
    ]
    if f.harms:
        lines.append(f"{INDENT}harms: {', '.join(f.harms)}")
    t = f.triggered_by
    lines.append(
        f"{INDENT}triggered by: questions {', '.join(t.questions) or 'none'}; rules "
        f"{', '.join(t.rules) or 'none'}" + (f"; parts {', '.join(t.parts)}" if t.parts else "")
    )
    return lines


def _exposure(questionnaire: Questionnaire, f: FactorResult) -> list[str]:
    """Where a factor's exposure came from: symptoms, signals, the prior, rules and parts."""
    from scaleready.engine.risks import PRIOR_EXPOSURE

    lines = []
    if f.symptom_exposure is not None:
        lines.append(
            f"{INDENT * 2}symptom exposure {f.symptom_exposure:.3f} = weighted mean of the "
            "exposures below (signals weigh 1)"
        )
    answered = [s for s in f.symptoms if s.score is not None]
    gaps = [s for s in f.symptoms if s.score is None]
    lines += _lines(INDENT * 3, (_answer(questionnaire, s, exposure=True) for s in answered))
    for sig in f.signals:
        lines.append(
            f"{INDENT * 3}signal {sig.id} ({sig.name}): exposure {sig.exposure:.3f}, weight 1"
        )
        lines += _lines(INDENT * 4, (_answer(questionnaire, s, exposure=True) for s in sig.answers))
    if gaps:
        lines.append(f"{INDENT * 2}symptom questions without a scored answer:")
        lines += _lines(INDENT * 3, (_answer(questionnaire, g) for g in gaps))
    if f.exposure_from == "prior":
        lines.append(
            f"{INDENT * 2}nothing is known about it, so it takes the prior exposure "
            f"{PRIOR_EXPOSURE:g} (even odds)"
        )
    if f.rules:
        lines.append(
            f"{INDENT * 2}rules that hold (each adds level x stage weight {f.stage_weight:.2f} x "
            "(1 - mitigation by the capabilities that address it)):"
        )
        for rule in f.rules:
            when = next((r.when for r in questionnaire.rules if r.id == rule.id), "")
            lines.append(
                f"{INDENT * 3}rule {rule.id}: level {rule.level:g}, because {rule.because}"
            )
            if when:
                lines.append(f"{INDENT * 4}when: {when}")
    else:
        lines.append(f"{INDENT * 2}no rule raising it holds")
    if f.parts:
        lines.append(f"{INDENT * 2}parts (exposure at least the highest of them):")
        lines += _lines(INDENT * 3, (f"{p.id}: exposure {p.exposure:.3f}" for p in f.parts))
    return lines


def _mitigation(f: FactorResult) -> list[str]:
    """A factor's mitigation, capability by capability."""
    lines = []
    if not f.mitigated_by:
        lines.append(f"{INDENT * 2}no capability mitigates it")
    for m in f.mitigated_by:
        note = "" if m.score is not None else " (no scored answer: counts as 0)"
        fit = "" if m.in_stage else " (not yet for this stage)"
        lines.append(
            f"{INDENT * 2}{m.capability} ({m.name}): weight {m.weight:g}, score "
            f"{_pct(m.score)}{note}{fit}"
        )
    return lines


def _capability(questionnaire: Questionnaire, a: Assessment, c: CapabilityScore) -> list[str]:
    lines = _item(questionnaire, "Capability", c)
    fit = "fits" if c.in_stage else "does not fit"
    lines.insert(1, f"{INDENT}stages: {', '.join(c.stages)} ({fit} the {a.stage.id} stage)")
    lines.append(f"{INDENT}weight in the readiness score: {c.weight:.3f}")
    mitigates = [f for f in a.failure_factors if any(m.capability == c.id for m in f.mitigated_by)]
    if mitigates:
        lines.append(f"{INDENT}mitigates:")
        for f in mitigates:
            weight = next(m.weight for m in f.mitigated_by if m.capability == c.id)
            rel = "shown" if f.relevant else "not shown"
            lines.append(
                f"{INDENT * 2}{f.id}: weight {weight:g}, {rel}, residual risk {f.residual_risk:.3f}"
            )
    return lines


def _recommendation(questionnaire: Questionnaire, a: Assessment, r: Recommendation) -> list[str]:
    weights = {f.id: f.stage_weight for f in a.failure_factors}
    lines = [
        f"Recommendation #{r.rank}: grow {r.capability} ({r.name}), now {_pct(r.score)}",
        f"{INDENT}priority {r.priority:.3f} = sum over factor trees of the largest stage weight x "
        "residual risk removed if it reached 100:",
    ]
    for f in r.failure_factors:
        lines.append(
            f"{INDENT * 2}{f.id}: residual {f.residual_risk:.3f} -> "
            f"{f.residual_risk - f.removed:.3f} at 100, removes {f.removed:.3f} (stage weight "
            f"{weights.get(f.id, 1.0):.2f})"
        )
        if f.questions or f.rules:
            lines.append(
                f"{INDENT * 3}raised by questions {', '.join(f.questions) or 'none'}; rules "
                f"{', '.join(f.rules) or 'none'}"
            )
    lines.append(f"{INDENT}chain, mechanism -> value -> capability -> failure factor -> outcome:")
    for m in r.mechanisms:
        asked = f" [answers: {', '.join(m.questions)}]" if m.questions else ""
        lines.append(
            f"{INDENT * 2}mechanism {m.id} ({m.name}): {_pct(m.score)}, applies "
            f"{', '.join(m.applies)}{asked}"
        )
    for v in r.values:
        asked = f" [answers: {', '.join(v.questions)}]" if v.questions else ""
        lines.append(f"{INDENT * 2}value {v.id} ({v.name}): {_pct(v.score)}{asked}")
    asked = f" [answers: {', '.join(r.questions)}]" if r.questions else ""
    lines.append(f"{INDENT * 2}capability {r.capability}: {_pct(r.score)}{asked}")
    for f in r.failure_factors:
        lines.append(f"{INDENT * 2}failure factor {f.id}: residual risk {f.residual_risk:.3f}")
    for o in r.outcomes:
        asked = f" [answers: {', '.join(o.questions)}]" if o.questions else ""
        lines.append(f"{INDENT * 2}outcome {o.id} ({o.name}): {_pct(o.score)}{asked}")
    lines.append(f"{INDENT}why: {r.why}")
    return lines


def _not_yet(n: NotYet, measure: str) -> list[str]:
    return [
        f"Not yet: {n.name} (question {n.question}, {measure} {n.strength:.3f})",
        f"{INDENT}{n.why}",
    ]


def _stages_word(stages: tuple[str, ...]) -> str:
    """ "stage x" for one stage, "stages x, y" for several."""
    return f"stage {stages[0]}" if len(stages) == 1 else f"stages {', '.join(stages)}"


def _stage(questionnaire: Questionnaire, a: Assessment) -> list[str]:
    s = a.stage
    lines = [f"Stage: {s.id} ({s.name})", f"{INDENT}{s.reason}"]
    if s.stages:
        bands = "; ".join(f"{b.name} ({b.id}) from {b.from_:g}" for b in s.stages)
        lines.append(f"{INDENT}stages: {bands}")
    if s.assumed:
        lines.append(
            f"{INDENT}weighed at the worst {s.position_name} between 0 and 1: with no signal "
            "evaluable, not knowing must not look safer"
        )
    if s.lateness is not None:
        lines.append(
            f"{INDENT}{s.position_name} {s.lateness:.3f} = sum(weight of signals that hold) / "
            "sum(weight of signals that could be evaluated)"
        )
    for sig in s.signals:
        verdict = {True: "holds", False: "does not hold", None: "not evaluable"}[sig.holds]
        lines.append(
            f"{INDENT * 2}signal {sig.id} (weight {sig.weight:g}): {verdict}; {sig.because}"
        )
        lines += _lines(INDENT * 3, (_answer(questionnaire, r) for r in sig.answers))
    return lines


def _derived(questionnaire: Questionnaire, d: DerivedResult) -> list[str]:
    lines = [f"Derived value {d.id}: {d.name}"]
    if d.value is None:
        lines.append(f"{INDENT}value: unknown (an answer it reads is unknown)")
    else:
        lines.append(f"{INDENT}value: {answer_text(d.value, None, None, FILE)}")
    if d.score is not None:
        lines.append(f"{INDENT}score by its bands: {d.score:.3f}")
    lines.append(f"{INDENT}reads:" if d.inputs else f"{INDENT}reads no answer")
    lines += _lines(INDENT * 2, (_answer(questionnaire, r) for r in d.inputs))
    return lines


def _score(a: Assessment) -> list[str]:
    lines = [
        f"Readiness score {a.score:g}/100",
        f"{INDENT}{a.readiness.method}",
        f"{INDENT}= 100 x sum(weight x score) / sum(weight):",
    ]
    for t in a.readiness.terms:
        lines.append(f"{INDENT * 2}{t.capability}: weight {t.weight:.3f}, score {_pct(t.score)}")
    return lines


def known_ids(assessment: Assessment) -> list[str]:
    """Every id :func:`explain` accepts."""
    ids = ["stage", "score"]
    ids += [f.id for f in assessment.failure_factors]
    ids += [c.id for c in assessment.capabilities]
    ids += [v.id for v in assessment.values]
    ids += [m.id for m in assessment.mechanisms]
    ids += [o.id for o in assessment.outcomes.measured]
    ids += [n.question for n in assessment.not_yet]
    ids += [d.id for d in assessment.derived]
    return list(dict.fromkeys(ids))


def explain(assessment: Assessment, questionnaire: Questionnaire, item_id: str) -> str:
    """Every number behind ``item_id`` in ``assessment``, as text.

    An id used by several kinds of thing (an outcome and a question, say) explains each. Raises
    :class:`~scaleready.errors.UsageError`, with a did-you-mean, for an id the assessment does not
    have.
    """
    from scaleready.errors import UsageError, did_you_mean, visible

    sections: list[list[str]] = []
    finders: list[Callable[[], list[str] | None]] = [
        lambda: _stage(questionnaire, assessment) if item_id == "stage" else None,
        lambda: _score(assessment) if item_id == "score" else None,
    ]
    for build in finders:
        found = build()
        if found is not None:
            sections.append(found)
    for f in assessment.failure_factors:
        if f.id == item_id:
            sections.append(_factor(questionnaire, assessment, f))
    for c in assessment.capabilities:
        if c.id == item_id:
            sections.append(_capability(questionnaire, assessment, c))
            for r in assessment.recommendations:
                if r.capability == item_id:
                    sections.append(_recommendation(questionnaire, assessment, r))
    for n in assessment.not_yet:
        if n.question == item_id:
            sections.append(_not_yet(n, questionnaire.wording.not_yet_measure))
    sections += [_derived(questionnaire, d) for d in assessment.derived if d.id == item_id]
    for kind, items in (
        ("Value", assessment.values),
        ("Mechanism", assessment.mechanisms),
        ("Outcome", assessment.outcomes.measured),
    ):
        for item in items:
            if item.id == item_id:
                sections.append(_item(questionnaire, kind, item))
    if not sections:
        ids = known_ids(assessment)
        raise UsageError(
            f"nothing called {item_id!r} in this assessment{did_you_mean(item_id, ids)}; "
            "explain takes a failure factor, capability, value, mechanism or outcome id, the "
            "question of a not-yet finding, a derived value id, or 'stage' or 'score'"
        )
    # Each line is shown as printable text: a name or note cannot add a line or an escape.
    return "\n\n".join("\n".join(visible(line) for line in s) for s in sections) + "\n"


def example_command(assessment: Assessment, answers_path: str | None = None) -> str:
    """A real ``scaleready explain`` command for the assessment's top finding: its top risk, else
    its first recommendation, else its score; ``ANSWERS`` when the file is not known."""
    import shlex

    from scaleready.engine.risks import ranked_risks

    top = ranked_risks(assessment.failure_factors, limit=1)
    if top:
        item = top[0].id
    elif assessment.recommendations:
        item = assessment.recommendations[0].capability
    else:
        item = "score"
    path = shlex.quote(answers_path) if answers_path else "ANSWERS"
    return f"scaleready explain {path} {item}"
