"""The immutable result of a workshop: what every participant said, question by question, where
they disagree, the group's consensus and what the engine makes of it, and the gaps between roles.

Like :class:`~scaleready.formats.result.Assessment`, every list has a fixed, documented order and every
number is rounded (0..1 quantities to three decimals, 0-100 scores to one), so identical inputs
give byte-identical JSON (:meth:`WorkshopAssessment.to_json`), whatever order the files came in.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from scaleready.formats.answers import AnswerValue
from scaleready.formats.frozen import Frozen
from scaleready.formats.result import (
    Assessment,
    Percent,
    QuestionnaireInfo,
    ToolInfo,
    Unit,
)
from scaleready.vocabulary import AnswerStatus, StageName

Anonymity = Literal["none", "names", "all"]
QuestionKind = Literal["ordered", "unordered", "multi", "number", "boolean", "text"]


class Participant(Frozen):
    """One answers file. ``id`` (P1, P2...) follows the files' content hashes, so it does not
    depend on the order the files were named in, nor on names or paths."""

    id: str
    name: str | None = Field(description="The respondent's name; null when anonymous")
    role: str | None = Field(
        description="The respondent's role; null when unknown or --anonymous=all"
    )
    file: str | None = Field(description="The answers file; null when anonymous")
    stage: StageName = Field(description="The stage the engine decides from this person's answers")
    applicable: int = Field(description="Questions that apply to this person's answers")
    answered: int
    dont_know: int


class Bucket(Frozen):
    """One bar of a question's distribution: an option, a boolean, a band or a range of numbers."""

    label: str
    key: str | int | bool | None = Field(description="The option key or boolean; null for numbers")
    low: float | None = Field(default=None, description="Numbers: the bucket's lower bound")
    high: float | None = Field(default=None, description="Numbers: the bucket's upper bound")
    count: int = Field(description="Participants whose answer falls here (multi: who chose it)")
    score: Unit | None = Field(default=None, description="The health score of this answer, 0..1")


class ConsensusAnswer(Frozen):
    """The group's answer to one question, as written to the consensus answers file."""

    status: AnswerStatus
    value: AnswerValue | None = None
    note: str | None = None


class QuestionSummary(Frozen):
    """Everything the participants said to one question, and how much they disagree."""

    id: str
    section: str
    text: str
    type: str
    kind: QuestionKind = Field(
        description="How the answers are aggregated: ordered (options with scores), unordered "
        "(options without), multi, number, boolean or text"
    )
    participants: int
    responses: int = Field(description="Participants who gave a value")
    dont_know: int
    not_applicable: int
    no_answer: int = Field(description="Participants who left it blank or were not asked it")
    distribution: tuple[Bucket, ...]
    median: AnswerValue | None = Field(
        description="Ordered options: the median option in score order (the lower of the two "
        "middle ones for an even count); numbers: the median value"
    )
    q1: float | None = Field(description="Numbers: the lower quartile")
    q3: float | None = Field(description="Numbers: the upper quartile")
    mode: AnswerValue | None = Field(description="Unordered options and booleans: the most given")
    mode_share: Unit | None
    health_median: Unit | None = Field(description="Median of the answers' health scores, 0..1")
    health_spread: Unit | None = Field(
        description="Population standard deviation of the answers' health scores (0..0.5)"
    )
    disagreement: Unit = Field(description="0 (all agree) .. 1 (split down the middle)")
    importance: Unit = Field(
        description="How much the question bears on the consensus's residual risk, relative to "
        "the question that bears most (1)"
    )
    consensus: ConsensusAnswer | None


class AgendaItem(Frozen):
    """A question to discuss, ranked by disagreement x importance."""

    rank: int
    question: str
    section: str
    text: str
    disagreement: Unit
    importance: Unit
    priority: Unit = Field(description="disagreement x importance")
    responses: int
    spread: str = Field(description="The distribution in words, for the agenda")
    bears_on: tuple[str, ...] = Field(
        description="The relevant failure factors it bears on most, by name, largest share first"
    )
    claims: tuple[str, ...] = Field(
        default=(),
        description="Measured answers far from what their participant had claimed (a large gap, "
        "as the engine defines it), each with both figures; such an item is discussed first",
    )


class RoleCapability(Frozen):
    """One role's mean score of one capability, over the participants who have a score."""

    capability: str
    score: Percent | None
    participants: int


class RoleScores(Frozen):
    """A role and its mean capability scores."""

    role: str
    participants: int
    capabilities: tuple[RoleCapability, ...]


class RoleGap(Frozen):
    """Two roles that see a capability at least ``GAP_FROM`` points apart."""

    capability: str
    name: str
    higher_role: str
    higher_score: Percent
    lower_role: str
    lower_score: Percent
    difference: Percent


class Missing(Frozen):
    """The applicable questions a participant did not answer (left out when anonymous)."""

    participant: str
    questions: tuple[str, ...]


class Method(Frozen):
    """How the numbers were computed, in words (docs/workshop.md has the detail)."""

    disagreement: str
    importance: str
    priority: str
    consensus: str
    role_gaps: str


class WorkshopAssessment(Frozen):
    """A whole workshop: participants, per-question aggregates, the agenda, role gaps, and the
    consensus answers scored by the engine."""

    questionnaire: QuestionnaireInfo
    tool: ToolInfo
    organisation: str | None
    anonymity: Anonymity
    participants: tuple[Participant, ...]
    questions: tuple[QuestionSummary, ...]
    agenda: tuple[AgendaItem, ...]
    roles: tuple[RoleScores, ...]
    role_gaps: tuple[RoleGap, ...]
    missing: tuple[Missing, ...]
    consensus: Assessment
    method: Method
    warnings: tuple[str, ...] = Field(
        default=(),
        description="What a reader must know before trusting the aggregate, e.g. that the "
        "answers files name different organisations",
    )

    def to_json(self) -> str:
        """Indented JSON; identical inputs give identical bytes."""
        from scaleready.errors import json_visible

        return json_visible(self.model_dump_json(indent=2)) + "\n"
