"""One definition of coverage, the same words everywhere: of the applicable questions, how many
are answered, "don't know", "not applicable" and not answered; the interview's closing line,
``score``'s terminal summary and the Markdown report say the same."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pexpect
import pytest

from scaleready.cli import commands as cli
from scaleready.engine import assess
from scaleready.loading.inputs import load_inputs
from scaleready.render.coverage import coverage_counts, coverage_sentence
from tests.conftest import DATA

INTERVIEW = str(DATA / "interview.yaml")
SCALEREADY = str(Path(sys.executable).parent / "scaleready")
# one of each: answered, don't know, not applicable, and "rituals" not answered
MIXED = (
    "questionnaire: {id: interview, version: 1.0.0}\n"
    "answers:\n"
    "  engineers: 12\n"
    "  has-platform: false\n"
    "  deploys: {dont_know: true}\n"
    "  retros: 1\n"
    "  comment: {not_applicable: true, reason: nothing to add}\n"
)
COUNTS = (
    "3 of 6 applicable questions answered (50%); 1 don't know, 1 not applicable, 1 not answered"
)


def test_the_counts_add_up_to_the_applicable_questions(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(MIXED)
    chosen, answers = load_inputs(path, INTERVIEW)
    c = assess(chosen, answers).coverage
    assert c.answered + c.dont_know + c.not_applicable + c.unanswered == c.applicable
    assert coverage_counts(c) == COUNTS
    assert coverage_sentence(c) == COUNTS + " (rituals)."


def test_score_and_its_markdown_report_use_the_same_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(MIXED)
    assert cli.main(["score", str(path), "-q", INTERVIEW]) == 0
    terminal = " ".join(capsys.readouterr().out.split())
    assert f"Coverage: {COUNTS}" in terminal
    assert cli.main(["score", str(path), "-q", INTERVIEW, "-f", "md"]) == 0
    assert f"{COUNTS}; 2 not asked." in capsys.readouterr().out


@pytest.mark.slow  # drives the installed command in a pseudo-terminal
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_interview_closes_with_the_counts_score_prints(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MIXED)
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "200", "LINES": "40"}
    child = pexpect.spawn(
        SCALEREADY,
        ["assess", "--answers", "a.yaml", "--questionnaire", INTERVIEW],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=15,
        dimensions=(40, 200),
    )
    child.expect_exact("Which rituals do you hold?")
    child.sendline("s")  # skip the one question left
    child.expect_exact(COUNTS + " (rituals).")
    child.expect(re.escape("Coverage: ") + re.escape(COUNTS))  # the summary that follows
    child.expect_exact("[y/N]")
    child.sendline("n")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
