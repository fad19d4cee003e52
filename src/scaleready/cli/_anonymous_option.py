"""The ``--anonymous[=all]`` option of ``scaleready workshop``.

The option takes an optional value: ``--anonymous`` hides names and paths, ``--anonymous=all``
hides roles too. The click bundled with typer has no options with an optional value (an option
either always takes a value, which would swallow the first answers file in
``--anonymous answers/*.yaml``, or never does, which refuses ``=all``), so the command declares two
flags, ``--anonymous`` and ``--anonymous-all``, and :class:`WorkshopCommand` rewrites
``--anonymous=all`` (and ``--anonymous=names``) into them before click parses the arguments.

Imported by :mod:`scaleready.cli._workshop` when the CLI starts, so it imports nothing but
typer's core (through :mod:`scaleready.cli._help`).
"""

from __future__ import annotations

from typing import Any

from scaleready.cli._help import PlainHelpCommand

FLAG = "--anonymous"
ALL_FLAG = "--anonymous-all"
_SPELLINGS = {f"{FLAG}=all": ALL_FLAG, f"{FLAG}=names": FLAG}


def normalise_anonymous(args: list[str]) -> list[str]:
    """``args`` with ``--anonymous=all`` as ``--anonymous-all`` and ``--anonymous=names`` as
    ``--anonymous``; everything after ``--`` is left alone (those are file names)."""
    out: list[str] = []
    for i, arg in enumerate(args):
        if arg == "--":
            return out + args[i:]
        out.append(_SPELLINGS.get(arg, arg))
    return out


class WorkshopCommand(PlainHelpCommand):
    """A typer command that understands ``--anonymous=all`` (see the module docstring)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Rewrite the ``--anonymous=VALUE`` spellings, then parse as usual."""
        for arg in args:
            if arg == "--":
                break
            if arg.startswith(f"{FLAG}=") and arg not in _SPELLINGS:
                value = arg.split("=", 1)[1]
                ctx.fail(f"--anonymous takes no value or =all (or =names), not {value!r}")
        result: list[str] = super().parse_args(ctx, normalise_anonymous(args))
        return result
