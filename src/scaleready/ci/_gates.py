"""CI gates: each gives a verdict line, printed whether it passes or fails, and the findings
behind it, keyed by the JUnit testcase and GitHub annotation they belong to.

A finding *fails* only when its gate fails, so that every report of a run agrees with its exit
code: a JUnit failure or a GitHub ``::error`` exists exactly when the run exits 1.
"""

from __future__ import annotations

from dataclasses import dataclass

from scaleready.engine.compare import Delta, Move, NotApplicableMove, ScoreMove, describe
from scaleready.engine.risks import ranked_risks
from scaleready.errors import UsageError, visible
from scaleready.formats.result import Assessment
from scaleready.vocabulary import Level

__all__ = [
    "DEFAULT_REGRESSION_TOLERANCE",
    "Finding",
    "GateVerdict",
    "beyond_tolerance",
    "case_key",
    "check_threshold",
    "failing_cases",
    "regression_gate",
    "risk_gate",
    "score_gate",
]

DEFAULT_REGRESSION_TOLERANCE = 0.5
"""How far a capability score may fall (in points of 0-100), or a residual risk rise (in
hundredths), before ``--fail-on-regression`` counts it. Results round scores to 0.1 and risks to
0.001, and recomputing a baseline can move the last digit; half a point keeps such noise (a risk
from 0.225 to 0.228) from failing a build, while the smallest move a changed answer makes (a
risk rising 0.006 through a factor it feeds) still counts. A risk that changes level (low to
medium...) counts whatever the size of its move."""


@dataclass(frozen=True)
class Finding:
    """One thing a gate found, on the testcase or annotation ``key`` names (see
    :func:`case_key`); ``fails`` when it is why its gate failed, else it is for information."""

    key: str
    text: str
    fails: bool


@dataclass(frozen=True)
class GateVerdict:
    """The outcome of one gate: its verdict line, one line per finding behind it, and the
    findings by the testcase they belong to."""

    gate: str
    passed: bool
    line: str
    details: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()

    def __post_init__(self) -> None:
        # Verdicts go to stderr, where GitHub Actions reads workflow commands: a factor's name or
        # a baseline's path stays on its verdict's line, its control characters shown.
        object.__setattr__(self, "line", visible(self.line))
        object.__setattr__(self, "details", tuple(visible(d) for d in self.details))


def case_key(kind: str, item: str) -> str:
    """The key of a finding on a capability, failure factor or "not applicable" answer, e.g.
    ``failure-factor:slow-cycle-time``: JUnit's testcases and GitHub's annotations use it."""
    return f"{kind}:{item}"


def move_key(move: Move) -> str:
    """The :func:`case_key` of the item a move is about."""
    if isinstance(move, NotApplicableMove):
        return case_key("not-applicable", move.question)
    return case_key("capability" if isinstance(move, ScoreMove) else "failure-factor", move.id)


def failing_cases(verdicts: tuple[GateVerdict, ...]) -> dict[str, list[str]]:
    """Each failing testcase's key, with why it fails (one reason per finding)."""
    failing: dict[str, list[str]] = {}
    for verdict in verdicts:
        for finding in verdict.findings:
            if finding.fails:
                failing.setdefault(finding.key, []).append(finding.text)
    return failing


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
        findings = tuple(
            Finding(
                case_key("failure-factor", f.id),
                f"{f.level} risk {f.residual_risk:.3f} (fails from {level})",
                fails=True,
            )
            for f in found
        )
        return GateVerdict("risk", False, line, details, findings)
    return GateVerdict("risk", True, f"risk: none at {level} or above -> PASS")


def beyond_tolerance(move: Move, tolerance: float) -> bool:
    """Whether a regression is more than rounding noise: see
    :data:`DEFAULT_REGRESSION_TOLERANCE`. A "not applicable" claim always counts."""
    if isinstance(move, NotApplicableMove) or move.old is None or move.new is None:
        return True
    if isinstance(move, ScoreMove):
        return round(move.old - move.new, 6) > tolerance
    if move.old_level != move.new_level:
        return True
    return round((move.new - move.old) * 100, 6) > tolerance


def regression_gate(
    delta: Delta,
    baseline: str,
    enforced: bool,
    tolerance: float = DEFAULT_REGRESSION_TOLERANCE,
) -> GateVerdict:
    """``--baseline`` with ``--fail-on-regression``: nothing may regress beyond ``tolerance``,
    capability by capability, factor by factor, and no answer may newly become "not applicable".
    Not enforced, it still reports what regressed; within the tolerance, it says so and passes."""
    found = tuple(m for m in delta.regressions if beyond_tolerance(m, tolerance))
    noise = tuple(m for m in delta.regressions if m not in found)
    within = f"within the tolerance of {tolerance:g}"
    unless = "" if enforced else " (not a gate without --fail-on-regression)"
    # A "not applicable" that ended or changed its reason is no regression, but a reviewer must
    # still see it: it is listed after the regressions.
    claims = tuple(f"finding: {describe(m)}" for m in delta.not_applicable if not m.regression)
    details = (
        *(describe(move) for move in found),
        *(f"{within}: {describe(move)}" for move in noise),
        *claims,
    )
    findings = (
        *(Finding(move_key(m), f"regressed: {describe(m)}{unless}", enforced) for m in found),
        *(Finding(move_key(m), f"regressed {within}: {describe(m)}", False) for m in noise),
    )
    if not found:
        line = f"regressions: none against {baseline} -> PASS"
        if noise:
            line = f"regressions: none beyond {tolerance:g} against {baseline} -> PASS"
        return GateVerdict("regression", True, line, details, findings)
    if enforced:
        line = f"regressions: {len(found)} against {baseline} -> FAIL"
        return GateVerdict("regression", False, line, details, findings)
    return GateVerdict(
        "regression",
        True,
        f"regressions: {len(found)} against {baseline} (not a gate without --fail-on-regression)",
        details,
        findings,
    )
