"""Typed errors of the functional core; the CLI maps them to exit codes."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_T = TypeVar("_T")


def format_path(path: KeyPath) -> str:
    """Render a key path the way a reader finds it in YAML: ``sections[0].questions[2].id``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not _PLAIN_KEY.match(part):
            out += f"[{part!r}]"  # a key with spaces or control characters stays on one line
        else:
            out += f".{part}" if out else part
    return out


_COLONS = re.compile(":(?=:)")
# Line breaks of every kind, and tabs (a newline would start a line that a terminal, a log or
# GitHub Actions reads as ours): each becomes one space.
_BREAKS = frozenset("\n\r\t\v\f\x1c\x1d\x1e\x85\u2028\u2029")
# Bidirectional overrides and isolates: they reorder what a reader sees (Trojan Source).
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _shown(ch: str) -> str:
    if ch in _BREAKS:
        return " "
    if unicodedata.category(ch) in ("Cc", "Cs") or ch in _BIDI:
        # C0, DEL, C1 (\x9b is a CSI on its own), lone surrogates and bidi overrides: shown as
        # the escape a reader can type back, never sent to the terminal.
        code = ord(ch)
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
    return ch


def visible(text: object) -> str:
    """``text`` safe to print on one line: line breaks folded to spaces, every other control
    character (ESC, BEL, C1, DEL, lone surrogates, bidi overrides) shown as its escape (``\\x1b``),
    and a word joiner (U+2060) between two colons.

    The one definition of "printable" for text from answers files, questionnaires and results that
    reaches a terminal, a log or a ``.txt`` report: no escape sequence (window title, clear screen)
    reaches the terminal, and no value starts a line of its own (a forged ``::add-mask::``).
    """
    raw = str(text)
    if not raw.isprintable():  # the common case is printable, checked in C
        raw = "".join(_shown(ch) if not ch.isprintable() else ch for ch in raw)
    if "::" in raw:
        # GitHub Actions reads a line that starts with "::" (after blanks) as a command, and a
        # report wraps long text at any blank: a word joiner between two colons keeps the text
        # as it reads and no wrapped line can start a command.
        raw = _COLONS.sub(":\u2060", raw)
    return raw


_RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029]")


def json_visible(text: str) -> str:
    """JSON text with DEL, the C1 controls and U+2028/2029 written as ``\\uXXXX`` escapes (JSON
    writers escape only C0): the same data, and no raw CSI (``\\x9b``) for a terminal to obey.
    Those characters can only stand inside JSON strings, where the escape means the same."""
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located by line, column and key path."""

    file: str
    line: int
    column: int
    path: KeyPath
    message: str
    severity: Severity = "error"

    def sort_key(self) -> tuple[str, int, int, str, str]:
        """Orders problems as they stand in the file (paths mix ints and strs, so not by path)."""
        return (self.file, self.line, self.column, format_path(self.path), self.message)

    def __str__(self) -> str:
        where = f"{visible(self.file)}:{self.line}:{self.column}:"
        prefix = "warning: " if self.severity == "warning" else ""
        if self.path:
            return f"{where} {format_path(self.path)}: {prefix}{visible(self.message)}"
        return f"{where} {prefix}{visible(self.message)}"


class ScalereadyError(Exception):
    """Base of every error the core raises on purpose."""


class InputError(ScalereadyError):
    """An input file (or several) is invalid; carries every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class GateFailed(ScalereadyError):
    """A CI gate failed (``--fail-under``, ``--fail-on-risk``, ``--fail-on-regression``); the
    verdict lines have been printed already."""


class UsageError(ScalereadyError):
    """The command was asked for something it cannot do (an unknown questionnaire id, say)."""


def errors_only(problems: Iterable[Problem]) -> list[Problem]:
    """The problems that are errors, in order."""
    return [p for p in problems if p.severity == "error"]


def valid_or_raise(value: _T | None, problems: Iterable[Problem]) -> _T:
    """``value``, if a check made it and found no errors (warnings are fine); else raise
    :class:`InputError` with every error found."""
    errors = errors_only(problems)
    if value is None or errors:
        raise InputError(errors)
    return value


def did_you_mean(word: object, candidates: Iterable[object]) -> str:
    """`` (did you mean 'x'?)`` for the closest candidate, or an empty string."""
    names = {str(c): c for c in candidates}
    close = difflib.get_close_matches(str(word), list(names), n=1, cutoff=0.6)
    return f" (did you mean {names[close[0]]!r}?)" if close else ""
