"""Recommendations (which capability to grow first, and how) and "not yet" findings.

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

Capabilities whose ``stages`` exclude the organisation's stage are never recommended; they become
"not yet" findings when the answers show them being built (score >= ``BUILT_FROM``) or when they
would otherwise have ranked (priority > 0): building them now is premature.
"""

from __future__ import annotations

from scaleready.engine._readiness import in_stage, roots, tree_of
from scaleready.engine.risks import SHOWN_WEIGHT, FactorCalc, tree_numbers
from scaleready.engine.scoring import NOTHING, Measured, Target, percent
from scaleready.formats.questionnaire import Capability, Questionnaire
from scaleready.formats.result import (
    ChainFactor,
    ChainMechanism,
    ChainOutcome,
    ChainValue,
    NotYet,
    Recommendation,
)
from scaleready.vocabulary import NotYetReason

BUILT_FROM = 0.6
"""A capability scoring at least this (0..1) is being built."""

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
) -> tuple[tuple[Recommendation, ...], tuple[NotYet, ...]]:
    """The recommendations, ranked, and the not-yet findings, in the model's order."""
    model = questionnaire.model
    candidates: list[tuple[float, str, Recommendation]] = []
    not_yet: list[NotYet] = []
    scores = {c.id: measured.get(("capability", c.id), NOTHING).score for c in model.capabilities}
    removed = {c.id: removals(factors, scores, c.id) for c in model.capabilities}
    for cap in model.capabilities:
        m = measured.get(("capability", cap.id), NOTHING)
        priority = round(priority_of(factors, removed[cap.id]), 3)
        exposed = [(factors[fid], r) for fid, r in removed[cap.id].items()]
        if not in_stage(cap.stages, stage):
            # "would rank" speaks of this stage's factors only, as before the stage weights
            own_stage = [(c, r) for c, r in exposed if c.stage_weight >= SHOWN_WEIGHT]
            mine = round(priority_of(factors, {c.factor.id: r for c, r in own_stage}), 3)
            item = _not_yet(cap, stage, m, own_stage, mine)
            if item is not None:
                not_yet.append(item)
            continue
        if priority <= 0:
            continue
        candidates.append(
            (priority, cap.id, _recommendation(questionnaire, cap, m, exposed, measured, priority))
        )
    if find_out(factors):
        # Low confidence in what matters: the advice is to find out, not advice made of unknowns.
        candidates = [c for c in candidates if len(c[2].questions) >= MIN_ANSWERS]
    ordered = rank_order(candidates, removed, factors)
    ranked = tuple(r.model_copy(update={"rank": i}) for i, r in enumerate(ordered, 1))
    return ranked, tuple(not_yet)


def _recommendation(
    questionnaire: Questionnaire,
    cap: Capability,
    m: Measured,
    exposed: list[tuple[FactorCalc, float]],
    measured: dict[Target, Measured],
    priority: float,
) -> Recommendation:
    values = _chain_values(questionnaire, cap, measured)
    mechanisms = _chain_mechanisms(questionnaire, cap, measured)
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
        why=_why(cap, m, priority, chain_factors, values, mechanisms),
        questions=_questions(m),
        mechanisms=tuple(mechanisms),
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


def _chain_mechanisms(
    questionnaire: Questionnaire, cap: Capability, measured: dict[Target, Measured]
) -> list[ChainMechanism]:
    """The mechanisms that apply one of the capability's values, weakest first."""
    mechanisms = []
    for mech in questionnaire.model.mechanisms:
        applies = tuple(v for v in mech.applies if v in cap.influenced_by)
        if not applies:
            continue
        mm = measured.get(("mechanism", mech.id), NOTHING)
        mechanisms.append(
            (
                mm.score or 0.0,
                mech.id,
                ChainMechanism(
                    id=mech.id,
                    name=mech.name,
                    score=percent(mm.score),
                    applies=applies,
                    questions=_questions(mm),
                ),
            )
        )
    # Weakest first: an unmeasured mechanism counts as absent (0), the likeliest to adopt.
    mechanisms.sort(key=lambda x: (x[0], x[1]))
    return [x for _, _, x in mechanisms]


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
    cap: Capability,
    m: Measured,
    priority: float,
    chain_factors: list[ChainFactor],
    values: list[ChainValue],
    mechanisms: list[ChainMechanism],
) -> str:
    """Why the capability is recommended: the risk it would remove, its weakest value and the
    mechanisms to adopt first."""
    why = (
        f"{cap.name} is {_fmt(m.score)}; at 100 it would remove {priority:.3f} of residual risk "
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
    to_adopt = [x for x in mechanisms if x.score is None or x.score < 100]
    if to_adopt:
        first = to_adopt[:2]
        why += " Mechanisms to adopt first: " + ", ".join(
            f"{x.name} ({'unmeasured' if x.score is None else f'{x.score:g}/100'})" for x in first
        )
        why += "."
    return why


def _not_yet(
    cap: Capability,
    stage: str,
    m: Measured,
    exposed: list[tuple[FactorCalc, float]],
    priority: float,
) -> NotYet | None:
    fits = " and ".join(cap.stages) or "no"
    names = ", ".join(calc.factor.name for calc, _ in exposed)
    reason: NotYetReason
    if m.score is not None and m.score >= BUILT_FROM:
        why = (
            f"{cap.name} is a {fits}-stage capability, and your answers already score it "
            f"{_fmt(m.score)}. At the {stage} stage it is not what matters most: don't build this "
            "yet. Keep what you have, but put new effort into this stage's capabilities; building "
            f"{fits}-stage machinery ahead of need is premature scaling."
        )
        reason = "being_built"
    elif priority > 0:
        why = (
            f"{cap.name} would mitigate {names}, but it is a {fits}-stage capability. At the "
            f"{stage} stage, don't build this yet: mitigate these with capabilities that fit "
            "the stage first."
        )
        reason = "would_rank"
    else:
        return None
    return NotYet(
        capability=cap.id,
        name=cap.name,
        stages=cap.stages,
        score=percent(m.score),
        reason=reason,
        why=why,
        failure_factors=tuple(calc.factor.id for calc, _ in exposed),
    )
