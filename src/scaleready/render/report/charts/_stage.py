"""The stage meter: the position on 0..1 with one zone per stage of the questionnaire."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from scaleready.render.report.charts._palette import GRID, INK, MUTED, TRACK
from scaleready.render.report.charts._svg import (
    CHAR_WIDTH,
    clamp,
    finite,
    svg_chart,
    svg_line,
    svg_rect,
    text_lines,
)

_ZONE_FONT = 13.0
_FIRST, _LAST, _INTERIOR = "#D9F0E8", "#FBE3C2", "#E4ECF7"


def stage_meter(
    chart_id: str,
    lateness: float | None,
    zones: Sequence[tuple[str, float, bool]],
    *,
    title: str,
    desc: str,
    width: float = 760.0,
) -> Markup:
    """The position on 0..1 with one zone per stage, and where the organisation is.

    ``zones``: each stage's label, where its band starts, and whether it is a band between its
    neighbours (drawn in the track's grey, the others in the first, interior and last colours).
    """
    x0, w = 10.0, width - 20.0
    y, h = 26.0, 26.0
    starts = [0.0]
    for _, start, _ in zones[1:]:
        starts.append(clamp(start, starts[-1], 1.0))
    ends = [*starts[1:], 1.0]
    body = []
    for i, ((_, _, between), start, end) in enumerate(zip(zones, starts, ends, strict=True)):
        fill = (
            TRACK if between else _FIRST if i == 0 else _LAST if i == len(zones) - 1 else _INTERIOR
        )
        body.append(svg_rect(x0 + w * start, y, w * (end - start), h, fill))
    body.append(svg_rect(x0, y, w, h, "none", f'stroke="{GRID}"'))
    value = finite(lateness)
    marker = None if value is None else x0 + w * clamp(value, 0.0, 1.0)
    for (name, _, _), start, end in zip(zones, starts, ends, strict=True):
        if end - start >= 0.08:
            lx, anchor = _zone_label_at(x0 + w * start, x0 + w * end, name, marker)
            body.append(text_lines(lx, y + 17.5, [name], anchor=anchor, size=_ZONE_FONT, fill=INK))
    for tick in sorted({*starts, 1.0}):
        tx = x0 + w * tick
        body.append(svg_line(tx, y + h, tx, y + h + 5, MUTED))
        body.append(
            text_lines(tx, y + h + 18, [f"{tick:.2g}"], anchor="middle", size=11, fill=MUTED)
        )
    if value is not None and marker is not None:
        mx = marker
        body.append(svg_line(mx, y - 6, mx, y + h + 2, INK, 'stroke-width="3"'))
        label_x = clamp(mx, x0 + 60, x0 + w - 60)
        body.append(
            text_lines(label_x, 14, [f"you: {value:.2f}"], anchor="middle", size=13, weight="600")
        )
    else:
        body.append(
            text_lines(
                x0 + w / 2,
                14,
                ["no stage signal could be evaluated"],
                anchor="middle",
                size=12,
                fill=MUTED,
            )
        )
    return svg_chart(chart_id, width, y + h + 26, title, desc, "".join(body))


_CLEAR = 6.0  # space kept between the marker and a zone's name


def _zone_label_at(left: float, right: float, name: str, marker: float | None) -> tuple[float, str]:
    """Where a zone's name goes: centred, unless the marker would cross it; then beside the
    marker, on the side with more room (the name is measured as the charts measure text)."""
    half = len(name) * _ZONE_FONT * CHAR_WIDTH / 2 + _CLEAR
    centre = (left + right) / 2
    if marker is None or not centre - half < marker < centre + half:
        return centre, "middle"
    if right - marker >= marker - left:
        return marker + _CLEAR, "start"
    return marker - _CLEAR, "end"
