"""Which formats to write where, and the text of a scored run in each format."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scaleready.errors import UsageError
from scaleready.vocabulary import SCORE_FORMATS, ReportFormat

if TYPE_CHECKING:
    from scaleready.ci.score_run import ScoreRun

_SUFFIXES = {
    ".json": "json",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xml": "junit",
    ".txt": "terminal",
    ".pdf": "pdf",
}
# Files have no terminal to measure, so terminal text written to a file is laid out this wide.
FILE_WIDTH = 100


def format_for(path: Path, allowed: Collection[str] = SCORE_FORMATS) -> str:
    """The format an output file's suffix asks for, among the ``allowed`` ones."""
    suffixes = {suffix: fmt for suffix, fmt in _SUFFIXES.items() if fmt in allowed}
    suffix = path.suffix.lower()
    if suffix in suffixes:
        return suffixes[suffix]
    known = ", ".join(sorted(suffixes))
    raise UsageError(
        f"cannot tell the format from {path.name!r} (known suffixes: {known}); pass --format"
    )


def output_format(requested: str | None, output: Path | None, allowed: Collection[str]) -> str:
    """The format of a command's one output: the one asked for, else ``output``'s suffix (among
    the ``allowed`` formats), else terminal. ``score``, ``workshop``, ``diff`` and ``history``
    all choose this way."""
    if requested is not None:
        return requested
    if output is None:
        return "terminal"
    return format_for(output, allowed)


def plan_outputs(requested: str | None, outputs: Sequence[Path]) -> list[tuple[Path | None, str]]:
    """Where each output goes (``None``: stdout) and in which format.

    Without ``--output``: stdout, in ``--format`` or terminal. With one: ``--format`` or the
    suffix. With several, each takes its format from its suffix.
    """
    if not outputs:
        return [(None, requested or "terminal")]
    if requested is not None and len(outputs) > 1:
        raise UsageError(
            "--format applies to a single output; with several --output, each takes its "
            "format from its suffix"
        )
    seen: set[Path] = set()
    for path in outputs:
        if path.resolve() in seen:
            raise UsageError(f"--output {path} is given twice")
        seen.add(path.resolve())
    return [(path, output_format(requested, path, SCORE_FORMATS)) for path in outputs]


def check_pdf(targets: Sequence[tuple[Path | None, str]]) -> None:
    """Raise :class:`UsageError` before any work if a PDF is asked for and cannot be written:
    to standard output (a PDF goes to a file), or with no Chromium to print it."""
    pdfs = [path for path, fmt in targets if fmt == "pdf"]
    if None in pdfs:
        raise UsageError("a PDF report goes to a file: pass --output report.pdf")
    if pdfs:
        from scaleready.render._pdf import find_chromium

        find_chromium()


def render(
    fmt: str, run: ScoreRun, *, templates: Path | None = None, date: str | None = None
) -> str:
    """The full text of a scored run in ``fmt``, for a file or a pipe."""
    if fmt == "pdf":
        raise UsageError("a PDF report is not text: write it with write_report (-o report.pdf)")
    if fmt == "json":
        return run.result.to_json()
    if fmt == "junit":
        from scaleready.render._junit import render_junit

        return render_junit(run.result, run.verdicts, fail_under=run.gates.fail_under)
    if fmt in ("md", "html"):
        from scaleready.render.report.render import render_report

        report_fmt: ReportFormat = "md" if fmt == "md" else "html"
        return render_report(
            run.result, run.questionnaire, run.answers, report_fmt, templates=templates, date=date
        )
    return terminal_text(run)


def terminal_text(run: ScoreRun, width: int = FILE_WIDTH) -> str:
    """The terminal summary as plain text (no colour), for a file or a pipe."""
    from io import StringIO

    from rich.console import Console

    from scaleready.render.terminal import print_terminal

    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False)
    print_terminal(run.result, run.questionnaire, console, run.answers.source)
    # rich pads each line to the width; a file keeps only what is written.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def write_report(
    path: Path, fmt: str, run: ScoreRun, *, templates: Path | None = None, date: str | None = None
) -> None:
    """Write a scored run's report in ``fmt`` to ``path``; a PDF is the HTML report, printed."""
    if fmt == "pdf":
        from scaleready.render._pdf import write_pdf

        write_pdf(path, render("html", run, templates=templates, date=date))
    else:
        write_output(path, render(fmt, run, templates=templates, date=date))


def write_output(path: Path, text: str) -> None:
    """Write a report, replacing any older one only once the new one is complete."""
    from scaleready.atomic import write_atomic

    write_atomic(path, text)
