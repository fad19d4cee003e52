"""Every command that writes a file takes its format from the file's suffix, as ``score`` and
``workshop`` always did: ``history -o hist.html`` is HTML, ``diff -o x.md`` Markdown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_ci_mode import COLLAPSE, HEALTHY, run
from tests.test_history import history_repo


@pytest.mark.parametrize(
    ("name", "looks_like"),
    [
        ("hist.html", "<!DOCTYPE html>"),
        ("hist.htm", "<!DOCTYPE html>"),
        ("hist.md", "## Readiness history"),
        ("hist.json", "{"),
        ("hist.txt", ""),
    ],
)
def test_history_takes_the_format_from_the_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, looks_like: str
) -> None:
    repo = history_repo(tmp_path)
    target = tmp_path / name
    code, out, err = run(capsys, "history", repo / "answers.yaml", "-o", target)
    assert (code, out, err) == (0, "", f"wrote {target}\n")
    text = target.read_text()
    assert text.startswith(looks_like)
    if name.endswith(".txt"):
        assert "<" not in text
        assert "first answers" in text
    if name.endswith(".json"):
        assert len(json.loads(text)["points"]) == 3


@pytest.mark.parametrize(("name", "looks_like"), [("x.md", "#"), ("x.json", "{"), ("x.txt", "")])
def test_diff_writes_a_file_in_the_format_of_its_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, looks_like: str
) -> None:
    target = tmp_path / name
    code, out, _ = run(capsys, "diff", HEALTHY, COLLAPSE, "-o", target)
    assert (code, out) == (0, "")
    text = target.read_text()
    assert text.startswith(looks_like)
    expected = run(
        capsys,
        "diff",
        HEALTHY,
        COLLAPSE,
        "-f",
        {"x.md": "md", "x.json": "json"}.get(name, "terminal"),
    )[1]
    assert text == expected


def test_an_explicit_format_wins_over_the_suffix(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "x.txt"
    assert run(capsys, "diff", HEALTHY, COLLAPSE, "-f", "json", "-o", target)[0] == 0
    assert json.loads(target.read_text())["questionnaire"] == "scaling-readiness"


@pytest.mark.parametrize("command", ["diff", "history"])
def test_an_unknown_suffix_is_refused_before_anything_runs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    inputs = (HEALTHY, COLLAPSE) if command == "diff" else (tmp_path / "nowhere.yaml",)
    code, _, err = run(capsys, command, *inputs, "-o", tmp_path / "x.pdf")
    assert code == 2
    assert "cannot tell the format from 'x.pdf'" in err
    assert not (tmp_path / "x.pdf").exists()
    if command == "history":  # a junit suffix is no format history writes
        code, _, err = run(capsys, command, *inputs, "-o", tmp_path / "x.xml")
        assert (code, "known suffixes: .htm, .html, .json, .markdown, .md, .txt") == (
            2,
            err.split("(")[1].split(")")[0],
        )
