"""The rich terminal summary: readable in 80 columns, without colour."""

from __future__ import annotations

import io
import subprocess
import sys

from rich.console import Console

from scaleready.engine.risks import ranked_risks
from scaleready.formats.result import Assessment
from scaleready.render.terminal import print_terminal, render_terminal
from tests.test_engine_lab import EARLY, lab, run


def shown(result: Assessment, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, no_color=True, color_system=None)
    print_terminal(result, lab(), console)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(out, str)
    return out


def test_the_summary_shows_stage_score_risks_and_recommendations() -> None:
    out = shown(run({**EARLY, "engineers": 40}))
    assert "Stage: Early stage (early)" in out
    assert "Readiness: 39.6/100 for the early stage" in out
    assert "Top risks" in out
    # hiring 0.5 x (1 - 0.25) = 0.375, premature 0.7 x (1 - 0.5) = 0.35: both medium
    assert out.count("MEDIUM") == 2
    assert "1. Financial discipline" in out
    assert "2. Continuous delivery" in out
    assert "Don't build this yet" in out
    assert "Platform team" in out


def test_every_line_fits_80_columns_and_has_no_escape_codes() -> None:
    out = shown(run({**EARLY, "engineers": 40}))
    assert "\x1b[" not in out
    for line in out.splitlines():
        assert len(line) <= 80, line


def test_levels_are_words_not_colours() -> None:
    out = shown(run({**EARLY, "hires": "none", "budget": "none"}))
    # hiring: exposure 1.0, mitigation 0 -> critical; premature: 1.0 via its part -> critical
    assert out.count("CRITICAL") == 2


def test_top_risks_are_relevant_and_ordered_by_residual_risk_then_id() -> None:
    result = run({**EARLY, "engineers": 60})  # transition: all three factors relevant
    ids = [f.id for f in ranked_risks(result.failure_factors, limit=5)]
    # slow: 0.5 x (1 - 0.4) = 0.3; hiring 0.375; premature 0.5 x (1 - 0.5) = 0.25
    assert ids == ["hiring", "slow", "premature"]
    # the same selection serves the gates: from a floor, and cut to a limit
    assert [f.id for f in ranked_risks(result.failure_factors, "medium", limit=2)] == ids[:2]
    assert ranked_risks(result.failure_factors, "high") == []


def test_nothing_to_report_is_said_plainly() -> None:
    calm = {**EARLY, "hires": "full", "budget": "full", "cd": "full", "platform-team": False}
    out = shown(run(calm))
    assert "No relevant failure factor is at medium risk or above." in out
    assert "Nothing to recommend" in out


def test_render_returns_a_renderable() -> None:
    console = Console(file=io.StringIO(), width=100)
    console.print(render_terminal(run(EARLY), lab()))


def test_importing_the_core_does_not_import_rich() -> None:
    code = (
        "import sys, scaleready.render.terminal, scaleready.engine, scaleready.render.explain, "
        "scaleready.engine.fixtures, scaleready.engine.dora; print('rich' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_bundled_examples_fit_80_columns() -> None:
    from scaleready.engine import assess
    from scaleready.loading.answers import load_answers
    from tests.conftest import REPO
    from tests.test_engine_properties import bundled

    q = bundled()
    if isinstance(q, str):
        import pytest

        pytest.skip(q)
    for example in sorted((REPO / "examples").glob("*.yaml")):
        console = Console(file=io.StringIO(), width=80, no_color=True, color_system=None)
        print_terminal(assess(q, load_answers(example, q)), q, console)
        out = console.file.getvalue()  # type: ignore[attr-defined]
        assert all(len(line) <= 80 for line in out.splitlines()), example.name
        assert "Readiness:" in out
