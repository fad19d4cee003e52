"""Inline SVG charts drawn from the assessment's numbers: no script, no fonts, nothing fetched.

Each function returns one ``<svg role="img">`` element with a ``<title>`` and ``<desc>`` (named by
``aria-labelledby``), ready to be placed in the HTML report; the report puts a table with the same
numbers next to every chart. The charts are also well-formed XML on their own, which the tests check.

Design choices, and why:
- The Okabe-Ito palette, which stays distinguishable with every common colour-vision deficiency;
  and colour is never the only carrier: every bar has its number (and level word) printed beside it.
- Text is always the report's ink colour on a light ground, so contrast holds on a projector and
  on paper; colours fill shapes only.
- A fixed ``viewBox`` with ``width="100%"``: the chart scales with the page, text with it.
- Every coordinate is rounded to one decimal and every non-finite number is treated as missing, so
  the same data gives the same bytes and ``NaN`` never reaches a chart.
- No ``xmlns``: an HTML parser puts ``<svg>`` in the SVG namespace itself, and the report then
  contains no URL that looks like a resource.

One private module per kind of chart (``_bars``, ``_risks``, ``_bands``, ``_stage``, ``_chain``,
``_line``), the SVG pieces they share in ``_svg`` and the colours in ``_palette``; this package
exports them all.
"""

from scaleready.render.report.charts._bands import BandRow, band_chart
from scaleready.render.report.charts._bars import Bar, Segment, bar_chart, stacked_bar
from scaleready.render.report.charts._chain import ChainColumn, ChainNode, chain_chart
from scaleready.render.report.charts._line import score_line
from scaleready.render.report.charts._palette import (
    BLUE,
    GREEN,
    GREY,
    GRID,
    INK,
    LEVEL_COLOURS,
    MUTED,
    ORANGE,
    PURPLE,
    SKY,
    STROKES,
    TINTS,
    TRACK,
    VERMILLION,
    YELLOW,
)
from scaleready.render.report.charts._risks import RiskBar, RiskGroup, risk_chart
from scaleready.render.report.charts._stage import stage_meter
from scaleready.render.report.charts._svg import CHAR_WIDTH, FONT, finite, wrap

__all__ = [
    "BLUE",
    "CHAR_WIDTH",
    "FONT",
    "GREEN",
    "GREY",
    "GRID",
    "INK",
    "LEVEL_COLOURS",
    "MUTED",
    "ORANGE",
    "PURPLE",
    "SKY",
    "STROKES",
    "TINTS",
    "TRACK",
    "VERMILLION",
    "YELLOW",
    "BandRow",
    "Bar",
    "ChainColumn",
    "ChainNode",
    "RiskBar",
    "RiskGroup",
    "Segment",
    "band_chart",
    "bar_chart",
    "chain_chart",
    "finite",
    "risk_chart",
    "score_line",
    "stacked_bar",
    "stage_meter",
    "wrap",
]
