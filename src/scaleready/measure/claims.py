"""Where the history contradicts what people said: each measured answer beside the claimed one.

A gap is large as the engine defines it (:mod:`scaleready.engine.claims`: health scores 0.3 or
more apart), so that ``measure --compare`` and ``score`` agree. A large gap is a finding of its
own: the team believes something about its delivery that the repository does not show.
"""

from __future__ import annotations

from collections.abc import Mapping

from scaleready.engine.claims import is_large_gap
from scaleready.formats.answers import Answer, AnswerValue
from scaleready.formats.frozen import Frozen
from scaleready.formats.questionnaire import Questionnaire
from scaleready.measure.answers import MEASURED_PREFIX
from scaleready.measure.model import Measurement


class Gap(Frozen):
    """One metric's claimed answer beside its measured one."""

    question: str
    name: str
    claimed: AnswerValue
    measured: str | float
    figure: str
    claimed_score: float | None
    measured_score: float | None
    large: bool


def compare_claims(
    measurement: Measurement, answers: Mapping[str, Answer], questionnaire: Questionnaire
) -> tuple[Gap, ...]:
    """Each measured metric whose question has a claimed answer (a value a person gave, not one
    an earlier measurement wrote), in the metrics' order."""
    from scaleready.engine.facts import health_score

    out = []
    for metric in measurement.overall.metrics:
        answer = answers.get(metric.question or "")
        if metric.question is None or metric.answer is None or answer is None:
            continue
        if answer.value is None or (answer.note or "").startswith(MEASURED_PREFIX):
            continue
        question = questionnaire.question(metric.question)
        assert question is not None  # the metric's question is the questionnaire's
        claimed = health_score(questionnaire, question, answer.value)
        measured = health_score(questionnaire, question, metric.answer)
        large = is_large_gap(claimed, measured)
        out.append(
            Gap(
                question=metric.question,
                name=metric.name,
                claimed=answer.value,
                measured=metric.answer,
                figure=f"{metric.value:g} {metric.unit}, n={metric.sample}",
                claimed_score=claimed,
                measured_score=measured,
                large=large,
            )
        )
    return tuple(out)


def gap_lines(gaps: tuple[Gap, ...]) -> list[str]:
    """The gaps as terminal lines (under 80 columns but for long answers)."""
    if not gaps:
        return []
    lines = ["", "claimed vs measured:"]
    for gap in gaps:
        verdict = "a large gap" if gap.large else "consistent"
        lines.append(f"  {gap.name}: {verdict}")
        lines.append(f"    claimed {gap.claimed}, measured {gap.measured} ({gap.figure})")
    return lines
