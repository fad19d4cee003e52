"""Issue 17, the interview: its reports never replace the answers file, and another writer of the
answers file (a second ``assess``, an editor) is merged, never written over. The merge itself is
tested directly; the interview through pexpect, as people use it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pexpect
import pytest

from scaleready.errors import UsageError
from scaleready.formats.answers import Answer
from scaleready.formats.questionnaire import Questionnaire
from scaleready.interview import Merge, merge_answers, merge_notes
from scaleready.loading.answers_file import AnswersFile
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA
from tests.test_interview_pty import ENV, INTERVIEW, SCALEREADY, finish, on_disk, send, skip_who


@pytest.fixture(scope="module")
def interview() -> Questionnaire:
    loaded, _ = load_questionnaire(DATA / "interview.yaml")
    return loaded


# --- the merge ----------------------------------------------------------------------------------

TWELVE, THIRTY = Answer(value=12), Answer(value=30)
YES, NO = Answer(value=True), Answer(value=False)
DAILY = Answer(value="daily")


def test_a_merge_keeps_what_each_side_changed(interview: Questionnaire) -> None:
    base = {"engineers": TWELVE}
    ours = {"engineers": TWELVE, "has-platform": YES}
    theirs = {"engineers": TWELVE, "deploys": DAILY}
    assert merge_answers(interview, base, ours, theirs) == Merge(
        {"engineers": TWELVE, "has-platform": YES, "deploys": DAILY}, ("deploys",), ()
    )


def test_a_merge_keeps_ours_on_a_conflict_and_names_theirs(interview: Questionnaire) -> None:
    base = {"engineers": TWELVE}
    merged = merge_answers(interview, base, {"engineers": THIRTY}, {"engineers": Answer(value=9)})
    assert merged == Merge({"engineers": THIRTY}, (), (("engineers", Answer(value=9)),))
    removed = merge_answers(interview, base, {"engineers": THIRTY}, {})
    assert removed == Merge({"engineers": THIRTY}, (), (("engineers", None),))


def test_a_merge_follows_their_removal_and_agrees_with_the_same_change(
    interview: Questionnaire,
) -> None:
    base = {"engineers": TWELVE, "has-platform": YES}
    assert merge_answers(interview, base, base, {"engineers": TWELVE}) == Merge(
        {"engineers": TWELVE}, ("has-platform",), ()
    )
    both = {"engineers": THIRTY, "has-platform": YES}
    assert merge_answers(interview, base, both, both) == Merge(both, (), ())


def test_the_file_notices_another_writer_by_its_content(
    tmp_path: Path, interview: Questionnaire
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("questionnaire: {id: interview, version: 1.0.0}\nanswers:\n  engineers: 12\n")
    opened, loaded = AnswersFile.open(path, interview)
    assert loaded is not None
    assert opened.changed_on_disk() is None
    path.touch()  # the same bytes: nobody changed anything
    assert opened.changed_on_disk() is None
    edited = path.read_text() + "  # from an editor\n  deploys: daily\n"
    path.write_text(edited)
    theirs = opened.changed_on_disk()
    assert theirs is not None
    assert theirs.answers["deploys"] == DAILY
    assert opened.text == edited  # their text is what is updated from now on
    opened.save({**theirs.answers, "has-platform": NO}, None)
    assert "  # from an editor\n" in path.read_text()
    assert opened.changed_on_disk() is None  # our own write is not someone else's


def test_a_merge_keeps_ids_the_questionnaire_does_not_know_and_says_so(
    interview: Questionnaire,
) -> None:
    merged = merge_answers(interview, {}, {"gone": TWELVE}, {"gone": THIRTY})
    assert merged == Merge({"gone": TWELVE}, (), (("gone", THIRTY),))
    assert merge_notes(interview, merged, "a.yaml") == [
        "gone was also changed elsewhere (to: another answer); your answer replaces it."
    ]


def test_a_file_deleted_meanwhile_is_written_anew(tmp_path: Path, interview: Questionnaire) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("questionnaire: {id: interview, version: 1.0.0}\nanswers:\n  engineers: 12\n")
    opened, loaded = AnswersFile.open(path, interview)
    assert loaded is not None
    path.unlink()
    assert opened.changed_on_disk() is None
    opened.save(loaded.answers, None)
    assert dict(on_disk(path, interview).answers) == {"engineers": TWELVE}


def test_a_file_broken_by_another_writer_is_not_overwritten(
    tmp_path: Path, interview: Questionnaire
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("questionnaire: {id: interview, version: 1.0.0}\nanswers:\n  engineers: 12\n")
    opened, _ = AnswersFile.open(path, interview)
    path.write_text("answers: [\n")
    with pytest.raises(UsageError) as caught:
        opened.changed_on_disk()
    assert str(caught.value) == (
        f"{path} was changed by another program since it was read, and no longer loads "
        f"({path}:2:1: invalid YAML: did not find expected node content (while parsing a "
        "flow node)); not overwriting it: fix it, and your next answer saves"
    )
    assert path.read_text() == "answers: [\n"


# --- through the interview ----------------------------------------------------------------------

pty = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def expect_words(child: pexpect.spawn[str], text: str) -> None:
    """Wait for ``text``, which the terminal may have wrapped at any space."""
    child.expect(r"\s+".join(re.escape(word) for word in text.split()))


def assess(cwd: Path, answers: str = "a.yaml") -> pexpect.spawn[str]:
    """``scaleready assess --answers ANSWERS`` of the interview questionnaire, in a terminal."""
    return pexpect.spawn(
        SCALEREADY,
        ["assess", "--answers", answers, "--questionnaire", INTERVIEW],
        cwd=str(cwd),
        env=ENV,
        encoding="utf-8",
        timeout=10,
        dimensions=(40, 80),
    )


@pty
@pytest.mark.slow  # starts the CLI in a pseudo-terminal
def test_reports_are_not_offered_over_the_answers_file(
    tmp_path: Path, interview: Questionnaire
) -> None:
    child = assess(tmp_path, "team.md")
    skip_who(child)
    for typed, then in (("12", "saved: 12"), ("n", "saved: no"), ("1", "saved: 1")):
        send(child, typed, then)
    send(child, "2", "saved: 2")
    send(child, "1", "saved: 1")
    send(child, "x", "Reason")
    child.sendline("nothing to add")
    expect_words(child, "Not offering to write the reports: team.md is an input of this command;")
    expect_words(child, "not overwriting it: write to another file.")
    assert finish(child) == 0
    assert len(on_disk(tmp_path / "team.md", interview).answers) == 6
    assert not (tmp_path / "team.html").exists()


@pty
@pytest.mark.slow  # starts the CLI in a pseudo-terminal
def test_two_interviews_and_an_editor_on_one_file_lose_nothing(
    tmp_path: Path, interview: Questionnaire
) -> None:
    path = tmp_path / "a.yaml"
    first = assess(tmp_path)
    skip_who(first)
    send(first, "12", "saved: 12 people")
    second = assess(tmp_path)  # resumes at has-platform
    send(second, "y", "saved: yes")
    # Meanwhile, in an editor: a comment and an answer.
    edited = path.read_text().replace("answers:\n", "answers:\n  # ask Bob\n  deploys: daily\n")
    path.write_text(edited)
    send(first, "n")  # has-platform, which the second interview also answered
    expect_words(
        first, "a.yaml was changed elsewhere while you answered; kept its answers to deploys."
    )
    first.expect_exact(
        "has-platform was also changed elsewhere (to: yes); your answer replaces it."
    )
    expect_words(first, "saved: no")
    send(first, "q", "Saved")
    assert finish(first) == 0
    send(second, "q", "Saved")
    assert finish(second) == 0
    text = path.read_text()
    assert "  # ask Bob\n" in text
    assert dict(on_disk(path, interview).answers) == {
        "engineers": TWELVE,
        "has-platform": NO,
        "deploys": DAILY,
    }


@pty
@pytest.mark.slow  # starts the CLI in a pseudo-terminal
def test_an_answers_file_broken_in_an_editor_is_left_alone(
    tmp_path: Path, interview: Questionnaire
) -> None:
    path = tmp_path / "a.yaml"
    child = assess(tmp_path)
    skip_who(child)
    send(child, "12", "saved: 12 people")
    path.write_text("answers: [\n")
    send(child, "y")
    expect_words(child, "Could not save: a.yaml was changed by another program since it was read,")
    expect_words(child, "Your answers are kept here; saving is tried again after the next one.")
    assert path.read_text() == "answers: [\n"
    fixed = (
        "questionnaire: {id: interview, version: 1.0.0}\nanswers:\n  engineers: 12\n  retros: 1\n"
    )
    path.write_text(fixed)
    send(child, "b", "Do you have a platform team?")
    send(child, "", None)  # Enter keeps "yes"
    send(child, "q", "Saved")
    assert finish(child) == 0
    assert dict(on_disk(path, interview).answers) == {
        "engineers": TWELVE,
        "has-platform": YES,
        "retros": Answer(value=1),
    }


def test_their_answers_survive_a_save_that_fails_after_the_merge(
    tmp_path: Path, interview: Questionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from rich.console import Console

    from scaleready.atomic import write_atomic as real
    from scaleready.interview.session import run_interview
    from scaleready.loading import answers_file

    path = tmp_path / "a.yaml"
    path.write_text("questionnaire: {id: interview, version: 1.0.0}\nanswers:\n  engineers: 12\n")
    writes: list[str] = []

    def once_full(target: Path, text: str) -> None:
        writes.append(text)
        if len(writes) == 1:
            raise UsageError(f"cannot save {target}: No space left; the previous file is intact")
        real(target, text)

    def read(prompt: str) -> str:
        typed = next(lines)
        if typed == "y":  # meanwhile, in an editor
            path.write_text(path.read_text().replace("12", "30") + "  deploys: daily\n")
        return typed

    lines = iter(["y", "q"])  # the first save fails, after the merge
    monkeypatch.setattr(answers_file, "write_atomic", once_full)
    out = io.StringIO()
    run_interview(
        str(DATA / "interview.yaml"),
        path,
        console=Console(file=out, width=80, no_color=True),
        read=read,
        interactive=True,
    )
    shown = " ".join(out.getvalue().split())
    assert (
        "a.yaml was changed elsewhere while you answered; kept its answers to engineers, deploys."
        in shown
    )
    assert "Could not save: cannot save" in shown
    assert dict(on_disk(path, interview).answers) == {
        "engineers": THIRTY,
        "has-platform": YES,
        "deploys": DAILY,
    }


def test_a_name_changed_in_an_editor_is_kept(tmp_path: Path, interview: Questionnaire) -> None:
    import io

    from rich.console import Console

    from scaleready.interview.session import run_interview

    path = tmp_path / "a.yaml"
    path.write_text(
        "questionnaire: {id: interview, version: 1.0.0}\nrespondent: {name: Bob}\n"
        "answers:\n  engineers: 12\n"
    )

    def read(prompt: str) -> str:
        typed = next(lines)
        if typed == "y":  # meanwhile, in an editor
            path.write_text(path.read_text().replace("Bob", "Carol"))
        return typed

    lines = iter(["y", "q"])
    run_interview(
        str(DATA / "interview.yaml"),
        path,
        console=Console(file=io.StringIO(), width=80, no_color=True),
        read=read,
        interactive=True,
    )
    saved = on_disk(path, interview)
    assert saved.respondent is not None
    assert saved.respondent.name == "Carol"
    assert dict(saved.answers) == {"engineers": TWELVE, "has-platform": YES}
