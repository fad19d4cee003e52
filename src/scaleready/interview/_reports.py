"""The end of an interview: the result in the terminal, and the offer to write the reports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from scaleready.interview._terminal import LineReader

if TYPE_CHECKING:
    from rich.console import Console

    from scaleready.formats.answers import Answers
    from scaleready.formats.questionnaire import Questionnaire
    from scaleready.formats.result import Assessment


def print_summary(
    console: Console,
    assessment: Assessment,
    questionnaire: Questionnaire,
    answers_path: Path | None = None,
) -> None:
    """The result as ``score`` prints it, its explain example naming the answers file."""
    from scaleready.render.terminal import print_terminal

    print_terminal(assessment, questionnaire, console, str(answers_path) if answers_path else None)


def offer_reports(
    console: Console,
    read: LineReader,
    assessment: Assessment,
    questionnaire: Questionnaire,
    answers: Answers,
    answers_path: Path,
) -> list[Path]:
    """Offer to write the Markdown and HTML reports next to the answers file; return what was
    written."""
    from rich.text import Text

    from scaleready.atomic import check_outputs, write_atomic
    from scaleready.errors import UsageError
    from scaleready.render.report import render_report

    targets: dict[Literal["md", "html"], Path] = {
        "md": answers_path.with_suffix(".md"),
        "html": answers_path.with_suffix(".html"),
    }
    console.print()
    try:
        # An answers file named team.md would otherwise be replaced by its report.
        check_outputs(targets.values(), [answers_path], flag=None)
    except UsageError as exc:
        console.print(Text(f"Not offering to write the reports: {exc}."))
        return []
    try:
        reply = read(f"Write the reports to {targets['md']} and {targets['html']}? [y/N] ")
    except EOFError:
        reply = ""
    if reply.strip().casefold() not in ("y", "yes"):
        return []
    written = []
    for fmt, path in targets.items():
        write_atomic(path, render_report(assessment, questionnaire, answers, fmt))
        console.print(Text(f"wrote {path}"))
        written.append(path)
    return written
