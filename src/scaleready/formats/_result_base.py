"""The building blocks of every result model: the base class, the rounded number types, a
reference to an answer and an item's score. Kept apart so that the outcome models
(:mod:`scaleready.formats._result_outcomes`) and the rest of :mod:`scaleready.formats.result`
share them without importing each other; import them from :mod:`scaleready.formats.result`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from scaleready.formats.answers import AnswerValue
from scaleready.formats.frozen import Frozen
from scaleready.vocabulary import AnswerStatus

Percent = Annotated[float, Field(ge=0, le=100)]
Unit = Annotated[float, Field(ge=0, le=1)]
DoraScore = Annotated[float, Field(ge=0, le=10)]


class AnswerRef(Frozen):
    """One answer behind a number: the question, what was answered, its health score and the
    weight it carries in the number it feeds (``None`` where it carries none)."""

    question: str
    status: AnswerStatus
    value: AnswerValue | None = None
    score: Unit | None = Field(default=None, description="The answer's health score, 0..1")
    weight: float | None = None


class DerivedResult(Frozen):
    """A derived value of the questionnaire: what it came to for these answers and the answers
    it read (``value`` is ``None`` when one of them is unknown)."""

    id: str
    name: str
    value: AnswerValue | None = None
    score: Unit | None = Field(
        default=None, description="Its health score by its bands, 0..1 (if it has bands)"
    )
    inputs: tuple[AnswerRef, ...] = ()


class ItemScore(Frozen):
    """A value, mechanism or outcome of the model, scored from the answers that measure it."""

    id: str
    name: str
    score: Percent | None = Field(
        description="Weighted mean of the health scores of the answers that measure it, 0-100; "
        "null when none of them has a scored answer"
    )
    answered: int = Field(description="Measuring answers that were scored")
    total: int = Field(description="Measuring questions that apply to this organisation")
    evidence: tuple[AnswerRef, ...] = ()
    gaps: tuple[AnswerRef, ...] = Field(
        default=(), description="Measuring questions not answered, don't know or not applicable"
    )
