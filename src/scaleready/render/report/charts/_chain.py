"""The causal chain of a recommendation: columns of boxes joined by arrows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from scaleready.render.report.charts._palette import GREY, MUTED, STROKES, TINTS, TRACK
from scaleready.render.report.charts._svg import coord, esc, svg_chart, svg_rect, text_lines, wrap


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
    laid = [_laid_out(column, col_w) for column in columns]
    column_heights = [
        sum(box.height for box in boxes) + 10 * max(0, len(boxes) - 1) for boxes in laid
    ]
    inner = max([40.0, *column_heights])
    top = 28.0
    body: list[str] = []
    anchors: dict[str, tuple[float, float, float]] = {}  # key -> (left x, right x, mid y)
    boxes: list[str] = []
    for i, (column, items) in enumerate(zip(columns, laid, strict=True)):
        cx = i * (col_w + gap)
        body.append(
            text_lines(
                cx + col_w / 2,
                14,
                [column.heading],
                anchor="middle",
                size=12,
                fill=MUTED,
                weight="600",
            )
        )
        if not items:
            body.append(
                text_lines(
                    cx + col_w / 2, top + inner / 2, ["none"], anchor="middle", size=12, fill=MUTED
                )
            )
        y = top + (inner - column_heights[i]) / 2
        boxes += _column_boxes(column.kind, items, cx, y, col_w, anchors)
    body += _arrows(f"{chart_id}-arrow", edges, anchors)
    body.extend(boxes)
    return svg_chart(chart_id, width, top + inner + 6, title, desc, "".join(body))


_SIZE = 13.0  # the font size of a box's label
_LINE_H = _SIZE * 1.2


@dataclass(frozen=True)
class _Box:
    """A node with its label wrapped to the column's width, and the box's height."""

    node: ChainNode
    lines: tuple[str, ...]
    height: float


def _laid_out(column: ChainColumn, col_w: float) -> list[_Box]:
    boxes = []
    bold = column.kind == "capability"  # drawn in semibold, so measured as such
    for node in column.nodes:
        lines = tuple(wrap(node.label, col_w - 16, 4, _SIZE, bold=bold))
        h = 14 + _LINE_H * len(lines) + (_LINE_H if node.detail else 0)
        boxes.append(_Box(node, lines, h))
    return boxes


def _column_boxes(
    kind: str,
    items: list[_Box],
    cx: float,
    y: float,
    col_w: float,
    anchors: dict[str, tuple[float, float, float]],
) -> list[str]:
    """A column's boxes, top to bottom from ``y``; records where each node's arrows attach."""
    boxes: list[str] = []
    stroke_w = "2" if kind == "capability" else "1.2"
    weight = "600" if kind == "capability" else None
    for box in items:
        node, lines, h = box.node, box.lines, box.height
        # The full name and detail as a tooltip: a long label is wrapped and may be shortened.
        tip = f"{node.label} ({node.detail})" if node.detail else node.label
        boxes.append(f'<g class="node" data-key="{esc(node.key)}"><title>{esc(tip)}</title>')
        boxes.append(
            svg_rect(
                cx,
                y,
                col_w,
                h,
                TINTS.get(kind, TRACK),
                f'rx="7" stroke="{STROKES.get(kind, GREY)}" stroke-width="{stroke_w}"',
            )
        )
        boxes.append(
            text_lines(cx + 8, y + 7 + _SIZE, lines, size=_SIZE, weight=weight, leading=1.2)
        )
        if node.detail:
            detail_y = y + 7 + _SIZE + _LINE_H * len(lines)
            boxes.append(text_lines(cx + 8, detail_y, [node.detail], size=11.5, fill=MUTED))
        boxes.append("</g>")
        anchors.setdefault(node.key, (cx, cx + col_w, y + h / 2))
        y += h + 10
    return boxes


def _arrows(
    marker: str,
    edges: Sequence[tuple[str, str]],
    anchors: dict[str, tuple[float, float, float]],
) -> list[str]:
    """The arrowhead's definition, then a curved arrow for each edge between drawn nodes."""
    out = [
        f'<defs><marker id="{esc(marker)}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" '
        f'markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="{MUTED}"/></marker></defs>'
    ]
    for source, target in edges:
        if source not in anchors or target not in anchors:
            continue
        _, x1, y1 = anchors[source]
        x2, _, y2 = anchors[target]
        bend = (x2 - x1) / 2
        out.append(
            f'<path d="M{coord(x1)},{coord(y1)} C{coord(x1 + bend)},{coord(y1)} '
            f'{coord(x2 - bend)},{coord(y2)} {coord(x2 - 2)},{coord(y2)}" fill="none" '
            f'stroke="{MUTED}" stroke-width="1.3" marker-end="url(#{esc(marker)})"/>'
        )
    return out
