"""The result of an assessment: immutable models, dumped as JSON with ``model_dump_json``.

Every list is in a fixed order (the questionnaire's order, or a documented sort with ids breaking
ties) and every number is rounded, so identical inputs give byte-identical JSON:

- 0-100 scores (capabilities, values, mechanisms, outcomes, the readiness score, coverage) to one
  decimal;
- 0..1 quantities (answer health scores, exposure, mitigation, residual risk, priority, lateness)
  to three decimals;
- DORA scores (DORA's 0-10 scale) to two decimals, so that the 6.72 benchmark shows as DORA shows it.

``scaleready schema result`` prints this module's JSON Schema (serialization mode: every key is
always present, ``null`` where there is nothing to say).
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from scaleready.formats._frozen import Frozen as ResultModel
from scaleready.formats.answers import AnswerStatus, AnswerValue

Percent = Annotated[float, Field(ge=0, le=100)]
Unit = Annotated[float, Field(ge=0, le=1)]
DoraScore = Annotated[float, Field(ge=0, le=10)]
Level = Literal["low", "medium", "high", "critical"]
StageName = Literal["early", "transition", "late"]
StageId = Literal["early", "late"]
Verdict = Literal["above", "within", "below"]


class QuestionnaireInfo(ResultModel):
    """Which questionnaire (and version) the answers were scored with."""

    id: str
    version: str
    title: str


class ToolInfo(ResultModel):
    """Which scaleready produced the result."""

    name: str = "scaleready"
    version: str


class RespondentInfo(ResultModel):
    """Who answered, as the answers file says."""

    name: str | None = None
    role: str | None = None


class AnswerRef(ResultModel):
    """One answer behind a number: the question, what was answered, its health score and the
    weight it carries in the number it feeds (``None`` where it carries none)."""

    question: str
    status: AnswerStatus
    value: AnswerValue | None = None
    score: Unit | None = Field(default=None, description="The answer's health score, 0..1")
    weight: float | None = None


class ItemScore(ResultModel):
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


class CapabilityScore(ItemScore):
    """A capability, with the stages it belongs to and its weight in the readiness score."""

    stages: tuple[StageId, ...]
    in_stage: bool = Field(description="Whether the organisation's stage is one of its stages")
    weight: float = Field(
        description="Its weight in the readiness score: the relevant exposure it is responsible "
        "for mitigating (0 when it does not count)"
    )


class SignalResult(ResultModel):
    """One stage signal: whether it holds, and the answers it read."""

    id: str
    weight: float
    because: str
    holds: bool | None = Field(
        description="null when it could not be evaluated (a question it reads is not answered)"
    )
    answers: tuple[AnswerRef, ...] = ()


class StageResult(ResultModel):
    """The organisation's stage and the evidence that decided it."""

    id: StageName
    name: str
    lateness: Unit | None = Field(
        description="Weighted share of the evaluable stage signals that hold; null when none "
        "could be evaluated"
    )
    early_below: Unit
    late_from: Unit
    assumed: bool = Field(
        description="True when no signal could be evaluated and early was assumed"
    )
    reason: str
    signals: tuple[SignalResult, ...] = ()


class Coverage(ResultModel):
    """How much of the questionnaire was answered, among the questions that apply."""

    applicable: int
    answered: int
    dont_know: int
    not_applicable: int
    unanswered: int
    not_asked: int = Field(description="Questions whose condition does not hold")
    percent: Percent = Field(description="answered / applicable x 100")
    unanswered_questions: tuple[str, ...] = ()
    dont_know_questions: tuple[str, ...] = ()


class ReadinessTerm(ResultModel):
    """One capability's part in the readiness score."""

    capability: str
    score: Percent | None
    weight: float


class Readiness(ResultModel):
    """The readiness score and how it was computed."""

    score: Percent
    method: str
    terms: tuple[ReadinessTerm, ...] = ()


class SignalEvidence(ResultModel):
    """A scaling-pain signal that points at a failure factor, with its exposure (1 - score)."""

    id: str
    name: str
    exposure: Unit
    answers: tuple[AnswerRef, ...] = ()


class RuleHit(ResultModel):
    """A rule whose condition held, and the exposure it raised a failure factor to."""

    id: str
    level: Unit
    because: str


class PartRef(ResultModel):
    """A sub-factor rolled up into its parent."""

    id: str
    exposure: Unit


class Mitigator(ResultModel):
    """A capability that mitigates a failure factor, with its mitigation weight."""

    capability: str
    name: str
    weight: float
    score: Percent | None
    in_stage: bool


class Trigger(ResultModel):
    """What raised a failure factor: answers that contributed exposure, rules that held, parts."""

    questions: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()


class FactorResult(ResultModel):
    """A failure factor: exposure, mitigation and the residual risk left."""

    id: str
    name: str
    stage: StageId
    part_of: str | None
    relevant: bool = Field(description="Whether it belongs to the organisation's stage")
    exposure: Unit
    exposure_from: Literal["answers", "rules", "parts", "prior"]
    symptom_exposure: Unit | None = Field(
        description="Weighted mean of (1 - score) of its symptom answers and signals"
    )
    mitigation: Unit
    residual_risk: Unit
    level: Level
    symptoms: tuple[AnswerRef, ...] = ()
    signals: tuple[SignalEvidence, ...] = ()
    rules: tuple[RuleHit, ...] = ()
    parts: tuple[PartRef, ...] = ()
    mitigated_by: tuple[Mitigator, ...] = ()
    unscored_capabilities: tuple[str, ...] = Field(
        default=(), description="Mitigating capabilities with no scored answer (counted as 0)"
    )
    harms: tuple[str, ...] = ()
    triggered_by: Trigger = Field(default_factory=Trigger)


class ChainMechanism(ResultModel):
    """A mechanism to adopt: it applies values that grow the capability."""

    id: str
    name: str
    score: Percent | None
    applies: tuple[str, ...]
    questions: tuple[str, ...] = ()


class ChainValue(ResultModel):
    """A value that grows the capability."""

    id: str
    name: str
    score: Percent | None
    questions: tuple[str, ...] = ()


class ChainFactor(ResultModel):
    """A relevant failure factor the capability mitigates, and the risk it would remove."""

    id: str
    name: str
    residual_risk: Unit
    weight: float
    removed: Unit = Field(description="Residual risk removed if the capability reached 100")
    questions: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()


class ChainOutcome(ResultModel):
    """An outcome those failure factors harm."""

    id: str
    name: str
    score: Percent | None
    questions: tuple[str, ...] = ()


class Recommendation(ResultModel):
    """Grow one capability: why, by how much it would cut risk, and the chain behind it."""

    rank: int
    capability: str
    name: str
    score: Percent | None
    priority: float = Field(
        ge=0,
        description="Residual risk removed across all relevant failure factors if the "
        "capability reached 100",
    )
    why: str
    questions: tuple[str, ...] = ()
    mechanisms: tuple[ChainMechanism, ...] = ()
    values: tuple[ChainValue, ...] = ()
    failure_factors: tuple[ChainFactor, ...] = ()
    outcomes: tuple[ChainOutcome, ...] = ()


class NotYet(ResultModel):
    """A capability that does not fit the organisation's stage: don't build it yet."""

    capability: str
    name: str
    stages: tuple[StageId, ...]
    score: Percent | None
    reason: Literal["being_built", "would_rank"]
    why: str
    failure_factors: tuple[str, ...] = ()


class DoraMetricScore(ResultModel):
    """One DORA metric, scored as the DORA Quick Check does (0-10)."""

    metric: str
    name: str
    question: str
    answer: AnswerValue
    input: float = Field(description="The DORA band (1-6) or percentage the answer stands for")
    score: DoraScore


class BenchmarkMetric(ResultModel):
    """A metric's benchmark in one segment: mean and standard deviation on DORA's 0-10 scale."""

    metric: str
    mean: DoraScore
    std: float
    flipped: bool = Field(description="Stored by DORA as instability (higher is worse): 10 - mean")
    score: DoraScore | None
    verdict: Verdict | None = Field(
        description="above / below: more than one standard deviation from the mean"
    )


class DoraBenchmark(ResultModel):
    """DORA's 2025 benchmark for one segment (all industries, an industry, an org size).

    ``metrics`` holds the five metrics, then ``throughput``, ``stability`` and ``overall``;
    ``overall`` is the mean of the five metric means after the flip, as DORA's app shows it.
    """

    segment: Literal["all", "industry", "organisation_size"]
    key: str
    name: str
    overall: DoraScore
    metrics: tuple[BenchmarkMetric, ...]
    notes: tuple[str, ...] = ()


class Dora(ResultModel):
    """Software delivery performance as the DORA Quick Check computes it."""

    metrics: tuple[DoraMetricScore, ...]
    overall: DoraScore | None
    throughput: DoraScore | None
    stability: DoraScore | None
    benchmarks: tuple[DoraBenchmark, ...]
    source: str


class Westrum(ResultModel):
    """Westrum organisational culture: the mean of the 1-7 answers."""

    score: Annotated[float, Field(ge=1, le=7)] | None
    answered: int
    total: int
    answers: tuple[AnswerRef, ...] = ()


class LeadTimeVsTeamSize(ResultModel):
    """Lead time for changes against the benchmark for the number of developers (slide 15)."""

    developers_question: str
    lead_time_question: str
    developers: float
    max_developers: int | None = Field(description="The benchmark band's upper bound; null: open")
    expected_min_days: float
    expected_max_days: float
    answer: AnswerValue
    answer_min_days: float
    answer_max_days: float | None = Field(description="null: no upper bound")
    verdict: Literal["faster", "within", "slower"]


class Outcomes(ResultModel):
    """The positive outcomes: measured outcome scores, DORA, Westrum culture, lead time."""

    measured: tuple[ItemScore, ...] = ()
    dora: Dora | None = None
    westrum: Westrum | None = None
    lead_time_vs_team_size: LeadTimeVsTeamSize | None = None


class Assessment(ResultModel):
    """Everything the engine concluded from one set of answers, with the trace behind it."""

    questionnaire: QuestionnaireInfo
    tool: ToolInfo
    respondent: RespondentInfo | None
    organisation: str | None
    stage: StageResult
    score: Percent = Field(description="Readiness for the stage, 0-100 (see readiness.method)")
    readiness: Readiness
    coverage: Coverage
    capabilities: tuple[CapabilityScore, ...]
    values: tuple[ItemScore, ...]
    mechanisms: tuple[ItemScore, ...]
    failure_factors: tuple[FactorResult, ...]
    recommendations: tuple[Recommendation, ...]
    not_yet: tuple[NotYet, ...]
    outcomes: Outcomes
    warnings: tuple[str, ...]

    def to_json(self) -> str:
        """The result as indented JSON text. Keys come in the models' declared order and lists in
        their documented order, so identical inputs give identical bytes."""
        return self.model_dump_json(indent=2) + "\n"
