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

from pydantic import Field

from scaleready.formats._result_base import (
    AnswerRef,
    DerivedResult,
    DoraScore,
    ItemScore,
    Percent,
    Unit,
)
from scaleready.formats._result_outcomes import (
    BenchmarkMetric,
    Claim,
    ClaimGap,
    Dora,
    DoraBenchmark,
    DoraCapability,
    DoraMetricScore,
    LeadTimeVsTeamSize,
    Outcomes,
    Westrum,
)
from scaleready.formats._result_stage import SignalResult, StageBand, StageResult
from scaleready.formats.answers import NotApplicable
from scaleready.formats.frozen import Frozen
from scaleready.vocabulary import (
    ExposureSource,
    Level,
    MechanismLink,
    NotYetReason,
    StageId,
)

__all__ = [
    "AnswerRef",
    "Assessment",
    "BenchmarkMetric",
    "CapabilityScore",
    "ChainFactor",
    "ChainMechanism",
    "ChainOutcome",
    "ChainValue",
    "Claim",
    "ClaimGap",
    "Coverage",
    "DerivedResult",
    "Dora",
    "DoraBenchmark",
    "DoraCapability",
    "DoraMetricScore",
    "DoraScore",
    "FactorResult",
    "ItemScore",
    "LeadTimeVsTeamSize",
    "Mitigator",
    "NotApplicable",
    "NotYet",
    "Outcomes",
    "PartRef",
    "Percent",
    "QuestionnaireInfo",
    "Readiness",
    "ReadinessTerm",
    "Recommendation",
    "RespondentInfo",
    "RuleHit",
    "SignalEvidence",
    "SignalResult",
    "StageBand",
    "StageResult",
    "ToolInfo",
    "Trigger",
    "Unit",
    "Westrum",
]


class QuestionnaireInfo(Frozen):
    """Which questionnaire (and version) the answers were scored with."""

    id: str
    version: str
    title: str


class ToolInfo(Frozen):
    """Which scaleready produced the result."""

    name: str = "scaleready"
    version: str


class RespondentInfo(Frozen):
    """Who answered, as the answers file says."""

    name: str | None = None
    role: str | None = None


class CapabilityScore(ItemScore):
    """A capability, with the stages it belongs to and its weight in the readiness score."""

    stages: tuple[StageId, ...] = Field(
        description="The stages it belongs to (all but the bands between others, naming none)"
    )
    in_stage: bool = Field(
        description="Whether it fits the organisation's stage: one of its stages, or a band "
        "between two stages next to one of them"
    )
    weight: float = Field(
        description="Its weight in the readiness score: the relevant exposure it is responsible "
        "for mitigating (0 when it does not count)"
    )


class Coverage(Frozen):
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


class ReadinessTerm(Frozen):
    """One capability's part in the readiness score."""

    capability: str
    score: Percent | None
    weight: float


class Readiness(Frozen):
    """The readiness score and how it was computed."""

    score: Percent
    method: str
    terms: tuple[ReadinessTerm, ...] = ()
    confidence: Unit = Field(
        default=1.0,
        description="The stage-weighted share of the failure factors' evidence that rests on "
        "answers rather than unknowns",
    )
    find_out: tuple[str, ...] = Field(
        default=(),
        description="With low confidence in what matters, the unknown questions to answer "
        "first, the most telling first",
    )


class SignalEvidence(Frozen):
    """A warning sign that points at a failure factor, with its exposure (1 - score)."""

    id: str
    name: str
    exposure: Unit
    answers: tuple[AnswerRef, ...] = ()


class RuleHit(Frozen):
    """A rule whose condition held, and the exposure it raised a failure factor to."""

    id: str
    level: Unit
    because: str


class PartRef(Frozen):
    """A sub-factor rolled up into its parent."""

    id: str
    exposure: Unit


class Mitigator(Frozen):
    """A capability that mitigates a failure factor, with its mitigation weight."""

    capability: str
    name: str
    weight: float
    score: Percent | None
    in_stage: bool


class Trigger(Frozen):
    """What raised a failure factor: answers that contributed exposure, rules that held, parts."""

    questions: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()


class FactorResult(Frozen):
    """A failure factor: exposure, mitigation and the residual risk left."""

    id: str
    name: str
    stage: StageId = Field(description="The first of its stages")
    stages: tuple[StageId, ...] = Field(
        default=(),
        description="The stages it belongs to (all but the bands between others, naming none)",
    )
    part_of: str | None
    relevant: bool = Field(
        description="Whether it is shown: it belongs to the organisation's stage (stage weight "
        ">= 0.5), or its residual risk is severe (>= 0.5), or stage weight x residual >= 0.15"
    )
    stage_weight: Unit = Field(
        default=1.0,
        description="Its relevance at the organisation's position: a piecewise-linear line "
        "through the stages' anchors, from the questionnaire's floor (0.3 by default) at a stage "
        "it is not named for to 1 at one it is",
    )
    confidence: Unit = Field(
        default=1.0,
        description="The share of its evidence that rests on answers rather than unknowns",
    )
    exposure: Unit
    exposure_from: ExposureSource
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


class ChainMechanism(Frozen):
    """A mechanism to adopt: it grows the capability, addresses a risk it reduces, or applies
    values that grow it."""

    id: str
    name: str
    score: Percent | None
    applies: tuple[str, ...]
    questions: tuple[str, ...] = ()
    link: MechanismLink = Field(
        default="values",
        description="grows: declared for the capability; addresses: works on a failure factor "
        "the recommendation reduces; values: only shares a value with it",
    )
    waits_for: str | None = Field(
        default=None, description="The prerequisite that does not hold for the answers, if any"
    )


class ChainValue(Frozen):
    """A value that grows the capability."""

    id: str
    name: str
    score: Percent | None
    questions: tuple[str, ...] = ()


class ChainFactor(Frozen):
    """A relevant failure factor the capability mitigates, and the risk it would remove."""

    id: str
    name: str
    residual_risk: Unit
    weight: float
    removed: Unit = Field(description="Residual risk removed if the capability reached 100")
    questions: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()


class ChainOutcome(Frozen):
    """An outcome those failure factors harm."""

    id: str
    name: str
    score: Percent | None
    questions: tuple[str, ...] = ()


class Recommendation(Frozen):
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
    adopt_first: tuple[str, ...] = Field(
        default=(),
        description="The mechanisms to start with, in order: they grow the capability (else "
        "address a risk it reduces), are not in full use, and their prerequisites hold",
    )
    values: tuple[ChainValue, ...] = ()
    failure_factors: tuple[ChainFactor, ...] = ()
    outcomes: tuple[ChainOutcome, ...] = ()


class NotYet(Frozen):
    """An investment the answers show being made before the stage calls for it: not yet."""

    question: str = Field(description="The question whose answer shows the investment")
    name: str = Field(description="What is being built or done")
    answer: str = Field(description="The answer that shows it, as the respondent gave it")
    reason: NotYetReason
    strength: Unit = Field(
        description="How untimely it is: max(1 - the stage position, exposure of the failure "
        "factors it would deepen)"
    )
    why: str
    failure_factors: tuple[str, ...] = ()


class Assessment(Frozen):
    """Everything the engine concluded from one set of answers, with the trace behind it."""

    questionnaire: QuestionnaireInfo
    tool: ToolInfo
    respondent: RespondentInfo | None
    organisation: str | None
    stage: StageResult
    score: Percent = Field(description="Readiness for the stage, 0-100 (see readiness.method)")
    readiness: Readiness
    coverage: Coverage
    not_applicable: tuple[NotApplicable, ...] = Field(
        default=(), description='Every "not applicable" answer with its reason'
    )
    capabilities: tuple[CapabilityScore, ...]
    values: tuple[ItemScore, ...]
    mechanisms: tuple[ItemScore, ...]
    failure_factors: tuple[FactorResult, ...]
    recommendations: tuple[Recommendation, ...]
    not_yet: tuple[NotYet, ...]
    outcomes: Outcomes
    warnings: tuple[str, ...]
    derived: tuple[DerivedResult, ...] = Field(
        default=(), description="Derived values and the answers they read (none: no key)"
    )

    def to_json(self) -> str:
        """The result as indented JSON text. Keys come in the models' declared order and lists in
        their documented order, so identical inputs give identical bytes."""
        from scaleready.errors import json_visible

        # No derived values, no key: results without them stay byte for byte what they were.
        exclude = None if self.derived else {"derived"}
        return json_visible(self.model_dump_json(indent=2, exclude=exclude)) + "\n"
