"""From figures to answers: each measured metric as the questionnaire's answer to its question.

A band metric (lead time, deployment frequency, recovery time) answers with the option whose
``value`` is its DORA band; a percentage answers with the number. A metric that was not measured
gives no answer, so a measurement never replaces a person's answer with a guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scaleready.formats.answers import Answer
from scaleready.formats.questionnaire import Questionnaire
from scaleready.measure.model import Measurement, Metric

MEASURED_PREFIX = "measured by scaleready measure"
"""How a measured answer's note begins, so that people (and a later run) can tell it apart."""
_CLAIMED = " (claimed before: "


# Our metric ids, and the keys a questionnaire's ``benchmarks.dora`` names its questions by.
DORA_KEYS = {
    "lead-time": "leadtime",
    "deploy-frequency": "deployfreq",
    "recovery-time": "failurerecovery",
    "change-fail-rate": "changefailure",
    "rework-rate": "rework",
}


def question_for(metric_id: str, questionnaire: Questionnaire) -> str | None:
    """The question that asks for a metric: the one the questionnaire's ``benchmarks.dora``
    names, or else the question whose id is the metric's (the bundled questionnaire's ids)."""
    dora = questionnaire.benchmarks.dora if questionnaire.benchmarks else None
    named = getattr(dora, DORA_KEYS[metric_id]) if dora is not None else None
    wanted = named or metric_id
    return wanted if any(q.id == wanted for q in questionnaire.questions) else None


def _answer_of(metric: Metric, questionnaire: Questionnaire) -> str | float | None:
    if metric.status != "measured" or metric.value is None or metric.question is None:
        return None
    question = questionnaire.question(metric.question)
    if question is None:  # pragma: no cover - question_for only names questions that exist
        return None
    if metric.band is None:
        # A percentage answers a number question; a question asked otherwise is left to people.
        percentage = round(min(100.0, max(0.0, metric.value)), 1)
        return percentage if question.type == "number" else None
    if question.type != "choice":
        return None
    options = questionnaire.options_of(question)
    key = next((o.key for o in options if o.value == metric.band), None)
    return str(key) if key is not None else None


def with_answers(
    metrics: Sequence[Metric], questionnaire: Questionnaire | None
) -> tuple[Metric, ...]:
    """The metrics, each with the answer it gives to ``questionnaire`` (if one is given)."""
    if questionnaire is None:
        return tuple(metrics)
    asked = [m.model_copy(update={"question": question_for(m.id, questionnaire)}) for m in metrics]
    return tuple(m.model_copy(update={"answer": _answer_of(m, questionnaire)}) for m in asked)


def answers_of(measurement: Measurement) -> dict[str, str | float]:
    """The answers the measurement gives, by question id (the organisation's when several
    repositories were measured)."""
    metrics = measurement.overall.metrics
    return {m.question: m.answer for m in metrics if m.question and m.answer is not None}


def note_of(metric: Metric, measurement: Measurement) -> str:
    """The note a measured answer carries: the figure, its sample and window, and its evidence
    in short."""
    where = ", ".join(r.repository for r in measurement.repositories)
    evidence = "; ".join(metric.evidence[:3])
    more = metric.evidence_total - min(3, len(metric.evidence))
    if more > 0:
        evidence += f"; and {more} more"
    return (
        f"{MEASURED_PREFIX} from {where}, {measurement.since[:10]} to {measurement.until[:10]}: "
        f"{metric.value:g} {metric.unit} (n={metric.sample}, {metric.confidence} confidence)"
        + (f"; evidence: {evidence}" if evidence else "")
    )


def measured_entries(measurement: Measurement, previous: Mapping[str, Answer]) -> dict[str, Answer]:
    """The answers to write: every previous answer, with the measured ones replaced and noted.

    The value a person had answered is kept as the answer's ``claimed`` (which ``score`` shows
    beside the measurement) and in the note, with their own note after the measurement's, so that
    the claim is not lost.
    """
    out = dict(previous)
    for metric in measurement.overall.metrics:
        if metric.answer is None or metric.question is None:
            continue
        note = note_of(metric, measurement)
        old = previous.get(metric.question)
        old_note = old.note or "" if old is not None else ""
        claimed = None
        if old is not None and old_note.startswith(MEASURED_PREFIX):
            # Measured again: keep the claim the first measurement recorded.
            note += old_note[old_note.find(_CLAIMED) :] if _CLAIMED in old_note else ""
            claimed = old.claimed
        elif old is not None:
            said = old.value if old.status == "answered" else old.status.replace("_", " ")
            note += f"{_CLAIMED}{said}" + (f"; {old_note})" if old_note else ")")
            claimed = old.value if old.status == "answered" else None
        out[metric.question] = Answer(value=metric.answer, claimed=claimed, note=note)
    return out
