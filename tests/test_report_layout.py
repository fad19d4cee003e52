"""The HTML report's charts at the edges, measured in headless Chromium (issue 16, item 6): every
label of a chain diagram lies inside its box, every chart's text inside the chart, and the stage
marker never covers a zone's name. Measured with ``getBBox()``, in the browser's own fonts."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scaleready.formats.questionnaire import Questionnaire
from scaleready.render.report import charts
from tests.test_report_browser import MISSING, QUESTIONNAIRE, REPO, Browser, _report

pytestmark = [
    pytest.mark.slow,  # starts a browser
    pytest.mark.skipif(MISSING is not None, reason=MISSING or ""),
]
PERSONAS = sorted(p.stem for p in (REPO / "examples").glob("*.yaml"))

# Text outside its chart (cut on paper), and a box's text outside its box, as [chart, text, why].
OVERFLOWS = """(() => {
  const out = [], slack = 0.5;
  const inside = (b, r) => b.x >= r.x - slack && b.y >= r.y - slack
    && b.x + b.width <= r.x + r.width + slack && b.y + b.height <= r.y + r.height + slack;
  for (const svg of document.querySelectorAll('svg')) {
    const vb = svg.viewBox.baseVal;
    for (const t of svg.querySelectorAll('text')) {
      if (!inside(t.getBBox(), vb)) out.push([svg.id, t.textContent, 'outside the chart']);
    }
    for (const g of svg.querySelectorAll('g.node')) {
      const box = g.querySelector('rect').getBBox();
      for (const t of g.querySelectorAll('text')) {
        if (!inside(t.getBBox(), box)) out.push([svg.id, t.textContent, 'outside its box']);
      }
    }
  }
  return out;
})()"""

# For each stage meter: the zone names the marker's line crosses (with a few pixels' margin).
MARKER_OVER_LABELS = """[...document.querySelectorAll('svg')].map(svg => {
  const marker = svg.querySelector('line[stroke-width="3"]');
  if (!marker) return [svg.id, []];
  const m = marker.getBBox();
  const hit = [...svg.querySelectorAll('text')]
    .filter(t => ['early', 'transition', 'late'].includes(t.textContent))
    .filter(t => { const b = t.getBBox(); return m.x + m.width + 2 > b.x && m.x - 2 < b.x + b.width; })
    .map(t => t.textContent);
  return [svg.id, hit];
})"""


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    from scaleready.loading.questionnaire import load_questionnaire

    return load_questionnaire(QUESTIONNAIRE)[0]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    b = Browser(width=1280, height=1000)
    yield b
    b.close()


def _open(browser: Browser, page: Path, text: str) -> None:
    page.write_text(text, encoding="utf-8")
    browser.open(page.as_uri())


@pytest.mark.parametrize("width", [1280, 700, 400])
def test_every_label_lies_within_its_box_and_chart(
    browser: Browser, questionnaire: Questionnaire, tmp_path: Path, width: int
) -> None:
    """Every persona's report, on a wide screen, at the printed page's width and on a phone."""
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
    )
    found: list[Any] = []
    boxes = 0
    for persona in PERSONAS:
        _open(browser, tmp_path / f"{persona}.html", _report(questionnaire, persona))
        boxes += browser.evaluate("document.querySelectorAll('g.node').length")
        found += [[persona, *x] for x in browser.evaluate(OVERFLOWS)]
        found += [
            [persona, chart, hit]
            for chart, hit in browser.evaluate(MARKER_OVER_LABELS)
            if hit  # the report's own marker
        ]
    assert boxes > 0
    assert found == []


def test_long_bold_names_are_wrapped_inside_their_boxes(browser: Browser, tmp_path: Path) -> None:
    """The widest labels a questionnaire may hold, in every column, the capability in bold."""
    long = "Grow enough good managers as the organisation outgrows its founders and early leads"
    # A word longer than a line, and a long name in semibold.
    wide = "Internationalisation-and-localisation-readiness of continuous software delivery"
    columns = [
        charts.ChainColumn(kind, kind.title(), (charts.ChainNode(f"{kind}:a", long, "99.9/100"),))
        for kind in ("mechanism", "value", "capability", "factor", "outcome")
    ]
    columns[2] = charts.ChainColumn(
        "capability", "Capability", (charts.ChainNode("capability:a", wide, "15.8/100"),)
    )
    chart = charts.chain_chart("chart-long", columns, [], title="long", desc="long names")
    _open(browser, tmp_path / "long.html", f"<!DOCTYPE html><html lang=en><body>{chart}")
    assert browser.evaluate(OVERFLOWS) == []
    tips = browser.evaluate(
        "[...document.querySelectorAll('g.node > title')].map(t => t.textContent)"
    )
    assert f"{wide} (15.8/100)" in tips  # the full name, whatever the box shows


def test_the_stage_marker_never_covers_a_zone_name(browser: Browser, tmp_path: Path) -> None:
    """The marker at every lateness from 0 to 1, with the bundled questionnaire's zones and with
    narrow ones."""
    meters = [
        charts.stage_meter(
            f"chart-stage-{i}-{n}",
            i / 100,
            [("early", 0.0, False), ("transition", early, True), ("late", late, False)],
            title="stage",
            desc="lateness",
        )
        for n, (early, late) in enumerate(((0.4, 0.6), (0.25, 0.7), (0.45, 0.55)))
        for i in range(101)
    ]
    body = "".join(f'<div style="width:760px">{m}</div>' for m in meters)
    _open(browser, tmp_path / "stage.html", f"<!DOCTYPE html><html lang=en><body>{body}")
    hits = [[chart, hit] for chart, hit in browser.evaluate(MARKER_OVER_LABELS) if hit]
    assert hits == []
    assert browser.evaluate(OVERFLOWS) == []


# Paper sizes in inches, and the page margins of the print stylesheet (@page) in millimetres.
PAPERS = {"A4": (8.27, 11.69), "Letter": (8.5, 11.0)}
MARGIN_MM = 12.0
PX_PER_INCH = 96


def _pages(pdf: bytes) -> int:
    """How many pages a PDF has: its page objects (Chromium writes one per page)."""
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


@pytest.mark.parametrize("paper", sorted(PAPERS))
def test_prints_whole_charts_on_few_pages(
    browser: Browser, questionnaire: Questionnaire, tmp_path: Path, paper: str
) -> None:
    """Printed on A4 and on Letter, the productivity-collapse report (30 pages before the print
    stylesheet) fits on far fewer pages, and at the page's printable width no chart and no text
    of a chart reaches past the page's edge."""
    from selenium.webdriver.common.print_page_options import PrintOptions

    inches_w, inches_h = PAPERS[paper]
    printable = round((inches_w - 2 * MARGIN_MM / 25.4) * PX_PER_INCH)
    _open(browser, tmp_path / "report.html", _report(questionnaire, "productivity-collapse"))
    browser.emulate_media("print")
    try:
        browser.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": printable, "height": 1000, "deviceScaleFactor": 1, "mobile": False},
        )
        outside = browser.evaluate(
            "[...document.querySelectorAll('svg')].map(s => [s.id, s.getBoundingClientRect()])"
            ".filter(([, r]) => r.left < 0 || r.right > document.documentElement.clientWidth)"
            ".map(([id]) => id)"
        )
        assert outside == []
        assert browser.evaluate(OVERFLOWS) == []
        assert browser.evaluate("document.documentElement.scrollWidth") <= printable
        options = PrintOptions()
        options.page_width = inches_w * 2.54
        options.page_height = inches_h * 2.54
        pdf = base64.b64decode(browser.driver.print_page(options))
    finally:
        browser.emulate_media("")
    assert pdf.startswith(b"%PDF")
    assert 5 <= _pages(pdf) <= 18
