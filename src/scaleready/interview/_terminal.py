"""The interview's terminal: a rich console that prints plain, wrapped text (never markup), and
a line reader with line editing where ``readline`` exists."""

from __future__ import annotations

import contextlib
import textwrap
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

LineReader = Callable[[str], str]


class Printer:
    """Prints to ``console``, wrapped to its width."""

    def __init__(self, console: Console) -> None:
        self.console = console

    def say(self, text: str = "", style: str | None = None, indent: int = 0) -> None:
        """Print ``text`` wrapped to the terminal's width, every line indented by ``indent``."""
        self.hanging(" " * indent, text, style)

    def hanging(self, prefix: str, text: str, style: str | None = None) -> None:
        """Print ``prefix`` then ``text``, wrapped with later lines aligned after the prefix.

        The text is wrapped here rather than by rich, so no line carries trailing padding and a
        ``[`` in a question or a note is never read as markup.
        """
        from rich.text import Text

        from scaleready.errors import visible

        width = max(20, self.console.width)
        out: list[str] = []
        for line in text.splitlines() or [""]:
            wrapped = textwrap.wrap(
                visible(line),  # a note or a question cannot send an escape to the terminal
                width,
                initial_indent=prefix,
                subsequent_indent=" " * len(prefix),
                break_on_hyphens=False,
            )
            out += wrapped or [prefix.rstrip()]
            prefix = " " * len(prefix)
        self.console.print(Text("\n".join(out), style=style or ""), soft_wrap=True)

    def command(self, label: str, command: str) -> None:
        """A command to copy: never broken across lines; on a line of its own if need be."""
        from rich.text import Text

        if len(label) + 1 + len(command) <= self.console.width:
            self.console.print(Text(f"{label} {command}"), soft_wrap=True)
        else:
            self.console.print(Text(f"{label}\n  {command}"), soft_wrap=True)


def terminal_console() -> Console:
    from rich.console import Console

    # highlight=False: rich would colour numbers and quotes in questions; markup is never parsed
    # either (see Printer.say), so a "[" in a question or a note prints as it is.
    return Console(highlight=False)


def line_reader() -> LineReader:
    # readline gives input() line editing and history; Windows has none.
    with contextlib.suppress(ImportError):
        import readline  # noqa: F401
    return input
