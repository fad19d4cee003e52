"""The command line: a thin shell over the core. Every error reaches one boundary, :func:`main`,
which maps it to an exit code (0 ok, 1 gate failed, 2 bad input or usage, 3 bug, 130 interrupted).

Heavy modules are imported inside the commands so that ``--help`` starts fast.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from scaleready import __version__

EXIT_OK = 0
EXIT_GATE = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
ISSUES_URL = "https://github.com/scaleready/scaleready/issues"

app = typer.Typer(
    name="scaleready",
    help="Assess how ready a technology organisation is to scale: its failure factors for its "
    "stage, the capabilities that would mitigate them, and what to do first.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

QuestionnaireOption = Annotated[
    Optional[str],  # noqa: UP045 - typer reads the annotation at run time on Python 3.10
    typer.Option(
        "--questionnaire",
        "-q",
        metavar="Q",
        help="A bundled questionnaire's id or a path to a questionnaire file.",
    ),
]


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"scaleready {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Assess how ready a technology organisation is to scale."""


@app.command(
    epilog="Example: scaleready validate --strict questionnaires/*.yaml examples/*.yaml",
)
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...", help="Questionnaires and answers files, told apart by content."
        ),
    ],
    questionnaire: QuestionnaireOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
) -> None:
    """Check questionnaires and answers files; report every problem with file, line and key."""
    from scaleready.validate import validate_files

    reports = validate_files(files, questionnaire)
    for report in reports:
        for problem in report.problems:
            typer.echo(str(problem), err=True)
    failed = 0
    for report in reports:
        bad = report.errors or (strict and report.warnings)
        failed += bool(bad)
        verdict = "invalid" if bad else "ok"
        counts = ", ".join(
            f"{n} {word}{'s' if n != 1 else ''}"
            for n, word in ((report.errors, "error"), (report.warnings, "warning"))
            if n
        )
        detail = "; ".join(part for part in (report.summary, counts) if part)
        typer.echo(f"{verdict:8}{report.file}" + (f" ({detail})" if detail else ""))
    total = len(reports)
    typer.echo(f"{total} file{'s' if total != 1 else ''} checked, {failed} invalid")
    if failed:
        raise typer.Exit(EXIT_INPUT)


@app.command(epilog="Example: scaleready questionnaires")
def questionnaires() -> None:
    """List the bundled questionnaires: id, version, title and number of questions."""
    from rich.console import Console
    from rich.table import Table

    from scaleready.questionnaire_check import load_questionnaire
    from scaleready.resources import bundled_questionnaires

    table = Table("id", "version", "title", "questions", box=None, header_style="bold")
    for path in bundled_questionnaires():
        loaded, _ = load_questionnaire(path, display=path.name)
        table.add_row(loaded.id, loaded.version, loaded.title, str(len(loaded.questions)))
    Console().print(table)


@app.command(
    epilog="Example: scaleready init answers.yaml, then fill it in and run "
    "scaleready validate answers.yaml",
)
def init(
    file: Annotated[Path, typer.Argument(help="The answers file to create.")],
    questionnaire: QuestionnaireOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Write a blank answers file with every question as a comment, to fill in an editor."""
    from scaleready.blank import blank_answers
    from scaleready.errors import UsageError
    from scaleready.questionnaire_check import load_questionnaire
    from scaleready.resources import DEFAULT_QUESTIONNAIRE, resolve_questionnaire

    if file.exists() and not force:
        raise UsageError(f"{file} exists; not overwriting it (use --force to replace it)")
    loaded, _ = load_questionnaire(resolve_questionnaire(questionnaire or DEFAULT_QUESTIONNAIRE))
    try:
        file.write_text(blank_answers(loaded), encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {file}: {exc.strerror}") from None
    count = len(loaded.questions)
    typer.echo(f"wrote {file}: {count} questions of {loaded.id} {loaded.version} to answer")


class ReportFormat(str, Enum):
    """The formats ``score`` writes."""

    terminal = "terminal"
    json = "json"


AnswersArgument = Annotated[Path, typer.Argument(metavar="ANSWERS", help="An answers file.")]


@app.command(
    epilog="Example: scaleready score examples/productivity-collapse.yaml --output result.json",
)
def score(
    answers: AnswersArgument,
    questionnaire: QuestionnaireOption = None,
    fmt: Annotated[
        Optional[ReportFormat],  # noqa: UP045
        typer.Option(
            "--format", "-f", help="Output format [default: from --output's suffix, or terminal]."
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", metavar="PATH", help="Write here instead of stdout."),
    ] = None,
) -> None:
    """Score an answers file: stage, readiness, risks and what to do first, and why."""
    from scaleready.engine import assess
    from scaleready.loading import load_inputs
    from scaleready.outputs import format_for, render, write_output

    chosen, given = load_inputs(answers, questionnaire)
    fmt_name = format_for(fmt.value if fmt else None, output)
    result = assess(chosen, given)
    if output is not None:
        write_output(output, render(fmt_name, result, chosen, given))
    elif fmt_name == "terminal":
        from rich.console import Console

        from scaleready.terminal import print_terminal

        print_terminal(result, chosen, Console())
    else:
        typer.echo(render(fmt_name, result, chosen, given), nl=False)


@app.command(
    epilog="Example: scaleready explain examples/productivity-collapse.yaml slow-cycle-time",
)
def explain(
    answers: AnswersArgument,
    item: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A failure factor, capability, value, mechanism or outcome id, or 'stage' or "
            "'score'.",
        ),
    ],
    questionnaire: QuestionnaireOption = None,
) -> None:
    """Show every number behind a finding, down to the answers and rules that produced it."""
    from scaleready.engine import assess
    from scaleready.explain import explain as explain_item
    from scaleready.loading import load_inputs

    chosen, given = load_inputs(answers, questionnaire)
    typer.echo(explain_item(assess(chosen, given), chosen, item))


class SchemaName(str, Enum):
    """The formats that have a JSON Schema."""

    questionnaire = "questionnaire"
    answers = "answers"
    result = "result"


@app.command(
    epilog="Example: scaleready schema questionnaire > questionnaire.schema.json, then put "
    "'# yaml-language-server: $schema=questionnaire.schema.json' at the top of a questionnaire",
)
def schema(name: Annotated[SchemaName, typer.Argument(help="Which file format.")]) -> None:
    """Print the JSON Schema of a file format, for editor completion and checks."""
    from scaleready.schema import render_schema

    typer.echo(render_schema(name.value), nl=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code: the one place errors become exit codes."""
    from scaleready.errors import InputError, UsageError

    try:
        app(args=list(argv) if argv is not None else None, prog_name="scaleready")
    except SystemExit as exc:  # typer's own way out, usage errors (2) included
        code = exc.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_INPUT)
    except InputError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        return EXIT_INPUT
    except UsageError as exc:
        typer.echo(f"scaleready: error: {exc}", err=True)
        return EXIT_INPUT
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        return EXIT_INTERRUPTED
    except Exception as exc:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        typer.echo(
            f"scaleready: internal error (a bug in scaleready {__version__}): "
            f"{type(exc).__name__}: {exc} at {Path(frame.filename).name}:{frame.lineno}\n"
            f"Please report it, with the command you ran, at {ISSUES_URL}",
            err=True,
        )
        if os.environ.get("SCALEREADY_DEBUG"):
            traceback.print_exc()
        return EXIT_INTERNAL
    return EXIT_OK
