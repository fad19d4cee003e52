"""Per-question aggregation of many participants' answers: counts, the distribution, the median
and spread, and a disagreement between 0 (everyone agrees) and 1 (the group is split down the
middle). Pure, and linear in participants (plus one sort per question).

How a question is aggregated depends on its kind (:func:`kind_of`):

- ordered (choice or scale whose options all have a score): the median option in score order
  (the lower of the two middle ones for an even count, the more cautious); disagreement = 2 x the
  population standard deviation of the participants' health scores (0..0.5 doubled to 0..1: 1 when
  half the group gives the best answer and half the worst);
- numbers: the median value and the quartiles (linear interpolation, "inclusive" method); with
  ``bands`` (scored) the disagreement is that of the health scores, as above; without, the quartile
  coefficient of dispersion (q3 - q1) / (|q1| + |q3|) (0 when both are 0, at most 1);
- booleans: the mode; scored booleans disagree as their health scores, unscored as unordered;
- unordered (options without scores): the mode; disagreement = 1 - the mode's share;
- multi: how many chose each option; disagreement = the mean, over the options anyone chose, of
  1 - |2p - 1|, p being the share of respondents who chose it (0 when all or none did, 1 at half);
- text: counted only; never shown (free text may name people) and never disputed.

Only values count; "don't know", "not applicable" and blanks are counted apart. A question with
fewer than two values has no disagreement.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from scaleready.engine.facts import health_score
from scaleready.formats.answers import Answer, AnswerValue
from scaleready.formats.questionnaire import Option, Question, Questionnaire
from scaleready.workshop._distribution import (
    boolean_buckets,
    multi_buckets,
    number_buckets,
    option_buckets,
    tidy,
)
from scaleready.workshop.model import Bucket, QuestionKind


@dataclass(frozen=True)
class QuestionAggregate:
    """One question's aggregate, before the consensus and the agenda are known."""

    question: Question
    section: str
    kind: QuestionKind
    participants: int
    dont_know: int
    not_applicable: int
    no_answer: int
    values: tuple[AnswerValue, ...]  # the given values, in a canonical order (see _canonical)
    scores: tuple[float, ...]  # health scores of the values that have one, ascending
    distribution: tuple[Bucket, ...]
    median: AnswerValue | None
    q1: float | None
    q3: float | None
    mode: AnswerValue | None
    mode_share: float | None
    health_median: float | None
    health_spread: float | None
    disagreement: float

    @property
    def responses(self) -> int:
        """How many participants gave a value."""
        return len(self.values)


def kind_of(questionnaire: Questionnaire, question: Question) -> QuestionKind:
    """How a question's answers are aggregated (see the module docstring)."""
    if question.type in ("choice", "scale"):
        options = questionnaire.options_of(question)
        scored = bool(options) and all(o.score is not None for o in options)
        return "ordered" if scored else "unordered"
    kinds: dict[str, QuestionKind] = {
        "multi": "multi",
        "number": "number",
        "boolean": "boolean",
    }
    return kinds.get(question.type, "text")


def quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """Q1, the median and Q3 by linear interpolation between the closest ranks (position
    p x (n - 1): ``statistics.quantiles``' "inclusive" method, numpy's default)."""
    if not values:
        raise ValueError("quartiles of no values")
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def aggregate_question(
    questionnaire: Questionnaire,
    question: Question,
    section: str,
    given: Sequence[Answer | None],
) -> QuestionAggregate:
    """Aggregate the answers of every participant (``None``: no entry) to ``question``."""
    kind = kind_of(questionnaire, question)
    values, dont_know, not_applicable, no_answer = _sorted_out(given)
    options = questionnaire.options_of(question)
    canonical = _canonical(kind, values, options)
    scores = _health_scores(questionnaire, question, canonical)
    stats, distribution = _stats(kind, question, options, canonical)
    health_median = health_spread = spread = None
    if scores:
        health_median = round(statistics.median(scores), 3)
        # Divided by n, not n - 1: the group is the whole population described, not a sample.
        spread = statistics.pstdev(scores)
        health_spread = round(spread, 3)
    disagreement = stats.disagreement
    scored = len(scores) == len(canonical)
    if kind in ("ordered", "number", "boolean") and scored and spread is not None:
        # Health scores exist: disagreement is about how healthy the practice is.
        disagreement = min(1.0, 2 * spread)
    if len(canonical) < 2:
        disagreement = 0.0
    return QuestionAggregate(
        question=question,
        section=section,
        kind=kind,
        participants=len(given),
        dont_know=dont_know,
        not_applicable=not_applicable,
        no_answer=no_answer,
        values=tuple(canonical),
        scores=tuple(scores),
        distribution=distribution,
        median=stats.median,
        q1=stats.q1,
        q3=stats.q3,
        mode=stats.mode,
        mode_share=stats.mode_share,
        health_median=health_median,
        health_spread=health_spread,
        disagreement=round(disagreement, 3),
    )


def _sorted_out(given: Sequence[Answer | None]) -> tuple[list[AnswerValue], int, int, int]:
    """The values given, and how many said "don't know", "not applicable" or nothing."""
    values: list[AnswerValue] = []
    dont_know = not_applicable = no_answer = 0
    for answer in given:
        if (
            answer is None
            or answer.status == "unanswered"
            or (answer.status == "answered" and answer.value is None)
        ):
            no_answer += 1
        elif answer.status == "dont_know":
            dont_know += 1
        elif answer.status == "not_applicable":
            not_applicable += 1
        else:
            assert answer.value is not None
            values.append(answer.value)
    return values, dont_know, not_applicable, no_answer


def _health_scores(
    questionnaire: Questionnaire, question: Question, canonical: list[AnswerValue]
) -> list[float]:
    """The health scores of the values that have one, ascending."""
    # Many participants give the same few answers: score each distinct answer once.
    memo: dict[AnswerValue, float | None] = {}
    health = []
    for v in canonical:
        if v not in memo:
            memo[v] = health_score(questionnaire, question, v)
        health.append(memo[v])
    return sorted(s for s in health if s is not None)


def _stats(
    kind: QuestionKind,
    question: Question,
    options: Sequence[Option],
    canonical: list[AnswerValue],
) -> tuple[_Stats, tuple[Bucket, ...]]:
    """The statistics and the distribution of one kind of question."""
    if kind == "ordered":
        return _ordered(canonical), option_buckets(options, canonical)
    if kind == "unordered":
        return _unordered(canonical, options), option_buckets(options, canonical)
    if kind == "boolean":
        return _boolean(canonical, question), boolean_buckets(canonical, question)
    if kind == "multi":
        distribution = multi_buckets(options, canonical)
        return _Stats(disagreement=_multi_disagreement(distribution, len(canonical))), distribution
    if kind == "number":
        return _number(canonical), number_buckets(question, canonical)
    return _Stats(), ()


@dataclass(frozen=True)
class _Stats:
    median: AnswerValue | None = None
    q1: float | None = None
    q3: float | None = None
    mode: AnswerValue | None = None
    mode_share: float | None = None
    disagreement: float = 0.0


def _canonical(
    kind: QuestionKind, values: list[AnswerValue], options: Sequence[Option]
) -> list[AnswerValue]:
    """The values in an order that does not depend on the participants' order: options by score
    then by their place in the questionnaire (ordered), by place (unordered, multi's options),
    numbers ascending, false before true; text is kept as given (it is only counted)."""
    place = {o.key: i for i, o in enumerate(options)}
    if kind == "ordered":
        score = {o.key: o.score or 0.0 for o in options}
        return sorted(values, key=lambda v: (score.get(_key(v), 0.0), place.get(_key(v), 0)))
    if kind == "unordered":
        return sorted(values, key=lambda v: place.get(_key(v), 0))
    if kind == "multi":
        normal = [
            tuple(sorted(v, key=lambda k: place.get(k, 0))) if isinstance(v, tuple) else v
            for v in values
        ]
        return sorted(
            normal, key=lambda v: [place.get(k, 0) for k in v] if isinstance(v, tuple) else []
        )
    if kind == "number":
        return sorted(values, key=_as_float)
    if kind == "boolean":
        return sorted(values, key=bool)
    return list(values)


def _key(value: AnswerValue) -> str | int:
    assert isinstance(value, (str, int))
    return value


def _as_float(value: AnswerValue) -> float:
    assert isinstance(value, (int, float))
    return float(value)


def _ordered(values: Sequence[AnswerValue]) -> _Stats:
    if not values:
        return _Stats()
    # The lower middle for an even count: between two middle answers, the more cautious one.
    return _Stats(median=values[(len(values) - 1) // 2])


def _mode(values: Sequence[AnswerValue]) -> tuple[AnswerValue, int] | None:
    """The most frequent value and its count; among equally frequent ones, the first in
    ``values``' canonical order (callers order the candidates so that first = more cautious)."""
    counts: dict[AnswerValue, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    first = next(v for v in values if counts[v] == best)
    return first, best


def _unordered(values: Sequence[AnswerValue], options: Sequence[Option]) -> _Stats:
    found = _mode(values)
    if found is None:
        return _Stats()
    mode, count = found
    share = count / len(values)
    return _Stats(mode=mode, mode_share=round(share, 3), disagreement=1 - share)


def _boolean(values: Sequence[AnswerValue], question: Question) -> _Stats:
    # Ties go to the answer with the lower health score (the cautious one); unscored: false.
    def caution(v: AnswerValue) -> tuple[float, bool]:
        score = question.true_score if v else question.false_score
        return (score if score is not None else 0.0, bool(v))

    found = _mode(sorted(values, key=caution))
    if found is None:
        return _Stats()
    mode, count = found
    share = count / len(values)
    return _Stats(mode=mode, mode_share=round(share, 3), disagreement=1 - share)


def _number(values: Sequence[AnswerValue]) -> _Stats:
    numbers = [_as_float(v) for v in values]
    if not numbers:
        return _Stats()
    q1, median, q3 = quartiles(numbers)
    denominator = abs(q1) + abs(q3)
    spread = 0.0 if denominator == 0 else min(1.0, (q3 - q1) / denominator)
    return _Stats(
        median=tidy(median),
        q1=float(round(q1, 3)),
        q3=float(round(q3, 3)),
        disagreement=spread,
    )


def _multi_disagreement(buckets: Sequence[Bucket], responses: int) -> float:
    shares = [b.count / responses for b in buckets if b.count > 0] if responses else []
    if not shares:
        return 0.0
    return sum(1 - abs(2 * p - 1) for p in shares) / len(shares)
