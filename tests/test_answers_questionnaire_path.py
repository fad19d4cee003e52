"""An answers file may name its questionnaire's file (issue 15, item 8): ``questionnaire: {id,
version, path}``, the path relative to the answers file. Every command that reads answers follows
it when --questionnaire is not given, refuses a different --questionnaire, and ``init`` and
``assess`` write it when the questionnaire was given by its file."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from scaleready.cli import commands as cli
from tests.conftest import DATA

NAMED = "questionnaire: {id: mini, version: 1.0.0, path: ../q/mini.yaml}\n"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """q/mini.yaml, and a/one.yaml answering it, naming it by path."""
    (tmp_path / "q").mkdir()
    (tmp_path / "a").mkdir()
    shutil.copy(DATA / "mini.yaml", tmp_path / "q" / "mini.yaml")
    answers = (DATA / "mini-answers.yaml").read_text().splitlines(keepends=True)
    assert answers[0].startswith("questionnaire: {id: mini")
    (tmp_path / "a" / "one.yaml").write_text(NAMED + "".join(answers[1:]))
    return tmp_path


def test_score_validate_explain_diff_and_workshop_follow_the_path(
    capsys: pytest.CaptureFixture[str], tree: Path
) -> None:
    one = tree / "a" / "one.yaml"
    code, out, err = run(capsys, "score", one, "-f", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["questionnaire"]["id"] == "mini"
    code, out, _ = run(capsys, "validate", one)
    assert code == 0
    assert out.splitlines()[0] == (
        f"ok      {one} (answers to mini 1.0.0, 5 of 7 answered, 1 don't know, 1 not applicable)"
    )
    code, out, _ = run(capsys, "explain", one, "stage")
    assert code == 0
    assert out.startswith("Stage: early (Early stage)")
    code, out, _ = run(capsys, "diff", one, one)
    assert code == 0
    assert out.startswith("questionnaire mini 1.0.0\n")
    code, out, _ = run(capsys, "workshop", one, "-f", "json")
    assert code == 0
    assert json.loads(out)["questionnaire"]["id"] == "mini"


def test_a_different_questionnaire_given_with_q_is_refused_naming_both(
    capsys: pytest.CaptureFixture[str], tree: Path
) -> None:
    one = tree / "a" / "one.yaml"
    expected = (
        f"{one}:1:49: questionnaire.path: these answers name the questionnaire ../q/mini.yaml "
        "(mini 1.0.0), but --questionnaire gives scaling-readiness 1.0.0, a different one: "
        "leave out --questionnaire, or correct questionnaire.path\n"
    )
    for command in (["score", one], ["explain", one, "stage"]):
        assert run(capsys, *command, "-q", "scaling-readiness") == (2, "", expected)
    assert run(capsys, "validate", one, "-q", "scaling-readiness")[::2] == (2, expected)
    assert run(capsys, "workshop", one, "-q", "scaling-readiness")[::2] == (2, expected)
    assert run(capsys, "diff", one, one, "-q", "scaling-readiness")[::2] == (2, expected)


def test_the_same_questionnaire_given_with_q_is_fine_even_as_a_copy(
    capsys: pytest.CaptureFixture[str], tree: Path
) -> None:
    one = tree / "a" / "one.yaml"
    assert run(capsys, "score", one, "-q", tree / "q" / "mini.yaml")[0] == 0
    assert run(capsys, "score", one, "-q", DATA / "mini.yaml")[0] == 0
    changed = tree / "other.yaml"
    changed.write_text((DATA / "mini.yaml").read_text().replace("title: ", "title: Other "))
    code, _, err = run(capsys, "score", one, "-q", changed)
    assert code == 2
    assert "but --questionnaire gives mini 1.0.0, a different one" in err


def test_workshop_files_that_name_different_files_are_refused_naming_them(
    capsys: pytest.CaptureFixture[str], tree: Path
) -> None:
    (tree / "q2").mkdir()
    shutil.copy(DATA / "mini.yaml", tree / "q2" / "mini.yaml")
    one = tree / "a" / "one.yaml"
    two = tree / "a" / "two.yaml"
    two.write_text(one.read_text().replace("../q/mini.yaml", "../q2/mini.yaml"))
    code, _, err = run(capsys, "workshop", one, two)
    assert code == 2
    assert err == (
        f"{one}:1:49: questionnaire.path: these answers files name different questionnaire "
        f"files: {one} names {os.path.realpath(tree / 'q' / 'mini.yaml')}; {two} names "
        f"{os.path.realpath(tree / 'q2' / 'mini.yaml')}\n"
    )
    # Two spellings of one file are one questionnaire.
    two.write_text(one.read_text().replace("../q/mini.yaml", "../a/../q/mini.yaml"))
    assert run(capsys, "workshop", one, two, "-f", "json")[0] == 0


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("../q/nope.yaml", "'../q/nope.yaml' is not a file (looked for {a}/../q/nope.yaml)"),
        ("../q", "'../q' is not a file (looked for {a}/../q)"),
        (
            "/etc/hostname",
            "'/etc/hostname' is absolute; questionnaire.path must be the questionnaire's file, "
            "relative to this answers file",
        ),
        (
            "''",
            "questionnaire.path must be the questionnaire's file, relative to this answers file",
        ),
    ],
)
def test_a_path_that_names_no_file_is_an_input_error_at_the_key(
    capsys: pytest.CaptureFixture[str], tree: Path, path: str, message: str
) -> None:
    one = tree / "a" / "one.yaml"
    one.write_text(one.read_text().replace("../q/mini.yaml", path, 1))
    code, _, err = run(capsys, "score", one)
    assert code == 2
    assert err == f"{one}:1:49: questionnaire.path: {message.format(a=tree / 'a')}\n"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_refused_without_waiting_for_a_writer(
    capsys: pytest.CaptureFixture[str], tree: Path
) -> None:
    os.mkfifo(tree / "q" / "pipe.yaml")
    one = tree / "a" / "one.yaml"
    one.write_text(one.read_text().replace("../q/mini.yaml", "../q/pipe.yaml"))
    code, _, err = run(capsys, "validate", one)
    assert code == 2
    assert err == (
        f"{one}:1:49: questionnaire.path: '../q/pipe.yaml' is not a file "
        f"(looked for {tree / 'a'}/../q/pipe.yaml)\n"
    )


def test_init_writes_the_path_when_the_questionnaire_is_given_by_its_file(
    capsys: pytest.CaptureFixture[str], tree: Path
) -> None:
    new = tree / "a" / "new.yaml"
    assert run(capsys, "init", new, "-q", tree / "q" / "mini.yaml")[0] == 0
    assert 'questionnaire: {id: mini, version: 1.0.0, path: "../q/mini.yaml"}\n' in (
        new.read_text()
    )
    assert run(capsys, "validate", new)[0] == 0
    bundled = tree / "a" / "bundled.yaml"
    assert run(capsys, "init", bundled, "-q", "scaling-readiness")[0] == 0
    assert "questionnaire: {id: scaling-readiness, version: 1.0.0}\n" in bundled.read_text()


def test_an_output_never_overwrites_the_questionnaire_the_answers_name(
    capsys: pytest.CaptureFixture[str], tree: Path
) -> None:
    one = tree / "a" / "one.yaml"
    target = tree / "q" / "mini.yaml"
    code, _, err = run(capsys, "score", one, "-f", "md", "-o", target)
    assert code == 2
    assert err == (
        f"scaleready: error: {target} is the same file as {tree / 'a' / '..' / 'q' / 'mini.yaml'}"
        ", an input of this command; not overwriting it: write to another file\n"
    )


def test_assess_writes_the_path_and_resumes_without_q(tmp_path: Path) -> None:
    from rich.console import Console

    from scaleready.errors import InputError
    from scaleready.interview.session import run_interview
    from tests.test_interview_session import scripted

    shutil.copy(DATA / "interview.yaml", tmp_path / "interview.yaml")
    (tmp_path / "a").mkdir()
    answers = tmp_path / "a" / "x.yaml"

    def interview(ref: str | None, lines: list[str]) -> None:
        console = Console(file=io.StringIO(), width=80, no_color=True)
        run_interview(ref, answers, console=console, read=scripted(lines), interactive=True)

    interview(str(tmp_path / "interview.yaml"), ["", "", "", "12"])  # Enter: no name, role...
    first = answers.read_text()
    assert 'questionnaire: {id: interview, version: 1.0.0, path: "../interview.yaml"}' in first
    assert "engineers: 12" in first
    interview(None, ["y"])  # resumes at the next question: the file names its questionnaire
    assert answers.read_text() == first + "  has-platform: true\n"
    with pytest.raises(InputError) as refused:
        run_interview("scaling-readiness", answers, read=scripted([]), interactive=True)
    assert str(refused.value.problems[0]).endswith(
        "questionnaire.path: these answers name the questionnaire ../interview.yaml "
        "(interview 1.0.0), but --questionnaire gives scaling-readiness 1.0.0, a different "
        "one: leave out --questionnaire, or correct questionnaire.path"
    )


def test_history_follows_the_path_the_file_names_now(
    capsys: pytest.CaptureFixture[str], tree: Path
) -> None:
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tree, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "ci@example.com")
    git("config", "user.name", "CI")
    one = tree / "a" / "one.yaml"
    named = one.read_text()
    one.write_text(named.replace(NAMED, "questionnaire: {id: mini, version: 1.0.0}\n"))
    git("add", ".")
    git("commit", "-qm", "before the path")
    one.write_text(named)
    git("commit", "-qam", "with the path")
    code, out, err = run(capsys, "history", one, "-f", "json")
    assert (code, err) == (0, "")
    assert [p["score"] for p in json.loads(out)["points"]] == [86.7, 86.7]


def test_serve_follows_the_path_of_the_answers_in_its_folder(
    capsys: pytest.CaptureFixture[str], tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[object] = []
    monkeypatch.setattr("scaleready.serve.run.serve", lambda folder, ref, **_: seen.append(ref))
    assert run(capsys, "serve", tree / "a")[0] == 0
    assert seen == [str(tree / "a" / ".." / "q" / "mini.yaml")]
    assert run(capsys, "serve", tree / "q")[0] == 0  # no answers file names one
    assert seen[-1] is None
