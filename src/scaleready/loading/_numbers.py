"""The numbers an input file may hold: finite, and no larger than :data:`MAX_MAGNITUDE`.

YAML reads ``.nan``, ``.inf`` and integers of any length; the engine, the reports and the
workshop's statistics do float arithmetic on them. A NaN compares false with everything (a gate
would pass it), an infinity or a 310-digit integer overflows a float. Every number of an answers
file or a questionnaire is therefore checked once, where the file is read, before anything else
sees it.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from scaleready.errors import KeyPath, Problem
from scaleready.loading.yaml_source import YamlDocument

# A quadrillion: well above any headcount, revenue (in any currency unit), percentage or
# duration an assessment asks for, and far inside a float's exact integers (2**53 ~ 9e15), so
# every number allowed converts to a float without loss or overflow.
MAX_MAGNITUDE = 10**15


def _numbers(data: Any, path: KeyPath) -> Iterator[tuple[KeyPath, int | float]]:
    if isinstance(data, bool):
        return
    if isinstance(data, (int, float)):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _numbers(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _numbers(value, (*path, i))


def _shown(number: int | float) -> str:
    if isinstance(number, int) and abs(number) >= 10**20:
        return f"a {len(str(abs(number)))}-digit number"
    return repr(number)


def number_problems(doc: YamlDocument) -> list[Problem]:
    """A problem for every number in ``doc`` that is not finite or is larger than
    :data:`MAX_MAGNITUDE` either way (a key that is a number is checked by the model's types)."""
    problems = []
    for path, number in _numbers(doc.data, ()):
        if isinstance(number, float) and not math.isfinite(number):
            message = f"{_shown(number)} is not a number scaleready can use: give a finite number"
        elif abs(number) > MAX_MAGNITUDE:
            message = (
                f"{_shown(number)} is out of range: numbers must be within "
                f"-{MAX_MAGNITUDE:.0e} to {MAX_MAGNITUDE:.0e}"
            )
        else:
            continue
        problems.append(doc.problem(path, message))
    return problems
