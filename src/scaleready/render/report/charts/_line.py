"""A score over time (``scaleready history``)."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from scaleready.render.report.charts._palette import BLUE
from scaleready.render.report.charts._svg import coord, esc, finite


def score_line(
    chart_id: str,
    points: Sequence[tuple[str, float | None]],
    *,
    title: str,
    width: float = 240.0,
    height: float = 48.0,
) -> Markup:
    """A small line chart of 0-100 scores over time, bottom to top, one point per
    ``(label, score)``; a point without a score is a gap, and ``desc`` lists the scored ones."""
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
    pad = 4.0  # room for the dots at the edges
    return Markup(  # noqa: S704 - the id, title and desc went through _e; the rest are numbers
        f'<svg id="{esc(chart_id)}" role="img" width="{coord(width)}" height="{coord(height)}" '
        f'viewBox="{coord(-pad)} {coord(-pad)} {coord(width + 2 * pad)} {coord(height + 2 * pad)}" '
        f'aria-labelledby="{esc(chart_id)}-title {esc(chart_id)}-desc">'
        f'<title id="{esc(chart_id)}-title">{esc(title)}</title>'
        f'<desc id="{esc(chart_id)}-desc">{esc(desc)}</desc>'
        f'<polyline fill="none" stroke="{BLUE}" stroke-width="2" points="{line}"/>{dots}</svg>'
    )
