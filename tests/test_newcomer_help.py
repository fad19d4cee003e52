"""``--help`` at 80 columns, as a newcomer reads it: every command, through the entry point."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer.main

from scaleready.cli import commands as cli
from scaleready.cli._help import plain_placeholder

GROUP: Any = typer.main.get_command(cli.app)
COMMANDS = sorted(GROUP.commands)
# typer's own labels (<bool>, <str>, <path>, <list[Path]>, <a|b>) and its usage braces
TYPER_LABEL = re.compile(r"<[\w\[\]|.-]+>|\{[A-Z.]+\}")


def _option_names(command: Any) -> list[str]:
    return [
        name
        for param in command.params
        if not getattr(param, "hidden", False)
        for name in (*param.opts, *param.secondary_opts)
        if name.startswith("-")
    ]


def _choices(command: Any) -> list[str]:
    shown = []
    for param in command.params:
        label = param.display_type_rich(None) if param.param_type_name == "option" else None
        if label and "|" in label and not getattr(param, "hidden", False):
            shown.append(plain_placeholder(label))
    return shown


def _check(command: Any, text: str) -> None:
    """What a reader at 80 columns needs: nothing cut, no typer labels, every name whole."""
    assert "…" not in text
    assert all(len(line) <= 80 for line in text.splitlines()), text
    assert not TYPER_LABEL.search(text), TYPER_LABEL.search(text)
    assert not re.search(r"\w \.(\s|$)", text), "a stray space before a full stop"
    for name in _option_names(command):
        assert re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text), name
    for choices in _choices(command):
        assert choices in text  # on one line, whole
    assert "Usage: scaleready" in text


def _help_at_80(*args: str) -> str:
    env = {**os.environ, "COLUMNS": "80", "TERMINAL_WIDTH": "80"}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "scaleready"), *args, "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    return done.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_help_reads_at_80_columns_in_process(
    name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    assert cli.main([name, "--help"]) == 0
    _check(GROUP.commands[name], capsys.readouterr().out)


@pytest.mark.slow  # one fresh Python per command
def test_every_command_help_reads_at_80_columns_through_the_entry_point() -> None:
    for name in COMMANDS:
        _check(GROUP.commands[name], _help_at_80(name))
    root = _help_at_80()
    _check(GROUP, root)
    flat = " ".join(root.split())
    for command in GROUP.commands.values():
        first = " ".join(inspect.cleandoc(command.help or "").split("\n\n")[0].split())
        assert first in flat  # each command's summary whole, not cut at 45 characters


def test_placeholders_are_words() -> None:
    assert [
        plain_placeholder(label)
        for label in ("<str>", "<path>", "<float>", "<int>", "<list[Path]>", "<a|b>", "<uuid>")
    ] == ["TEXT", "PATH", "NUMBER", "INTEGER", "PATH", "[a|b]", "UUID"]


def test_usage_lines_are_plain(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["workshop", "--help"]) == 0
    assert capsys.readouterr().out.startswith("Usage: scaleready workshop [OPTIONS] ANSWERS...\n")
    assert cli.main(["score"]) == 2
    err = capsys.readouterr().err
    assert "Usage: scaleready score [OPTIONS] ANSWERS\n" in err
    assert "Missing argument 'ANSWERS'" in err


def test_an_example_is_wrapped_at_spaces_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["explain", "--help"]) == 0
    assert "slow-cycle-time" in capsys.readouterr().out
