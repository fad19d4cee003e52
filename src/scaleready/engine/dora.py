"""DORA's software delivery benchmarks (2025) as Python data, and the Quick Check's arithmetic.

Source: DORA (dora.dev), the Quick Check's data files (github.com/dora-team/dora.dev,
``svelte/quick-check/src/lib/data/``, commit fcaf07b4), content CC BY 4.0. Credit DORA wherever
these figures appear (:data:`SOURCE`).

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
from typing import Final

from scaleready.vocabulary import DoraVerdict, LeadTimeVerdict, SegmentKind

SOURCE: Final = (
    "DORA (DevOps Research and Assessment), Quick Check and 2025 benchmarks, dora.dev "
    "(github.com/dora-team/dora.dev, CC BY 4.0); scores computed as the Quick Check does"
)

BAND_METRICS: Final = ("leadtime", "deployfreq", "failurerecovery")
PERCENT_METRICS: Final = ("changefailure", "rework")
METRICS: Final = (*BAND_METRICS, *PERCENT_METRICS)
THROUGHPUT: Final = BAND_METRICS
STABILITY: Final = PERCENT_METRICS
FLIPPED: Final = frozenset(PERCENT_METRICS)

METRIC_NAMES: Final[Mapping[str, str]] = {
    "leadtime": "Lead time for changes",
    "deployfreq": "Deployment frequency",
    "failurerecovery": "Failed deployment recovery time",
    "changefailure": "Change fail rate",
    "rework": "Deployment rework rate",
    "throughput": "Software delivery throughput",
    "stability": "Software delivery stability",
    "overall": "Software delivery performance",
}

LEAD_TIME_DAYS: Final[Mapping[int, tuple[float, float | None]]] = {
    1: (180.0, None),
    2: (30.0, 180.0),
    3: (7.0, 30.0),
    4: (1.0, 7.0),
    5: (0.0, 1.0),
    6: (0.0, 1 / 24),
}
"""The range of days each lead-time band stands for (``None``: no upper bound)."""

Stat = tuple[float, float]  # (mean, standard deviation) on DORA's 0-10 scale


@dataclass(frozen=True)
class Segment:
    """One benchmark segment, as stored in DORA's files (instability scale where DORA uses it)."""

    name: str
    leadtime: Stat
    deployfreq: Stat
    failurerecovery: Stat
    changefailure: Stat
    rework: Stat
    throughput: Stat
    instability: Stat
    performance_average: Stat


INDUSTRY_2025: Final[Mapping[str, Segment]] = {
    "all": Segment(
        "All industries",
        leadtime=(5.5, 2.4),
        deployfreq=(4.8, 2.8),
        failurerecovery=(7.4, 2.1),
        changefailure=(1.9, 2.1),
        rework=(2.2, 2.2),
        throughput=(6.0, 2.1),
        instability=(2.1, 2.0),
        performance_average=(4.3, 1.2),
    ),
    "consumer": Segment(
        "Retail/Consumer/e-Commerce",
        leadtime=(5.9, 2.3),
        deployfreq=(5.3, 2.7),
        failurerecovery=(7.8, 1.8),
        changefailure=(1.7, 2.0),
        rework=(2.0, 1.9),
        throughput=(6.3, 2.0),
        instability=(1.8, 1.7),
        performance_average=(4.5, 1.1),
    ),
    "media_entertainment": Segment(
        "Media & Entertainment",
        leadtime=(5.8, 2.4),
        deployfreq=(5.2, 2.7),
        failurerecovery=(7.6, 2.1),
        changefailure=(1.8, 1.8),
        rework=(1.8, 1.7),
        throughput=(6.2, 2.2),
        instability=(1.8, 1.6),
        performance_average=(4.4, 1.2),
    ),
    "non_profit": Segment(
        "Non-profit",
        leadtime=(5.9, 2.7),
        deployfreq=(4.5, 2.6),
        failurerecovery=(7.5, 1.8),
        changefailure=(2.2, 2.8),
        rework=(2.1, 2.5),
        throughput=(6.1, 2.0),
        instability=(2.2, 2.7),
        performance_average=(4.4, 1.2),
    ),
    "technology": Segment(
        "Technology",
        leadtime=(5.7, 2.4),
        deployfreq=(4.9, 2.8),
        failurerecovery=(7.4, 2.1),
        changefailure=(1.9, 2.0),
        rework=(2.3, 2.2),
        throughput=(6.1, 2.1),
        instability=(2.1, 2.0),
        performance_average=(4.4, 1.2),
    ),
    "telecommunications": Segment(
        "Telecommunications",
        leadtime=(5.2, 2.4),
        deployfreq=(4.7, 2.6),
        failurerecovery=(7.2, 2.3),
        changefailure=(2.4, 2.5),
        rework=(2.6, 2.5),
        throughput=(5.7, 2.1),
        instability=(2.5, 2.4),
        performance_average=(4.4, 1.3),
    ),
    "other": Segment(
        "Other",
        leadtime=(5.7, 2.4),
        deployfreq=(5.0, 2.7),
        failurerecovery=(7.6, 2.0),
        changefailure=(1.6, 1.9),
        rework=(2.0, 2.0),
        throughput=(6.1, 2.1),
        instability=(1.8, 1.7),
        performance_average=(4.3, 1.2),
    ),
    "education": Segment(
        "Education",
        leadtime=(5.5, 2.6),
        deployfreq=(4.5, 2.9),
        failurerecovery=(6.6, 2.6),
        changefailure=(2.7, 2.4),
        rework=(2.9, 2.3),
        throughput=(5.6, 2.3),
        instability=(2.7, 2.1),
        performance_average=(4.3, 1.3),
    ),
    "financial_services": Segment(
        "Financial Services",
        leadtime=(5.4, 2.3),
        deployfreq=(5.1, 2.6),
        failurerecovery=(7.7, 1.9),
        changefailure=(1.7, 2.1),
        rework=(1.9, 1.9),
        throughput=(6.1, 1.9),
        instability=(1.8, 1.8),
        performance_average=(4.3, 1.1),
    ),
    "healthcare_pharmaceuticals": Segment(
        "Healthcare & Pharmaceuticals",
        leadtime=(5.0, 2.6),
        deployfreq=(4.3, 2.8),
        failurerecovery=(7.1, 2.2),
        changefailure=(2.5, 2.3),
        rework=(2.6, 2.4),
        throughput=(5.6, 2.2),
        instability=(2.5, 2.2),
        performance_average=(4.2, 1.4),
    ),
    "energy": Segment(
        "Energy",
        leadtime=(5.4, 2.5),
        deployfreq=(4.5, 2.7),
        failurerecovery=(7.2, 1.9),
        changefailure=(1.8, 1.8),
        rework=(2.1, 1.9),
        throughput=(5.8, 2.0),
        instability=(1.9, 1.6),
        performance_average=(4.1, 1.1),
    ),
    "government": Segment(
        "Government",
        leadtime=(4.8, 2.6),
        deployfreq=(4.3, 3.0),
        failurerecovery=(7.0, 2.1),
        changefailure=(2.1, 2.2),
        rework=(2.4, 2.2),
        throughput=(5.4, 2.3),
        instability=(2.3, 2.0),
        performance_average=(4.1, 1.3),
    ),
    "insurance": Segment(
        "Insurance",
        leadtime=(4.8, 2.2),
        deployfreq=(4.4, 2.5),
        failurerecovery=(7.5, 1.8),
        changefailure=(1.7, 2.0),
        rework=(1.8, 1.9),
        throughput=(5.7, 1.8),
        instability=(1.8, 1.8),
        performance_average=(4.0, 1.2),
    ),
    "industrials_manufacturing": Segment(
        "Industrials & Manufacturing",
        leadtime=(4.9, 2.6),
        deployfreq=(3.7, 2.7),
        failurerecovery=(6.5, 2.3),
        changefailure=(2.0, 1.9),
        rework=(2.4, 2.3),
        throughput=(5.1, 2.3),
        instability=(2.2, 2.0),
        performance_average=(3.9, 1.3),
    ),
}
ORGANISATION_SIZE_2025: Final[Mapping[str, Segment]] = {
    "all": Segment(
        "All organizations",
        leadtime=(5.5, 2.4),
        deployfreq=(4.8, 2.8),
        failurerecovery=(2.6, 2.1),
        changefailure=(1.9, 2.1),
        rework=(2.2, 2.2),
        throughput=(6.0, 2.1),
        instability=(2.1, 2.0),
        performance_average=(4.3, 1.2),
    ),
    "solo": Segment(
        "1 employee",
        leadtime=(6.4, 2.7),
        deployfreq=(5.1, 3.4),
        failurerecovery=(2.8, 2.6),
        changefailure=(3.0, 3.1),
        rework=(3.3, 3.1),
        throughput=(6.3, 2.1),
        instability=(3.1, 3.0),
        performance_average=(4.9, 1.6),
    ),
    "fewer_than_10": Segment(
        "2 to 9 employees",
        leadtime=(6.4, 2.7),
        deployfreq=(4.8, 2.9),
        failurerecovery=(2.3, 2.2),
        changefailure=(1.9, 2.2),
        rework=(2.3, 2.3),
        throughput=(6.3, 2.3),
        instability=(2.1, 2.0),
        performance_average=(4.6, 1.4),
    ),
    "fewer_than_100": Segment(
        "20 to 99 employees",
        leadtime=(5.8, 2.3),
        deployfreq=(4.4, 2.4),
        failurerecovery=(2.4, 1.9),
        changefailure=(1.7, 1.8),
        rework=(2.3, 2.1),
        throughput=(5.9, 1.9),
        instability=(2.1, 1.9),
        performance_average=(4.4, 1.1),
    ),
    "fewer_than_500": Segment(
        "100 to 499 employees",
        leadtime=(5.6, 2.4),
        deployfreq=(4.8, 2.7),
        failurerecovery=(2.6, 2.1),
        changefailure=(1.9, 2.0),
        rework=(2.3, 2.2),
        throughput=(6.0, 2.0),
        instability=(2.1, 2.0),
        performance_average=(4.4, 1.2),
    ),
    "fewer_than_1000": Segment(
        "500 to 999 employees",
        leadtime=(5.5, 2.4),
        deployfreq=(4.7, 2.6),
        failurerecovery=(2.7, 2.1),
        changefailure=(1.8, 2.1),
        rework=(2.2, 2.2),
        throughput=(6.0, 2.0),
        instability=(2.1, 2.0),
        performance_average=(4.3, 1.3),
    ),
    "fewer_than_5000": Segment(
        "1,000 to 4,999 employees",
        leadtime=(5.3, 2.4),
        deployfreq=(4.7, 2.7),
        failurerecovery=(2.6, 2.2),
        changefailure=(1.9, 2.1),
        rework=(2.1, 2.1),
        throughput=(5.8, 2.1),
        instability=(2.0, 1.9),
        performance_average=(4.3, 1.2),
    ),
    "fewer_than_10000": Segment(
        "5,000 to 9,999 employees",
        leadtime=(5.4, 2.4),
        deployfreq=(4.8, 2.8),
        failurerecovery=(2.5, 1.9),
        changefailure=(1.8, 2.1),
        rework=(2.0, 1.9),
        throughput=(6.0, 2.0),
        instability=(1.9, 1.8),
        performance_average=(4.3, 1.2),
    ),
    "more_than_9999": Segment(
        "10,000 or more employees",
        leadtime=(5.2, 2.5),
        deployfreq=(4.9, 2.8),
        failurerecovery=(2.8, 2.2),
        changefailure=(1.9, 2.2),
        rework=(2.1, 2.2),
        throughput=(5.9, 2.2),
        instability=(2.0, 2.0),
        performance_average=(4.2, 1.2),
    ),
}


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
            "DORA's organisation-size file stores failurerecovery flipped "
            f"({segment.failurerecovery[0]:g}); shown as 10 - value = {recovery[0]:g}"
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
