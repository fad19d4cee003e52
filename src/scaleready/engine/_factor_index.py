"""Indexes of the model the failure-factor computation reads (kept apart so that risks.py stays
about the numbers): each factor's parts, signals and rule outcomes, each question's capabilities."""

from __future__ import annotations

from scaleready.engine._rules import RuleOutcome
from scaleready.formats.questionnaire import Model, Questionnaire, Signal


def capabilities_of_questions(q: Questionnaire) -> dict[str, tuple[str, ...]]:
    """The capabilities each question measures."""
    return {
        question.id: tuple(m.target for m in question.measures if m.kind == "capability")
        for question in q.questions
    }


def indexes(
    model: Model, rules: list[RuleOutcome]
) -> tuple[dict[str, list[str]], dict[str, list[Signal]], dict[str, list[RuleOutcome]]]:
    """Each factor's parts, signals and rule outcomes, so that the cost stays linear in the
    number of factors, signals and rules."""
    parts_of: dict[str, list[str]] = {f.id: [] for f in model.failure_factors}
    for f in model.failure_factors:
        if f.part_of is not None and f.part_of in parts_of:
            parts_of[f.part_of].append(f.id)
    signals_for: dict[str, list[Signal]] = {f.id: [] for f in model.failure_factors}
    for signal in model.signals:
        for fid in signal.indicates:
            if fid in signals_for:
                signals_for[fid].append(signal)
    rules_for: dict[str, list[RuleOutcome]] = {f.id: [] for f in model.failure_factors}
    for outcome in rules:
        fid = outcome.rule.raise_.failure_factor
        if fid in rules_for:
            rules_for[fid].append(outcome)
    return parts_of, signals_for, rules_for
