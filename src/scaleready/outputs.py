"""Which report format to write, and the text of a result in each format."""

from __future__ import annotations

from pathlib import Path

from scaleready.answers import Answers
from scaleready.errors import UsageError
from scaleready.questionnaire import Questionnaire
from scaleready.result import Assessment

FORMATS = ("terminal", "json")
_SUFFIXES = {".json": "json", ".txt": "terminal"}
# Files have no terminal to measure, so terminal text written to a file is laid out this wide.
FILE_WIDTH = 100


def format_for(requested: str | None, output: Path | None) -> str:
    """The format to write: the one asked for, else the output file's suffix, else terminal."""
    if requested is not None:
        return requested
    if output is None:
        return "terminal"
    suffix = output.suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    known = ", ".join(sorted(_SUFFIXES))
    raise UsageError(
        f"cannot tell the format from {output.name!r} (known suffixes: {known}); pass --format"
    )


def render(fmt: str, assessment: Assessment, questionnaire: Questionnaire, answers: Answers) -> str:
    """The full text of ``assessment`` in ``fmt``, for a file or a pipe."""
    del answers  # every format so far reads the assessment; reports will show the answers too
    if fmt == "json":
        return assessment.to_json()
    from io import StringIO

    from rich.console import Console

    from scaleready.terminal import print_terminal

    buffer = StringIO()
    console = Console(file=buffer, width=FILE_WIDTH, color_system=None, force_terminal=False)
    print_terminal(assessment, questionnaire, console)
    return buffer.getvalue()


def write_output(path: Path, text: str) -> None:
    """Write a report, replacing any older one only once the new one is complete."""
    from scaleready.atomic import write_atomic

    write_atomic(path, text)
