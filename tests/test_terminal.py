"""The rich terminal summary: readable in 80 columns, without colour."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from rich.console import Console

from scaleready.engine import assess
from scaleready.engine.risks import ranked_risks
from scaleready.formats.result import Assessment
from scaleready.loading.answers import load_answers
from scaleready.render.terminal import print_terminal, render_terminal
from tests.conftest import REPO
from tests.test_engine_lab import EARLY, lab, load_text, run
from tests.test_engine_not_yet import INVESTING
from tests.test_engine_properties import bundled


def shown(result: Assessment, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, no_color=True, color_system=None)
    print_terminal(result, lab(), console)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


def test_the_summary_shows_stage_score_risks_and_recommendations() -> None:
    # The lab with its platform team marked as an investment: same scores, one not-yet finding.
    out = shown(run({**EARLY, "engineers": 40}, load_text(INVESTING)))
    assert "Stage: Early stage (early)" in out
    assert "Readiness: 64.7/100 for the early stage" in out
    assert "Top risks" in out
    # hiring 0.5 x (1 - 0.25) = 0.375, premature 0.7 x (1 - 0.5) = 0.35: both medium
    assert out.count("MEDIUM") == 2
    # delivery also removes the late-stage slow delivery's risk (weight 0.3 at the early stage)
    assert "1. Continuous delivery" in out
    assert "2. Financial discipline" in out
    assert "Don't build this yet" in out
    assert '- A platform team: "yes" (ahead of time 1.00)' in out  # the lab sets no wording


def test_every_line_fits_80_columns_and_has_no_escape_codes() -> None:
    out = shown(run({**EARLY, "engineers": 40}))
    assert "\x1b[" not in out
    for line in out.splitlines():
        assert len(line) <= 80, line


def test_levels_are_words_not_colours() -> None:
    out = shown(run({**EARLY, "hires": "none", "budget": "none"}))
    # hiring: exposure 1.0, mitigation 0 -> critical; premature: 1.0 via its part -> critical
    assert out.count("CRITICAL") == 2


def test_ranked_risks_order_by_residual_risk_then_id() -> None:
    result = run({**EARLY, "engineers": 60})  # transition: all three factors relevant
    ids = [f.id for f in ranked_risks(result.failure_factors, limit=5)]
    # slow: 0.5 x (1 - 0.4) = 0.3; hiring 0.375; premature never below its part: 0.375
    assert ids == ["hiring", "premature", "slow"]
    # the same selection serves the gates: from a floor, and cut to a limit
    assert [f.id for f in ranked_risks(result.failure_factors, "medium", limit=2)] == ids[:2]
    assert ranked_risks(result.failure_factors, "high") == []


def top_risk_rows(out: str) -> list[tuple[str, str, str]]:
    """The rows of the "Top risks" table as printed: level, residual risk, failure factor."""
    table = out.split("\nTop risks\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert table[0].split() == ["level", "risk", "failure", "factor"]
    rows = []
    for line in table[1:]:
        level, risk, name = line.strip().split(maxsplit=2)
        rows.append((level, risk, name))
    return rows


def test_top_risks_are_relevant_and_ordered_by_residual_risk() -> None:
    out = shown(run({**EARLY, "engineers": 60}))  # transition: all three factors relevant
    # hiring 0.5 x (1 - 0.25) = 0.375; premature its part's 0.375; slow 0.5 x (1 - 0.4) = 0.3
    assert top_risk_rows(out) == [
        ("MEDIUM", "0.38", "Hiring too early [hiring]"),
        ("MEDIUM", "0.38", "Premature scaling [premature]"),
        ("MEDIUM", "0.30", "Slow delivery [slow]"),
    ]


def test_top_risks_leave_out_the_other_stages_factors() -> None:
    out = shown(run({**EARLY, "engineers": 40}))  # early: slow delivery is a late-stage factor
    assert [name for _, _, name in top_risk_rows(out)] == [
        "Hiring too early [hiring]",  # the id explain takes, in brackets
        "Premature scaling [premature] (rules hiring-spree)",  # the rule that raised it, named
    ]


def test_nothing_to_report_is_said_plainly() -> None:
    calm = {
        **EARLY,
        "hires": "full",
        "budget": "full",
        "cd": "full",
        "practices": ["ci", "trunk", "flags"],
        "platform-team": False,
        "fire-time": 5,
    }
    out = shown(run(calm))
    assert "No relevant failure factor is at medium risk or above." in out
    assert "Nothing to recommend" in out


def test_the_renderable_prints_the_summary_in_any_console() -> None:
    console = Console(file=io.StringIO(), width=100, no_color=True, color_system=None)
    console.print(render_terminal(run(EARLY), lab()))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert out.splitlines()[0] == "Lab: this organisation"
    assert "Stage: Early stage (early)" in out
    assert "Readiness:" in out
    assert "scaleready explain ANSWERS ID shows every number behind a finding" in out
    assert "\n  scaleready explain ANSWERS hiring\n" in out  # the top risk, as an example
    # What print_terminal shows, at the console's own width.
    assert out == shown(run(EARLY), width=100)
    assert max(len(line) for line in out.splitlines()) > 80


@pytest.mark.slow  # a fresh Python
def test_importing_the_core_does_not_import_rich() -> None:
    code = (
        "import sys, scaleready.render.terminal, scaleready.engine, scaleready.render.explain, "
        "scaleready.engine.fixtures, scaleready.engine.dora; print('rich' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_bundled_examples_fit_80_columns() -> None:
    q = bundled()
    if isinstance(q, str):
        pytest.skip(q)
    for example in sorted((REPO / "examples").glob("*.yaml")):
        console = Console(file=io.StringIO(), width=80, no_color=True, color_system=None)
        print_terminal(assess(q, load_answers(example, q)), q, console)
        out = console.file.getvalue()  # type: ignore[attr-defined]
        assert all(len(line) <= 80 for line in out.splitlines()), example.name
        assert "Readiness:" in out


def test_a_wrapped_not_yet_line_hangs_under_its_text() -> None:
    q = bundled()
    if isinstance(q, str):
        pytest.skip(q)
    example = REPO / "examples" / "premature-scaler.yaml"
    out = shown(assess(q, load_answers(example, q)))
    block = out.split("Don't build this yet\n", 1)[1].split("\n\n", 1)[0].splitlines()
    wrapped = [i for i, line in enumerate(block) if not line.lstrip().startswith(("-", "and "))]
    assert wrapped, "premature-scaler's hiring-trigger answer wraps at 80 columns"
    for i in wrapped:
        assert block[i].startswith("    "), block[i]  # under the text after "  - "
        assert not block[i].startswith("     "), block[i]
        assert block[i - 1].startswith("  - ") or i - 1 in wrapped
