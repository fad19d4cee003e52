"""The DORA Quick Check's arithmetic, over the 2025 benchmarks of
:mod:`scaleready.engine.dora_benchmarks` (the data, with its source and licence).

The Quick Check's scoring, reproduced exactly:

- a band answer v (1-6, lead time, deployment frequency, failed deployment recovery time) scores
  (v - 1) / 5 x 10;
- a percentage p (change fail rate, deployment rework rate) scores 10 - p / 10;
- overall = the mean of the available metric scores; throughput = the mean of lead time,
  deployment frequency and recovery time; stability = the mean of change fail rate and rework
  (each over the ones available).

The benchmark files store ``changefailure``, ``rework`` and ``instability`` on the instability
scale (higher is worse); they are shown as 10 - mean. DORA's app recomputes the overall benchmark as
the mean of the five per-metric means after that flip (6.72 for all industries in 2025), rather
than the files' ``performance_average``. The organisation-size file's ``failurerecovery`` means are
stored flipped (2.6 for all organisations, 7.4 in the industry file for the same population), so
they are read as 10 - value, and every benchmark that uses them says so.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from scaleready.engine.dora_benchmarks import INDUSTRY_2025, ORGANISATION_SIZE_2025, Stat
from scaleready.vocabulary import DoraVerdict, LeadTimeVerdict, SegmentKind

BAND_METRICS: Final = ("leadtime", "deployfreq", "failurerecovery")
PERCENT_METRICS: Final = ("changefailure", "rework")
METRICS: Final = (*BAND_METRICS, *PERCENT_METRICS)
THROUGHPUT: Final = BAND_METRICS
STABILITY: Final = PERCENT_METRICS
FLIPPED: Final = frozenset(PERCENT_METRICS)


RECOVERY_FLIP_NOTE = "DORA's organisation-size data stores failed deployment recovery time flipped"
"""How a benchmark note about the flipped recovery time begins; the reports show such notes
where the benchmark appears."""


def band_score(band: float) -> float:
    """A band answer (1-6) on DORA's 0-10 scale: (v - 1) / 5 x 10."""
    return (band - 1) / 5 * 10


def percent_score(percentage: float) -> float:
    """A percentage answer (0-100) on DORA's 0-10 scale: 10 - p / 10."""
    return 10 - percentage / 10


def mean(values: list[float]) -> float | None:
    """The arithmetic mean, or ``None`` for no values."""
    return statistics.fmean(values) if values else None


def summarise(scores: Mapping[str, float]) -> tuple[float | None, float | None, float | None]:
    """(overall, throughput, stability) from the metric scores available, as the Quick Check."""
    overall = mean([scores[m] for m in METRICS if m in scores])
    throughput = mean([scores[m] for m in THROUGHPUT if m in scores])
    stability = mean([scores[m] for m in STABILITY if m in scores])
    return overall, throughput, stability


def quick_check_text(value: float) -> str:
    """A 0-10 figure as the Quick Check prints it: JavaScript's ``toFixed(1)`` of the exact value.

    toFixed rounds the float's exact binary value, half away from zero: 6.35 (stored as
    6.3499999...) is "6.3", 0.25 (exact) is "0.3". Python's ``f"{x:.1f}"`` agrees except on exact
    ties, which it rounds to even ("0.2"), so the float goes through :class:`~decimal.Decimal`.
    """
    text = str(Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return "0.0" if text == "-0.0" else text


def verdict(score: float | None, mean_: float, std: float) -> DoraVerdict | None:
    """``above`` / ``below`` when a score is more than one standard deviation from the mean."""
    if score is None:
        return None
    # Compared as shown (two decimals), so that 5.5 + 2.4 is 7.9 and not 7.8999...
    shown, high, low = round(score, 2), round(mean_ + std, 2), round(mean_ - std, 2)
    if shown > high:
        return "above"
    if shown < low:
        return "below"
    return "within"


@dataclass(frozen=True)
class ShownBenchmark:
    """A segment's benchmark as shown to users: higher is better everywhere."""

    kind: SegmentKind
    key: str
    name: str
    metrics: Mapping[str, Stat]  # the five metrics, throughput, stability, overall
    flipped: frozenset[str]
    notes: tuple[str, ...]

    @property
    def overall(self) -> float:
        """The mean of the five per-metric means after the flip (DORA's app does this)."""
        return self.metrics["overall"][0]


def shown(kind: SegmentKind, key: str) -> ShownBenchmark | None:
    """A segment's benchmark, flipped where DORA stores instability; ``None`` for unknown keys.

    ``kind`` ``all`` and ``industry`` read the industry file, ``organisation_size`` the
    organisation-size file (whose ``failurerecovery`` is read as 10 - value).
    """
    table = ORGANISATION_SIZE_2025 if kind == "organisation_size" else INDUSTRY_2025
    segment = table.get(key)
    if segment is None:
        return None
    flipped = set(FLIPPED) | {"stability"}
    notes: list[str] = []
    recovery = segment.failurerecovery
    if kind == "organisation_size":
        recovery = (10 - recovery[0], recovery[1])
        flipped.add("failurerecovery")
        notes.append(
            f"{RECOVERY_FLIP_NOTE} ({segment.failurerecovery[0]:g}); shown here as 10 - "
            f"{segment.failurerecovery[0]:g} = {recovery[0]:g}, as its industry data has it"
        )
    metrics: dict[str, Stat] = {
        "leadtime": segment.leadtime,
        "deployfreq": segment.deployfreq,
        "failurerecovery": recovery,
        "changefailure": (10 - segment.changefailure[0], segment.changefailure[1]),
        "rework": (10 - segment.rework[0], segment.rework[1]),
        "throughput": segment.throughput,
        "stability": (10 - segment.instability[0], segment.instability[1]),
    }
    overall = sum(metrics[m][0] for m in METRICS) / len(METRICS)
    metrics["overall"] = (overall, segment.performance_average[1])
    notes.append(
        "overall = mean of the five metric means after the flip, as DORA's app shows it "
        f"(the file's performance_average is {segment.performance_average[0]:g}); its spread is "
        "the file's performance_average standard deviation"
    )
    return ShownBenchmark(kind, key, segment.name, metrics, frozenset(flipped), tuple(notes))


def lead_time_verdict(
    answer_days: tuple[float, float | None], expected: tuple[float, float]
) -> LeadTimeVerdict:
    """Compare a lead-time range (days) with the expected range for the team's size: faster when
    it lies wholly at or below the expected minimum, slower when wholly at or above the maximum."""
    low, high = answer_days
    if high is not None and high <= expected[0]:
        return "faster"
    if low >= expected[1]:
        return "slower"
    return "within"
