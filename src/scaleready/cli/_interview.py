"""The ``assess`` command: the interactive interview."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from scaleready.cli._app import QuestionnaireOption, app, checked_text


@app.command(
    epilog="Example: scaleready assess --answers acme.yaml --organisation Acme --name Ada "
    "--role cto"
)
def assess(
    questionnaire: QuestionnaireOption = None,
    answers: Annotated[
        Path,
        typer.Option(
            "--answers", "-a", metavar="FILE", help="The answers file to write, or to resume."
        ),
    ] = Path("answers.yaml"),
    name: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at run time on Python 3.10
        typer.Option("--name", metavar="NAME", help="Your name, kept in the answers file."),
    ] = None,
    role: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--role",
            metavar="ROLE",
            help="Your role (cto, engineering-manager...), kept in the file.",
        ),
    ] = None,
    organisation: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--organisation",
            metavar="ORG",
            help="The organisation assessed, kept in the file (the reports' title).",
        ),
    ] = None,
    review: Annotated[
        bool, typer.Option("--review", help="Walk through every answer to change it.")
    ] = False,
) -> None:
    """Answer the questionnaire in the terminal: saved after every answer, resumable. It asks
    who is answering first (organisation, name, role), unless given here or in the file."""
    from scaleready.interview.session import run_interview

    name, role = checked_text("--name", name), checked_text("--role", role)
    organisation = checked_text("--organisation", organisation)
    run_interview(
        questionnaire, answers, name=name, role=role, organisation=organisation, review=review
    )
