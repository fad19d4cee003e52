"""CI gates: each gives a verdict line, printed whether it passes or fails."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from scaleready.engine.compare import Delta, describe
from scaleready.formats.result import Assessment, FactorResult

Level = Literal["low", "medium", "high", "critical"]
LEVELS: tuple[Level, ...] = ("low", "medium", "high", "critical")


@dataclass(frozen=True)
class Verdict:
    """The outcome of one gate: its verdict line, and one line per finding behind it."""

    gate: str
    passed: bool
    line: str
    details: tuple[str, ...] = ()


def score_gate(result: Assessment, threshold: float) -> Verdict:
    """``--fail-under N``: the overall score must be at least N."""
    if result.score < threshold:
        return Verdict("score", False, f"score {result.score:g} < {threshold:g} -> FAIL")
    return Verdict("score", True, f"score {result.score:g} >= {threshold:g} -> PASS")


def at_or_above(result: Assessment, level: Level) -> list[FactorResult]:
    """The relevant failure factors whose level is ``level`` or worse, worst first."""
    rank = LEVELS.index(level)
    found = [f for f in result.failure_factors if f.relevant and LEVELS.index(f.level) >= rank]
    return sorted(found, key=lambda f: (-f.residual_risk, f.id))


def risk_gate(result: Assessment, level: Level) -> Verdict:
    """``--fail-on-risk LEVEL``: no relevant failure factor may reach LEVEL."""
    found = at_or_above(result, level)
    details = tuple(f"{f.id} {f.residual_risk:.3f} ({f.level}): {f.name}" for f in found)
    if found:
        names = ", ".join(f"{f.id} {f.level}" for f in found)
        line = f"risk: {len(found)} failure factor(s) at {level} or above ({names}) -> FAIL"
        return Verdict("risk", False, line, details)
    return Verdict("risk", True, f"risk: none at {level} or above -> PASS")


def regression_gate(delta: Delta, baseline: str, enforced: bool) -> Verdict:
    """``--baseline`` with ``--fail-on-regression``: nothing may regress, capability by
    capability and factor by factor. Not enforced, it still reports what regressed."""
    found = delta.regressions
    details = tuple(describe(move) for move in found)
    if not found:
        return Verdict("regression", True, f"regressions: none against {baseline} -> PASS")
    if enforced:
        return Verdict(
            "regression", False, f"regressions: {len(found)} against {baseline} -> FAIL", details
        )
    return Verdict(
        "regression",
        True,
        f"regressions: {len(found)} against {baseline} (not a gate without --fail-on-regression)",
        details,
    )
