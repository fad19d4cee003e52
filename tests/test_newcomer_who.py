"""The interview asks who is answering before its first question: organisation, name, role;
prefilled from ``--organisation/--name/--role`` or the file, and skippable with Enter."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from scaleready.interview._who import Who, fields_to_ask, parse_who
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA

INTERVIEW = str(DATA / "interview.yaml")
SCALEREADY = str(Path(sys.executable).parent / "scaleready")
ENV = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "100", "LINES": "40"}
for _name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
    ENV.pop(_name, None)


def spawn(cwd: Path, *args: str) -> pexpect.spawn[str]:
    return pexpect.spawn(
        SCALEREADY,
        ["assess", "--answers", "a.yaml", "--questionnaire", INTERVIEW, *args],
        cwd=str(cwd),
        env=ENV,
        encoding="utf-8",
        timeout=15,
        dimensions=(40, 100),
    )


def answer(child: pexpect.spawn[str], prompt: str, typed: str) -> None:
    child.expect_exact(prompt)
    child.sendline(typed)


def quit_at_first_question(child: pexpect.spawn[str]) -> None:
    child.expect_exact("How many engineers do you have?")
    child.expect_exact("\n> ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_parse_and_which_fields() -> None:
    assert parse_who("role", "  VP   Engineering ", None) == "vp-engineering"
    assert parse_who("name", "  Ada   Lovelace ", None) == "Ada Lovelace"
    assert parse_who("organisation", "", "Acme") == "Acme"  # Enter keeps
    empty = Who()
    assert fields_to_ask(empty, set(), starting=True, review=False) == [
        "organisation",
        "name",
        "role",
    ]
    assert fields_to_ask(empty, {"name"}, starting=True, review=False) == ["organisation", "role"]
    assert fields_to_ask(empty, set(), starting=False, review=False) == []  # resuming
    known = Who("Acme", "Ada", None)
    assert fields_to_ask(known, set(), starting=True, review=False) == ["role"]
    assert fields_to_ask(known, {"role"}, starting=False, review=True) == ["organisation", "name"]


@pytest.mark.slow  # a pseudo-terminal
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_new_interview_asks_who_first_and_the_report_is_titled_by_it(tmp_path: Path) -> None:
    child = spawn(tmp_path)
    child.expect_exact("First, who is answering?")
    answer(child, "Organisation: ", "Acme Corp")
    answer(child, "Your name: ", "Ada Lovelace")
    answer(child, "Your role (e.g. cto, vp-engineering, engineering-manager): ", "VP Engineering")
    quit_at_first_question(child)
    questionnaire, _ = load_questionnaire(Path(INTERVIEW))
    saved = load_answers(tmp_path / "a.yaml", questionnaire)
    assert saved.organisation == "Acme Corp"
    assert saved.respondent is not None
    assert (saved.respondent.name, saved.respondent.role) == ("Ada Lovelace", "vp-engineering")
    report = tmp_path / "a.md"
    done = pexpect.run(
        f"{SCALEREADY} score a.yaml --questionnaire {INTERVIEW} -o a.md",
        cwd=str(tmp_path),
        env=ENV,
        withexitstatus=True,
        encoding="utf-8",
    )
    assert done[1] == 0, done[0]
    assert report.read_text().startswith("# Acme Corp: Interview test\n")


@pytest.mark.slow  # a pseudo-terminal
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_flags_prefill_and_enter_skips(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--organisation", "Acme", "--role", "cto")
    child.expect_exact("First, who is answering?")
    answer(child, "Your name: ", "")  # the only one not given; Enter skips it
    quit_at_first_question(child)
    text = (tmp_path / "a.yaml").read_text()
    assert "organisation: Acme\n" in text
    assert "role: cto" in text
    assert "name:" not in text


@pytest.mark.slow  # a pseudo-terminal
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_a_resumed_file_gains_an_organisation_and_a_review_shows_what_is_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "# our answers\n"
        "questionnaire: {id: interview, version: 1.0.0}\n"
        "respondent: {name: Ada}\n"
        "answers:\n"
        "  engineers: 12  # from HR\n"
    )
    child = spawn(tmp_path, "--organisation", "Acme")  # resuming: nothing is asked
    child.expect_exact("Resuming: 1 of 6 answered.")
    child.expect_exact("\n> ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = path.read_text()
    assert text.startswith(
        "# our answers\n"
        "questionnaire: {id: interview, version: 1.0.0}\n"
        "respondent: {name: Ada}\n"
        "organisation: Acme\n"
        "answers:\n"
        "  engineers: 12  # from HR\n"
    )
    child = spawn(tmp_path, "--review")
    child.expect_exact("First, who is answering?")
    answer(child, "Organisation [Acme]: ", "")
    answer(child, "Your name [Ada]: ", "")
    answer(child, "Your role (e.g. cto, vp-engineering, engineering-manager): ", "cto")
    child.expect_exact("Reviewing your answers")
    child.expect_exact("\n> ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert "respondent: {name: Ada, role: cto}\norganisation: Acme\n" in path.read_text()


def test_numbers_take_thousands_separators_and_none_of_these_goes_alone() -> None:
    from scaleready.interview import Invalid
    from scaleready.interview._typed import parse_value
    from scaleready.loading.bundled import resolve_questionnaire

    bundled, _ = load_questionnaire(resolve_questionnaire("scaling-readiness"))
    headcount = bundled.question("headcount")
    assert headcount is not None
    assert parse_value(bundled, headcount, "1,200") == 1200
    assert parse_value(bundled, headcount, "12,500 people") == 12500
    assert isinstance(parse_value(bundled, headcount, "1,5"), Invalid)  # a decimal comma?
    platform = bundled.question("platform-teams")
    assert platform is not None
    refused = parse_value(bundled, platform, "1,7")
    assert isinstance(refused, Invalid)
    assert refused.message.startswith('"None of these')
    assert parse_value(bundled, platform, "7") == ("none",)
    assert parse_value(bundled, platform, "1 2") == ("devops", "devex")


@pytest.mark.slow  # a pseudo-terminal
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_interview_takes_1_200_people(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--organisation", "Acme", "--name", "Ada", "--role", "cto")
    child.expect_exact("How many engineers do you have?")
    child.expect_exact("\n> ")
    child.sendline("1,200")
    child.expect_exact("saved: 1200 people")
    child.expect_exact("\n> ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert "engineers: 1200" in (tmp_path / "a.yaml").read_text()


def test_the_bar_is_full_only_when_all_is_answered_and_a_changed_total_is_explained() -> None:
    from scaleready.interview._prompts import progress_bar, progress_line
    from scaleready.interview.state import Progress

    assert progress_bar(91, 93) == "[" + "#" * 19 + "-]"
    assert progress_bar(93, 93) == "[" + "#" * 20 + "]"
    assert progress_line(Progress(9, 93, 8), 99) == (
        "Question 9 of 93  [##------------------]  8 answered "
        "(was of 99: your answers decide which questions apply)"
    )
    assert progress_line(Progress(9, 93, 8), 93).endswith("8 answered")


@pytest.mark.slow  # a pseudo-terminal
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_the_interview_says_why_its_total_changed(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--organisation", "Acme", "--name", "Ada", "--role", "cto")
    child.expect_exact("Question 1 of 6")
    child.expect_exact("\n> ")
    child.sendline("12")
    child.expect_exact("Do you have a platform team?")
    child.expect_exact("\n> ")
    child.sendline("y")  # the platform's size now applies: 7 questions
    child.expect_exact("Question 3 of 7")
    child.expect(r"\(was\s+of\s+6:\s+your\s+answers\s+decide\s+which\s+questions\s+apply\)")
    child.expect_exact("\n> ")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
