"""The one typer app every command module registers on, the options they share, and the exit
codes. Imported when the CLI starts, so it imports nothing heavy (``--help`` must start fast)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Optional, TypeVar

import typer

from scaleready import __version__
from scaleready.cli._help import PlainHelpCommand, PlainHelpGroup

EXIT_OK = 0
EXIT_GATE = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


class Interrupted(Exception):
    """Ctrl-C during a command, carried past click to :func:`scaleready.cli.commands.main`.

    Click (and typer after it) turns a ``KeyboardInterrupt`` into its own exit before ``main``
    sees it, so the one boundary that maps errors to exit codes would never say "interrupted".
    An ``Exception`` that is not click's own passes through them untouched.
    """


class _InterruptibleGroup(PlainHelpGroup):
    """The app's command group: Ctrl-C in a command becomes :class:`Interrupted`."""

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a ``KeyboardInterrupt`` leaves as :class:`Interrupted`."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise Interrupted() from None


_Command = TypeVar("_Command", bound=Callable[..., Any])


class _App(typer.Typer):
    """A typer app whose commands default to :class:`PlainHelpCommand` (readable ``--help``)."""

    def command(  # typer's keywords, passed on as they are
        self, *args: Any, **kwargs: Any
    ) -> Callable[[_Command], _Command]:
        """Register a command, as typer does, with the plain-help command class."""
        kwargs.setdefault("cls", PlainHelpCommand)
        register: Callable[[_Command], _Command] = super().command(*args, **kwargs)
        return register


app = _App(
    name="scaleready",
    cls=_InterruptibleGroup,
    help="Assess how ready a technology organisation is to scale: its failure factors for its "
    "stage, the capabilities that would mitigate them, and what to do first.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Usage errors in click's plain words too, as --help is (see scaleready.cli._help).
    rich_markup_mode=None,
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
AnswersArgument = Annotated[Path, typer.Argument(metavar="ANSWERS", help="An answers file.")]
OptionalPath = Optional[Path]  # noqa: UP045 - typer reads the annotation at run time on 3.10
OptionalFloat = Optional[float]  # noqa: UP045
OptionalStr = Optional[str]  # noqa: UP045


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
