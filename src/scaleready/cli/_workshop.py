"""The ``workshop`` command."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from scaleready.cli._app import (
    FollowSymlinksOption,
    OptionalPath,
    QuestionnaireOption,
    app,
    named_questionnaire,
    questionnaire_path,
)
from scaleready.vocabulary import WorkshopFormat


def _workshop_command() -> type[typer.core.TyperCommand]:
    from scaleready.cli._anonymous_option import WorkshopCommand  # understands --anonymous=all

    return WorkshopCommand


@app.command(
    cls=_workshop_command(),
    epilog="Example: scaleready workshop answers/*.yaml --anonymous --output workshop.html "
    "--consensus consensus.yaml",
)
def workshop(
    answers: Annotated[
        list[Path], typer.Argument(metavar="ANSWERS...", help="The participants' answers files.")
    ],
    questionnaire: QuestionnaireOption = None,
    fmt: Annotated[
        Optional[WorkshopFormat],  # noqa: UP045
        typer.Option("--format", "-f", help="[default: from --output's suffix, or terminal]"),
    ] = None,
    output: Annotated[
        OptionalPath, typer.Option("--output", "-o", metavar="PATH", help="Write here.")
    ] = None,
    anonymous: Annotated[
        bool,
        typer.Option(
            "--anonymous",
            help="No names or file paths in any output; --anonymous=all hides roles too.",
        ),
    ] = False,
    anonymous_all: Annotated[bool, typer.Option("--anonymous-all", hidden=True)] = False,
    min_group: Annotated[
        int,
        typer.Option(
            "--min-group",
            metavar="N",
            min=1,
            help="With --anonymous, show no role held by fewer than N people apart.",
        ),
    ] = 3,
    consensus: Annotated[
        OptionalPath,
        typer.Option(metavar="FILE", help="Also write the group's consensus as an answers file."),
    ] = None,
    follow_symlinks: FollowSymlinksOption = False,
) -> None:
    """Aggregate a workshop's answers files: what to discuss first, the consensus, role gaps."""
    from scaleready.atomic import check_outputs
    from scaleready.render.outputs import write_output
    from scaleready.workshop.run import anonymity_of, workshop_texts

    check_outputs(
        [path for path in (consensus, output) if path is not None],
        # The first file's questionnaire file stands for all: they must name the same one.
        [*answers, questionnaire_path(questionnaire), named_questionnaire(answers[0])],
        follow_symlinks=follow_symlinks,
    )
    level = anonymity_of(anonymous, anonymous_all)
    texts = workshop_texts(
        answers,
        questionnaire,
        fmt,
        output,
        level,
        consensus is not None,
        terminal_width=_terminal_width(),
        min_group=min_group,
    )
    if texts.merged:
        small = ", ".join(texts.merged)
        typer.echo(
            f"--anonymous: fewer than {min_group} people each hold {small}: "
            + (
                "too few even together, so no role is shown (as --anonymous=all)"
                if texts.anonymity == "all"
                else 'shown together as "other roles"'
            ),
            err=True,
        )
    for warning in texts.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if consensus is not None and texts.consensus is not None:
        write_output(consensus, texts.consensus)
    if output is None:
        typer.echo(texts.report, nl=False)
    else:
        write_output(output, texts.report)


def _terminal_width() -> int | None:
    """The width of the terminal standard output is, or ``None`` when it is not a terminal."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns
