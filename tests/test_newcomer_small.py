"""Smaller things a newcomer trips over: ``init`` writes each question's help, an empty answers
file says it has no answers, the ids ``explain`` needs are shown with a command to copy, ``-o``
says what it wrote and writes no trailing spaces."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from scaleready.cli import commands as cli
from scaleready.loading.bundled import resolve_questionnaire
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import REPO

EXAMPLE = REPO / "examples" / "premature-scaler.yaml"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def flat(text: str) -> str:
    """Comment text as words: no ``#``, one space between words."""
    return " ".join(line.strip().lstrip("#") for line in text.splitlines()).replace("  ", " ")


def test_init_writes_every_question_with_its_help(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "answers.yaml"
    assert run(capsys, "init", target)[0] == 0
    written = " ".join(flat(target.read_text()).split())
    questionnaire, _ = load_questionnaire(resolve_questionnaire("scaling-readiness"))
    for question in questionnaire.questions:
        assert question.help
        assert " ".join(question.help.split()) in written, question.id
    assert run(capsys, "validate", target)[0] == 0


@pytest.mark.parametrize("fmt", ["terminal", "json"])
def test_an_empty_answers_file_says_it_has_no_answers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("questionnaire: {id: scaling-readiness, version: 1.0.0}\nanswers: {}\n")
    code, out, err = run(capsys, "score", empty, "-f", fmt)
    assert code == 0
    assert err.startswith(
        f"warning: {empty} has no answers (0 of 100 applicable questions answered): every score "
        "below is a prior, not evidence. Answer it with: scaleready assess --answers "
    )
    assert "has no answers" not in out  # stdout stays the report
    code, _, err = run(capsys, "score", EXAMPLE, "-f", fmt)
    assert (code, err) == (0, "")


def test_the_terminal_shows_the_ids_and_a_command_that_works(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "score", "examples/premature-scaler.yaml")
    assert code == 0
    flat_out = " ".join(out.split())
    for ident in ("overcomplicated-architecture", "premature-scaling", "financial-discipline"):
        assert f"[{ident}]" in flat_out
    command = out.rstrip("\n").splitlines()[-1].strip()
    assert (
        command == "scaleready explain examples/premature-scaler.yaml overcomplicated-architecture"
    )
    code, explained, _ = run(capsys, *shlex.split(command)[1:])
    assert code == 0
    assert "Overcomplicated distributed architecture" in explained


@pytest.mark.parametrize("suffix", ["html", "md"])
def test_the_reports_show_the_ids_and_a_command_that_works(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    report = tmp_path / f"report.{suffix}"
    assert run(capsys, "score", EXAMPLE, "-o", report)[0] == 0
    text = report.read_text()
    for ident in ("overcomplicated-architecture", "premature-scaling", "hiring-too-early"):
        assert (f"<code>{ident}</code>" if suffix == "html" else f"`{ident}`") in text
    if suffix == "html":
        assert "<code>financial-discipline</code>" in text  # the first recommendation's id
    found = re.search(r"(scaleready explain premature-scaler\.yaml [a-z-]+)", text)
    assert found is not None
    monkeypatch.chdir(EXAMPLE.parent)  # the report names the file it sits beside
    code, _, _ = run(capsys, *shlex.split(found.group(1))[1:])
    assert code == 0


def test_score_says_what_it_wrote_and_a_text_file_has_no_trailing_spaces(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text, html = tmp_path / "r.txt", tmp_path / "report.html"
    code, out, err = run(capsys, "score", EXAMPLE, "-o", text, "-o", html)
    assert (code, out) == (0, "")
    assert err == f"wrote {text} (the summary as text)\nwrote {html} (the HTML report)\n"
    lines = text.read_text().splitlines()
    assert lines[0].startswith("Scaling readiness: Loopwise")
    assert [line for line in lines if line != line.rstrip()] == []


def test_diff_markdown_writes_its_arrows_as_typed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "diff", REPO / "examples" / "healthy-scale-up.yaml", EXAMPLE, "-f", "md"
    )
    assert code == 0
    assert "&gt;" not in out
    assert "- capability automate-toil " in out
    assert " -> " in out


def test_signs_of_scale_read_as_signs_of_scale(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "r.html"
    assert (
        run(capsys, "score", REPO / "examples" / "productivity-collapse.yaml", "-o", report)[0] == 0
    )
    signs = report.read_text().split("<p>Signs of scale in your answers:</p>", 1)[1]
    signs = signs.split("</ul>", 1)[0]
    assert "Fifty engineers or more" in signs
    assert "Early-stage teams are small" not in signs


def test_the_history_sparkline_has_a_scale_and_its_ends_named() -> None:
    from scaleready.render.report.charts import score_line

    svg = str(score_line("c", [("aaaaaaa", 40.0), ("bbbbbbb", None), ("ccccccc", 60.0)], title="t"))
    labels = re.findall(r"<text [^>]*>([^<]*)</text>", svg)
    assert labels == ["100", "50", "0", "aaaaaaa", "ccccccc"]
    assert svg.count("<line ") == 3
