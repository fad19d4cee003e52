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
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

# Okabe-Ito (Okabe & Ito 2008), and light tints of it for areas behind text.
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"

INK = "#1B1F24"  # body text: 16:1 on white
MUTED = "#57606A"  # secondary text: 6.4:1 on white (WCAG AA)
TRACK = "#EEF0F3"
GRID = "#D0D7DE"
GREY = "#AEB6BF"

LEVEL_COLOURS = {"critical": VERMILLION, "high": ORANGE, "medium": YELLOW, "low": GREEN}
TINTS = {
    "mechanism": "#F5E4EE",
    "value": "#D9F0E8",
    "capability": "#D6E8F5",
    "factor": "#F8E1D3",
    "outcome": "#E3F2FB",
}
STROKES = {
    "mechanism": PURPLE,
    "value": GREEN,
    "capability": BLUE,
    "factor": VERMILLION,
    "outcome": SKY,
}

FONT = 13.0
CHAR_WIDTH = 0.56  # average width of a sans-serif character, in ems; used to wrap labels


def _n(value: float) -> str:
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


def _clamp(value: float, low: float, high: float) -> float:
    return max(low, min(high, value))


def _e(text: str) -> str:
    return str(escape(text))


def wrap(text: str, width: float, lines: int = 2, font: float = FONT) -> list[str]:
    """Split ``text`` into at most ``lines`` lines that fit ``width`` pixels at ``font`` size;
    the last line ends with an ellipsis when the text does not fit."""
    per_line = max(4, int(width / (font * CHAR_WIDTH)))
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
    last = out[-1]
    if len(last) > per_line:
        cut = last[: per_line - 1]
        if " " in cut.strip():
            cut = cut[: cut.rstrip().rindex(" ")]
        out[-1] = cut.rstrip(" ,;:") + "\u2026"
    return out


def _text_lines(
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
    attrs = f'x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" fill="{fill}"'
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    if weight:
        attrs += f' font-weight="{weight}"'
    if len(lines) == 1:
        return f"<text {attrs}>{_e(lines[0])}</text>"
    spans = "".join(
        f'<tspan x="{_n(x)}" dy="{"0" if i == 0 else _n(size * leading)}">{_e(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f"<text {attrs}>{spans}</text>"


def _svg(chart_id: str, width: float, height: float, title: str, desc: str, body: str) -> Markup:
    head = (
        f'<svg id="{_e(chart_id)}" class="chart" role="img" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{_e(chart_id)}-title {_e(chart_id)}-desc">'
        f'<title id="{_e(chart_id)}-title">{_e(title)}</title>'
        f'<desc id="{_e(chart_id)}-desc">{_e(desc)}</desc>'
    )
    # Every text and attribute value in head and body went through _e (markupsafe.escape).
    return Markup(f"{head}{body}</svg>")  # noqa: S704


def _rect(x: float, y: float, w: float, h: float, fill: str, extra: str = "") -> str:
    more = f" {extra}" if extra else ""
    return (
        f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(max(0.0, w))}" height="{_n(h)}" '
        f'fill="{fill}"{more}/>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, extra: str = "") -> str:
    more = f" {extra}" if extra else ""
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}" stroke="{stroke}"{more}/>'
    )


def _swatch(x: float, y: float, fill: str, label: str, extra: str = "") -> tuple[str, float]:
    """A legend entry at (x, y); returns the markup and the x after it."""
    parts = _rect(x, y - 10, 14, 12, fill, extra) + _text_lines(
        x + 20, y, [label], size=12, fill=MUTED
    )
    return parts, x + 20 + len(label) * 12 * CHAR_WIDTH + 22


# --- sorted bars ------------------------------------------------------------------------------


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
) -> Markup:
    """Horizontal bars in the order given, one row each, with the value printed after the track.

    ``reference`` draws a dashed vertical line (for example the readiness score) with a label.
    """
    plot_x = label_width + 12
    value_x_gap = 10
    plot_w = width - plot_x - 130
    top = 30.0 if reference is not None else 8.0
    body: list[str] = []
    rows: list[str] = []
    y = top
    for bar in bars:
        lines = wrap(bar.label, label_width - 8)
        row_h = 24.0 + 15.0 * (len(lines) - 1)
        mid = y + row_h / 2
        first_baseline = mid + 4.5 - 7.5 * (len(lines) - 1)
        label_fill = MUTED if bar.muted else INK
        rows.append(
            _text_lines(
                label_width, first_baseline, lines, anchor="end", fill=label_fill, leading=1.15
            )
        )
        rows.append(_rect(plot_x, mid - 8, plot_w, 16, TRACK, 'rx="2"'))
        value = finite(bar.value)
        if value is None:
            text = "no data"
        else:
            frac = _clamp(value / maximum, 0.0, 1.0) if maximum > 0 else 0.0
            fill = GREY if bar.muted else bar.colour
            rows.append(_rect(plot_x, mid - 8, plot_w * frac, 16, fill, 'rx="2"'))
            text = _n(value)
        if bar.note:
            text += f" \u00b7 {bar.note}"
        rows.append(
            _text_lines(
                plot_x + plot_w + value_x_gap, mid + 4.5, [text], fill=MUTED if bar.muted else INK
            )
        )
        y += row_h + 6
    bottom = y + 4
    # Gridlines under the bars, at quarters of the scale, labelled below the last row.
    for i in range(5):
        gx = plot_x + plot_w * i / 4
        body.append(_line(gx, top - 4, gx, bottom, GRID, 'stroke-width="1"'))
        body.append(
            _text_lines(
                gx, bottom + 14, [_n(maximum * i / 4)], anchor="middle", size=11, fill=MUTED
            )
        )
    body.extend(rows)
    if reference is not None:
        ref_value = finite(reference[0])
        if ref_value is not None:
            rx = plot_x + plot_w * _clamp(ref_value / maximum, 0.0, 1.0)
            body.append(_line(rx, 16, rx, bottom, INK, 'stroke-width="1.5" stroke-dasharray="4 3"'))
            body.append(
                _text_lines(rx, 12, [f"{reference[1]} {_n(ref_value)}"], anchor="middle", size=12)
            )
    height = bottom + 22
    return _svg(chart_id, width, height, title, desc, "".join(body))


# --- failure-factor risk by stage -------------------------------------------------------------


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
    legend, lx = _swatch(plot_x, 14, INK, "residual risk (after mitigation)")
    body.append(legend)
    legend, _ = _swatch(lx, 14, TRACK, "exposure (before)", f'stroke="{GREY}" stroke-width="1"')
    body.append(legend)
    y = 32.0
    rows: list[str] = []
    for group in groups:
        rows.append(_text_lines(0, y + 14, [group.heading], size=14, weight="600"))
        y += 24
        if not group.bars:
            rows.append(_text_lines(plot_x, y + 12, ["none"], fill=MUTED))
            y += 22
        for bar in group.bars:
            lines = wrap(bar.label, label_width - 8)
            row_h = 24.0 + 15.0 * (len(lines) - 1)
            mid = y + row_h / 2
            first_baseline = mid + 4.5 - 7.5 * (len(lines) - 1)
            fill_text = INK if bar.relevant else MUTED
            rows.append(
                _text_lines(
                    label_width, first_baseline, lines, anchor="end", fill=fill_text, leading=1.15
                )
            )
            exposure = _clamp(finite(bar.exposure) or 0.0, 0.0, 1.0)
            residual = _clamp(finite(bar.residual) or 0.0, 0.0, 1.0)
            colour = LEVEL_COLOURS.get(bar.level, GREY) if bar.relevant else GREY
            rows.append(_rect(plot_x, mid - 9, plot_w, 18, "#FFFFFF", f'stroke="{GRID}"'))
            rows.append(_rect(plot_x, mid - 9, plot_w * exposure, 18, TRACK, f'stroke="{GREY}"'))
            rows.append(
                _rect(
                    plot_x,
                    mid - 6,
                    plot_w * residual,
                    12,
                    colour,
                    f'stroke="{INK}" stroke-width="0.6"',
                )
            )
            word = bar.level if bar.relevant else "other stage"
            rows.append(
                _text_lines(
                    plot_x + plot_w + 10, mid + 4.5, [f"{residual:.2f} {word}"], fill=fill_text
                )
            )
            y += row_h + 6
        y += 8
    bottom = y - 4
    for i in range(5):
        gx = plot_x + plot_w * i / 4
        body.append(_line(gx, 28, gx, bottom, GRID, 'stroke-width="1"'))
        body.append(
            _text_lines(gx, bottom + 14, [f"{i / 4:g}"], anchor="middle", size=11, fill=MUTED)
        )
    body.extend(rows)
    return _svg(chart_id, width, bottom + 22, title, desc, "".join(body))


# --- a score against a benchmark band -----------------------------------------------------------


@dataclass(frozen=True)
class BandRow:
    """A metric: the organisation's score against a benchmark mean and standard deviation."""

    label: str
    score: float | None
    mean: float
    std: float
    verdict: str | None = None
    separator_before: bool = False


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
    legend, lx = _swatch(plot_x, 14, "#CFE8F7", band_label, f'stroke="{SKY}"')
    body.append(legend)
    body.append(
        f'<circle cx="{_n(lx + 6)}" cy="8" r="5.5" fill="{INK}" stroke="#FFFFFF" stroke-width="1.5"/>'
    )
    body.append(_text_lines(lx + 18, 14, ["you"], size=12, fill=MUTED))
    y = 30.0
    marks: list[str] = []
    for row in rows:
        if row.separator_before:
            marks.append(_line(0, y + 2, width, y + 2, GRID, 'stroke-dasharray="2 3"'))
            y += 8
        mid = y + 14
        marks.append(
            _text_lines(label_width, mid + 4.5, wrap(row.label, label_width, 1), anchor="end")
        )
        marks.append(_rect(plot_x, mid - 2, plot_w, 4, TRACK, 'rx="2"'))
        mean = finite(row.mean)
        std = finite(row.std)
        if mean is not None and std is not None:
            lo = _clamp(mean - std, 0.0, maximum) / maximum
            hi = _clamp(mean + std, 0.0, maximum) / maximum
            marks.append(
                _rect(
                    plot_x + plot_w * lo,
                    mid - 9,
                    plot_w * (hi - lo),
                    18,
                    "#CFE8F7",
                    f'stroke="{SKY}" rx="3"',
                )
            )
            mx = plot_x + plot_w * _clamp(mean, 0.0, maximum) / maximum
            marks.append(_line(mx, mid - 9, mx, mid + 9, BLUE, 'stroke-width="2"'))
        score = finite(row.score)
        if score is None:
            text = "no data"
        else:
            sx = plot_x + plot_w * _clamp(score, 0.0, maximum) / maximum
            marks.append(
                f'<circle cx="{_n(sx)}" cy="{_n(mid)}" r="6.5" fill="{INK}" stroke="#FFFFFF" stroke-width="2"/>'
            )
            text = f"{score:.2f}".rstrip("0").rstrip(".")
            if row.verdict:
                text += f" {row.verdict}"
        marks.append(_text_lines(plot_x + plot_w + 12, mid + 4.5, [text]))
        y += 30
    bottom = y + 2
    for i in range(0, 11, 2):
        gx = plot_x + plot_w * i / 10
        body.append(_line(gx, 26, gx, bottom, GRID, 'stroke-width="1"'))
        body.append(
            _text_lines(
                gx, bottom + 14, [_n(maximum * i / 10)], anchor="middle", size=11, fill=MUTED
            )
        )
    body.extend(marks)
    return _svg(chart_id, width, bottom + 22, title, desc, "".join(body))


# --- the stage meter -----------------------------------------------------------------------------


def stage_meter(
    chart_id: str,
    lateness: float | None,
    early_below: float,
    late_from: float,
    *,
    title: str,
    desc: str,
    width: float = 760.0,
) -> Markup:
    """Lateness on 0..1 with the early, transition and late zones, and where the organisation is."""
    x0, w = 10.0, width - 20.0
    y, h = 26.0, 26.0
    eb = _clamp(early_below, 0.0, 1.0)
    lf = _clamp(late_from, eb, 1.0)
    body = [
        _rect(x0, y, w * eb, h, "#D9F0E8"),
        _rect(x0 + w * eb, y, w * (lf - eb), h, TRACK),
        _rect(x0 + w * lf, y, w * (1 - lf), h, "#FBE3C2"),
        _rect(x0, y, w, h, "none", f'stroke="{GRID}"'),
    ]
    for start, end, name in ((0.0, eb, "early"), (eb, lf, "transition"), (lf, 1.0, "late")):
        if end - start >= 0.08:
            body.append(
                _text_lines(
                    x0 + w * (start + end) / 2, y + 17.5, [name], anchor="middle", size=13, fill=INK
                )
            )
    for tick in sorted({0.0, eb, lf, 1.0}):
        tx = x0 + w * tick
        body.append(_line(tx, y + h, tx, y + h + 5, MUTED))
        body.append(
            _text_lines(tx, y + h + 18, [f"{tick:.2g}"], anchor="middle", size=11, fill=MUTED)
        )
    value = finite(lateness)
    if value is not None:
        mx = x0 + w * _clamp(value, 0.0, 1.0)
        body.append(_line(mx, y - 6, mx, y + h + 2, INK, 'stroke-width="3"'))
        label_x = _clamp(mx, x0 + 60, x0 + w - 60)
        body.append(
            _text_lines(label_x, 14, [f"you: {value:.2f}"], anchor="middle", size=13, weight="600")
        )
    else:
        body.append(
            _text_lines(
                x0 + w / 2,
                14,
                ["no stage signal could be evaluated"],
                anchor="middle",
                size=12,
                fill=MUTED,
            )
        )
    return _svg(chart_id, width, y + h + 26, title, desc, "".join(body))


# --- a stacked bar (coverage) --------------------------------------------------------------------


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
    body = [_rect(x0, 0, w, 22, TRACK, 'rx="3"')]
    x = x0
    for s in segments:
        if total and s.count > 0:
            seg_w = w * s.count / total
            body.append(_rect(x, 0, seg_w, 22, s.colour, 'stroke="#FFFFFF" stroke-width="1.5"'))
            x += seg_w
    lx = 0.0
    for s in segments:
        entry, lx = _swatch(lx, 44, s.colour, f"{s.label}: {s.count}")
        body.append(entry)
    return _svg(chart_id, width, 54, title, desc, "".join(body))


# --- a score over time (history) ----------------------------------------------------------------


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
    line = " ".join(f"{_n(x)},{_n(y)}" for x, y in xy)
    dots = "".join(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.5" fill="{BLUE}"/>' for x, y in xy)
    pad = 4.0  # room for the dots at the edges
    return Markup(  # noqa: S704 - the id, title and desc went through _e; the rest are numbers
        f'<svg id="{_e(chart_id)}" role="img" width="{_n(width)}" height="{_n(height)}" '
        f'viewBox="{_n(-pad)} {_n(-pad)} {_n(width + 2 * pad)} {_n(height + 2 * pad)}" '
        f'aria-labelledby="{_e(chart_id)}-title {_e(chart_id)}-desc">'
        f'<title id="{_e(chart_id)}-title">{_e(title)}</title>'
        f'<desc id="{_e(chart_id)}-desc">{_e(desc)}</desc>'
        f'<polyline fill="none" stroke="{BLUE}" stroke-width="2" points="{line}"/>{dots}</svg>'
    )


# --- the causal chain of a recommendation -------------------------------------------------------


@dataclass(frozen=True)
class ChainNode:
    """A box in a chain diagram; ``key`` is unique within the diagram."""

    key: str
    label: str
    detail: str = ""


@dataclass(frozen=True)
class ChainColumn:
    """A column of boxes of one kind (mechanism, value, capability, factor, outcome)."""

    kind: str
    heading: str
    nodes: tuple[ChainNode, ...]


def chain_chart(
    chart_id: str,
    columns: Sequence[ChainColumn],
    edges: Sequence[tuple[str, str]],
    *,
    title: str,
    desc: str,
    width: float = 900.0,
) -> Markup:
    """Columns of boxes joined by arrows: mechanisms -> values -> capability -> failure factors ->
    outcomes. Edges between keys that are not drawn are skipped."""
    count = max(1, len(columns))
    gap = 30.0
    col_w = (width - gap * (count - 1)) / count
    size = 13.0
    line_h = size * 1.2
    heights: dict[str, float] = {}
    laid: list[list[tuple[ChainNode, list[str], float]]] = []
    for column in columns:
        items = []
        for node in column.nodes:
            lines = wrap(node.label, col_w - 16, 4, size)
            h = 14 + line_h * len(lines) + (line_h if node.detail else 0)
            items.append((node, lines, h))
        laid.append(items)
    column_heights = [sum(h for _, _, h in items) + 10 * max(0, len(items) - 1) for items in laid]
    inner = max([40.0, *column_heights])
    top = 28.0
    body: list[str] = []
    anchors: dict[str, tuple[float, float, float]] = {}  # key -> (left x, right x, mid y)
    boxes: list[str] = []
    for i, (column, items) in enumerate(zip(columns, laid, strict=True)):
        cx = i * (col_w + gap)
        body.append(
            _text_lines(
                cx + col_w / 2,
                14,
                [column.heading],
                anchor="middle",
                size=12,
                fill=MUTED,
                weight="600",
            )
        )
        y = top + (inner - column_heights[i]) / 2
        if not items:
            body.append(
                _text_lines(
                    cx + col_w / 2, top + inner / 2, ["none"], anchor="middle", size=12, fill=MUTED
                )
            )
        for node, lines, h in items:
            stroke_w = "2" if column.kind == "capability" else "1.2"
            boxes.append(
                _rect(
                    cx,
                    y,
                    col_w,
                    h,
                    TINTS.get(column.kind, TRACK),
                    f'rx="7" stroke="{STROKES.get(column.kind, GREY)}" stroke-width="{stroke_w}"',
                )
            )
            weight = "600" if column.kind == "capability" else None
            boxes.append(
                _text_lines(cx + 8, y + 7 + size, lines, size=size, weight=weight, leading=1.2)
            )
            if node.detail:
                boxes.append(
                    _text_lines(
                        cx + 8,
                        y + 7 + size + line_h * len(lines),
                        [node.detail],
                        size=11.5,
                        fill=MUTED,
                    )
                )
            anchors.setdefault(node.key, (cx, cx + col_w, y + h / 2))
            heights[node.key] = h
            y += h + 10
    marker = f"{chart_id}-arrow"
    body.append(
        f'<defs><marker id="{_e(marker)}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" '
        f'markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="{MUTED}"/></marker></defs>'
    )
    for source, target in edges:
        if source not in anchors or target not in anchors:
            continue
        _, x1, y1 = anchors[source]
        x2, _, y2 = anchors[target]
        bend = (x2 - x1) / 2
        body.append(
            f'<path d="M{_n(x1)},{_n(y1)} C{_n(x1 + bend)},{_n(y1)} {_n(x2 - bend)},{_n(y2)} '
            f'{_n(x2 - 2)},{_n(y2)}" fill="none" stroke="{MUTED}" stroke-width="1.3" '
            f'marker-end="url(#{_e(marker)})"/>'
        )
    body.extend(boxes)
    return _svg(chart_id, width, top + inner + 6, title, desc, "".join(body))
