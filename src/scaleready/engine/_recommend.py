"""Recommendations: which capability to grow first, and how.

A recommendation's priority is the stage-weighted residual risk it would remove if the
capability reached 100, each factor tree (a factor and its parts) counted once:

    removed_c(f) = rho_f - rho_f(with s_c = 1)          (risks.tree_numbers, parts rolled up)
    priority_c   = sum over trees T of  max_{f in T} r_f x removed_c(f)

r_f being the factor's stage weight. So premature scaling, one danger with three causes, counts
once, not four times. Capabilities with priority 0 are left out.

Order (``rank_order``): recommendations resting on fewer than ``MIN_ANSWERS`` scored answers come
after the others, and are left out when confidence in the flagged factors is low (``find_out``:
the advice is then to find out, not advice made of unknowns); among the others, the top of the advice covers the
worst trees first: the best capability for the tree with the highest r_f x rho_f, then the best
for the next tree, then the rest by priority (rounded to 3 decimals) descending, then id.

Capabilities whose ``stages`` exclude the organisation's stage are never recommended.
"""

from __future__ import annotations

from scaleready.engine._mechanisms import chain_mechanisms, to_adopt, waiting
from scaleready.engine._prerequisites import defer_unmet, prerequisites
from scaleready.engine._readiness import in_stage, roots, tree_of
from scaleready.engine._why import concrete_why
from scaleready.engine.facts import Facts
from scaleready.engine.risks import FactorCalc, tree_numbers
from scaleready.engine.scoring import NOTHING, Measured, Target, percent
from scaleready.formats.questionnaire import Capability, Questionnaire
from scaleready.formats.result import (
    ChainFactor,
    ChainMechanism,
    ChainOutcome,
    ChainValue,
    Recommendation,
)

MIN_ANSWERS = 2
"""A recommendation resting on fewer scored answers than this ranks after the others."""

TREES_FIRST = 2
"""How many of the worst factor trees each put their best capability at the top of the advice."""

FIND_OUT_BELOW = 0.5
"""With confidence below this in the flagged factors, the first advice is to find out."""


def _questions(m: Measured) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.question for e in m.scored))


def _fmt(score: float | None) -> str:
    return "unmeasured" if score is None else f"{percent(score):g}/100"


def removals(
    factors: dict[str, FactorCalc], scores: dict[str, float | None], capability: str
) -> dict[str, float]:
    """Each factor's residual risk removed if ``capability`` reached 100 (unweighted)."""
    calcs = list(factors.values())
    own = {c.factor.id: c.own for c in calcs}
    parts_of = {c.factor.id: [p for p in c.parts if p in factors] for c in calcs}
    weight = {c.factor.id: c.stage_weight for c in calcs}
    better = tree_numbers(
        (c.factor for c in calcs), own, parts_of, weight, scores | {capability: 1.0}
    )
    return {
        fid: calc.residual - better[fid].residual
        for fid, calc in factors.items()
        if calc.residual - better[fid].residual > 1e-9
    }


def priority_of(factors: dict[str, FactorCalc], removed: dict[str, float]) -> float:
    """sum over trees of the largest stage-weighted removal in the tree."""
    best: dict[str, float] = {}
    for fid, r in removed.items():
        tree = tree_of(fid, factors)
        best[tree] = max(best.get(tree, 0.0), factors[fid].stage_weight * r)
    return sum(best.values())


def rank_order(
    candidates: list[tuple[float, str, Recommendation]],
    removed: dict[str, dict[str, float]],
    factors: dict[str, FactorCalc],
) -> list[Recommendation]:
    """The recommendations in rank order (see the module docstring)."""
    candidates = sorted(candidates, key=lambda c: (-c[0], c[1]))
    founded = [c for c in candidates if len(c[2].questions) >= MIN_ANSWERS]
    thin = [c for c in candidates if len(c[2].questions) < MIN_ANSWERS]
    worst = sorted(roots(factors), key=lambda c: (-c.stage_weight * c.residual, c.factor.id))
    head: list[tuple[float, str, Recommendation]] = []
    for root in worst[:TREES_FIRST]:
        tree = root.factor.id

        def for_tree(c: tuple[float, str, Recommendation], tree: str = tree) -> float:
            return max(
                (
                    factors[f].stage_weight * r
                    for f, r in removed[c[1]].items()
                    if tree_of(f, factors) == tree
                ),
                default=0.0,
            )

        options = [c for c in founded if c not in head and for_tree(c) > 0]
        if options:
            head.append(max(options, key=lambda c: round(for_tree(c), 3)))  # first of equals
    rest = [c for c in founded if c not in head]
    return [r for _, _, r in head + rest + thin]


def find_out(factors: dict[str, FactorCalc]) -> tuple[str, ...]:
    """With low confidence in the flagged factors (stage-weighted by r_f x rho_f, below
    ``FIND_OUT_BELOW``), the unknown answers to find out first, by the stage weight they carry."""
    flagged = [c for c in factors.values() if c.flagged]
    total = sum(c.stage_weight * c.residual for c in flagged)
    if total <= 0:
        return ()
    confidence = sum(c.stage_weight * c.residual * c.confidence for c in flagged) / total
    if confidence >= FIND_OUT_BELOW:
        return ()
    carried: dict[str, float] = {}
    for calc in factors.values():
        for item in calc.symptoms:
            if item.known < 1:
                for q in item.questions:
                    share = calc.stage_weight * item.weight * (1 - item.known)
                    carried[q] = carried.get(q, 0.0) + share
    return tuple(sorted(carried, key=lambda q: (-round(carried[q], 3), q))[:5])


def recommend(
    questionnaire: Questionnaire,
    stage: str,
    factors: dict[str, FactorCalc],
    measured: dict[Target, Measured],
    facts: Facts | None = None,
) -> tuple[Recommendation, ...]:
    """The recommendations, ranked. With ``facts``, each why opens with the answers behind it
    and the mechanisms' prerequisites are checked against them."""
    model = questionnaire.model
    met = prerequisites(facts) if facts is not None else {}
    candidates: list[tuple[float, str, Recommendation]] = []
    scores = {c.id: measured.get(("capability", c.id), NOTHING).score for c in model.capabilities}
    removed = {c.id: removals(factors, scores, c.id) for c in model.capabilities}
    for cap in model.capabilities:
        m = measured.get(("capability", cap.id), NOTHING)
        priority = round(priority_of(factors, removed[cap.id]), 3)
        exposed = [(factors[fid], r) for fid, r in removed[cap.id].items()]
        # Out-of-stage capabilities are not advised; "don't build this yet" comes from the
        # investments the answers show (engine._not_yet), never from a capability's score.
        if not in_stage(questionnaire, cap, stage) or priority <= 0:
            continue
        candidates.append(
            (
                priority,
                cap.id,
                _recommendation(questionnaire, cap, m, exposed, measured, priority, facts, met),
            )
        )
    if find_out(factors):
        # Low confidence in what matters: the advice is to find out, not advice made of unknowns.
        candidates = [c for c in candidates if len(c[2].questions) >= MIN_ANSWERS]
    ranked = tuple(rank_order(candidates, removed, factors))
    because = {c.id: c.requires_because or "" for c in model.capabilities}
    return defer_unmet(ranked, met, because)


def _recommendation(
    questionnaire: Questionnaire,
    cap: Capability,
    m: Measured,
    exposed: list[tuple[FactorCalc, float]],
    measured: dict[Target, Measured],
    priority: float,
    facts: Facts | None,
    met: dict[str, bool],
) -> Recommendation:
    values = _chain_values(questionnaire, cap, measured)
    factor_ids = {calc.factor.id for calc, _ in exposed}
    mechanisms = chain_mechanisms(questionnaire, cap, factor_ids, measured, met)
    by_removed = [calc for calc, _ in sorted(exposed, key=lambda x: (-x[1], x[0].factor.id))]
    opening = concrete_why(facts, by_removed) if facts is not None else ""
    chain_factors = sorted(
        (
            ChainFactor(
                id=calc.factor.id,
                name=calc.factor.name,
                residual_risk=round(calc.residual, 3),
                weight=calc.factor.mitigated_by.get(cap.id, 0.0),
                removed=round(removed, 3),
                questions=calc.trigger_questions,
                rules=calc.trigger_rules,
            )
            for calc, removed in exposed
        ),
        key=lambda f: (-f.removed, f.id),
    )
    return Recommendation(
        rank=0,
        capability=cap.id,
        name=cap.name,
        score=percent(m.score),
        priority=priority,
        why=_why(opening, cap, m, priority, chain_factors, values, mechanisms),
        questions=_questions(m),
        mechanisms=tuple(mechanisms),
        adopt_first=tuple(x.id for x in to_adopt(mechanisms)),
        values=tuple(values),
        failure_factors=tuple(chain_factors),
        outcomes=tuple(_chain_outcomes(questionnaire, exposed, measured)),
    )


def _chain_values(
    questionnaire: Questionnaire, cap: Capability, measured: dict[Target, Measured]
) -> list[ChainValue]:
    """The values that influence the capability, in the capability's order."""
    values_by_id = {v.id: v for v in questionnaire.model.values}
    values = []
    for vid in cap.influenced_by:
        vm = measured.get(("value", vid), NOTHING)
        value = values_by_id.get(vid)
        values.append(
            ChainValue(
                id=vid,
                name=value.name if value else vid,
                score=percent(vm.score),
                questions=_questions(vm),
            )
        )
    return values


def _chain_outcomes(
    questionnaire: Questionnaire,
    exposed: list[tuple[FactorCalc, float]],
    measured: dict[Target, Measured],
) -> list[ChainOutcome]:
    """The outcomes the exposed failure factors harm, in the model's order."""
    harmed = {o for calc, _ in exposed for o in calc.factor.harms}
    outcomes = []
    for outcome in questionnaire.model.outcomes:
        if outcome.id in harmed:
            om = measured.get(("outcome", outcome.id), NOTHING)
            outcomes.append(
                ChainOutcome(
                    id=outcome.id,
                    name=outcome.name,
                    score=percent(om.score),
                    questions=_questions(om),
                )
            )
    return outcomes


def _why(
    opening: str,
    cap: Capability,
    m: Measured,
    priority: float,
    chain_factors: list[ChainFactor],
    values: list[ChainValue],
    mechanisms: list[ChainMechanism],
) -> str:
    """Why the capability is recommended: the concrete why (rules and answers), then the risk it
    would remove, its weakest value and the mechanisms to adopt first."""
    why = (
        (f"Why: {opening} " if opening else "")
        + f"{cap.name} is {_fmt(m.score)}; at 100 it would remove {priority:.3f} of residual risk "
        f"across {len(chain_factors)} relevant failure factor"
        f"{'s' if len(chain_factors) != 1 else ''}: "
        + "; ".join(f"{f.name} (residual {f.residual_risk:.3f})" for f in chain_factors)
        + "."
    )
    weak_values = sorted(
        (v for v in values if v.score is None or v.score < 100),
        key=lambda v: (v.score if v.score is not None else -1, v.id),
    )
    if weak_values:
        v = weak_values[0]
        score = "unmeasured" if v.score is None else f"{v.score:g}/100"
        why += f" Weakest value behind it: {v.name} ({score})."
    first = to_adopt(mechanisms)[:2]
    if first:
        why += " Mechanisms to adopt first: " + ", ".join(
            f"{x.name} ({'unmeasured' if x.score is None else f'{x.score:g}/100'})" for x in first
        )
        why += "."
    for x in waiting(mechanisms)[:1]:
        why += f" {x.name} wait: {x.waits_for}"
    return why
