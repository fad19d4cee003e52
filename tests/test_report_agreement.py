"""Every format tells the same story: for each of the first recommendations, the terminal, the
Markdown report (its text and its Mermaid diagram) and the HTML report (its text, its chain
diagram and the diagram's table) name the same mechanisms to start with; for each top risk they
name the same rules. They all read these from one view model (issue 16, item 7)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from markupsafe import escape

from scaleready.ci.score_run import Gates, ScoreRun, run_score
from scaleready.render.outputs import render, terminal_text
from scaleready.render.report.markdown import shorten
from scaleready.render.report.view import order_findings

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.yaml"))
_SPACE = re.compile(r"\s+")


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text)


def _named(segment: str, names: list[str]) -> set[str]:
    """The mechanism names ``segment`` lists as ``NAME (score)`` (``names`` longest first, so
    "1:1s" is not found inside "Skip-level 1:1s")."""
    found = set()
    for name in names:
        if f"{name} (" in segment:
            found.add(name)
            segment = segment.replace(f"{name} (", "\0")
    return found


def _adopt_first(why: str, names: list[str]) -> set[str]:
    """The mechanisms a why names in its "Mechanisms to adopt first" sentence."""
    if "Mechanisms to adopt first: " not in why:
        return set()
    segment = why.split("Mechanisms to adopt first: ", 1)[1]
    return _named(segment.split(" wait: ", 1)[0], names)


@pytest.fixture(scope="module", params=EXAMPLES, ids=lambda p: p.stem)
def run(request: pytest.FixtureRequest) -> ScoreRun:
    return run_score(request.param, None, Gates())


def test_every_format_names_the_same_mechanisms_to_start_with(run: ScoreRun) -> None:
    findings = order_findings(run.result, run.questionnaire)
    names = sorted({m.name for m in run.questionnaire.model.mechanisms}, key=len, reverse=True)
    terminal = _flat(terminal_text(run, width=400))
    markdown = render("md", run)
    page = render("html", run)
    recs = findings.top_recommendations
    for i, rec in enumerate(recs):
        expected = {m.name for m in findings.weak_mechanisms(rec)}
        # Terminal: the why under "N. name", up to the next recommendation.
        head = f"{rec.rank}. {rec.name} "
        after = terminal.split(head, 1)[1]
        if i + 1 < len(recs):
            after = after.split(f"{recs[i + 1].rank}. {recs[i + 1].name} ", 1)[0]
        assert _adopt_first(after, names) == expected, ("terminal", rec.rank)
        # Markdown: the "Start with" of its line, and the mechanisms of its subgraph.
        line = next(x for x in markdown.splitlines() if x.startswith(f"{rec.rank}. **"))
        start = line.split(" Start with: ", 1)[1] if " Start with: " in line else ""
        assert _named(start, names) == expected, ("markdown text", rec.rank)
        block = markdown.split(f'subgraph g{i + 1}["', 1)[1].split("\n  end", 1)[0]
        labels = re.findall(r'\["(.*?)"\]:::mechanism', block)
        drawn = {n for n in names for label in labels if label.startswith(shorten(n, 40) + " (")}
        assert drawn == expected, ("mermaid", rec.rank)
        # HTML: the why, the chart's table (first column) and the chart itself.
        section = page.split(f"<h3>{rec.rank}. ", 1)[1].split("<h3>", 1)[0]
        text = html.unescape(section)
        found = re.search(r"<p>(.*?)</p>", section.split("</p>", 1)[1])
        assert found is not None
        why = html.unescape(found.group(1))
        assert _adopt_first(why, names) == expected, ("html why", rec.rank)
        first_cell = text.split("<tbody><tr>", 1)[1].split("</td>", 1)[0]
        assert _named(first_cell, names) == expected, ("html table", rec.rank)
        svg = text.split("<svg", 1)[1].split("</svg>", 1)[0]
        titles = set(re.findall(r'data-key="mechanism:([^"]+)"', svg))
        assert titles == {m.id for m in findings.weak_mechanisms(rec)}, ("html chart", rec.rank)


def test_every_format_names_the_same_rules_for_each_risk(run: ScoreRun) -> None:
    findings = order_findings(run.result, run.questionnaire)
    terminal = terminal_text(run, width=400).splitlines()
    markdown = render("md", run).splitlines()
    page = render("html", run)
    for f in findings.top_risks:
        expected = [rule.id for rule in findings.risk_rules(f)]
        assert set(expected) == set(f.triggered_by.rules)
        row = next(x for x in terminal if f" {f.name}" in x and f"{f.residual_risk:.2f}" in x)
        said = re.search(r"\(rules ([^;)]*)", row)
        assert (said.group(1).split(", ") if said else []) == expected, ("terminal", f.id)
        md_row = next(x for x in markdown if x.startswith("| ") and f"| {f.name}" in x)
        rules_said = md_row.split(" (rule", 1)[1] if " (rule" in md_row else ""
        assert re.findall(r"`([^`]+)`", rules_said) == expected, ("markdown", f.id)
        title = f'<p class="entry-title">{escape(f.name)} <code>{escape(f.id)}</code></p>'
        entry = page.split(title, 1)[1]
        entry = entry.split('<div class="entry', 1)[0].split("</section>", 1)[0]
        assert re.findall(r'data-rule="([^"]+)"', entry) == expected, ("html", f.id)
