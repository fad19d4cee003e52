"""Snapshot tests: the Markdown and HTML reports of every persona in examples/, byte for byte.

The expected reports are files under tests/snapshots/report/. When a change to the templates or the
engine changes a report on purpose, regenerate them and review the diff like code:

    SCALEREADY_UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_report_snapshots.py

Without that variable the rendered report must equal the stored file exactly, which also pins the
report's determinism across machines (stable ordering, fixed decimals, no timestamps).
"""

from __future__ import annotations

import itertools
import os
import re
from functools import cache
from pathlib import Path

import pytest

from scaleready.engine import assess
from scaleready.formats.answers import Answers
from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import Assessment
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire
from scaleready.render.report import render_report
from scaleready.vocabulary import REPORT_FORMATS, ReportFormat

REPO = Path(__file__).parent.parent
SNAPSHOTS = Path(__file__).parent / "snapshots" / "report"
PERSONAS = sorted(p.stem for p in (REPO / "examples").glob("*.yaml"))
FORMATS: tuple[ReportFormat, ...] = REPORT_FORMATS
UPDATE = os.environ.get("SCALEREADY_UPDATE_SNAPSHOTS") == "1"
MARKDOWN_BUDGET = 8 * 1024  # short enough for a CI step summary


@cache
def _questionnaire() -> Questionnaire:
    return load_questionnaire(REPO / "questionnaires" / "scaling-readiness.yaml")[0]


@cache
def _persona(name: str) -> tuple[Assessment, Answers]:
    answers = load_answers(REPO / "examples" / f"{name}.yaml", _questionnaire())
    return assess(_questionnaire(), answers), answers


def _render(name: str, fmt: ReportFormat, date: str | None = None) -> str:
    assessment, answers = _persona(name)
    return render_report(assessment, _questionnaire(), answers, fmt, date=date)


def test_every_persona_is_covered() -> None:
    assert len(PERSONAS) >= 7
    if not UPDATE:
        stored = {p.name for p in SNAPSHOTS.iterdir()} if SNAPSHOTS.is_dir() else set()
        expected = {f"{name}.{fmt}" for name in PERSONAS for fmt in FORMATS}
        assert stored == expected, "stale or missing snapshots: regenerate them (see the docstring)"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", PERSONAS)
def test_report_matches_snapshot(name: str, fmt: ReportFormat) -> None:
    text = _render(name, fmt)
    path = SNAPSHOTS / f"{name}.{fmt}"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    assert path.is_file(), f"no snapshot {path}: run with SCALEREADY_UPDATE_SNAPSHOTS=1"
    assert text.encode("utf-8") == path.read_bytes(), (
        f"{path.name} differs from its snapshot; if the change is intended, regenerate with "
        "SCALEREADY_UPDATE_SNAPSHOTS=1 and review the diff"
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", ["productivity-collapse", "mostly-dont-know"])
def test_rendering_twice_gives_identical_bytes(name: str, fmt: ReportFormat) -> None:
    assessment, answers = _persona(name)
    # A fresh assessment too, so nothing cached in the first run can hide an unstable order.
    again = assess(_questionnaire(), answers)
    first = render_report(assessment, _questionnaire(), answers, fmt)
    assert first == render_report(again, _questionnaire(), answers, fmt)


@pytest.mark.parametrize("name", PERSONAS)
def test_markdown_fits_a_ci_step_summary(name: str) -> None:
    assert len(_render(name, "md").encode("utf-8")) < MARKDOWN_BUDGET


@pytest.mark.parametrize("name", PERSONAS)
def test_html_is_self_contained(name: str) -> None:
    html = _render(name, "html")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Content-Security-Policy" in html
    # No URL with a scheme anywhere (DORA's credit names dora.dev as text), no script, no
    # external resource: every href is an in-page anchor and nothing has a src.
    assert re.search(r"(?i)\b(?:https?|ftp|file):", html) is None
    assert (
        re.search(r"(?i)<script|<link|<iframe|<object|<embed|<img|\bsrc=|@import|url\((?!#)", html)
        is None
    )
    assert set(re.findall(r'href="([^"]*)"', html)) <= {
        "#summary", "#risks", "#recommendations", "#capabilities", "#values", "#outcomes",
        "#coverage", "#answers",
    }  # fmt: skip
    assert "NaN" not in html
    assert "nan" not in re.findall(r"[a-z]+", html)
    assert "dora.dev" in html
    assert "CC BY 4.0" in html


@pytest.mark.parametrize("name", PERSONAS)
def test_html_headings_are_in_order_and_charts_accessible(name: str) -> None:
    html = _render(name, "html")
    levels = [int(n) for n in re.findall(r"<h([1-6])\b", html)]
    assert levels.count(1) == 1
    assert levels[0] == 1
    assert max(levels) <= 3
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))
    svgs = re.findall(r"<svg\b[^>]*>", html)
    assert len(svgs) >= 8
    for tag in svgs:
        assert 'role="img"' in tag
        assert "aria-labelledby=" in tag
    # Each chart has its table alternative.
    assert html.count("<svg ") == html.count("<summary>Table</summary>")


def test_date_is_printed_only_when_given() -> None:
    for fmt in FORMATS:
        assert "2025-03-14" not in _render("healthy-scale-up", fmt)
        assert "2025-03-14" in _render("healthy-scale-up", fmt, date="2025-03-14")


def test_sections_are_all_there() -> None:
    html = _render("healthy-early-team", "html")
    for heading in (
        "Summary", "Do these three things first", "Why this stage", "Risks", "Recommendations",
        "Not yet: what not to build at this stage", "Capabilities", "Values and mechanisms",
        "Outcomes", "Software delivery against DORA's benchmarks", "Coverage",
        "Appendix: all answers",
    ):  # fmt: skip
        assert f">{heading}</h" in html, heading
    md = _render("healthy-early-team", "md")
    for heading in (
        "## Summary", "### Do these three things first", "## Risks", "## Recommendations",
        "### Not yet", "## Capabilities", "## Values and mechanisms", "## Outcomes", "## Coverage",
        "## Notes", "```mermaid\nflowchart LR\n",
    ):  # fmt: skip
        assert heading in md, heading
