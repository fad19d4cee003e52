"""The command line, in-process through main() and as the installed console script."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from scaleready import __version__
from scaleready.cli import commands as cli
from scaleready.loading.bundled import bundled_questionnaires
from tests.conftest import DATA, Writer

MINI = str(DATA / "mini.yaml")
MINI_ANSWERS = str(DATA / "mini-answers.yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"scaleready {__version__}\n", "")


COMMANDS = [
    c.name or (c.callback.__name__ if c.callback else "") for c in cli.app.registered_commands
]


def test_every_contract_command_exists() -> None:
    assert set(COMMANDS) == {
        "assess",
        "score",
        "workshop",
        "explain",
        "diff",
        "history",
        "validate",
        "init",
        "questionnaires",
        "schema",
        "measure",
        "serve",
    }


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert "Example: scaleready " + command in " ".join(out.split())


def test_validate_ok(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", MINI, MINI_ANSWERS)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"ok      {MINI} (questionnaire mini 1.0.0, 7 questions, 1 fixture passed)",
        f"ok      {MINI_ANSWERS} (answers to mini 1.0.0, 5 of 7 answered, 1 don't know, "
        "1 not applicable)",
        "2 files checked, 0 invalid",
    ]


def test_validate_reports_errors_on_stderr_and_exits_2(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    bad = write(
        "bad.yaml",
        Path(MINI)
        .read_text()
        .replace("{capability: experimentation}", "{capability: experimentaton}"),
    )
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 2
    assert err == (
        f"{bad}:71:33: sections[1].questions[1].measures[0].capability: unknown capability "
        "'experimentaton' (did you mean 'experimentation'?)\n"
    )
    assert out.splitlines()[-1] == "1 file checked, 1 invalid"
    assert "Traceback" not in out + err


def test_strict_turns_warnings_into_errors(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    text = Path(MINI).read_text().replace("        help: Free text.\n", "")
    path = write("q.yaml", text)
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0
    assert "warning: question 'notes' has no help text" in err
    assert out.startswith(
        f"ok      {path} (questionnaire mini 1.0.0, 7 questions, 1 fixture passed; 1 warning)"
    )
    code, out, _ = run(capsys, "validate", "--strict", str(path))
    assert code == 2
    assert out.startswith(f"invalid {path}")


def test_answers_are_checked_against_a_questionnaire_in_the_same_call(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    answers = write(
        "a.yaml", "questionnaire: {id: mini, version: 1.0.0}\nanswers: {engineers: lots}\n"
    )
    code, _, err = run(capsys, "validate", str(answers), MINI)
    assert code == 2
    assert err == f"{answers}:2:22: answers.engineers: expected a number, got 'lots'\n"


def test_answers_for_an_unknown_questionnaire(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    answers = write("a.yaml", "questionnaire: {id: nope, version: 1.0.0}\nanswers: {}\n")
    code, _, err = run(capsys, "validate", str(answers))
    assert code == 2
    assert err == (
        f"{answers}:1:21: questionnaire.id: unknown questionnaire 'nope': it is not bundled; "
        "name its file in the same call or pass --questionnaire PATH\n"
    )


def test_a_file_that_is_neither(capsys: pytest.CaptureFixture[str], write: Writer) -> None:
    path = write("x.yaml", "hello: world\n")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert err == (
        f"{path}:1:1: cannot tell what this file is: a questionnaire has 'sections', "
        "an answers file has 'questionnaire' and 'answers'\n"
    )


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / "nope.yaml"))
    assert (code, err) == (2, f"{tmp_path / 'nope.yaml'}:1:1: no such file\n")


def test_unknown_questionnaire_id_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "validate", "-q", "nope", MINI_ANSWERS)
    assert code == 2
    assert err.startswith("scaleready: error: no bundled questionnaire 'nope' (bundled: ")


def test_init_writes_a_blank_file_that_validates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "answers.yaml"
    code, out, _ = run(capsys, "init", str(target), "-q", MINI)
    assert code == 0
    assert out == f"wrote {target}: 7 questions of mini 1.0.0 to answer\n"
    text = target.read_text()
    assert (
        "  # How often do you deploy?\n  #   Delivery speed.\n  # one of:\n"
        "  #   on-demand: On demand\n"
    ) in text  # the question, its help (as the README says), its allowed answers
    assert "  # (asked only when: stage == 'late')\n  change-fail-rate:\n" in text
    code, _, _ = run(capsys, "validate", "-q", MINI, str(target))
    assert code == 0


def test_init_never_overwrites_without_force(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    target = write("answers.yaml", "my precious answers\n")
    code, _, err = run(capsys, "init", str(target), "-q", MINI)
    assert code == 2
    assert (
        err
        == f"scaleready: error: {target} exists; not overwriting it (use --force to replace it)\n"
    )
    assert target.read_text() == "my precious answers\n"
    assert run(capsys, "init", str(target), "-q", MINI, "--force")[0] == 0


def test_init_that_fails_leaves_the_old_file_intact(
    capsys: pytest.CaptureFixture[str], write: Writer, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = write("answers.yaml", "my precious answers\n")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    code, _, err = run(capsys, "init", str(target), "-q", MINI, "--force")
    assert code == 2
    assert err == (
        f"scaleready: error: cannot save {target}: No space left on device; "
        "the previous file is intact\n"
    )
    assert target.read_text() == "my precious answers\n"
    assert [p.name for p in target.parent.iterdir()] == ["answers.yaml"]


def test_schema_is_json_and_describes_answers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "schema", "answers")
    assert code == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    import yaml

    assert list(validator.iter_errors(yaml.safe_load(Path(MINI_ANSWERS).read_text()))) == []
    assert list(validator.iter_errors({"answers": {}}))  # the questionnaire reference is required


def test_questionnaire_schema_accepts_valid_and_rejects_invalid(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "schema", "questionnaire")
    assert code == 0
    import yaml

    validator = jsonschema.Draft202012Validator(json.loads(out))
    files = [Path(MINI), *bundled_questionnaires()]
    for path in files:
        assert list(validator.iter_errors(yaml.safe_load(path.read_text()))) == [], path
    broken = yaml.safe_load(Path(MINI).read_text())
    broken["sections"][0]["questions"][0]["type"] = "essay"
    assert list(validator.iter_errors(broken))


def test_unknown_schema_name_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "schema", "bogus")
    assert code == 2
    assert "bogus" in err


def test_internal_errors_exit_3_and_say_it_is_a_bug(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("scaleready.ci.validate.validate_files", explode)
    code, _, err = run(capsys, "validate", MINI)
    assert code == 3
    assert err.startswith(
        f"scaleready: internal error (a bug in scaleready {__version__}): RuntimeError: boom at "
    )
    assert "Please report it" in err
    assert "Traceback" not in err


def test_questionnaires_lists_the_bundled_ones(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "questionnaires")
    assert code == 0
    assert out.split()[:4] == ["id", "version", "title", "questions"]
    for path in bundled_questionnaires():
        assert path.stem in out


def script() -> str:
    return str(Path(sys.executable).parent / "scaleready")


@pytest.mark.slow  # a fresh Python per entry point
def test_console_script_and_module_entry_points(tmp_path: Path) -> None:
    for command in ([script()], [sys.executable, "-m", "scaleready"]):
        done = subprocess.run(
            [*command, "validate", MINI, MINI_ANSWERS],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.endswith("2 files checked, 0 invalid\n")


@pytest.mark.slow  # runs the installed script
def test_console_script_bad_input_has_no_traceback(write: Writer) -> None:
    bad = write("bad.yaml", "id: [\n")
    done = subprocess.run(
        [script(), "validate", str(bad)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"{bad}:2:1: invalid YAML:")
    assert "Traceback" not in done.stderr


@pytest.mark.slow  # runs the installed script
def test_console_script_usage_error_exits_2() -> None:
    done = subprocess.run([script(), "validate"], capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "Missing argument" in done.stderr


# validate, with reading a file that never ends, as on a hung network file system: it says when
# it starts reading (a FIFO would not do: it is refused as not a regular file, and never read).
_BLOCKED_READ = """
import sys, time
from pathlib import Path
import scaleready.loading.yaml_source as source
def read_source(path, name):
    Path(sys.argv[1]).touch()
    time.sleep(60)
source.read_source = read_source
from scaleready.cli.commands import main
sys.exit(main(sys.argv[2:]))
"""


def wait_for_reading(marker: Path, process: subprocess.Popen[str]) -> None:
    """Wait until ``process`` has started reading its file (it touches ``marker`` then)."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        if marker.exists():
            return
        time.sleep(0.02)
    raise AssertionError("the command never started reading the file")


def test_ctrl_c_says_interrupted_and_exits_130(tmp_path: Path) -> None:
    # validate blocks reading its file, as a command blocks on a slow disk or a network file
    # system, until Ctrl-C.
    marker = tmp_path / "reading"
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers: {}\n")
    process = subprocess.Popen(
        [sys.executable, "-c", _BLOCKED_READ, str(marker), "validate", str(answers)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_for_reading(marker, process)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=20)
    assert (process.returncode, out, err) == (130, "", "interrupted\n")
