"""DORA's 2025 software delivery benchmarks as Python data: each segment's means and standard
deviations, as DORA's files store them, and the names and lead-time ranges the Quick Check shows.

Source: DORA (dora.dev), the Quick Check's data files (github.com/dora-team/dora.dev,
``svelte/quick-check/src/lib/data/``, commit fcaf07b4), content CC BY 4.0. Credit DORA wherever
these figures appear (:data:`SOURCE`).

The benchmark files store ``changefailure``, ``rework`` and ``instability`` on the instability
scale (higher is worse); :func:`scaleready.engine.dora.shown` flips them for display. The
organisation-size file's ``failurerecovery`` means are stored flipped (2.6 for all organisations,
7.4 in the industry file for the same population). This module is data only; it is kept apart
from the arithmetic in :mod:`scaleready.engine.dora` because it is long and changes only with a
new DORA report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

__all__ = [
    "INDUSTRY_2025",
    "LEAD_TIME_DAYS",
    "METRIC_NAMES",
    "ORGANISATION_SIZE_2025",
    "SOURCE",
    "Segment",
    "Stat",
]

SOURCE: Final = (
    "DORA (DevOps Research and Assessment), Quick Check and 2025 benchmarks, dora.dev "
    "(github.com/dora-team/dora.dev, CC BY 4.0); scores computed as the Quick Check does"
)

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
