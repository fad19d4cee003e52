"""The commands about files: ``validate``, ``questionnaires`` and ``init``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scaleready.cli._app import (
    EXIT_INPUT,
    FollowSymlinksOption,
    QuestionnaireOption,
    app,
    echo_problems,
    questionnaire_path,
)


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
    from scaleready.ci.validate import validate_files

    reports = validate_files(files, questionnaire)
    echo_problems([problem for report in reports for problem in report.problems])
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

    from scaleready.loading.bundled import bundled_questionnaires
    from scaleready.loading.questionnaire import load_questionnaire

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
    follow_symlinks: FollowSymlinksOption = False,
) -> None:
    """Write a blank answers file with every question as a comment, to fill in an editor."""
    from scaleready.atomic import check_outputs, write_atomic
    from scaleready.errors import UsageError
    from scaleready.formats.blank import blank_answers
    from scaleready.loading.inputs import open_questionnaire, path_to_write

    if file.exists() and not force:
        raise UsageError(f"{file} exists; not overwriting it (use --force to replace it)")
    check_outputs([file], [questionnaire_path(questionnaire)], follow_symlinks=follow_symlinks)
    loaded = open_questionnaire(questionnaire)
    write_atomic(file, blank_answers(loaded, path_to_write(questionnaire, file)))
    count = len(loaded.questions)
    typer.echo(f"wrote {file}: {count} questions of {loaded.id} {loaded.version} to answer")
