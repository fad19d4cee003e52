"""The functions an expression may call over lists of answers: ``mean``, ``min``, ``max``,
``sum``, ``count`` and ``length``.

Each takes a list (``mean([answers.a, answers.b])``) or its items as arguments (``mean(answers.a,
answers.b)``). An unknown item (``None``: don't know, not applicable, unanswered) makes the result
unknown, except for ``count``, which counts the known ones: a mean over answers nobody gave is
not a number, and a condition on it does not hold. ``length`` is the number of items of one list
(the options ticked in a multi answer) or characters of a text.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def _items(args: tuple[Any, ...]) -> list[Any]:
    if len(args) == 1 and isinstance(args[0], list | tuple):
        return list(args[0])
    return list(args)


def _numbers(args: tuple[Any, ...]) -> list[float] | None:
    items = _items(args)
    if any(item is None for item in items):
        return None
    for item in items:
        if isinstance(item, bool) or not isinstance(item, int | float):
            raise TypeError(f"expected numbers, got {item!r}")
    return items


def mean(*args: Any) -> float | None:
    """The arithmetic mean of numbers; unknown if any is unknown or there are none."""
    numbers = _numbers(args)
    if not numbers:
        return None
    return sum(numbers) / len(numbers)


def minimum(*args: Any) -> float | None:
    """The least of numbers; unknown if any is unknown or there are none."""
    numbers = _numbers(args)
    return min(numbers) if numbers else None


def maximum(*args: Any) -> float | None:
    """The greatest of numbers; unknown if any is unknown or there are none."""
    numbers = _numbers(args)
    return max(numbers) if numbers else None


def total(*args: Any) -> float | None:
    """The sum of numbers (0 for none); unknown if any is unknown."""
    numbers = _numbers(args)
    return None if numbers is None else sum(numbers)


def count(*args: Any) -> int:
    """How many of the items are known: not ``None``, and not ``false``."""
    return sum(1 for item in _items(args) if item is not None and item is not False)


def length(value: Any) -> int | None:
    """How many items a list (a multi answer) or characters a text has; unknown for ``None``."""
    if value is None:
        return None
    if not isinstance(value, list | tuple | str):
        raise TypeError(f"length() takes a list or a text, got {value!r}")
    return len(value)


FUNCTIONS: dict[str, Callable[..., Any]] = {
    "mean": mean,
    "min": minimum,
    "max": maximum,
    "sum": total,
    "count": count,
    "length": length,
}
"""The functions by the name an expression calls them with."""
