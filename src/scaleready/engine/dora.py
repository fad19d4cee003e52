"""The DORA Quick Check's arithmetic, over the 2024 or 2025 benchmarks of
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

The 2024 edition, as the app runs it (``data-service.ts``): rework is neither asked nor scored,
so stability is change fail rate alone and overall the mean of four metrics; the files have no
throughput or instability aggregates, so those benchmarks are not shown; the overall benchmark is
the mean of the four metric means after the change-fail flip (6.55 for all industries). Its
organisation-size ``failurerecovery`` is not flipped (7.5 for all organisations, as in the
industry file), so no 2024 benchmark carries the recovery note.

The "help me prioritise" capabilities (``PrioritizationResult.svelte``): each 1-5 answer
(Strongly disagree .. Strongly agree) is recoded to (v - 1) / 4 x 10, and a capability's score is
the mean of its answered statements, printed ``toFixed(1)``.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from scaleready.engine import dora_benchmarks as _data
from scaleready.engine.dora_benchmarks import Segment, Stat
from scaleready.formats.questionnaire import Questionnaire
from scaleready.vocabulary import DoraEdition, DoraVerdict, LeadTimeVerdict, SegmentKind

BAND_METRICS: Final = ("leadtime", "deployfreq", "failurerecovery")
PERCENT_METRICS: Final = ("changefailure", "rework")
METRICS: Final = (*BAND_METRICS, *PERCENT_METRICS)
THROUGHPUT: Final = BAND_METRICS
STABILITY: Final = PERCENT_METRICS
FLIPPED: Final = frozenset(PERCENT_METRICS)
DEFAULT_EDITION: Final[DoraEdition] = 2025


RECOVERY_FLIP_NOTE = "DORA's organisation-size data stores failed deployment recovery time flipped"
"""How a benchmark note about the flipped recovery time begins; the reports show such notes
where the benchmark appears."""


def edition_metrics(edition: DoraEdition) -> tuple[str, ...]:
    """The metrics an edition asks and scores: all five in 2025, no rework in 2024."""
    return METRICS if edition == 2025 else tuple(m for m in METRICS if m != "rework")


def with_edition(questionnaire: Questionnaire, edition: DoraEdition) -> Questionnaire:
    """The questionnaire comparing with another edition's benchmarks (``score --dora-edition``);
    unchanged when it links no benchmarks."""
    bench = questionnaire.benchmarks
    if bench is None or bench.dora_edition == edition:
        return questionnaire
    return questionnaire.model_copy(
        update={"benchmarks": bench.model_copy(update={"dora_edition": edition})}
    )


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


def capability_score(answers: list[float]) -> float | None:
    """A "help me prioritise" capability's score: each 1-5 answer recoded to 0-10, then the mean
    (``None`` for no answers; the app prints 0 then, which would read as a score)."""
    return mean([(answer - 1) / 4 * 10 for answer in answers])


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
    metrics: Mapping[str, Stat]  # the edition's metrics, its aggregates, overall
    flipped: frozenset[str]
    notes: tuple[str, ...]

    @property
    def overall(self) -> float:
        """The mean of the five per-metric means after the flip (DORA's app does this)."""
        return self.metrics["overall"][0]


def _table(kind: SegmentKind, edition: DoraEdition) -> Mapping[str, Segment]:
    if edition == 2024:
        return _data.ORGANISATION_SIZE_2024 if kind == "organisation_size" else _data.INDUSTRY_2024
    return _data.ORGANISATION_SIZE_2025 if kind == "organisation_size" else _data.INDUSTRY_2025


def segment_key(kind: SegmentKind, key: str, edition: DoraEdition) -> str | None:
    """The key DORA's file for the edition uses for an answered segment; ``None``: none.

    The 2024 organisation-size file names two of the 2025 populations otherwise
    (:data:`~scaleready.engine.dora_benchmarks.ORGANISATION_SIZE_KEYS_2024`).
    """
    if edition == 2024 and kind == "organisation_size":
        key = _data.ORGANISATION_SIZE_KEYS_2024.get(key, key)
    return key if key in _table(kind, edition) else None


def shown(
    kind: SegmentKind, key: str, edition: DoraEdition = DEFAULT_EDITION
) -> ShownBenchmark | None:
    """A segment's benchmark, flipped where DORA stores instability; ``None`` for unknown keys.

    ``kind`` ``all`` and ``industry`` read the industry file, ``organisation_size`` the
    organisation-size file (whose 2025 ``failurerecovery`` is read as 10 - value).
    """
    segment = _table(kind, edition).get(key)
    if segment is None:
        return None
    flipped = set(FLIPPED) | {"stability"}
    notes: list[str] = []
    recovery = segment.failurerecovery
    if kind == "organisation_size" and edition == 2025:
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
    }
    if segment.rework is not None:
        metrics["rework"] = (10 - segment.rework[0], segment.rework[1])
    if segment.throughput is not None:
        metrics["throughput"] = segment.throughput
    if segment.instability is not None:
        metrics["stability"] = (10 - segment.instability[0], segment.instability[1])
    averaged = edition_metrics(edition)
    overall = sum(metrics[m][0] for m in averaged) / len(averaged)
    metrics["overall"] = (overall, segment.performance_average[1])
    count = "five" if len(averaged) == 5 else "four"
    notes.append(
        f"overall = mean of the {count} metric means after the flip, as DORA's app shows it "
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
