"""A score over time (``scaleready history``)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from scaleready.render.report.charts._palette import BLUE, GRID, MUTED
from scaleready.render.report.charts._svg import coord, esc, finite, text_lines


def score_line(
    chart_id: str,
    points: Sequence[tuple[str, float | None]],
    *,
    title: str,
    width: float = 240.0,
    height: float = 48.0,
) -> Markup:
    """A small line chart of 0-100 scores over time, bottom to top, one point per
    ``(label, score)``; a point without a score is a gap, and ``desc`` lists the scored ones.
    A scale (0, 50, 100, with light rules) stands on the left and the first and last labels
    under the ends, so that the line can be read without the table."""
    scored = [(i, s) for i, (_, score) in enumerate(points) if (s := finite(score)) is not None]
    step = width / max(1, len(points) - 1)
    xy = [(i * step, height - s / 100 * height) for i, s in scored]
    desc = ", ".join(
        f"{label} {s:g}" for label, score in points if (s := finite(score)) is not None
    )
    line = " ".join(f"{coord(x)},{coord(y)}" for x, y in xy)
    dots = "".join(
        f'<circle cx="{coord(x)}" cy="{coord(y)}" r="2.5" fill="{BLUE}"/>' for x, y in xy
    )
    pad, gutter, foot = 4.0, 26.0, 16.0  # room for the dots, the scale, the labels below
    scale = "".join(
        f'<line x1="0" y1="{coord(y)}" x2="{coord(width)}" y2="{coord(y)}" stroke="{GRID}"/>'
        + text_lines(-6, y + 4, [str(v)], anchor="end", size=10, fill=MUTED)
        for v, y in ((100, 0.0), (50, height / 2), (0, height))
    )
    ends = ""
    if points:
        ends = text_lines(0, height + 14, [points[0][0]], size=10, fill=MUTED)
        if len(points) > 1:
            ends += text_lines(
                width, height + 14, [points[-1][0]], anchor="end", size=10, fill=MUTED
            )
    full_width = width + gutter + 2 * pad
    full_height = height + foot + 2 * pad
    return Markup(  # noqa: S704 - the id, title, desc and labels are escaped; the rest are numbers
        f'<svg id="{esc(chart_id)}" role="img" width="{coord(full_width)}" '
        f'height="{coord(full_height)}" viewBox="{coord(-pad - gutter)} {coord(-pad)} '
        f'{coord(full_width)} {coord(full_height)}" '
        f'aria-labelledby="{esc(chart_id)}-title {esc(chart_id)}-desc">'
        f'<title id="{esc(chart_id)}-title">{esc(title)}</title>'
        f'<desc id="{esc(chart_id)}-desc">{esc(desc)}</desc>{scale}{ends}'
        f'<polyline fill="none" stroke="{BLUE}" stroke-width="2" points="{line}"/>{dots}</svg>'
    )
