"""The SVG chart functions: well-formed XML, the bars and labels the data asks for, no NaN."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import Markup

from scaleready.render.report import charts
from scaleready.render.report.charts import (
    BandRow,
    Bar,
    ChainColumn,
    ChainNode,
    RiskBar,
    RiskGroup,
    Segment,
)

HOSTILE = "<script>alert(1)</script> & \"quotes\" 'too'"


def _parse(svg: Markup) -> ET.Element:
    root = ET.fromstring(str(svg))
    assert root.tag == "svg"
    assert root.get("role") == "img"
    chart_id = root.get("id")
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    assert root[0].tag == "title"
    assert root[0].get("id") == f"{chart_id}-title"
    assert root[1].tag == "desc"
    assert root[1].get("id") == f"{chart_id}-desc"
    assert root.get("viewBox") is not None
    text = str(svg).lower()
    assert "nan" not in re.findall(r"[a-z]+", text)
    assert "inf" not in re.findall(r"[a-z]+", text)
    return root


def _texts(root: ET.Element) -> list[str]:
    # Wrapped labels come back as their lines joined by a space.
    return [" ".join(t.itertext()) for t in root.iter("text")]


def _numbers(svg: Markup) -> list[str]:
    return re.findall(r'\s(?:x|y|width|height|x1|x2|y1|y2|cx|cy|dy)="([^"]*)"', str(svg))


def test_bar_chart_draws_one_bar_per_value_in_order() -> None:
    svg = charts.bar_chart(
        "c",
        [Bar("Alpha", 25.0), Bar("Beta", 100.0, note="#1"), Bar("Gamma", None)],
        title="T",
        desc="D",
        reference=(50.0, "readiness"),
    )
    root = _parse(svg)
    texts = _texts(root)
    assert texts.index("Alpha") < texts.index("Beta") < texts.index("Gamma")
    assert "25" in texts
    assert "100 \u00b7 #1" in texts
    assert "no data" in texts
    assert "readiness 50" in texts
    rects = [r for r in root.iter("rect") if r.get("fill") == charts.BLUE]
    widths = sorted(float(r.get("width", "0")) for r in rects)
    assert len(widths) == 2
    assert widths[1] == pytest.approx(4 * widths[0], abs=0.2)  # 100 is four times 25


def test_bar_values_are_clamped_and_non_finite_values_are_no_data() -> None:
    svg = charts.bar_chart(
        "c",
        [
            Bar("over", 250.0),
            Bar("under", -5.0),
            Bar("not a number", math.nan),
            Bar("infinite", math.inf),
        ],
        title="T",
        desc="D",
    )
    root = _parse(svg)
    assert _texts(root).count("no data") == 2
    track = max(float(r.get("width", "0")) for r in root.iter("rect"))
    bars = [float(r.get("width", "0")) for r in root.iter("rect") if r.get("fill") == charts.BLUE]
    assert max(bars) == pytest.approx(track)
    assert min(bars) == 0


def test_labels_are_escaped_and_long_labels_wrapped() -> None:
    long = "A very long capability name that cannot possibly fit on one line of the chart"
    svg = charts.bar_chart("c", [Bar(HOSTILE, 10.0), Bar(long, 20.0)], title=HOSTILE, desc=HOSTILE)
    root = _parse(svg)
    assert "<script>" not in str(svg)
    assert root[0].text == HOSTILE  # the XML parser gives back exactly the text
    assert HOSTILE in _texts(root)
    spans = [t.text or "" for t in root.iter("tspan")]
    assert spans[-2:] == [
        "A very long capability name that",
        "cannot possibly fit on one line of\u2026",
    ]


def test_wrap() -> None:
    assert charts.wrap("short", 200) == ["short"]
    lines = charts.wrap("word " * 40, 100, lines=3)
    assert len(lines) == 3
    assert lines[-1].endswith("\u2026")
    assert charts.wrap("", 100) == [""]
    assert charts.wrap("Supercalifragilisticexpialidocious", 40, lines=1)[0].endswith("\u2026")


def test_coordinates_are_rounded_to_one_decimal() -> None:
    svg = charts.bar_chart("c", [Bar("x", 100 / 3), Bar("y", 200 / 7)], title="T", desc="D")
    for number in _numbers(svg):
        assert re.fullmatch(r"-?\d+(\.\d)?|100%", number), number


def test_risk_chart_groups_by_stage_and_colours_by_level() -> None:
    groups = [
        RiskGroup(
            "Late-stage failure factors (your stage)",
            (
                RiskBar("Productivity drop", 0.9, 0.7, "high", True),
                RiskBar("\u21b3 Tech debt", 0.8, 0.76, "critical", True),
            ),
        ),
        RiskGroup(
            "Early-stage failure factors (not your stage)",
            (RiskBar("Premature scaling", 0.6, 0.4, "medium", False),),
        ),
        RiskGroup("Empty", ()),
    ]
    root = _parse(charts.risk_chart("r", groups, title="T", desc="D"))
    texts = _texts(root)
    assert "Late-stage failure factors (your stage)" in texts
    assert "0.70 high" in texts
    assert "0.76 critical" in texts
    assert "0.40 other stage" in texts
    assert "none" in texts
    fills = {r.get("fill") for r in root.iter("rect")}
    assert {charts.ORANGE, charts.VERMILLION, charts.GREY} <= fills
    assert charts.YELLOW not in fills  # the medium factor is of another stage: grey


def test_band_chart_places_band_mean_and_score() -> None:
    rows = [
        BandRow("Lead time", 2.0, 5.5, 2.4, "below"),
        BandRow("Overall", None, 9.5, 2.0, None, separator_before=True),
    ]
    svg = charts.band_chart("d", rows, title="T", desc="D", band_label="DORA: mean \u00b1 1 sd")
    root = _parse(svg)
    texts = _texts(root)
    assert "2 below" in texts
    assert "no data" in texts
    assert "DORA: mean \u00b1 1 sd" in texts
    circles = list(root.iter("circle"))
    assert len(circles) == 2  # the legend's and the one score
    bands = [r for r in root.iter("rect") if r.get("fill") == "#CFE8F7" and r.get("rx") == "3"]
    assert len(bands) == 2
    # 9.5 + 2 is clamped to the scale: the band ends at the axis' end.
    first, second = (float(b.get("x", "0")) + float(b.get("width", "0")) for b in bands)
    assert second > first
    assert second == pytest.approx(
        max(float(r.get("x", "0")) + float(r.get("width", "0")) for r in root.iter("rect"))
    )


def test_stage_meter_marks_lateness_and_bands() -> None:
    zones = [("early", 0.0, False), ("transition", 0.4, True), ("late", 0.6, False)]
    root = _parse(charts.stage_meter("s", 0.946, zones, title="T", desc="D"))
    texts = _texts(root)
    assert {"early", "transition", "late", "you: 0.95"} <= set(texts)
    unknown = _parse(charts.stage_meter("s", None, zones, title="T", desc="D"))
    assert "no stage signal could be evaluated" in _texts(unknown)


def test_stacked_bar_segments_are_proportional() -> None:
    segments = [
        Segment("answered", 30, charts.BLUE),
        Segment("don't know", 10, charts.ORANGE),
        Segment("none", 0, charts.GREY),
    ]
    root = _parse(charts.stacked_bar("cov", segments, title="T", desc="D"))
    widths = {
        r.get("fill"): float(r.get("width", "0"))
        for r in root.iter("rect")
        if r.get("height") == "22"
    }
    assert widths[charts.BLUE] == pytest.approx(3 * widths[charts.ORANGE], abs=0.2)
    assert "answered: 30" in _texts(root)
    assert "none: 0" in _texts(root)
    empty = _parse(
        charts.stacked_bar("cov", [Segment("answered", 0, charts.BLUE)], title="T", desc="D")
    )
    assert "answered: 0" in _texts(empty)


def test_chain_chart_draws_columns_boxes_and_edges() -> None:
    columns = [
        ChainColumn("mechanism", "Mechanisms", (ChainNode("m1", "Metrics review", "0/100"),)),
        ChainColumn(
            "value", "Values", (ChainNode("v1", "Own it", "29/100"), ChainNode("v2", HOSTILE, ""))
        ),
        ChainColumn("capability", "Capability", (ChainNode("c", "Automate toil", "8.7/100"),)),
        ChainColumn("factor", "Failure factors", ()),
        ChainColumn("outcome", "Outcomes", (ChainNode("o1", "Lead time", "20/100"),)),
    ]
    edges = [("m1", "v1"), ("v1", "c"), ("v2", "c"), ("c", "missing")]
    root = _parse(charts.chain_chart("chain-1", columns, edges, title="T", desc="D"))
    texts = _texts(root)
    headings = ["Mechanisms", "Values", "Capability", "Failure factors", "Outcomes"]
    assert [t for t in texts if t in headings] == headings
    assert "none" in texts
    # Its word longer than a box's line is cut in the box; the full label is the box's <title>.
    assert HOSTILE in [t.text for t in root.iter("title")]
    assert any(t.startswith("<script>") for t in texts)
    paths = [p for p in root.iter("path") if p.get("marker-end")]
    assert len(paths) == 3  # the edge to a box that is not drawn is skipped
    assert all(p.get("marker-end") == "url(#chain-1-arrow)" for p in paths)
    boxes = [r for r in root.iter("rect") if r.get("rx") == "7"]
    assert len(boxes) == 5


def _contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours."""

    def luminance(colour: str) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


GROUNDS = ["#FFFFFF", "#F6F8FA", charts.TRACK, *charts.TINTS.values()]
TEXT_ON_GROUND = [
    *((text, ground) for text in (charts.INK, charts.MUTED) for ground in GROUNDS),
    (charts.BLUE, "#FFFFFF"),  # links, on the page
    (charts.BLUE, "#F6F8FA"),  # links, in a card
    ("#FFFFFF", charts.BLUE),  # the rank badges
]


@pytest.mark.parametrize(("text", "ground"), TEXT_ON_GROUND)
def test_text_colours_meet_wcag_aa(text: str, ground: str) -> None:
    """Every text colour of the charts and the page, on every ground it is drawn on."""
    assert _contrast(text, ground) >= 4.5
