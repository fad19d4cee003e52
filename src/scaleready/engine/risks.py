"""Failure factors: exposure, mitigation and residual risk.

Exposure (0..1) says how present a failure factor is; it combines, in this order:

1. Symptoms. Each answer that measures the factor (``measures: {failure_factor: f}``) adds
   (1 - score) with its measure weight; each model signal that ``indicates`` f and has a scored
   answer adds its own exposure (the weighted mean of (1 - score) of the answers measuring the
   signal) with weight 1. The symptom exposure is the weighted mean of these.
2. Without symptom evidence, in this order: a factor only rules speak about (no symptom measure
   or signal on a question that applies) is 0 once one of its rules could be evaluated, that is
   every question the rule reads is answered (the rules looked and found nothing); a factor with
   parts takes its parts' exposure (step 4); any other factor is unknown and takes the prior
   ``PRIOR_EXPOSURE`` (0.5, even odds), so that not answering never looks safer than answering
   badly would.
3. Rules. A rule whose condition holds raises the factor's exposure to *at least* its level:
   exposure = max(exposure so far, the highest level of the rules that hold). Rules never lower
   exposure.
4. Parts. A sub-factor (``part_of: parent``) rolls up into its parent: the parent's exposure is at
   least the highest exposure of its parts (recursively), so a parent is never less present than
   any of its parts. Parts keep their own mitigation and residual risk.

Mitigation (0..1) = sum_c(m_c * s_c) / sum_c(m_c) over the factor's ``mitigated_by`` capabilities,
m_c being the mitigation weight and s_c the capability's score (0..1). A capability with no scored
answer counts as 0 (no capability shown) and is listed as a coverage gap; a factor nothing
mitigates has mitigation 0.

Residual risk = exposure x (1 - mitigation). Level, from the residual risk rounded to 3 decimals:
low < 0.25 <= medium < 0.5 <= high < 0.75 <= critical.

A factor is relevant when its stage is the organisation's stage; in the transition band both
stages' factors are relevant.

Every step is monotone in the answers' scores: a better answer lowers its symptom's exposure and
raises its capability's score, so it never raises a residual risk, unless a rule or a condition
the questionnaire's author wrote reacts to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scaleready.engine.facts import Facts, compiled, holds
from scaleready.engine.scoring import NOTHING, Measured, Target, weighted_mean
from scaleready.formats.questionnaire import FailureFactor, Model, Rule, Signal
from scaleready.formats.result import FactorResult
from scaleready.vocabulary import FLAGGED_FROM, ExposureSource, Level, at_or_above, level_of

PRIOR_EXPOSURE = 0.5
"""Exposure of a failure factor nothing is known about: even odds."""


def ranked_risks(
    factors: Iterable[FactorResult], floor: Level = "medium", limit: int | None = None
) -> list[FactorResult]:
    """The relevant failure factors at level ``floor`` or above, highest residual risk first (ids
    break ties), at most ``limit`` of them: the risks a summary lists and a gate counts."""
    found = [f for f in factors if f.relevant and at_or_above(f.level, floor)]
    found.sort(key=lambda f: (-f.residual_risk, f.id))
    return found if limit is None else found[:limit]


def relevant_stages(stage: str) -> frozenset[str]:
    """The factor stages relevant to an organisation's stage; the transition band has both."""
    if stage == "transition":
        return frozenset({"early", "late"})
    return frozenset({stage})


@dataclass(frozen=True)
class RuleOutcome:
    """A rule's verdict. ``evaluable``: every question it reads has an answered value."""

    rule: Rule
    fired: bool
    evaluable: bool


def evaluate_rules(facts: Facts) -> list[RuleOutcome]:
    """Evaluate every rule once, in the questionnaire's order."""
    names = facts.names()
    out = []
    for rule in facts.questionnaire.rules:
        reads = compiled(facts.questionnaire, rule.when).questions
        evaluable = all(facts.values.get(q) is not None for q in reads)
        out.append(RuleOutcome(rule, holds(facts.questionnaire, rule.when, names), evaluable))
    return out


@dataclass(frozen=True)
class SymptomItem:
    """One piece of symptom evidence: an answer or a signal, with its exposure and weight."""

    kind: str  # "answer" or "signal"
    id: str
    exposure: float
    weight: float
    questions: tuple[str, ...]  # the answers that contributed exposure


@dataclass(frozen=True)
class FactorCalc:
    """A failure factor's numbers, unrounded, with what produced them."""

    factor: FailureFactor
    relevant: bool
    symptoms: tuple[SymptomItem, ...]
    symptom_exposure: float | None
    exposure: float
    exposure_from: ExposureSource
    rules: tuple[Rule, ...]
    parts: tuple[str, ...]
    mitigation: float
    residual: float
    unscored: tuple[str, ...]
    trigger_questions: tuple[str, ...]
    trigger_rules: tuple[str, ...]
    trigger_parts: tuple[str, ...]

    @property
    def level(self) -> Level:
        """The residual risk's level."""
        return level_of(self.residual)

    @property
    def flagged(self) -> bool:
        """Relevant, with residual risk at level medium or above."""
        return self.relevant and round(self.residual, 3) >= FLAGGED_FROM


@dataclass(frozen=True)
class _Own:
    symptoms: tuple[SymptomItem, ...]
    symptom_exposure: float | None
    exposure: float | None  # None: nothing known of its own
    source: ExposureSource
    rules: tuple[Rule, ...]


def assess_factors(
    facts: Facts,
    measured: dict[Target, Measured],
    capability_scores: dict[str, float | None],
    rules: list[RuleOutcome],
) -> dict[str, FactorCalc]:
    """Every failure factor's exposure, mitigation and residual risk, in the model's order.

    A ``part_of`` cycle (which the loader does not refuse) is broken where it closes.
    """
    model = facts.questionnaire.model
    relevant = relevant_stages(facts.stage)
    parts_of, signals_for, rules_for = _indexes(model, rules)
    own = {
        f.id: _own(f, measured, signals_for[f.id], rules_for[f.id], bool(parts_of[f.id]))
        for f in model.failure_factors
    }
    rolled: dict[str, _Rolled] = {}
    out: dict[str, FactorCalc] = {}
    for f in model.failure_factors:
        exposure, source, questions, rule_ids = _roll(
            f.id, frozenset({f.id}), own, parts_of, rolled
        )
        weights = f.mitigated_by
        mitigation = _mitigation(weights, capability_scores)
        parts = tuple(parts_of[f.id])
        out[f.id] = FactorCalc(
            factor=f,
            relevant=f.stage in relevant,
            symptoms=own[f.id].symptoms,
            symptom_exposure=own[f.id].symptom_exposure,
            exposure=exposure,
            exposure_from=source,
            rules=own[f.id].rules,
            parts=parts,
            mitigation=mitigation,
            residual=exposure * (1 - mitigation),
            unscored=tuple(c for c in weights if capability_scores.get(c) is None),
            trigger_questions=questions,
            trigger_rules=rule_ids,
            trigger_parts=tuple(p for p in parts if p in rolled and rolled[p][0] > 0),
        )
    return out


_Rolled = tuple[float, ExposureSource, tuple[str, ...], tuple[str, ...]]
"""A factor's (exposure, source, trigger questions, trigger rules), its parts included."""


def _roll(
    fid: str,
    visiting: frozenset[str],
    own: dict[str, _Own],
    parts_of: dict[str, list[str]],
    rolled: dict[str, _Rolled],
) -> _Rolled:
    """A factor's exposure with its parts rolled up (recursively, memoised in ``rolled``)."""
    if fid in rolled:
        return rolled[fid]
    mine = own[fid]
    exposure, source = mine.exposure, mine.source
    questions = {q for item in mine.symptoms for q in item.questions}
    rule_ids = {r.id for r in mine.rules}
    for part in parts_of[fid]:
        if part in visiting:
            continue  # a part_of cycle: stop where it closes
        p_exposure, _, p_questions, p_rules = _roll(part, visiting | {part}, own, parts_of, rolled)
        if p_exposure > 0:
            questions |= set(p_questions)
            rule_ids |= set(p_rules)
        if exposure is None or p_exposure > exposure:
            exposure, source = p_exposure, "parts"
    if exposure is None:
        exposure, source = PRIOR_EXPOSURE, "prior"
    result = (exposure, source, tuple(sorted(questions)), tuple(sorted(rule_ids)))
    rolled[fid] = result
    return result


def _indexes(
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


def _mitigation(weights: Mapping[str, float], capability_scores: dict[str, float | None]) -> float:
    """sum(m_c x s_c) / sum(m_c) over the mitigating capabilities; an unscored one counts 0."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w * (capability_scores.get(c) or 0.0) for c, w in weights.items()) / total


def _own(
    factor: FailureFactor,
    measured: dict[Target, Measured],
    signals: list[Signal],
    mine: list[RuleOutcome],
    has_parts: bool,
) -> _Own:
    """A factor's exposure from its own symptoms, signals and rules (parts come later)."""
    direct = measured.get(("failure_factor", factor.id), NOTHING)
    items = [
        SymptomItem(
            "answer",
            e.question,
            1 - e.score,
            e.weight,
            (e.question,) if e.score < 1 else (),
        )
        for e in direct.scored
        if e.score is not None
    ]
    could_know = bool(direct.evidence)
    for signal in signals:
        m = measured.get(("signal", signal.id), NOTHING)
        could_know = could_know or bool(m.evidence)
        if m.score is None:
            continue
        contributing = tuple(e.question for e in m.scored if e.score is not None and e.score < 1)
        items.append(SymptomItem("signal", signal.id, 1 - m.score, 1.0, contributing))
    symptom = weighted_mean([(i.exposure, i.weight) for i in items])
    fired = tuple(r.rule for r in mine if r.fired)
    exposure: float | None
    source: ExposureSource
    if symptom is not None:
        exposure, source = symptom, "answers"
    elif not could_know and any(r.evaluable or r.fired for r in mine):
        exposure, source = 0.0, "rules"
    elif has_parts:
        exposure, source = None, "parts"  # its parts decide (see roll-up)
    else:
        exposure, source = PRIOR_EXPOSURE, "prior"
    if fired:
        level = max(r.raise_.level for r in fired)
        if exposure is None or level > exposure:
            exposure, source = level, "rules"
    return _Own(tuple(items), symptom, exposure, source, fired)
