"""DORA's 2024 and 2025 software delivery benchmarks as Python data: each segment's means and
standard deviations, as DORA's files store them, the names and lead-time ranges the Quick Check
shows, and the names of its "help me prioritise" capabilities.

Source: DORA (dora.dev), the Quick Check's data files (github.com/dora-team/dora.dev,
``svelte/quick-check/src/lib/data/``, commit fcaf07b4), content CC BY 4.0. Credit DORA wherever
these figures appear (:func:`source`).

The benchmark files store ``changefailure``, ``rework`` and ``instability`` on the instability
scale (higher is worse); :func:`scaleready.engine.dora.shown` flips them for display. The 2024
files have neither rework nor the throughput and instability aggregates. The 2025
organisation-size file's ``failurerecovery`` means are stored flipped (2.6 for all organisations,
7.4 in the industry file for the same population); the 2024 one is not (7.5 in both). This module
is data only, and longer than the 400-line bar because it is two editions of DORA's tables, one
segment per entry; it is kept apart from the arithmetic in :mod:`scaleready.engine.dora` because
it changes only with a new DORA report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from scaleready.vocabulary import DoraEdition

__all__ = [
    "CAPABILITY_NAMES",
    "INDUSTRY_2024",
    "INDUSTRY_2025",
    "LEAD_TIME_DAYS",
    "METRIC_NAMES",
    "ORGANISATION_SIZE_2024",
    "ORGANISATION_SIZE_2025",
    "ORGANISATION_SIZE_KEYS_2024",
    "Segment",
    "Stat",
    "source",
]


def source(edition: DoraEdition) -> str:
    """The credit to show wherever an edition's figures appear."""
    return (
        f"DORA (DevOps Research and Assessment), Quick Check and {edition} benchmarks, dora.dev "
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

CAPABILITY_NAMES: Final[Mapping[str, str]] = {
    "ci": "Continuous Integration",
    "arch": "Loosely Coupled Teams",
    "culture": "Generative Organizational Culture",
}
"""The Quick Check's "help me prioritise" capabilities, by its short names, in its order."""

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
    performance_average: Stat
    rework: Stat | None = None  # None: not in the 2024 files
    throughput: Stat | None = None
    instability: Stat | None = None


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

INDUSTRY_2024: Final[Mapping[str, Segment]] = {
    "all": Segment(
        "All industries",
        leadtime=(5.1, 2.6),
        deployfreq=(5.3, 2.9),
        failurerecovery=(7.5, 2.3),
        changefailure=(1.7, 2.0),
        performance_average=(6.7, 1.8),
    ),
    "education": Segment(
        "Education",
        leadtime=(4.8, 3.1),
        deployfreq=(5.1, 3.2),
        failurerecovery=(6.6, 3.0),
        changefailure=(1.6, 2.1),
        performance_average=(6.7, 2.0),
    ),
    "energy": Segment(
        "Energy",
        leadtime=(4.6, 2.5),
        deployfreq=(4.9, 3.1),
        failurerecovery=(6.6, 2.9),
        changefailure=(2.7, 2.7),
        performance_average=(6.1, 2.3),
    ),
    "financial_services": Segment(
        "Financial Services",
        leadtime=(4.9, 2.4),
        deployfreq=(5.2, 2.7),
        failurerecovery=(7.9, 1.9),
        changefailure=(1.6, 1.8),
        performance_average=(6.6, 1.6),
    ),
    "government": Segment(
        "Government",
        leadtime=(4.6, 2.6),
        deployfreq=(4.4, 2.6),
        failurerecovery=(6.8, 2.1),
        changefailure=(2.4, 2.3),
        performance_average=(5.9, 1.6),
    ),
    "healthcare_pharmaceuticals": Segment(
        "Healthcare & Pharmaceuticals",
        leadtime=(4.6, 2.6),
        deployfreq=(4.4, 2.6),
        failurerecovery=(7.4, 2.5),
        changefailure=(1.4, 1.5),
        performance_average=(6.4, 1.6),
    ),
    "industrials_manufacturing": Segment(
        "Industrials & Manufacturing",
        leadtime=(4.8, 2.4),
        deployfreq=(4.9, 2.9),
        failurerecovery=(6.6, 2.6),
        changefailure=(1.7, 1.9),
        performance_average=(6.4, 1.8),
    ),
    "insurance": Segment(
        "Insurance",
        leadtime=(4.4, 2.5),
        deployfreq=(4.9, 3.0),
        failurerecovery=(6.9, 2.6),
        changefailure=(1.8, 2.2),
        performance_average=(6.3, 1.6),
    ),
    "media_entertainment": Segment(
        "Media/Entertainment",
        leadtime=(5.7, 2.7),
        deployfreq=(5.7, 2.7),
        failurerecovery=(7.9, 2.4),
        changefailure=(1.5, 1.9),
        performance_average=(7.2, 1.8),
    ),
    "non_profit": Segment(
        "Non-profit",
        leadtime=(5.6, 3.1),
        deployfreq=(4.9, 2.5),
        failurerecovery=(7.6, 2.0),
        changefailure=(1.5, 2.3),
        performance_average=(7.1, 1.8),
    ),
    "consumer": Segment(
        "Retail/Consumer/e-Commerce",
        leadtime=(5.8, 2.6),
        deployfreq=(6.3, 3.0),
        failurerecovery=(8.0, 1.9),
        changefailure=(1.5, 1.6),
        performance_average=(7.3, 1.7),
    ),
    "technology": Segment(
        "Technology",
        leadtime=(5.4, 2.5),
        deployfreq=(5.5, 2.9),
        failurerecovery=(7.7, 2.1),
        changefailure=(1.6, 1.9),
        performance_average=(6.8, 1.8),
    ),
    "telecommunications": Segment(
        "Telecommunications",
        leadtime=(4.8, 2.5),
        deployfreq=(4.9, 2.7),
        failurerecovery=(7.2, 2.3),
        changefailure=(1.9, 2.0),
        performance_average=(6.3, 1.8),
    ),
    "other": Segment(
        "Other",
        leadtime=(5.5, 2.4),
        deployfreq=(5.6, 2.9),
        failurerecovery=(7.8, 2.1),
        changefailure=(1.7, 1.9),
        performance_average=(6.9, 1.7),
    ),
}

ORGANISATION_SIZE_2024: Final[Mapping[str, Segment]] = {
    "all": Segment(
        "All organizations",
        leadtime=(5.1, 2.6),
        deployfreq=(5.3, 2.9),
        failurerecovery=(7.5, 2.3),
        changefailure=(1.7, 2.0),
        performance_average=(6.7, 1.8),
    ),
    "fewer_than_00002": Segment(
        "Just me - I am a freelancer or sole proprietor",
        leadtime=(5.2, 3.5),
        deployfreq=(4.8, 3.6),
        failurerecovery=(5.3, 3.6),
        changefailure=(3.7, 3.3),
        performance_average=(6.2, 2.2),
    ),
    "fewer_than_010": Segment(
        "2 to 9 employees",
        leadtime=(5.32, 2.8),
        deployfreq=(5.1, 2.9),
        failurerecovery=(7.1, 2.6),
        changefailure=(1.8, 1.9),
        performance_average=(6.6, 2.1),
    ),
    "fewer_than_020": Segment(
        "10 to 19 employees",
        leadtime=(6.3, 2.5),
        deployfreq=(6.1, 2.6),
        failurerecovery=(8.0, 2.4),
        changefailure=(1.9, 2.0),
        performance_average=(7.4, 1.7),
    ),
    "fewer_than_100": Segment(
        "20 to 99 employees",
        leadtime=(5.4, 2.6),
        deployfreq=(5.4, 2.8),
        failurerecovery=(7.9, 1.9),
        changefailure=(1.6, 1.9),
        performance_average=(6.9, 1.7),
    ),
    "fewer_than_500": Segment(
        "100 to 499 employees",
        leadtime=(5.6, 2.5),
        deployfreq=(6.0, 2.9),
        failurerecovery=(7.82, 2.1),
        changefailure=(1.6, 1.8),
        performance_average=(7.0, 1.8),
    ),
    "fewer_than_1000": Segment(
        "500 to 999 employees",
        leadtime=(5.0, 2.6),
        deployfreq=(5.4, 3.0),
        failurerecovery=(7.5, 2.4),
        changefailure=(1.8, 2.1),
        performance_average=(6.8, 1.9),
    ),
    "fewer_than_5000": Segment(
        "1000 to 4999 employees",
        leadtime=(5.1, 2.5),
        deployfreq=(5.3, 2.9),
        failurerecovery=(7.6, 2.0),
        changefailure=(1.6, 1.8),
        performance_average=(6.7, 1.7),
    ),
    "fewer_than_10000": Segment(
        "5000 to 9999 employees",
        leadtime=(4.9, 2.5),
        deployfreq=(5.2, 3.0),
        failurerecovery=(7.4, 2.5),
        changefailure=(1.7, 2.0),
        performance_average=(6.62, 1.8),
    ),
    "more_than_9999": Segment(
        "10000 or more employees",
        leadtime=(4.8, 2.5),
        deployfreq=(4.8, 2.8),
        failurerecovery=(7.5, 2.0),
        changefailure=(1.6, 1.8),
        performance_average=(6.4, 1.7),
    ),
}

ORGANISATION_SIZE_KEYS_2024: Final[Mapping[str, str]] = {
    "solo": "fewer_than_00002",
    "fewer_than_10": "fewer_than_010",
}
"""The 2025 organisation-size keys whose population the 2024 file names with another key."""
