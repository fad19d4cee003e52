"""How numbers and words look in the reports; registered as template filters.

Every number is formatted with a fixed number of decimals, so identical inputs give identical text.
"""

from __future__ import annotations

import math

from scaleready.engine.dora import quick_check_text

NO_DATA = "n/a"


def fixed(value: float, decimals: int) -> str:
    """``value`` with at most ``decimals`` decimals, trailing zeros dropped (``2.50`` -> ``2.5``)
    and never ``-0``."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def score_number(value: float | None) -> str:
    """A 0-100 score (one decimal), or ``n/a`` when nothing measured it."""
    return NO_DATA if value is None else fixed(value, 1)


def out_of_100(value: float | None) -> str:
    """A 0-100 score as ``8.7/100``, or ``unmeasured`` when nothing measured it."""
    return "unmeasured" if value is None else fixed(value, 1) + "/100"


def risk_number(value: float | None) -> str:
    """A 0..1 quantity (exposure, residual risk, priority) with two decimals, as the terminal
    report shows it."""
    return NO_DATA if value is None else f"{value:.2f}"


def dora_number(value: float | str | None) -> str:
    """A figure on DORA's 0-10 scale as the Quick Check prints it (one decimal: 6.3), or ``n/a``.

    A string is a result's ``*_shown`` text, computed from the exact value, and printed as it is;
    a number is rounded the same way.
    """
    if value is None:
        return NO_DATA
    return value if isinstance(value, str) else quick_check_text(value)


def percent(value: float | None) -> str:
    """A 0-100 share, one decimal, with a percent sign."""
    return NO_DATA if value is None else fixed(value, 1) + "%"


def level_word(level: str) -> str:
    """A risk level as a word a reader sees (``critical`` -> ``Critical``)."""
    return level.capitalize()


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 question``, ``2 questions`` (or ``many`` when the plural is irregular)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def number(value: float | None, decimals: int = 2) -> str:
    """Any other number, with at most ``decimals`` decimals (``1.0`` -> ``1``), or ``n/a``."""
    return NO_DATA if value is None else fixed(value, decimals)
