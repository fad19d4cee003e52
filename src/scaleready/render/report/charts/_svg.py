"""The SVG pieces every chart is made of: numbers, escaped text, wrapped labels, rectangles,
lines, legend swatches and the ``<svg>`` element itself."""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

from scaleready.errors import visible
from scaleready.render.report.charts._palette import GRID, INK, MUTED

FONT = 13.0
CHAR_WIDTH = 0.56  # average width of a sans-serif character, in ems; used to wrap labels
BOLD_WIDTH = 0.62  # the same in semibold and bold, which are wider


def coord(value: float) -> str:
    """A coordinate, rounded to one decimal, without a trailing ``.0`` or a ``-0``."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def finite(value: float | None) -> float | None:
    """``value`` when it is a finite number, otherwise ``None`` (no data)."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def clamp(value: float, low: float, high: float) -> float:
    """``value`` within ``low`` and ``high``."""
    return max(low, min(high, value))


def esc(text: str) -> str:
    """``text`` escaped for an SVG element or attribute (markupsafe's escaping), as
    :func:`~scaleready.errors.visible` shows it (no control character, no line of its own)."""
    return str(escape(visible(text)))


def wrap(
    text: str, width: float, lines: int = 2, font: float = FONT, *, bold: bool = False
) -> list[str]:
    """Split ``text`` into at most ``lines`` lines that fit ``width`` pixels at ``font`` size
    (``bold``: in a semibold or bold weight); the last line ends with an ellipsis when the text
    does not fit."""
    per_line = max(4, int(width / (font * (BOLD_WIDTH if bold else CHAR_WIDTH))))
    out: list[str] = []
    for word in text.split():
        if out and len(out[-1]) + 1 + len(word) <= per_line:
            out[-1] += " " + word
        else:
            out.append(word)
    if not out:
        return [""]
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
    # A line still too long (the rest of the text, or one word longer than a line) is cut.
    return [_cut(line, per_line) if len(line) > per_line else line for line in out]


def _cut(line: str, per_line: int) -> str:
    """``line`` cut at a word, if it can be, to ``per_line`` characters with an ellipsis."""
    cut = line[: per_line - 1]
    if " " in cut.strip():
        cut = cut[: cut.rstrip().rindex(" ")]
    return cut.rstrip(" ,;:") + "\u2026"


def text_lines(
    x: float,
    y: float,
    lines: Sequence[str],
    *,
    anchor: str = "start",
    size: float = FONT,
    fill: str = INK,
    weight: str | None = None,
    leading: float = 1.25,
) -> str:
    """A ``<text>`` element; ``y`` is the baseline of the first line."""
    attrs = f'x="{coord(x)}" y="{coord(y)}" font-size="{coord(size)}" fill="{fill}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if weight:
        attrs += f' font-weight="{weight}"'
    if len(lines) == 1:
        return f"<text {attrs}>{esc(lines[0])}</text>"
    spans = "".join(
        f'<tspan x="{coord(x)}" dy="{"0" if i == 0 else coord(size * leading)}">{esc(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f"<text {attrs}>{spans}</text>"


def svg_chart(
    chart_id: str, width: float, height: float, title: str, desc: str, body: str
) -> Markup:
    head = (
        f'<svg id="{esc(chart_id)}" class="chart" role="img" viewBox="0 0 {coord(width)} {coord(height)}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{esc(chart_id)}-title {esc(chart_id)}-desc">'
        f'<title id="{esc(chart_id)}-title">{esc(title)}</title>'
        f'<desc id="{esc(chart_id)}-desc">{esc(desc)}</desc>'
    )
    # Every text and attribute value in head and body went through esc (markupsafe.escape).
    return Markup(f"{head}{body}</svg>")  # noqa: S704


def svg_rect(x: float, y: float, w: float, h: float, fill: str, extra: str = "") -> str:
    more = f" {extra}" if extra else ""
    return (
        f'<rect x="{coord(x)}" y="{coord(y)}" width="{coord(max(0.0, w))}" height="{coord(h)}" '
        f'fill="{fill}"{more}/>'
    )


def svg_line(x1: float, y1: float, x2: float, y2: float, stroke: str, extra: str = "") -> str:
    more = f" {extra}" if extra else ""
    return f'<line x1="{coord(x1)}" y1="{coord(y1)}" x2="{coord(x2)}" y2="{coord(y2)}" stroke="{stroke}"{more}/>'


def swatch(x: float, y: float, fill: str, label: str, extra: str = "") -> tuple[str, float]:
    """A legend entry at (x, y); returns the markup and the x after it."""
    parts = svg_rect(x, y - 10, 14, 12, fill, extra) + text_lines(
        x + 20, y, [label], size=12, fill=MUTED
    )
    return parts, x + 20 + len(label) * 12 * CHAR_WIDTH + 22


def row_label(label: str, y: float, label_width: float, fill: str) -> tuple[str, float, float]:
    """A bar's label, right-aligned before the bar and wrapped to two lines, for a row whose top
    is ``y``; returns the markup, the row's height and its middle."""
    lines = wrap(label, label_width - 8)
    row_h = 24.0 + 15.0 * (len(lines) - 1)
    mid = y + row_h / 2
    first_baseline = mid + 4.5 - 7.5 * (len(lines) - 1)
    text = text_lines(label_width, first_baseline, lines, anchor="end", fill=fill, leading=1.15)
    return text, row_h, mid


def gridlines(
    plot_x: float,
    plot_w: float,
    top: float,
    bottom: float,
    ticks: Sequence[tuple[int, str]],
    steps: int,
) -> list[str]:
    """Vertical gridlines from ``top`` to ``bottom`` at ``i / steps`` of the plot's width for each
    ``(i, label)`` of ``ticks``, labelled below."""
    out: list[str] = []
    for i, label in ticks:
        gx = plot_x + plot_w * i / steps
        out.append(svg_line(gx, top, gx, bottom, GRID, 'stroke-width="1"'))
        out.append(text_lines(gx, bottom + 14, [label], anchor="middle", size=11, fill=MUTED))
    return out
