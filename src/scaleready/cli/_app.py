"""The one typer app every command module registers on, the options they share, and the exit
codes. Imported when the CLI starts, so it imports nothing heavy (``--help`` must start fast)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, Optional, TypeVar

import typer

from scaleready import __version__
from scaleready.atomic import FOLLOW_SYMLINKS_FLAG
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
FollowSymlinksOption = Annotated[
    bool,
    typer.Option(
        FOLLOW_SYMLINKS_FLAG,
        help="Write outputs through symbolic links that lead out of their folder (refused by "
        "default: in a pull request their author chose where they point).",
    ),
]
OptionalPath = Optional[Path]  # noqa: UP045 - typer reads the annotation at run time on 3.10
OptionalFloat = Optional[float]  # noqa: UP045
OptionalStr = Optional[str]  # noqa: UP045


def questionnaire_path(ref: str | None) -> Path | None:
    """The file ``--questionnaire`` names, if it names a file rather than a bundled id: an
    input that no output may overwrite."""
    return Path(ref) if ref is not None and Path(ref).is_file() else None


def named_questionnaire(answers: Path | None) -> Path | None:
    """The questionnaire file an answers file names by ``questionnaire.path``: an input that no
    output may overwrite either. ``None`` if it names none, or does not load (which the command
    then reports as it loads it)."""
    from scaleready.errors import InputError
    from scaleready.loading.inputs import file_named_by

    if answers is None or not answers.is_file():
        return None
    try:
        named = file_named_by([answers])
    except InputError:
        return None
    return None if named is None else Path(named)


MAX_PROBLEMS_SHOWN = 50
"""Problems printed at most: past a few dozen a reader fixes the first ones and runs again, and
a file with 800,000 unknown ids would otherwise print 800,000 lines."""


def echo_problems(problems: Sequence[object]) -> None:
    """Print problems to standard error, one a line: the first :data:`MAX_PROBLEMS_SHOWN`, then
    how many more there are. The one place problems are printed."""
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        typer.echo(str(problem), err=True)
    more = len(problems) - MAX_PROBLEMS_SHOWN
    if more > 0:
        typer.echo(f"... and {more:,} more problem{'s' if more != 1 else ''}", err=True)


def checked_text(option: str, value: str | None) -> str | None:
    """The text of an option that is written into a file or a report (a name, a role, a date):
    raise :class:`UsageError` if it is empty (leaving the option out says "none") or is not
    valid UTF-8 (the shell passed bytes that are not text: Python keeps them as surrogates,
    which no file can hold)."""
    from scaleready.errors import UsageError

    if value is None:
        return None
    if not value.strip():
        raise UsageError(f"{option} is empty; give a value, or leave {option} out")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        shown = value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise UsageError(f"{option} '{shown}' is not valid UTF-8 text") from None
    return value


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
