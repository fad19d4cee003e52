"""The result's outcome models: measured outcomes, DORA software delivery performance and its
benchmarks, Westrum culture, lead time against team size. Import them from
:mod:`scaleready.formats.result`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from scaleready.formats._result_base import AnswerRef, DoraScore, ItemScore, Unit
from scaleready.formats.answers import AnswerValue
from scaleready.formats.frozen import Frozen
from scaleready.vocabulary import DoraEdition, DoraVerdict, LeadTimeVerdict, SegmentKind

_SHOWN = "As DORA's Quick Check prints it: toFixed(1) of the exact value (6.35 is 6.3)"


class Claim(Frozen):
    """What people answered before a DORA figure was measured (the answer's ``claimed``)."""

    answer: AnswerValue
    input: float | None = Field(
        description="The DORA band (1-6) or percentage the claim stands for; null: neither"
    )
    score: DoraScore | None = Field(description="The claim scored as the Quick Check would")
    health: Unit | None = Field(description="The claim's health score, 0..1")
    measured_health: Unit | None = Field(description="The measured answer's health score, 0..1")
    large_gap: bool = Field(
        description="The two health scores differ by 0.3 or more (engine.claims.LARGE_GAP)"
    )


class DoraMetricScore(Frozen):
    """One DORA metric, scored as the DORA Quick Check does (0-10)."""

    metric: str
    name: str
    question: str
    answer: AnswerValue
    input: float = Field(description="The DORA band (1-6) or percentage the answer stands for")
    score: DoraScore
    shown: str = Field(description=_SHOWN)
    claimed: Claim | None = Field(
        default=None,
        description="When the answer was measured: what people had answered before, beside it",
    )


class ClaimGap(Frozen):
    """A large gap between a measured DORA figure and what people claimed: a finding of its own
    (the team believes something about its delivery that its history does not show)."""

    metric: str
    name: str
    question: str
    measured: AnswerValue
    measured_input: float = Field(description="The measured DORA band (1-6) or percentage")
    claimed: AnswerValue
    claimed_input: float | None = Field(description="The claimed DORA band or percentage")


class BenchmarkMetric(Frozen):
    """A metric's benchmark in one segment: mean and standard deviation on DORA's 0-10 scale."""

    metric: str
    mean: DoraScore
    mean_shown: str = Field(description=_SHOWN)
    std: float
    flipped: bool = Field(description="Stored by DORA as instability (higher is worse): 10 - mean")
    score: DoraScore | None
    score_shown: str | None = Field(description=_SHOWN)
    verdict: DoraVerdict | None = Field(
        description="above / below: more than one standard deviation from the mean"
    )


class DoraBenchmark(Frozen):
    """DORA's benchmark for one segment (all industries, an industry, an org size), in the
    result's edition.

    ``metrics`` holds the edition's metrics, then ``throughput`` and ``stability`` where its files
    have them (2025), and ``overall``: the mean of the metric means after the flip, as DORA's app
    shows it.
    """

    segment: SegmentKind
    key: str
    name: str
    overall: DoraScore
    overall_shown: str = Field(description=_SHOWN)
    metrics: tuple[BenchmarkMetric, ...]
    notes: tuple[str, ...] = ()


class DoraCapability(Frozen):
    """One of the Quick Check's "help me prioritise" capabilities, scored as its app does: each
    1-5 answer recoded to 0-10, then the mean of the answered statements."""

    id: str = Field(description="DORA's short name: ci, arch or culture")
    name: str = Field(description="DORA's name for the capability")
    score: DoraScore | None = Field(description="null: none of its statements answered")
    shown: str | None = Field(description=_SHOWN)
    answered: int
    total: int
    questions: tuple[str, ...] = Field(description="The questions carrying its statements")


class Dora(Frozen):
    """Software delivery performance as the DORA Quick Check computes it."""

    metrics: tuple[DoraMetricScore, ...]
    overall: DoraScore | None
    throughput: DoraScore | None
    stability: DoraScore | None
    overall_shown: str | None = Field(description=_SHOWN)
    throughput_shown: str | None = Field(description=_SHOWN)
    stability_shown: str | None = Field(description=_SHOWN)
    benchmarks: tuple[DoraBenchmark, ...]
    source: str
    edition: DoraEdition = Field(description="Which year's DORA benchmarks these are")
    capabilities: tuple[DoraCapability, ...] = Field(
        default=(),
        description="The Quick Check's capability scores, when its statements were asked",
        exclude_if=lambda value: not value,
    )
    gaps: tuple[ClaimGap, ...] = Field(
        default=(),
        description="Measured figures far from what people claimed, in the metrics' order",
    )


class Westrum(Frozen):
    """Westrum organisational culture: the mean of the 1-7 answers."""

    score: Annotated[float, Field(ge=1, le=7)] | None
    answered: int
    total: int
    answers: tuple[AnswerRef, ...] = ()


class LeadTimeVsTeamSize(Frozen):
    """Lead time for changes against the benchmark for the number of developers."""

    developers_question: str
    lead_time_question: str
    developers: float
    max_developers: int | None = Field(description="The benchmark band's upper bound; null: open")
    expected_min_days: float
    expected_max_days: float
    answer: AnswerValue
    answer_min_days: float
    answer_max_days: float | None = Field(description="null: no upper bound")
    verdict: LeadTimeVerdict


class Outcomes(Frozen):
    """The positive outcomes: measured outcome scores, DORA, Westrum culture, lead time."""

    measured: tuple[ItemScore, ...] = ()
    dora: Dora | None = None
    westrum: Westrum | None = None
    lead_time_vs_team_size: LeadTimeVsTeamSize | None = None
