"""A score against a benchmark band (DORA's metrics)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from scaleready.render.report.charts._palette import BLUE, GRID, INK, MUTED, SKY, TRACK
from scaleready.render.report.charts._svg import (
    clamp,
    coord,
    finite,
    gridlines,
    svg_chart,
    svg_line,
    svg_rect,
    swatch,
    text_lines,
    wrap,
)

BAND_FILL = "#CFE8F7"  # a light tint of SKY, behind the benchmark band


@dataclass(frozen=True)
class BandRow:
    """A metric: the organisation's score against a benchmark mean and standard deviation."""

    label: str
    score: float | None
    mean: float
    std: float
    verdict: str | None = None
    separator_before: bool = False
    shown: str | None = None  # the score as printed; two decimals when not given


def band_chart(
    chart_id: str,
    rows: Sequence[BandRow],
    *,
    title: str,
    desc: str,
    band_label: str,
    maximum: float = 10.0,
    label_width: float = 250.0,
    width: float = 760.0,
) -> Markup:
    """Each row: the benchmark band (mean +/- 1 standard deviation, clamped to the scale), a tick
    at the mean, and a dot at the organisation's score, with the score and verdict printed."""
    plot_x = label_width + 12
    plot_w = width - plot_x - 140
    body: list[str] = []
    legend, lx = swatch(plot_x, 14, BAND_FILL, band_label, f'stroke="{SKY}"')
    body.append(legend)
    body.append(
        f'<circle cx="{coord(lx + 6)}" cy="8" r="5.5" fill="{INK}" stroke="#FFFFFF" stroke-width="1.5"/>'
    )
    body.append(text_lines(lx + 18, 14, ["you"], size=12, fill=MUTED))
    y = 30.0
    marks: list[str] = []
    for row in rows:
        if row.separator_before:
            marks.append(svg_line(0, y + 2, width, y + 2, GRID, 'stroke-dasharray="2 3"'))
            y += 8
        marks += _band_row(row, y + 14, label_width, plot_x, plot_w, maximum)
        y += 30
    bottom = y + 2
    ticks = [(i, coord(maximum * i / 10)) for i in range(0, 11, 2)]
    body += gridlines(plot_x, plot_w, 26, bottom, ticks, 10)
    body.extend(marks)
    return svg_chart(chart_id, width, bottom + 22, title, desc, "".join(body))


def _band_row(
    row: BandRow, mid: float, label_width: float, plot_x: float, plot_w: float, maximum: float
) -> list[str]:
    """One metric's label, band, mean tick, dot and printed score, centred on ``mid``."""
    marks = [
        text_lines(label_width, mid + 4.5, wrap(row.label, label_width, 1), anchor="end"),
        svg_rect(plot_x, mid - 2, plot_w, 4, TRACK, 'rx="2"'),
    ]
    mean = finite(row.mean)
    std = finite(row.std)
    if mean is not None and std is not None:
        lo = clamp(mean - std, 0.0, maximum) / maximum
        hi = clamp(mean + std, 0.0, maximum) / maximum
        marks.append(
            svg_rect(
                plot_x + plot_w * lo,
                mid - 9,
                plot_w * (hi - lo),
                18,
                BAND_FILL,
                f'stroke="{SKY}" rx="3"',
            )
        )
        mx = plot_x + plot_w * clamp(mean, 0.0, maximum) / maximum
        marks.append(svg_line(mx, mid - 9, mx, mid + 9, BLUE, 'stroke-width="2"'))
    score = finite(row.score)
    if score is None:
        text = "no data"
    else:
        sx = plot_x + plot_w * clamp(score, 0.0, maximum) / maximum
        marks.append(
            f'<circle cx="{coord(sx)}" cy="{coord(mid)}" r="6.5" fill="{INK}" stroke="#FFFFFF" stroke-width="2"/>'
        )
        text = row.shown or f"{score:.2f}".rstrip("0").rstrip(".")
        if row.verdict:
            text += f" {row.verdict}"
    marks.append(text_lines(plot_x + plot_w + 12, mid + 4.5, [text]))
    return marks
