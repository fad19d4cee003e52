"""Measured beside claimed, as every output shows it: one row per DORA figure that was measured
(``scaleready measure --into``) over what people had answered, and whether the two are a large gap
apart (the engine decides: :mod:`scaleready.engine.claims`).

Each side reads as the reports show an answer (the option's label, a number with its unit) with its
DORA band after it, so that a reader sees both numbers: "Between once per month and once every six
months (band 2)" measured, "On demand (band 6)" claimed.
"""

from __future__ import annotations

from dataclasses import dataclass

from scaleready.engine.dora import BAND_METRICS
from scaleready.formats.answers import AnswerValue
from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import Assessment
from scaleready.render.answer_text import READER, answer_text

__all__ = ["GAP_MEANING", "ClaimRow", "claim_rows"]

GAP_MEANING = (
    "A large gap (two or more bands apart) is a finding of its own: the history does not show "
    "what the team believes about its delivery."
)
"""What a large gap means, said once for every output."""


@dataclass(frozen=True)
class ClaimRow:
    """One measured DORA figure beside its claim, as text."""

    metric: str
    name: str
    question: str
    measured: str
    claimed: str
    large_gap: bool

    @property
    def gap(self) -> str:
        """The gap in a word: ``large`` (a finding), ``small`` or ``none`` (as claimed)."""
        if self.large_gap:
            return "large"
        return "none" if self.measured == self.claimed else "small"


def _figure(
    value: AnswerValue, number: float | None, metric: str, question: str, q: Questionnaire
) -> str:
    text = answer_text(value, q.question(question), q, READER)
    if metric in BAND_METRICS and number is not None:
        return f"{text} (band {number:g})"
    return text


def claim_rows(a: Assessment, q: Questionnaire) -> tuple[ClaimRow, ...]:
    """Every DORA metric that carries a claim, in the metrics' order (none: nothing measured)."""
    dora = a.outcomes.dora
    if dora is None:
        return ()
    return tuple(
        ClaimRow(
            metric=m.metric,
            name=m.name,
            question=m.question,
            measured=_figure(m.answer, m.input, m.metric, m.question, q),
            claimed=_figure(m.claimed.answer, m.claimed.input, m.metric, m.question, q),
            large_gap=m.claimed.large_gap,
        )
        for m in dora.metrics
        if m.claimed is not None
    )
