"""The stage part of an assessment's result: the stages, the position, the signals that decided it.

Re-exported by :mod:`scaleready.formats.result`, which holds the rest of the result.
"""

from __future__ import annotations

from pydantic import ConfigDict, Field

from scaleready.formats._result_base import AnswerRef, Unit
from scaleready.formats.frozen import Frozen
from scaleready.vocabulary import StageName


class SignalResult(Frozen):
    """One stage signal: whether it holds, and the answers it read."""

    id: str
    weight: float
    because: str
    holds: bool | None = Field(
        description="null when it could not be evaluated (a question it reads is not answered)"
    )
    answers: tuple[AnswerRef, ...] = ()


class StageBand(Frozen):
    """One of the questionnaire's stages: where its band of the position starts, and its anchor."""

    # "from" is a Python keyword: the field is from_, and the JSON says "from" as the format does.
    model_config = ConfigDict(serialize_by_alias=True)

    id: str
    name: str
    label: str | None = Field(default=None, description="A short name for charts")
    from_: Unit = Field(alias="from", description="Where its band of the position starts")
    at: Unit = Field(description="Its anchor: where an item of this stage has its full relevance")
    between: bool = Field(
        default=False, description="A band between its neighbours, where the items of both fit"
    )


class StageResult(Frozen):
    """The organisation's stage and the evidence that decided it."""

    id: StageName = Field(description="One of the questionnaire's stage ids")
    name: str
    lateness: Unit | None = Field(
        description="The position (0..1) that places the organisation among the stages: the "
        "weighted share of the evaluable stage signals that hold; null when none could be "
        "evaluated"
    )
    early_below: Unit = Field(
        description="Where the first stage's band ends (kept for older consumers)"
    )
    late_from: Unit = Field(
        description="Where the last stage's band starts (kept for older consumers)"
    )
    assumed: bool = Field(
        description="True when no signal could be evaluated: the first stage is shown, and the "
        "engine weighs at the worst position of the whole range"
    )
    reason: str
    signals: tuple[SignalResult, ...] = ()
    stages: tuple[StageBand, ...] = Field(
        default=(), description="The questionnaire's stages, in order"
    )
    position_name: str = Field(
        default="position", description="What the questionnaire calls the position"
    )
    signals_heading: str = Field(
        default="stage signals",
        description="How the questionnaire introduces the signals that hold",
    )
