"""The rows of the report view's lists (an answer, a section, a risk, a DORA metric) and the
orderings that put them in the report's order."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from scaleready import vocabulary
from scaleready.engine.risks import risk_order
from scaleready.formats.result import BenchmarkMetric, DoraBenchmark, FactorResult, ItemScore

# The report tells an applicable question left blank ("not answered") from one that did not apply.
STATUS_WORDS = {**vocabulary.STATUS_WORDS, "unanswered": "not answered", "not_asked": "not asked"}
AGGREGATES = {"throughput": "Throughput", "stability": "Stability", "overall": "Overall"}


@dataclass(frozen=True)
class AnswerRow:
    """One question of the appendix: what was answered, and any words that came with it."""

    question: str
    text: str
    answer: str
    status: str
    note: str | None = None
    reason: str | None = None

    @property
    def status_word(self) -> str:
        """The status as a reader sees it (``don't know``)."""
        return STATUS_WORDS[self.status]


@dataclass(frozen=True)
class SectionRows:
    """A questionnaire section's questions, in the order asked."""

    id: str
    title: str
    rows: tuple[AnswerRow, ...]


@dataclass(frozen=True)
class RiskRow:
    """A failure factor in display order; ``depth`` 1 for a part of another factor."""

    factor: FactorResult
    depth: int


@dataclass(frozen=True)
class DoraRow:
    """One DORA metric (or aggregate) with its benchmark in every segment."""

    metric: str
    name: str
    score: float | None
    shown: str | None  # the score as DORA's Quick Check prints it (one decimal)
    answer: str | None  # None for an aggregate, or a metric not answered
    benchmarks: tuple[tuple[DoraBenchmark, BenchmarkMetric], ...]

    @property
    def aggregate(self) -> bool:
        """Whether this row is throughput, stability or overall rather than a metric."""
        return self.metric in AGGREGATES


def score_key(score: float | None) -> tuple[int, float]:
    # Weakest first; unmeasured last (they are listed under coverage, not hidden).
    return (1, 0.0) if score is None else (0, score)


def risk_rows(factors: Sequence[FactorResult]) -> list[RiskRow]:
    """Parents by residual risk (highest first, ids break ties), each followed by its parts."""
    ids = {f.id for f in factors}
    children: dict[str, list[FactorResult]] = {}
    roots: list[FactorResult] = []
    for f in factors:
        if f.part_of is not None and f.part_of in ids:
            children.setdefault(f.part_of, []).append(f)
        else:
            roots.append(f)

    def order(fs: list[FactorResult]) -> list[FactorResult]:
        return sorted(fs, key=risk_order)

    rows: list[RiskRow] = []
    for root in order(roots):
        rows.append(RiskRow(root, 0))
        rows.extend(RiskRow(child, 1) for child in order(children.get(root.id, [])))
    return rows


Scored = TypeVar("Scored", bound=ItemScore)


def weakest_first(items: Iterable[Scored]) -> tuple[Scored, ...]:
    return tuple(sorted(items, key=lambda item: (*score_key(item.score), item.id)))
