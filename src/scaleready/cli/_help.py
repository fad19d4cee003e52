"""``--help`` as a newcomer reads it at 80 columns: click's plain layout, full option names and
placeholders in words (``TEXT``, ``PATH``, ``[low|medium|high]``), never typer's ``<str>``.

Typer's rich panels share 80 columns among six table columns, so they cut long option names
(``--fail-on-regre…``), split choices over two lines and read ``[default: ...]`` in a help text
as markup. Click's plain layout gives an option that does not fit a line of its own. What typer
adds to it (``<path>`` after an argument, ``{ANSWERS}`` in the usage line, commands' help cut at
45 characters) is undone here, by the command and group classes the app uses.
"""

from __future__ import annotations

import inspect
import textwrap
from typing import Any

from typer.core import TyperCommand, TyperGroup

# Typer's type labels (``<str>``) as the words click and most CLIs use.
_TYPE_WORDS = {"str": "TEXT", "path": "PATH", "float": "NUMBER", "int": "INTEGER"}


def plain_placeholder(label: str) -> str:
    """A typer type label (``<str>``, ``<list[Path]>``, ``<a|b>``) as a plain placeholder."""
    inner = label.strip("<>")
    if inner.startswith("list[") and inner.endswith("]"):
        inner = inner[len("list[") : -1]
    if "|" in inner:
        return f"[{inner}]"
    return _TYPE_WORDS.get(inner.lower(), inner.upper())


def _usage_name(param: Any) -> str:
    """An argument as the usage line shows it: ``ANSWERS``, ``[OUT]``, ``FILE...``."""
    name = str(param.display_name_raw).upper()
    if param.nargs != 1 and not name.endswith("..."):
        name += "..."
    return name if param.required else f"[{name}]"


def _record(param: Any, ctx: Any) -> tuple[str, str] | None:
    """A parameter's help row with typer's type label replaced by a plain placeholder."""
    record: tuple[str, str] | None = param.get_help_record(ctx)
    if record is None:
        return None
    names, text = record
    label = param.display_type_rich(ctx)
    typer_label = bool(label) and label.startswith("<") and label != param.metavar
    if param.param_type_name == "argument":
        # An argument's name says what it is; its choices, if any, go in words in its help.
        names = str(param._rich_display_name()).upper()
        if typer_label and "|" in label and param.help:
            choices = ", ".join(plain_placeholder(label).strip("[]").split("|"))
            text = text.replace(param.help, f"{param.help} One of: {choices}.", 1)
    elif typer_label:
        names = names.replace(f" {label}", f" {plain_placeholder(label)}")
    if getattr(param, "is_flag", False) and param.secondary_opts:
        # "--x / --no-x" says both spellings; "[default: no-x]" only repeats one, cut at a hyphen.
        text = text.split("  [default:")[0]
    return names, text


class PlainHelpCommand(TyperCommand):
    """A command whose ``--help`` is click's plain layout with plain placeholders."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """``[OPTIONS]`` then the arguments, each as :func:`_usage_name` shows it."""
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [
            _usage_name(p) for p in self.get_params(ctx) if p.param_type_name == "argument"
        ]

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """Click's plain help, whatever typer's markup mode."""
        self.format_usage(ctx, formatter)
        self.format_help_text(ctx, formatter)
        self.format_options(ctx, formatter)
        write_epilog(self.epilog, formatter)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        """The Arguments and Options sections, one row per parameter."""
        _write_parameters(self.get_params(ctx), ctx, formatter)


def write_epilog(epilog: str | None, formatter: Any) -> None:
    """The epilog (an example command) wrapped at spaces only, never inside a file name or an
    option, continuation lines indented under the first."""
    if not epilog:
        return
    formatter.write_paragraph()
    indent = " " * (formatter.current_indent + 2)
    lines = textwrap.wrap(
        " ".join(epilog.split()),
        max(formatter.width, 40),
        initial_indent=indent,
        subsequent_indent=indent + "  ",
        break_on_hyphens=False,
        break_long_words=False,
    )
    formatter.write("\n".join(lines) + "\n")


def _write_parameters(params: list[Any], ctx: Any, formatter: Any) -> None:
    for kind, title in (("argument", "Arguments"), ("option", "Options")):
        rows = [_record(p, ctx) for p in params if p.param_type_name == kind]
        shown = [row for row in rows if row is not None]
        if shown:
            with formatter.section(title):
                formatter.write_dl(shown)


class PlainHelpGroup(TyperGroup):
    """The app's group: plain ``--help`` that lists each command's whole first paragraph."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        """Click's plain help, whatever typer's markup mode."""
        self.format_usage(ctx, formatter)
        self.format_help_text(ctx, formatter)
        _write_parameters(self.get_params(ctx), ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                first = inspect.cleandoc(command.help or "").split("\n\n")[0]
                rows.append((name, " ".join(first.split())))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)
        write_epilog(self.epilog, formatter)
