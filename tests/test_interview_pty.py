"""``scaleready assess`` end to end: the installed command in a real pseudo-terminal (pexpect),
without colour, 80 columns wide (in-process, with a failing disk: test_interview_session.py)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from scaleready.formats.answers import Answer, Answers
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import load_answers
from scaleready.loading.bundled import resolve_questionnaire
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA

SCALEREADY = str(Path(sys.executable).parent / "scaleready")
INTERVIEW = str(DATA / "interview.yaml")
ENV = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "80", "LINES": "40"}
for _name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
    ENV.pop(_name, None)
PROMPT = "\n> "  # the prompt stands at the start of a line
# A command is never broken across lines, but may stand on a line of its own.
RESUME = re.compile(
    r"To resume:\s+" + re.escape(f"scaleready assess --answers a.yaml --questionnaire {INTERVIEW}")
)

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
    pytest.mark.slow,  # each test starts the CLI in a pseudo-terminal and types into it
]


@pytest.fixture(scope="module")
def interview() -> Questionnaire:
    loaded, _ = load_questionnaire(DATA / "interview.yaml")
    return loaded


def spawn(cwd: Path, *args: str, questionnaire: str | None = INTERVIEW) -> pexpect.spawn[str]:
    """``scaleready assess --answers a.yaml ARGS`` in a pseudo-terminal in ``cwd``."""
    argv = ["assess", "--answers", "a.yaml", *args]
    if questionnaire is not None:
        argv += ["--questionnaire", questionnaire]
    return pexpect.spawn(
        SCALEREADY,
        argv,
        cwd=str(cwd),
        env=ENV,
        encoding="utf-8",
        timeout=10,
        dimensions=(40, 80),
    )


WHO = {"organisation": "Organisation", "name": "Your name", "role": "Your role (e.g."}


def skip_who(child: pexpect.spawn[str], *fields: str) -> None:
    """Press Enter at the questions about who is answering (all three unless ``fields``)."""
    child.expect_exact("First, who is answering?")
    for field in fields or tuple(WHO):
        child.expect_exact(WHO[field])
        child.expect_exact(": ")
        child.sendline("")


def send(child: pexpect.spawn[str], typed: str, then: str | None = None) -> None:
    """At the next prompt, type ``typed`` and Enter; then wait for ``then`` (a literal)."""
    child.expect_exact(PROMPT)
    child.sendline(typed)
    if then is not None:
        child.expect_exact(then)


def finish(child: pexpect.spawn[str], reports: str = "n") -> int:
    """Answer the offer of reports, if it is made, and return the exit status."""
    if child.expect([r"\[y/N\] ", pexpect.EOF]) == 0:
        child.sendline(reports)
        child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None, f"ended by signal {child.signalstatus}"
    return int(child.exitstatus)


def on_disk(path: Path, questionnaire: Questionnaire) -> Answers:
    """The answers file as every command reads it (so: it is valid)."""
    return load_answers(path, questionnaire)


def test_answer_help_note_back_skip_and_finish(tmp_path: Path, interview: Questionnaire) -> None:
    child = spawn(tmp_path, "--name", "Ada", "--role", "cto")
    child.expect_exact("Interview test (interview 1.0.0)")
    skip_who(child, "organisation")
    child.expect_exact("== Profile (section 1 of 3) ==")
    child.expect_exact("About your organisation.")
    child.expect_exact("Question 1 of 6  [--------------------]  0 answered")
    child.expect_exact("How many engineers do you have?")
    child.expect_exact("A whole number, 0 or more (people).")
    child.expect_exact("? help  b back  s skip  x n/a  n note  q save & quit")
    send(child, "?", "Headcount decides the stage.")
    send(child, "many", "Type a whole number, 0 or more (people), like 42.")
    send(child, "12", "saved: 12 people")

    child.expect_exact("Do you have a platform team?")
    send(child, "note", "Note (Enter cancels): ")
    child.sendline("ask Bob")
    child.expect_exact("Note kept with this question.")
    send(child, "y", "saved: yes")
    child.expect_exact("Question 3 of 7")  # platform-size now applies
    child.expect_exact("How many people are in the platform team?")
    send(child, "b", "Do you have a platform team?")
    child.expect_exact("Current answer: yes (Enter keeps it)")
    child.expect_exact("Note: ask Bob")
    send(child, "n", "saved: no")
    child.expect_exact("== Practice (section 2 of 3) ==")
    child.expect_exact("Question 3 of 6")  # and is gone again
    child.expect_exact("How often do you deploy?")
    child.expect_exact("  1  Daily\r\n  2  Every two weeks\r\n  3  Rarely")
    send(child, "s", "How often do teams hold retrospectives?")
    send(child, "7", "Type a number from 0 to 2.")
    send(child, "2", "saved: 2 = Always")
    send(child, "3 1", "saved: 1 = Demos, 3 = All-hands")
    child.expect_exact("Anything else we should know?")
    send(child, "x", "Reason (why does this not apply to you?): ")
    child.sendline(
        "   "
    )  # "not applicable" is a claim: an empty reason is refused, and asked again
    child.expect_exact("  A reason is needed (Ctrl-D cancels): why does this not apply to you?")
    child.expect_exact("Reason (why does this not apply to you?): ")
    child.sendline("nothing to add")
    child.expect_exact("saved: not applicable: nothing to add")
    # counted as score counts them: the "not applicable" comment is not an answer
    child.expect(
        r"4 of 6 applicable questions answered \(66\.7%\); 0 don't know, 1 not applicable, 1"
        r"\s+not answered \(deploys\)\."
    )
    child.expect_exact("Answers saved in a.yaml.")
    child.expect_exact("Readiness: ")
    assert finish(child) == 0

    saved = on_disk(tmp_path / "a.yaml", interview)
    assert saved.respondent is not None
    assert (saved.respondent.name, saved.respondent.role) == ("Ada", "cto")
    assert dict(saved.answers) == {
        "engineers": Answer(value=12),
        "has-platform": Answer(value=False, note="ask Bob"),
        "retros": Answer(value=2),
        "rituals": Answer(value=("demos", "all-hands")),
        "comment": Answer(status="not_applicable", reason="nothing to add"),
    }


def test_ctrl_c_saves_and_a_second_run_resumes(tmp_path: Path, interview: Questionnaire) -> None:
    child = spawn(tmp_path)
    skip_who(child)
    send(child, "12", "saved: 12 people")
    send(child, "n", "saved: no")
    child.expect_exact("How often do you deploy?")
    child.expect_exact(PROMPT)
    child.sendintr()
    child.expect_exact("Interrupted. 2 of 6 answers are saved in a.yaml.")
    child.expect(RESUME)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert set(on_disk(tmp_path / "a.yaml", interview).answers) == {"engineers", "has-platform"}

    child = spawn(tmp_path)
    child.expect_exact("Resuming: 2 of 6 answered. Next: How often do you deploy?")
    child.expect_exact("Question 3 of 6  [#######-------------]  2 answered")
    send(child, "1", "saved: 1 = Daily")
    send(child, "q", "Saved 3 of 6 answers in a.yaml.")
    child.expect(RESUME)
    assert finish(child) == 0
    assert on_disk(tmp_path / "a.yaml", interview).answers["deploys"] == Answer(value="daily")


def test_ctrl_c_at_the_note_prompt(tmp_path: Path, interview: Questionnaire) -> None:
    child = spawn(tmp_path)
    skip_who(child)
    send(child, "12", "saved: 12 people")
    send(child, "note", "Note (Enter cancels): ")
    child.sendintr()
    child.expect(RESUME)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert dict(on_disk(tmp_path / "a.yaml", interview).answers) == {"engineers": Answer(value=12)}


def test_sigkill_between_two_answers_loses_nothing_confirmed(
    tmp_path: Path, interview: Questionnaire
) -> None:
    child = spawn(tmp_path)
    skip_who(child)
    send(child, "12", "saved: 12 people")
    send(child, "y", "saved: yes")
    send(child, "4", "saved: 4\r\n")
    child.expect_exact("How often do you deploy?")
    child.kill(signal.SIGKILL)
    child.close()
    assert child.signalstatus == signal.SIGKILL
    path = tmp_path / "a.yaml"
    assert dict(on_disk(path, interview).answers) == {
        "engineers": Answer(value=12),
        "has-platform": Answer(value=True),
        "platform-size": Answer(value=4),
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.yaml"]

    child = spawn(tmp_path)
    child.expect_exact("Resuming: 3 of 7 answered. Next: How often do you deploy?")
    send(child, "q", "Saved 3 of 7 answers")
    assert finish(child) == 0


def test_sigkill_right_after_an_answer_leaves_a_valid_file(
    tmp_path: Path, interview: Questionnaire
) -> None:
    # Killed at once, the answer just typed may or may not have reached the disk, but the file is
    # always one of the two, whole.
    child = spawn(tmp_path)
    skip_who(child)
    send(child, "12", "saved: 12 people")
    child.expect_exact(PROMPT)
    child.sendline("y")
    child.kill(signal.SIGKILL)
    child.close()
    answers = dict(on_disk(tmp_path / "a.yaml", interview).answers)
    assert answers in (
        {"engineers": Answer(value=12)},
        {"engineers": Answer(value=12), "has-platform": Answer(value=True)},
    )


def test_without_a_terminal_it_does_not_wait(tmp_path: Path) -> None:
    done = subprocess.run(
        [SCALEREADY, "assess", "--answers", "a.yaml"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=10,
        env=ENV,
        check=False,
    )
    assert done.returncode == 2
    message = " ".join(done.stderr.split())
    assert message == (
        "scaleready: error: scaleready assess asks its questions in a terminal, and standard "
        "input is not one. To answer without a terminal: scaleready init a.yaml writes a blank "
        "answers file to fill in with an editor, and scaleready score a.yaml scores it."
    )
    assert not (tmp_path / "a.yaml").exists()


def test_an_invalid_answers_file_is_reported_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    text = "questionnaire: {id: interview, version: 1.0.0}\nanswers:\n  engineers: lots\n"
    path.write_text(text)
    child = spawn(tmp_path)
    child.expect_exact("a.yaml:3:14: answers.engineers: expected a number, got 'lots'")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert path.read_text() == text


def test_an_init_file_keeps_its_comments(tmp_path: Path, interview: Questionnaire) -> None:
    path = tmp_path / "a.yaml"
    made = subprocess.run(
        [SCALEREADY, "init", "a.yaml", "--questionnaire", INTERVIEW],
        cwd=tmp_path,
        env=ENV,
        capture_output=True,
        check=False,
    )
    assert made.returncode == 0
    blank = path.read_text()
    child = spawn(tmp_path, "--name", "Ada")
    skip_who(child, "organisation", "role")  # an init file has no answers yet
    send(child, "30", "saved: 30 people")
    send(child, "u", "saved: don't know")
    send(child, "q", "Saved 2 of 6 answers")
    assert finish(child) == 0
    text = path.read_text()

    def comments(lines: str) -> list[str]:
        return [line for line in lines.splitlines() if line.lstrip().startswith("#")]

    assert comments(text) == comments(blank)
    assert "  name: Ada\n" in text
    assert "  engineers: 30\n" in text
    assert "  has-platform: {dont_know: true}\n" in text
    assert len(on_disk(path, interview).answers) == 2


def test_review_shows_each_answer_and_enter_keeps_it(
    tmp_path: Path, interview: Questionnaire
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "questionnaire: {id: interview, version: 1.0.0}\n"
        "answers:\n"
        "  engineers: 12  # from HR\n"
        "  has-platform: false\n"
        "  deploys: {value: b, note: sprint end}\n"
        "  retros: 1\n"
        "  rituals: []\n"
        "  comment: none\n"
    )
    child = spawn(tmp_path, "--review")
    skip_who(child)  # a review asks them again
    child.expect_exact("Reviewing your answers: Enter keeps the current one.")
    child.expect_exact("Current answer: 12 people (Enter keeps it)")
    child.expect_exact("Enter keep  ? help")
    send(child, "")
    child.expect_exact("Current answer: no (Enter keeps it)")
    send(child, "")
    child.expect_exact("Current answer: 2 = Every two weeks (Enter keeps it)")
    child.expect_exact("Note: sprint end")
    send(child, "1", "saved: 1 = Daily")
    for _ in range(3):
        send(child, "")
    child.expect_exact("All 6 applicable questions answered.")
    assert finish(child) == 0
    text = path.read_text()
    assert "  engineers: 12  # from HR\n" in text
    assert on_disk(path, interview).answers["deploys"] == Answer(value="daily", note="sprint end")


def test_review_jumps_to_a_question_or_a_section(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "questionnaire: {id: interview, version: 1.0.0}\n"
        "answers:\n  engineers: 12\n  has-platform: false\n  deploys: daily\n  retros: 1\n"
    )
    child = spawn(tmp_path, "--review", "--organisation", "Acme", "--name", "Ada", "--role", "cto")
    child.expect_exact("Current answer: 12 people (Enter keeps it)")
    child.expect_exact("g ID go to")
    send(child, "g nowhere", "No question or section 'nowhere' here. Sections: profile,")
    send(child, "g retros")
    child.expect_exact("Current answer: 1")
    send(child, "g profile")
    child.expect_exact("Current answer: 12 people (Enter keeps it)")
    send(child, "q", "Saved")
    assert finish(child) == 0


def test_everything_answered_already(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "questionnaire: {id: interview, version: 1.0.0}\n"
        "answers: {engineers: 1, has-platform: false, deploys: b, retros: 1, rituals: [],"
        " comment: ok}\n"
    )
    child = spawn(tmp_path)
    child.expect_exact("All 6 applicable questions answered.")
    child.expect(
        r"To change an answer:\s+scaleready assess --answers a.yaml --questionnaire \S+ --review"
    )
    child.expect_exact("Stage: ")
    assert finish(child) == 0


def test_the_whole_bundled_questionnaire_by_keyboard(tmp_path: Path) -> None:
    bundled, _ = load_questionnaire(resolve_questionnaire("scaling-readiness"))
    child = spawn(tmp_path, questionnaire=None)
    # Before the first answer, what the help texts' "slide 12", "Bryzek" and "Ronacher" are.
    for words in ('"slide N" is a slide of Serge Kruppa\'s talk', '"Bryzek" is Michael Bryzek\'s'):
        child.expect(r"\s+".join(re.escape(word) for word in words.split()))
    child.expect_exact(f"{len(bundled.questions)} questions in {len(bundled.sections)} sections")
    skip_who(child)
    refused = re.compile(r"out of range|is not an option|Type a number from|Type y for yes")
    typed = 0
    while True:
        index = child.expect([r"All (\d+) applicable questions answered\.", PROMPT], timeout=20)
        if index == 0:
            assert isinstance(child.match, re.Match)
            total = int(child.match.group(1))
            break
        # "1" is a valid answer to nearly every question: option 1, agreement 1, a count of 1;
        # the one yes/no (the opt-in DORA Quick Check statements) takes "n".
        before = child.before or ""
        if "Type y for yes" in before:
            child.sendline("n")
        else:
            child.sendline("u" if refused.search(before) else "1")
        typed += 1
        assert typed < 3 * len(bundled.questions), "the interview does not end"
    child.expect_exact("Readiness: ")  # the terminal summary of the result
    child.expect_exact("Write the reports to a.md and a.html? [y/N] ")
    child.sendline("y")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = on_disk(tmp_path / "a.yaml", bundled)
    assert len(saved.answers) == total
    assert total >= len(bundled.questions) // 2
    assert (tmp_path / "a.md").read_text().startswith("# ")
    assert "<svg" in (tmp_path / "a.html").read_text()
