"""Failure-factor risk by stage: residual risk over exposure, coloured by level."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from scaleready.render.report.charts._palette import GREY, GRID, INK, LEVEL_COLOURS, MUTED, TRACK
from scaleready.render.report.charts._svg import (
    clamp,
    finite,
    gridlines,
    row_label,
    svg_chart,
    svg_rect,
    swatch,
    text_lines,
)


@dataclass(frozen=True)
class RiskBar:
    """A failure factor: exposure before mitigation and residual risk after it (0..1)."""

    label: str
    exposure: float
    residual: float
    level: str
    relevant: bool


@dataclass(frozen=True)
class RiskGroup:
    """The failure factors of one stage, under a heading."""

    heading: str
    bars: tuple[RiskBar, ...]


def risk_chart(
    chart_id: str,
    groups: Sequence[RiskGroup],
    *,
    title: str,
    desc: str,
    label_width: float = 290.0,
    width: float = 760.0,
) -> Markup:
    """Residual risk (solid, coloured by level) over exposure (light) for each failure factor,
    grouped by stage; factors of another stage are drawn in grey."""
    plot_x = label_width + 12
    plot_w = width - plot_x - 130
    body: list[str] = []
    legend, lx = swatch(plot_x, 14, INK, "residual risk (after mitigation)")
    body.append(legend)
    legend, _ = swatch(lx, 14, TRACK, "exposure (before)", f'stroke="{GREY}" stroke-width="1"')
    body.append(legend)
    y = 32.0
    rows: list[str] = []
    for group in groups:
        rows.append(text_lines(0, y + 14, [group.heading], size=14, weight="600"))
        y += 24
        if not group.bars:
            rows.append(text_lines(plot_x, y + 12, ["none"], fill=MUTED))
            y += 22
        for bar in group.bars:
            row, row_h = _risk_row(bar, y, label_width, plot_x, plot_w)
            rows += row
            y += row_h + 6
        y += 8
    bottom = y - 4
    body += gridlines(plot_x, plot_w, 28, bottom, [(i, f"{i / 4:g}") for i in range(5)], 4)
    body.extend(rows)
    return svg_chart(chart_id, width, bottom + 22, title, desc, "".join(body))


def _risk_row(
    bar: RiskBar, y: float, label_width: float, plot_x: float, plot_w: float
) -> tuple[list[str], float]:
    """One factor's label, exposure, residual risk and level, for a row whose top is ``y``; and
    its height."""
    fill_text = INK if bar.relevant else MUTED
    label, row_h, mid = row_label(bar.label, y, label_width, fill_text)
    exposure = clamp(finite(bar.exposure) or 0.0, 0.0, 1.0)
    residual = clamp(finite(bar.residual) or 0.0, 0.0, 1.0)
    colour = LEVEL_COLOURS.get(bar.level, GREY) if bar.relevant else GREY
    word = bar.level if bar.relevant else "other stage"
    row = [
        label,
        svg_rect(plot_x, mid - 9, plot_w, 18, "#FFFFFF", f'stroke="{GRID}"'),
        svg_rect(plot_x, mid - 9, plot_w * exposure, 18, TRACK, f'stroke="{GREY}"'),
        svg_rect(
            plot_x, mid - 6, plot_w * residual, 12, colour, f'stroke="{INK}" stroke-width="0.6"'
        ),
        text_lines(plot_x + plot_w + 10, mid + 4.5, [f"{residual:.2f} {word}"], fill=fill_text),
    ]
    return row, row_h
