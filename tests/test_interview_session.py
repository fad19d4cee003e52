"""The interview in-process, with a scripted reader: a disk that fails, the end of input."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scaleready.errors import UsageError
from scaleready.formats.answers import Answer
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA

INTERVIEW = str(DATA / "interview.yaml")


@pytest.fixture(scope="module")
def interview() -> Questionnaire:
    loaded, _ = load_questionnaire(DATA / "interview.yaml")
    return loaded


def scripted(lines: list[str]) -> Callable[[str], str]:
    """Typed lines, one per prompt; then Ctrl-D."""
    feed: Iterator[str] = iter(lines)

    def read(prompt: str) -> str:
        try:
            return next(feed)
        except StopIteration:
            raise EOFError from None

    return read


def run_in_process(tmp_path: Path, lines: list[str], out: io.StringIO) -> None:
    from rich.console import Console

    from scaleready.interview.session import run_interview

    run_interview(
        INTERVIEW,
        tmp_path / "a.yaml",
        console=Console(file=out, width=80, no_color=True),
        read=scripted(["", "", "", *lines]),  # Enter skips organisation, name and role
        interactive=True,
    )


def test_a_failing_save_keeps_the_answers_and_prints_them_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from scaleready.atomic import write_atomic as real
    from scaleready.loading import answers_file

    writes: list[str] = []

    def full_disk(path: Path, text: str) -> None:
        # The first write (the new, empty file) works; the disk is full after it.
        writes.append(text)
        if len(writes) > 1:
            raise UsageError(f"cannot save {path}: No space left; the previous file is intact")
        real(path, text)

    monkeypatch.setattr(answers_file, "write_atomic", full_disk)
    out = io.StringIO()
    with pytest.raises(
        UsageError, match=r"could not save .*a\.yaml; your answers are printed above"
    ):
        run_in_process(tmp_path, ["12", "y", "q"], out)
    shown = " ".join(out.getvalue().split())
    assert "Could not save: cannot save" in shown
    assert "Your answers are kept here; saving is tried again after the next one." in shown
    assert "Question 3 of 7" in shown  # the interview went on
    err = capsys.readouterr().err
    assert "These are your answers; copy them into" in err
    assert "  engineers: 12\n  has-platform: true\n" in err


def test_end_of_input_saves_and_quits(tmp_path: Path, interview: Questionnaire) -> None:
    out = io.StringIO()
    run_in_process(tmp_path, ["12"], out)
    assert "Saved 1 of 6 answers in" in " ".join(out.getvalue().split())
    assert load_answers(tmp_path / "a.yaml", interview).answers == {"engineers": Answer(value=12)}


def test_not_applicable_asks_for_a_reason_until_given_and_enter_keeps_the_one_before(
    tmp_path: Path, interview: Questionnaire
) -> None:
    from rich.console import Console

    from scaleready.interview.session import run_interview

    prompts: list[str] = []
    typed = iter(["x", "", "  ", "no team yet", "b", "x", "", "q"])

    def read(prompt: str) -> str:
        prompts.append(prompt)
        return next(typed)

    out = io.StringIO()
    run_interview(
        INTERVIEW,
        tmp_path / "a.yaml",
        console=Console(file=out, width=80, no_color=True),
        read=read,
        interactive=True,
        organisation="Acme",  # given, so the interview starts at the first question
        name="Ada",
        role="cto",
    )
    asked = "Reason (why does this not apply to you?): "
    assert prompts[:4] == ["> ", asked, asked, asked]
    assert prompts[5:7] == ["> ", "Reason (Enter keeps 'no team yet'): "]
    refusal = "  A reason is needed (Ctrl-D cancels): why does this not apply to you?\n"
    assert out.getvalue().count(refusal) == 2
    saved = load_answers(tmp_path / "a.yaml", interview)
    assert saved.answers["engineers"] == Answer(status="not_applicable", reason="no team yet")
