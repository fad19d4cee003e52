"""``scaleready score`` as CI runs it: score, compare with a baseline, apply the gates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scaleready.ci._gates import DEFAULT_REGRESSION_TOLERANCE, GateVerdict, beyond_tolerance
from scaleready.engine.compare import Delta, Move
from scaleready.formats.answers import Answers
from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import Assessment
from scaleready.vocabulary import DoraEdition, Level


@dataclass(frozen=True)
class Gates:
    """What makes a run fail; all off by default."""

    fail_under: float | None = None
    fail_on_risk: Level | None = None
    baseline: Path | None = None
    fail_on_regression: bool = False
    allow_version_change: bool = False
    regression_tolerance: float = DEFAULT_REGRESSION_TOLERANCE


@dataclass(frozen=True)
class ScoreRun:
    """One scored answers file, with its comparison and gate verdicts."""

    questionnaire: Questionnaire
    answers: Answers
    result: Assessment
    gates: Gates
    delta: Delta | None
    verdicts: tuple[GateVerdict, ...]

    @property
    def failed(self) -> bool:
        """Whether any gate failed."""
        return any(not v.passed for v in self.verdicts)

    @property
    def no_answers_warning(self) -> str | None:
        """A warning when not one applicable question is answered: every score is then the
        engine's prior, and a report of it would otherwise read like a finding."""
        c = self.result.coverage
        if c.answered:
            return None
        path = self.answers.source or "the answers file"
        return (
            f"warning: {path} has no answers (0 of {c.applicable} applicable questions answered): "
            "every score below is a prior, not evidence. Answer it with: scaleready assess "
            f"--answers {path}"
        )

    @property
    def regressions(self) -> tuple[Move, ...]:
        """The regressions against the baseline beyond the tolerance (none without one)."""
        if self.delta is None:
            return ()
        tolerance = self.gates.regression_tolerance
        return tuple(m for m in self.delta.regressions if beyond_tolerance(m, tolerance))


def run_score(
    answers_path: Path,
    questionnaire: str | None,
    gates: Gates,
    dora_edition: DoraEdition | None = None,
) -> ScoreRun:
    """Load, score, compare and judge; raise InputError/UsageError for bad input.
    ``dora_edition`` overrides the questionnaire's ``benchmarks.dora_edition``."""
    from scaleready.ci._gates import regression_gate, risk_gate, score_gate
    from scaleready.ci.baseline import load_result_or_answers
    from scaleready.engine import assess
    from scaleready.engine.compare import compare
    from scaleready.loading.inputs import load_inputs

    if gates.fail_on_regression and gates.baseline is None:
        from scaleready.errors import UsageError

        raise UsageError("--fail-on-regression needs --baseline FILE")
    if not 0 <= gates.regression_tolerance < float("inf"):  # refuses nan too
        from scaleready.errors import UsageError

        raise UsageError(
            f"--regression-tolerance must be a number of points from 0, not "
            f"{gates.regression_tolerance:g}"
        )
    chosen, answers = load_inputs(answers_path, questionnaire)
    if dora_edition is not None:
        from scaleready.engine.dora import with_edition

        chosen = with_edition(chosen, dora_edition)
    result = assess(chosen, answers)
    delta = None
    verdicts: list[GateVerdict] = []
    if gates.fail_under is not None:
        verdicts.append(score_gate(result, gates.fail_under))
    if gates.fail_on_risk is not None:
        verdicts.append(risk_gate(result, gates.fail_on_risk))
    if gates.baseline is not None:
        old, old_answers = load_result_or_answers(gates.baseline, questionnaire)
        delta = compare(
            old,
            result,
            old_answers=old_answers,
            new_answers=answers,
            allow_version_change=gates.allow_version_change,
        )
        verdicts.append(
            regression_gate(
                delta, str(gates.baseline), gates.fail_on_regression, gates.regression_tolerance
            )
        )
    return ScoreRun(chosen, answers, result, gates, delta, tuple(verdicts))
