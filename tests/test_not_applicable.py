""" "Not applicable" is a claim: it needs a reason, and every one is shown wherever results go
(terminal, reports, JSON, JUnit, GitHub), and a changed one is a finding in ``diff`` and against a
baseline. Through the command line, with the exact words a user sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaleready.cli import commands as cli
from tests.conftest import REPO, Writer

COLLAPSE = REPO / "examples" / "productivity-collapse.yaml"
BAD = "  customer-contact: rarely\n"
NA = '  customer-contact: {not_applicable: true, reason: "we sell to one buyer, the state"}\n'
NEEDS = '"not applicable" needs a reason (why does this not apply to you?)'


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def collapse(write: Writer, name: str, line: str) -> tuple[Path, int]:
    """productivity-collapse.yaml with its customer-contact line replaced by ``line``; the path
    and the line number of the replaced answer."""
    text = COLLAPSE.read_text(encoding="utf-8")
    assert BAD in text
    number = text[: text.index(BAD)].count("\n") + 1
    return write(name, text.replace(BAD, line)), number


@pytest.mark.parametrize("command", ["validate", "score", "workshop"])
@pytest.mark.parametrize(
    "line",
    [
        "  customer-contact: {not_applicable: true}\n",
        '  customer-contact: {not_applicable: true, reason: "  "}\n',
    ],
)
def test_not_applicable_without_a_reason_is_an_input_error(
    capsys: pytest.CaptureFixture[str], write: Writer, command: str, line: str
) -> None:
    path, number = collapse(write, "a.yaml", line)
    code, _, err = run(capsys, command, str(path))
    assert code == 2
    assert f"{path}:{number}:3: answers.customer-contact: {NEEDS}" in err
