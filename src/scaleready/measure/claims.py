"""Where the history contradicts what people said: each measured answer beside the claimed one.

A gap is large when the two answers' health scores (the questionnaire's own scores, 0..1, as the
engine computes them) differ by :data:`LARGE_GAP` or more: two bands of DORA's six apart
(``on-demand`` claimed, ``monthly-to-six-monthly`` measured), or, for a percentage, two or more of
the question's bands (5 % claimed, 33 % measured). A large gap is a finding of its own: the team
believes something about its delivery that the repository does not show.
"""

from __future__ import annotations

from collections.abc import Mapping

from scaleready.formats.answers import Answer, AnswerValue
from scaleready.formats.frozen import Frozen
from scaleready.formats.questionnaire import Questionnaire
from scaleready.measure.answers import MEASURED_PREFIX
from scaleready.measure.model import Measurement

LARGE_GAP = 0.3
"""The difference in health score (0..1) from which a gap between claim and measure is large."""


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
        # The tolerance keeps two bands apart (0.6 - 0.4 in floating point) a large gap.
        large = (
            claimed is not None
            and measured is not None
            and abs(claimed - measured) >= LARGE_GAP - 1e-9
        )
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
