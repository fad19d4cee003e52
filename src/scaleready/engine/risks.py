"""Failure factors: exposure, mitigation, residual risk, confidence and stage weight.

Evidence about a factor f, each item i with exposure e_i (0..1) and weight w_i:

- symptom answers (``measures: {failure_factor: f}``): e_i = 1 - score; an unknown answer (don't
  know, unanswered) counts at its worst, e_i = 1 ("don't know" is never safer); a claimed not
  applicable is left out;
- model signals that ``indicate`` f: e_i = 1 - the signal's score (unknowns at 0), w_i = 1;
- rules that fire (``_rules.py``: also when they could hold for some value of unknown answers).

Each item is mitigated by the capabilities that address it, A_i: for an answer, the capabilities
its question also measures that mitigate f (else all of f's ``mitigated_by``); for a rule, its
``mitigated_by`` (else all); for a signal, all. M(A) = sum_{c in A} m_fc s_c / sum_{c in A} m_fc
(an unscored capability counts 0). With r_f the factor's stage weight (``stage.stage_weight``):

    residual  rho_f = max( sum_i w_i e_i (1 - M_i) / sum_i w_i ,
                           1 - prod_{rules that fire} (1 - level_r r_f (1 - M_r)) )
    exposure  E_f   = the same with every M at 0;  mitigation shown = 1 - rho_f / E_f

so healthy symptoms never dilute a rule that fires, unrelated strong capabilities never mitigate
a symptom they do not address, and two firing rules are never weaker than one. A factor with no
symptom evidence is 0 once one of its rules could be evaluated; else its parts decide; else it
takes the prior ``PRIOR_EXPOSURE`` (with confidence 0). A parent (``part_of``) is never less
exposed nor less at risk than any of its parts.

Confidence kappa_f = sum_i w_i known_i / sum_i w_i (known_i: 1 for an answer, 0 for an unknown,
the signal's own confidence for a signal); without symptoms, the share of its rules that could be
evaluated; a parent takes the mean of its own and its parts'.

Level from the residual risk rounded to 3 decimals: low < 0.25 <= medium < 0.5 <= high < 0.75 <=
critical. A factor is shown (``relevant``) when it belongs to the stage (r_f >= 0.5), or is severe
(rho_f >= 0.5), or r_f x rho_f >= 0.15: a severe finding is always shown, with its stage weight.

Every term is monotone in the answers' scores: a better answer lowers an e_i and raises an s_c.
Rules are monotone when their conditions are (a condition on a scored answer of the form
``score('q') < t``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from scaleready.engine._factor_index import capabilities_of_questions, indexes
from scaleready.engine._rules import RuleOutcome
from scaleready.engine.facts import Facts
from scaleready.engine.scoring import NOTHING, Measured, Target, weighted_mean
from scaleready.engine.stage import relevance
from scaleready.formats.questionnaire import FailureFactor, Rule, Signal
from scaleready.formats.result import FactorResult
from scaleready.vocabulary import FLAGGED_FROM, ExposureSource, Level, at_or_above, level_of

PRIOR_EXPOSURE = 0.5
"""Exposure of a failure factor nothing is known about: even odds."""


def ranked_risks(
    factors: Iterable[FactorResult], floor: Level = "medium", limit: int | None = None
) -> list[FactorResult]:
    """The relevant failure factors at level ``floor`` or above, in :func:`risk_order`, at most
    ``limit`` of them: the risks a summary lists and a gate counts."""
    found = [f for f in factors if f.relevant and at_or_above(f.level, floor)]
    found.sort(key=risk_order)
    return found if limit is None else found[:limit]


def risk_order(factor: FactorResult) -> tuple[float, float, str]:
    """The order risks are listed in: how much each matters now (stage weight x residual risk)
    first, as readiness and the advice weigh them, so the dominant problem of the organisation's
    stage leads and a severe finding of the other stage follows it; then the residual risk, then
    the id."""
    return (-round(factor.stage_weight * factor.residual_risk, 3), -factor.residual_risk, factor.id)


@dataclass(frozen=True)
class SymptomItem:
    """One piece of symptom evidence: an answer or a signal, with its exposure and weight.

    ``known``: the share of its weight that rests on answers (an unknown answer counts at its
    worst, exposure 1, and known 0); ``mitigators``: the capabilities that address it."""

    kind: str  # "answer" or "signal"
    id: str
    exposure: float
    weight: float
    questions: tuple[str, ...]  # the answers that contributed exposure
    known: float = 1.0
    mitigators: tuple[str, ...] = ()


@dataclass(frozen=True)
class Own:
    """A factor's own evidence, before its parts: what its numbers are computed from."""

    symptoms: tuple[SymptomItem, ...]
    base: ExposureSource  # without symptoms: "rules" (0), "parts" or "prior"
    rules: tuple[Rule, ...]  # the rules that fired
    rules_known: float  # the share of its rules that could be evaluated (1 with none)


@dataclass(frozen=True)
class FactorCalc:
    """A failure factor's numbers, unrounded, with what produced them."""

    factor: FailureFactor
    stage_weight: float
    own: Own
    symptom_exposure: float | None
    exposure: float
    exposure_from: ExposureSource
    parts: tuple[str, ...]
    mitigation: float
    residual: float
    own_residual: float  # from its own evidence alone, before its parts (0 with none)
    confidence: float
    unscored: tuple[str, ...]
    trigger_questions: tuple[str, ...]
    trigger_rules: tuple[str, ...]
    trigger_parts: tuple[str, ...]

    @property
    def symptoms(self) -> tuple[SymptomItem, ...]:
        """Its own symptom evidence."""
        return self.own.symptoms

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Its own rules that fired."""
        return self.own.rules

    @property
    def level(self) -> Level:
        """The residual risk's level."""
        return level_of(self.residual)

    @property
    def relevant(self) -> bool:
        """Whether it matters at this stage: a factor of the stage (weight >= ``SHOWN_WEIGHT``),
        or a severe finding (residual >= ``SEVERE``), or weighted residual >= ``SHOWN_WEIGHTED``."""
        rho = round(self.residual, 3)
        if self.stage_weight >= SHOWN_WEIGHT:
            return True
        # Of the other stage: shown when the answers (not unknowns) say it is severe.
        known = self.confidence >= KNOWN_FROM
        return known and (rho >= SEVERE or self.stage_weight * rho >= SHOWN_WEIGHTED)

    @property
    def flagged(self) -> bool:
        """Shown, with residual risk at level medium or above."""
        return self.relevant and round(self.residual, 3) >= FLAGGED_FROM


SHOWN_WEIGHT = 0.5
"""A factor whose stage weight is at least this belongs to the organisation's stage."""
SEVERE = 0.5
"""A residual risk at least this is always shown, whatever the stage."""
SHOWN_WEIGHTED = 0.15
"""A stage-weighted residual risk at least this is shown."""
KNOWN_FROM = 0.5
"""A factor of the other stage is shown only when at least this share of its evidence is known:
below it, the advice is to find out, not a level made of unknowns."""


def assess_factors(
    facts: Facts,
    measured: dict[Target, Measured],
    capability_scores: dict[str, float | None],
    rules: list[RuleOutcome],
    lateness: float,
) -> dict[str, FactorCalc]:
    """Every failure factor's exposure, mitigation and residual risk, in the model's order.

    A ``part_of`` cycle (which the loader does not refuse) is broken where it closes.
    """
    model = facts.questionnaire.model
    parts_of, signals_for, rules_for = indexes(model, rules)
    caps_of = capabilities_of_questions(facts.questionnaire)
    weight = {f.id: relevance(facts.questionnaire, f, lateness) for f in model.failure_factors}
    own = {
        f.id: _own(f, measured, signals_for[f.id], rules_for[f.id], bool(parts_of[f.id]), caps_of)
        for f in model.failure_factors
    }
    numbers = tree_numbers(model.failure_factors, own, parts_of, weight, capability_scores)
    out: dict[str, FactorCalc] = {}
    for f in model.failure_factors:
        n = numbers[f.id]
        parts = tuple(parts_of[f.id])
        out[f.id] = FactorCalc(
            factor=f,
            stage_weight=weight[f.id],
            own=own[f.id],
            symptom_exposure=weighted_mean([(i.exposure, i.weight) for i in own[f.id].symptoms]),
            exposure=n.exposure,
            exposure_from=n.source,
            parts=parts,
            mitigation=1 - n.residual / n.exposure if n.exposure > 0 else 0.0,
            residual=n.residual,
            own_residual=n.own_residual,
            confidence=n.confidence,
            unscored=tuple(c for c in f.mitigated_by if capability_scores.get(c) is None),
            trigger_questions=n.questions,
            trigger_rules=n.rule_ids,
            trigger_parts=tuple(p for p in parts if numbers[p].exposure > 0),
        )
    return out


@dataclass(frozen=True)
class Numbers:
    """A factor's numbers with its parts rolled up."""

    exposure: float
    residual: float
    confidence: float
    source: ExposureSource
    questions: tuple[str, ...]
    rule_ids: tuple[str, ...]
    own_residual: float = 0.0  # from its own evidence alone, before its parts


def tree_numbers(
    factors: Iterable[FailureFactor],
    own: Mapping[str, Own],
    parts_of: Mapping[str, list[str]],
    weight: Mapping[str, float],
    scores: Mapping[str, float | None],
) -> dict[str, Numbers]:
    """Every factor's numbers for capability ``scores``: its own terms, then its parts rolled up
    (a parent is never less exposed nor less at risk than any of its parts)."""
    by_id = {f.id: f for f in factors}
    done: dict[str, Numbers] = {}

    def roll(fid: str, visiting: frozenset[str]) -> Numbers:
        if fid in done:
            return done[fid]
        mine = own[fid]
        exposure, residual, source = _own_terms(by_id[fid], mine, weight[fid], scores)
        # Its own evidence alone: none (a parent that only gathers its parts) is 0, so that more
        # evidence of risk can only add to the mean of a tree's nodes.
        own_residual = 0.0 if residual is None else residual
        # Without symptoms of its own, a parent knows what its parts know.
        own_known = None if parts_of[fid] and not mine.symptoms else _own_confidence(mine)
        known = [] if own_known is None else [own_known]
        questions = {q for item in mine.symptoms for q in item.questions}
        rule_ids = {r.id for r in mine.rules}
        for part in parts_of[fid]:
            if part in visiting:
                continue  # a part_of cycle: stop where it closes
            p = roll(part, visiting | {part})
            if p.exposure > 0:
                questions |= set(p.questions)
                rule_ids |= set(p.rule_ids)
            known.append(p.confidence)
            if exposure is None or p.exposure > exposure:
                exposure, source = p.exposure, "parts"
            residual = p.residual if residual is None else max(residual, p.residual)
        confidence = sum(known) / len(known) if known else None
        if exposure is None or residual is None:
            exposure, source = PRIOR_EXPOSURE, "prior"
            residual = PRIOR_EXPOSURE * (1 - mitigation(by_id[fid].mitigated_by, scores))
            confidence = 0.0
        numbers = Numbers(
            exposure,
            residual,
            0.0 if confidence is None else confidence,
            source,
            tuple(sorted(questions)),
            tuple(sorted(rule_ids)),
            residual if source == "prior" else own_residual,
        )
        done[fid] = numbers
        return numbers

    for fid in by_id:
        roll(fid, frozenset({fid}))
    return done


def _own_terms(
    factor: FailureFactor, mine: Own, r: float, scores: Mapping[str, float | None]
) -> tuple[float | None, float | None, ExposureSource]:
    """A factor's own (exposure, residual risk, source); ``None`` when its parts decide.

    symptoms: sum_i w_i e_i (1 - M_i) / sum_i w_i, M_i the mitigation by the capabilities that
    address item i; rules: 1 - prod_r (1 - level_r x r x (1 - M_r)), r the stage weight. The
    residual is the larger of the two, so healthy symptoms never dilute a rule that fires and
    two rules that fire are never weaker than one. The exposure is the same with every M at 0.
    """
    full = factor.mitigated_by
    exposure: float | None = None
    residual: float | None = None
    source: ExposureSource = mine.base
    total = sum(i.weight for i in mine.symptoms)
    if total > 0:
        exposure = sum(i.weight * i.exposure for i in mine.symptoms) / total
        residual = (
            sum(
                i.weight * i.exposure * (1 - mitigation(_subset(full, i.mitigators), scores))
                for i in mine.symptoms
            )
            / total
        )
        source = "answers"
    elif mine.base == "rules":
        exposure, residual = 0.0, 0.0
    elif mine.base == "prior":
        exposure, residual = PRIOR_EXPOSURE, PRIOR_EXPOSURE * (1 - mitigation(full, scores))
    if mine.rules:
        e_keep = r_keep = 1.0
        for rule in mine.rules:
            e_keep *= 1 - rule.raise_.level * r
            m = mitigation(_subset(full, rule.mitigated_by), scores)
            r_keep *= 1 - rule.raise_.level * r * (1 - m)
        e_rules, r_rules = 1 - e_keep, 1 - r_keep
        if exposure is None or e_rules > exposure:
            exposure, source = e_rules, "rules"
        residual = r_rules if residual is None else max(residual, r_rules)
    return exposure, residual, source


def _own_confidence(mine: Own) -> float | None:
    """The share of a factor's own evidence that rests on answers; ``None``: its parts decide."""
    total = sum(i.weight for i in mine.symptoms)
    if total > 0:
        return sum(i.weight * i.known for i in mine.symptoms) / total
    if mine.base == "prior":
        return 0.0
    if mine.base == "parts":
        return None  # its parts' evidence decides how much is known
    return mine.rules_known


def _subset(full: Mapping[str, float], chosen: tuple[str, ...]) -> Mapping[str, float]:
    """The mitigation weights of the ``chosen`` capabilities (all of them when none is chosen)."""
    picked = {c: full[c] for c in chosen if c in full}
    return picked or full


def mitigation(weights: Mapping[str, float], scores: Mapping[str, float | None]) -> float:
    """sum(m_c x s_c) / sum(m_c) over the mitigating capabilities; an unscored one counts 0."""
    total = sum(weights.values())
    if total <= 0:
        return 0.0
    return sum(w * (scores.get(c) or 0.0) for c, w in weights.items()) / total


def _own(
    factor: FailureFactor,
    measured: dict[Target, Measured],
    signals: list[Signal],
    mine: list[RuleOutcome],
    has_parts: bool,
    caps_of: Mapping[str, tuple[str, ...]],
) -> Own:
    """A factor's own evidence: symptom answers (an unknown one at its worst), signals, rules."""
    direct = measured.get(("failure_factor", factor.id), NOTHING)
    items = [
        SymptomItem(
            "answer",
            e.question,
            1 - (e.score or 0.0),
            e.weight,
            (e.question,) if e.score is None or e.score < 1 else (),
            0.0 if e.score is None else 1.0,
            tuple(c for c in caps_of.get(e.question, ()) if c in factor.mitigated_by),
        )
        for e in direct.evidence
        if not e.claimed
    ]
    could_know = bool(direct.evidence)
    for signal in signals:
        m = measured.get(("signal", signal.id), NOTHING)
        could_know = could_know or bool(m.evidence)
        if not m.scored and not m.unknown:
            continue
        contributing = tuple(
            e.question for e in m.evidence if not e.claimed and (e.score is None or e.score < 1)
        )
        items.append(
            SymptomItem("signal", signal.id, 1 - (m.score or 0.0), 1.0, contributing, m.confidence)
        )
    fired = tuple(r.rule for r in mine if r.fired)
    base: ExposureSource
    if not could_know and any(r.evaluable or r.fired for r in mine):
        base = "rules"
    elif has_parts:
        base = "parts"
    else:
        base = "prior"
    known = sum(1 for r in mine if r.evaluable) / len(mine) if mine else 1.0
    return Own(tuple(items), base, fired, known)
