"""Typed errors of the functional core; the CLI maps them to exit codes."""

from __future__ import annotations

import difflib
import re
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
        where = f"{self.file}:{self.line}:{self.column}:"
        prefix = "warning: " if self.severity == "warning" else ""
        if self.path:
            return f"{where} {format_path(self.path)}: {prefix}{self.message}"
        return f"{where} {prefix}{self.message}"


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
