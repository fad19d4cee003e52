"""The command line: a thin shell over the core. Every error reaches one boundary, :func:`main`,
which maps it to an exit code (0 ok, 1 gate failed, 2 bad input or usage, 3 bug, 130 interrupted).

The commands live in one private module per group, all on the one :data:`app` of
:mod:`scaleready.cli._app`; importing them here registers them, in the order ``--help`` lists
them. Heavy modules are imported inside the commands so that ``--help`` starts fast.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import os
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import typer

from scaleready import __version__
from scaleready.cli._app import (
    EXIT_GATE,
    EXIT_INPUT,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Interrupted,
    app,
    echo_problems,
)

__all__ = ["app", "main"]

# Importing a module registers its commands; --help lists them in this order.
_COMMAND_MODULES = (
    "_files",
    "_scoring",
    "_workshop",
    "_schema",
    "_interview",
    "_measure",
    "_serve",
)
for _module in _COMMAND_MODULES:
    importlib.import_module(f"scaleready.cli.{_module}")

ISSUES_URL = "https://github.com/scaleready/scaleready/issues"
INTERRUPTED_MESSAGE = "interrupted"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code: the one place errors become exit codes."""
    from scaleready.cli.gcpause import gc_paused
    from scaleready.errors import GateFailed, InputError, UsageError, visible

    try:
        with gc_paused():  # once per command, for the whole command: see gc_paused
            app(args=list(argv) if argv is not None else None, prog_name="scaleready")
    except SystemExit as exc:  # typer's own way out, usage errors (2) included
        code = exc.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_INPUT)
    except InputError as exc:
        echo_problems(exc.problems)
        return EXIT_INPUT
    except UsageError as exc:
        typer.echo(f"scaleready: error: {visible(exc)}", err=True)  # may quote an input
        return EXIT_INPUT
    except GateFailed:
        return EXIT_GATE
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRNOS:
            return _internal_error(exc)
        # Every file scaleready writes or reads turns its OSError into a UsageError, so what is
        # left is standard output: a full disk, a dead terminal.
        _silence_stdout()
        typer.echo(f"scaleready: error: cannot write to standard output: {exc.strerror}", err=True)
        return EXIT_INPUT
    except (Interrupted, KeyboardInterrupt):
        # KeyboardInterrupt too: Ctrl-C can come before a command runs (while importing).
        typer.echo(INTERRUPTED_MESSAGE, err=True)
        return EXIT_INTERRUPTED
    except Exception as exc:
        return _internal_error(exc)
    return EXIT_OK


# What writing to a full disk, a file too large for its file system or a broken device raises.
_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _internal_error(exc: BaseException) -> int:
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


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last flush of what
    could not be written does not fail again, with a traceback, on the way out."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
