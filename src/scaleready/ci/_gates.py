"""CI gates: each gives a verdict line, printed whether it passes or fails."""

from __future__ import annotations

from dataclasses import dataclass

from scaleready.engine.compare import Delta, describe
from scaleready.engine.risks import ranked_risks
from scaleready.errors import UsageError, visible
from scaleready.formats.result import Assessment
from scaleready.vocabulary import Level

__all__ = ["GateVerdict", "check_threshold", "regression_gate", "risk_gate", "score_gate"]


@dataclass(frozen=True)
class GateVerdict:
    """The outcome of one gate: its verdict line, and one line per finding behind it."""

    gate: str
    passed: bool
    line: str
    details: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Verdicts go to stderr, where GitHub Actions reads workflow commands: a factor's name or
        # a baseline's path stays on its verdict's line, its control characters shown.
        object.__setattr__(self, "line", visible(self.line))
        object.__setattr__(self, "details", tuple(visible(d) for d in self.details))


def check_threshold(threshold: float) -> None:
    """Refuse a ``--fail-under`` no score can meet or fail: NaN compares false with every score
    (the gate would always pass), and a score is never outside 0-100."""
    if not 0 <= threshold <= 100:  # False for NaN too
        raise UsageError(f"--fail-under takes a score from 0 to 100, not {threshold:g}")


def score_gate(result: Assessment, threshold: float) -> GateVerdict:
    """``--fail-under N``: the overall score must be at least N."""
    if result.score < threshold:
        return GateVerdict("score", False, f"score {result.score:g} < {threshold:g} -> FAIL")
    return GateVerdict("score", True, f"score {result.score:g} >= {threshold:g} -> PASS")


def risk_gate(result: Assessment, level: Level) -> GateVerdict:
    """``--fail-on-risk LEVEL``: no relevant failure factor may reach LEVEL."""
    found = ranked_risks(result.failure_factors, level)
    details = tuple(f"{f.id} {f.residual_risk:.3f} ({f.level}): {f.name}" for f in found)
    if found:
        names = ", ".join(f"{f.id} {f.level}" for f in found)
        line = f"risk: {len(found)} failure factor(s) at {level} or above ({names}) -> FAIL"
        return GateVerdict("risk", False, line, details)
    return GateVerdict("risk", True, f"risk: none at {level} or above -> PASS")


def regression_gate(delta: Delta, baseline: str, enforced: bool) -> GateVerdict:
    """``--baseline`` with ``--fail-on-regression``: nothing may regress, capability by
    capability, factor by factor, and no answer may newly become "not applicable". Not enforced,
    it still reports what regressed."""
    found = delta.regressions
    # A "not applicable" that ended or changed its reason is no regression, but a reviewer must
    # still see it: it is listed after the regressions.
    claims = tuple(f"finding: {describe(m)}" for m in delta.not_applicable if not m.regression)
    details = (*(describe(move) for move in found), *claims)
    if not found:
        line = f"regressions: none against {baseline} -> PASS"
        return GateVerdict("regression", True, line, details)
    if enforced:
        return GateVerdict(
            "regression", False, f"regressions: {len(found)} against {baseline} -> FAIL", details
        )
    return GateVerdict(
        "regression",
        True,
        f"regressions: {len(found)} against {baseline} (not a gate without --fail-on-regression)",
        details,
    )
