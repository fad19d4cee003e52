"""The project's shared words, each defined once: risk levels and their thresholds, stages,
answer statuses, benchmark verdicts, output formats, and how many top findings a summary shows.

Every module that names one of these imports it from here. This module imports nothing but the
standard library's :mod:`typing` and :mod:`collections.abc`, so any layer (formats, engine, render,
the CLI at startup) may use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, Literal

__all__ = [
    "DORA_EDITIONS",
    "FLAGGED_FROM",
    "LEVELS",
    "LEVEL_FLOORS",
    "REPORT_FORMATS",
    "SCORE_FORMATS",
    "STATUS_WORDS",
    "TOP_RECOMMENDATIONS",
    "TOP_RISKS",
    "WORKSHOP_FORMATS",
    "AnswerStatus",
    "DiffFormat",
    "DoraEdition",
    "DoraVerdict",
    "ExposureSource",
    "HistoryFormat",
    "LeadTimeVerdict",
    "Level",
    "MechanismLink",
    "NotYetReason",
    "ReportFormat",
    "SchemaName",
    "ScoreFormat",
    "SegmentKind",
    "StageId",
    "StageName",
    "WorkshopFormat",
    "at_or_above",
    "level_of",
]

# Risk levels ------------------------------------------------------------------------------------

Level = Literal["low", "medium", "high", "critical"]
"""A residual risk's level."""

LEVELS: Final[tuple[Level, ...]] = ("low", "medium", "high", "critical")
"""The levels from least to most severe."""

LEVEL_FLOORS: Final[tuple[tuple[float, Level], ...]] = (
    (0.75, "critical"),
    (0.5, "high"),
    (0.25, "medium"),
)
"""Lower bounds of the risk levels, highest first (below the last: low)."""

FLAGGED_FROM: Final = 0.25
"""Residual risk from which a factor counts as a risk (level medium or above)."""


def level_of(risk: float) -> Level:
    """The level of a residual risk (or exposure), by :data:`LEVEL_FLOORS`, from the risk rounded
    to three decimals (as the result shows it)."""
    rounded = round(risk, 3)
    for bound, level in LEVEL_FLOORS:
        if rounded >= bound:
            return level
    return "low"


def at_or_above(level: Level, floor: Level) -> bool:
    """Whether ``level`` is ``floor`` or more severe."""
    return LEVELS.index(level) >= LEVELS.index(floor)


TOP_RISKS: Final = 5
"""How many risks a summary (terminal, report, workshop) lists."""

TOP_RECOMMENDATIONS: Final = 3
"""How many recommendations a summary lists first: "the three things to do first"."""

MechanismLink = Literal["grows", "addresses", "values"]
"""How a mechanism is linked to a recommended capability, strongest first: declared to grow it,
working on a failure factor it reduces, or only sharing a value with it."""

NotYetReason = Literal["ahead_of_stage", "worsens_risk"]
"""Why an investment the answers show is premature: the organisation is still early (slides 12,
13, 18), or a failure factor it would deepen is exposed (hiring into a slowdown, slides 15, 20)."""

ExposureSource = Literal["answers", "rules", "parts", "prior"]
"""Where a failure factor's exposure came from."""

# Stages -----------------------------------------------------------------------------------------

StageId = str
"""A stage's id, as the questionnaire declares it (``Questionnaire.stage_ids``); the loader checks
every stage id a questionnaire, an answers file or a fixture names."""

StageName = StageId
"""The stage an organisation is placed in: one of the questionnaire's stage ids."""

# Answers ----------------------------------------------------------------------------------------

AnswerStatus = Literal["answered", "dont_know", "not_applicable", "unanswered"]
"""``unanswered`` keeps a note or reason written before any answer was given."""

STATUS_WORDS: Final[Mapping[str, str]] = {
    "answered": "answered",
    "dont_know": "don't know",
    "not_applicable": "not applicable",
    "unanswered": "unanswered",
}
"""An answer status as a reader sees it."""

# DORA -------------------------------------------------------------------------------------------

DoraVerdict = Literal["above", "within", "below"]
"""A DORA score against a benchmark: more than one standard deviation above or below, or within."""

LeadTimeVerdict = Literal["faster", "within", "slower"]
"""A lead time against the range expected for the team's size."""

SegmentKind = Literal["all", "industry", "organisation_size"]
"""Which DORA benchmark segment: every organisation, an industry, or an organisation size."""

DoraEdition = Literal[2024, 2025]
"""Which year's DORA benchmarks the Quick Check compares with."""

DORA_EDITIONS: Final[tuple[DoraEdition, ...]] = (2024, 2025)
"""The DORA benchmark editions, oldest first (the last is the default)."""

# Output formats ---------------------------------------------------------------------------------

ScoreFormat = Literal["terminal", "json", "md", "html", "junit", "pdf"]
"""The formats ``score`` writes (``pdf``: the HTML report printed by Chromium, to a file)."""

SCORE_FORMATS: Final[tuple[ScoreFormat, ...]] = ("terminal", "json", "md", "html", "junit", "pdf")

ReportFormat = Literal["md", "html"]
"""The formats of the templated report."""

REPORT_FORMATS: Final[tuple[ReportFormat, ...]] = ("md", "html")

WorkshopFormat = Literal["terminal", "md", "html", "json"]
"""The formats ``workshop`` writes."""

WORKSHOP_FORMATS: Final[tuple[WorkshopFormat, ...]] = ("terminal", "md", "html", "json")

DiffFormat = Literal["terminal", "md", "json"]
"""The formats ``diff`` writes."""

HistoryFormat = Literal["terminal", "md", "html", "json"]
"""The formats ``history`` writes."""

SchemaName = Literal["questionnaire", "answers", "result"]
"""The file formats that have a JSON Schema (``scaleready schema NAME``)."""
