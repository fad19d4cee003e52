"""Sorted horizontal bars (capabilities, values, mechanisms, outcomes) and one stacked bar
(coverage)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from scaleready.render.report.charts._palette import BLUE, GREY, INK, MUTED, TRACK
from scaleready.render.report.charts._svg import (
    CHAR_WIDTH,
    FONT,
    clamp,
    coord,
    finite,
    gridlines,
    row_label,
    svg_chart,
    svg_line,
    svg_rect,
    swatch,
    text_lines,
)


@dataclass(frozen=True)
class Bar:
    """One bar: ``value`` on the chart's scale, or ``None`` when nothing measured it."""

    label: str
    value: float | None
    note: str = ""
    muted: bool = False
    colour: str = BLUE


def bar_chart(
    chart_id: str,
    bars: Sequence[Bar],
    *,
    title: str,
    desc: str,
    maximum: float = 100.0,
    reference: tuple[float, str] | None = None,
    label_width: float = 290.0,
    width: float = 760.0,
    steps: int = 4,
) -> Markup:
    """Horizontal bars in the order given, one row each, with the value printed after the track.

    ``reference`` draws a dashed vertical line (for example the readiness score) with a label;
    ``steps`` gridlines divide the scale (quarters by default).
    """
    plot_x = label_width + 12
    # Room after the track for the longest value text ("no data · other stage"), measured as
    # every chart measures text, so it never runs off the chart (and off the printed page).
    longest = max((len(_value_text(bar)) for bar in bars), default=0)
    plot_w = width - plot_x - max(130.0, _VALUE_GAP + longest * FONT * CHAR_WIDTH + 4)
    top = 30.0 if reference is not None else 8.0
    rows: list[str] = []
    y = top
    for bar in bars:
        row, row_h = _bar_row(bar, y, label_width, plot_x, plot_w, maximum)
        rows += row
        y += row_h + 6
    bottom = y + 4
    # Gridlines under the bars, at each step of the scale, labelled below the last row.
    ticks = [(i, coord(maximum * i / steps)) for i in range(steps + 1)]
    body = gridlines(plot_x, plot_w, top - 4, bottom, ticks, steps)
    body.extend(rows)
    if reference is not None:
        ref_value = finite(reference[0])
        if ref_value is not None:
            rx = plot_x + plot_w * clamp(ref_value / maximum, 0.0, 1.0)
            body.append(
                svg_line(rx, 16, rx, bottom, INK, 'stroke-width="1.5" stroke-dasharray="4 3"')
            )
            body.append(
                text_lines(rx, 12, [f"{reference[1]} {coord(ref_value)}"], anchor="middle", size=12)
            )
    height = bottom + 22
    return svg_chart(chart_id, width, height, title, desc, "".join(body))


def _bar_row(
    bar: Bar, y: float, label_width: float, plot_x: float, plot_w: float, maximum: float
) -> tuple[list[str], float]:
    """One bar's label, track, bar and value, for a row whose top is ``y``; and its height."""
    label_fill = MUTED if bar.muted else INK
    label, row_h, mid = row_label(bar.label, y, label_width, label_fill)
    row = [label, svg_rect(plot_x, mid - 8, plot_w, 16, TRACK, 'rx="2"')]
    value = finite(bar.value)
    if value is not None:
        frac = clamp(value / maximum, 0.0, 1.0) if maximum > 0 else 0.0
        fill = GREY if bar.muted else bar.colour
        row.append(svg_rect(plot_x, mid - 8, plot_w * frac, 16, fill, 'rx="2"'))
    row.append(
        text_lines(plot_x + plot_w + _VALUE_GAP, mid + 4.5, [_value_text(bar)], fill=label_fill)
    )
    return row, row_h


_VALUE_GAP = 10.0


def _value_text(bar: Bar) -> str:
    """What is printed after a bar's track: its value (or "no data") and its note."""
    value = finite(bar.value)
    text = "no data" if value is None else coord(value)
    return f"{text} \u00b7 {bar.note}" if bar.note else text


@dataclass(frozen=True)
class Segment:
    """One part of a stacked bar."""

    label: str
    count: int
    colour: str


def stacked_bar(
    chart_id: str, segments: Sequence[Segment], *, title: str, desc: str, width: float = 760.0
) -> Markup:
    """One bar split into ``segments`` in proportion to their counts, with a legend of counts."""
    total = sum(max(0, s.count) for s in segments)
    x0, w = 0.0, width
    body = [svg_rect(x0, 0, w, 22, TRACK, 'rx="3"')]
    x = x0
    for s in segments:
        if total and s.count > 0:
            seg_w = w * s.count / total
            body.append(svg_rect(x, 0, seg_w, 22, s.colour, 'stroke="#FFFFFF" stroke-width="1.5"'))
            x += seg_w
    lx = 0.0
    for s in segments:
        entry, lx = swatch(lx, 44, s.colour, f"{s.label}: {s.count}")
        body.append(entry)
    return svg_chart(chart_id, width, 54, title, desc, "".join(body))
