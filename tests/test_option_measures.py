"""Measures on options (issue 15, spec section 2), through the command line: a negative option
measure lowers its target as more are ticked, and explain traces the evidence to question:option."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaleready.cli import commands as cli
from tests.conftest import DATA

QUESTIONNAIRE = str(DATA / "derived.yaml")


def flow(capsys: pytest.CaptureFixture[str], tmp_path: Path, blockers: str) -> float | None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "questionnaire: {id: derived-demo, version: 1.0.0}\n"
        f"answers:\n  size: 10\n  health: green\n  blockers: {blockers}\n",
        encoding="utf-8",
    )
    code = cli.main(["score", str(path), "-q", QUESTIONNAIRE, "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    caps = {c["id"]: c for c in json.loads(out)["capabilities"]}
    score: float | None = caps["flow"]["score"]
    return score


def test_more_blockers_ticked_lower_the_target(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    none = flow(capsys, tmp_path, "[]")
    one = flow(capsys, tmp_path, "[approvals]")
    two = flow(capsys, tmp_path, "[approvals, handoffs]")
    assert none == 100.0
    assert one is not None
    assert two is not None
    assert none > one > two
    # A don't-know is a gap: never safer than the worst honest answer.
    unknown = flow(capsys, tmp_path, "{dont_know: true}")
    assert unknown is not None
    assert unknown <= two


def test_explain_traces_option_evidence(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "questionnaire: {id: derived-demo, version: 1.0.0}\n"
        "answers:\n  size: 10\n  health: green\n  blockers: [approvals]\n",
        encoding="utf-8",
    )
    assert cli.main(["explain", str(path), "flow", "-q", QUESTIONNAIRE]) == 0
    out = capsys.readouterr().out
    assert (
        "blockers:approvals = selected (answer [approvals (Waiting for approvals)]): score 0.000"
        in out
    )
    assert (
        "blockers:handoffs = not selected (answer [approvals (Waiting for approvals)]): score 1.000"
        in out
    )


def test_an_option_measure_names_a_known_target(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (DATA / "derived.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "q.yaml"
    bad.write_text(
        text.replace(
            "[{capability: flow, negative: true}]\n          - key: handoffs",
            "[{capability: flwo, negative: true}]\n          - key: handoffs",
        )
    )
    assert cli.main(["validate", str(bad)]) == 2
    out, err = capsys.readouterr()
    assert (
        "sections[0].questions[3].options[0].measures[0].capability: unknown capability 'flwo'"
        in out + err
    )


def test_a_ticked_option_as_a_symptom_is_named_in_the_html_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "questionnaire: {id: derived-demo, version: 1.0.0}\n"
        "answers:\n  size: 10\n  w-info: 3\n  w-messenger: 3\n  health: green\n"
        "  blockers: [approvals, handoffs]\n",
        encoding="utf-8",
    )
    html = tmp_path / "r.html"
    assert cli.main(["score", str(path), "-q", QUESTIONNAIRE, "-o", str(html)]) == 0
    assert (
        "<li>What blocks your work? (Handoffs between teams) "
        "<strong>Waiting for approvals; Handoffs between teams</strong></li>"
    ) in html.read_text(encoding="utf-8")
