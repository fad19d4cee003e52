"""Scores of the model's parts (capabilities, values, mechanisms, outcomes, signals, symptoms)
from the answers that measure them, and the questionnaire's coverage.

score(target) = sum(w_i * s_i) / sum(w_i) over the measures of ``target`` on applicable questions
whose answer has a health score s_i (0..1), w_i being the measure's weight. Don't know, not
applicable and unanswered are left out of the mean (they are not the lowest score) and listed as
gaps; a target with no scored answer has no score (``None``). Questions that do not apply are left
out altogether, so they count neither as evidence nor as gaps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from scaleready.engine.facts import Facts, status_of
from scaleready.formats.result import AnswerRef, Coverage

Target = tuple[str, str]  # (kind, id), kind one of questionnaire.MEASURE_TARGETS


@dataclass(frozen=True)
class Evidence:
    """One measuring answer, unrounded."""

    question: str
    weight: float
    score: float | None  # None: a gap (not answered with a scored value)


@dataclass(frozen=True)
class Measured:
    """A target's score (0..1, unrounded) and the answers behind it."""

    score: float | None
    evidence: tuple[Evidence, ...] = ()

    @cached_property
    def scored(self) -> tuple[Evidence, ...]:
        """The answers that count in the score."""
        return tuple(e for e in self.evidence if e.score is not None)

    @cached_property
    def gaps(self) -> tuple[Evidence, ...]:
        """The measuring questions without a scored answer."""
        return tuple(e for e in self.evidence if e.score is None)


@dataclass
class _Accumulator:
    evidence: list[Evidence] = field(default_factory=list)


NOTHING = Measured(None)


def weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    """sum(w * x) / sum(w) over (x, w) pairs; ``None`` for no pairs."""
    total = sum(w for _, w in pairs)
    if total <= 0:
        return None
    return sum(x * w for x, w in pairs) / total


def measure_all(facts: Facts) -> dict[Target, Measured]:
    """Every measured target's score, in one pass over the questions (linear in their size)."""
    acc: dict[Target, _Accumulator] = {}
    for question in facts.questionnaire.questions:
        if not facts.applicable.get(question.id, False) or not question.measures:
            continue
        score = facts.scores.get(question.id)
        for measure in question.measures:
            key = (measure.kind, measure.target)
            acc.setdefault(key, _Accumulator()).evidence.append(
                Evidence(question.id, measure.weight, score)
            )
    out: dict[Target, Measured] = {}
    for key, a in acc.items():
        pairs = [(e.score, e.weight) for e in a.evidence if e.score is not None]
        out[key] = Measured(weighted_mean(pairs), tuple(a.evidence))
    return out


def answer_ref(facts: Facts, evidence: Evidence, *, weight: bool = True) -> AnswerRef:
    """An :class:`AnswerRef` for one measuring answer, rounded for the result."""
    answer = facts.answer(evidence.question)
    status = status_of(answer)
    value = answer.value if answer is not None and status == "answered" else None
    return AnswerRef(
        question=evidence.question,
        status=status,
        value=value,
        score=None if evidence.score is None else round(evidence.score, 3),
        weight=evidence.weight if weight else None,
    )


def percent(score: float | None) -> float | None:
    """A 0..1 score as 0-100 with one decimal (``None`` stays ``None``)."""
    return None if score is None else round(score * 100, 1) + 0.0


def coverage(facts: Facts) -> Coverage:
    """How many applicable questions were answered, don't know, not applicable or unanswered."""
    counts = {"answered": 0, "dont_know": 0, "not_applicable": 0, "unanswered": 0}
    unanswered: list[str] = []
    dont_know: list[str] = []
    applicable = 0
    for question in facts.questionnaire.questions:
        if not facts.applicable.get(question.id, False):
            continue
        applicable += 1
        status = status_of(facts.answer(question.id))
        counts[status] += 1
        if status == "unanswered":
            unanswered.append(question.id)
        elif status == "dont_know":
            dont_know.append(question.id)
    share = counts["answered"] / applicable if applicable else 0.0
    return Coverage(
        applicable=applicable,
        answered=counts["answered"],
        dont_know=counts["dont_know"],
        not_applicable=counts["not_applicable"],
        unanswered=counts["unanswered"],
        not_asked=len(facts.skipped),
        percent=round(share * 100, 1),
        unanswered_questions=tuple(unanswered),
        dont_know_questions=tuple(dont_know),
    )
