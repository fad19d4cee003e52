"""Recommendations: which capability to grow first, and how.

A recommendation's priority is the residual risk it would remove across all relevant failure
factors if the capability reached 100:

    priority_c = sum over relevant factors f that c mitigates of  E_f * m_fc / sum_c' m_fc' * (1 - s_c)

(raising s_c to 1 raises f's mitigation by m_fc / sum m * (1 - s_c), and residual risk falls by
E_f times that). So a capability that mitigates several exposed factors ranks first. Capabilities
with priority 0 (already at 100, or mitigating only unexposed factors) are left out. Order:
priority (rounded to 3 decimals) descending, then capability id, so ties are deterministic.

Capabilities whose ``stages`` exclude the organisation's stage are never recommended.
"""

from __future__ import annotations

from scaleready.engine._mechanisms import chain_mechanisms, to_adopt, waiting
from scaleready.engine._prerequisites import defer_unmet, prerequisites
from scaleready.engine._readiness import in_stage
from scaleready.engine._why import concrete_why
from scaleready.engine.facts import Facts
from scaleready.engine.risks import FactorCalc
from scaleready.engine.scoring import NOTHING, Measured, Target, percent
from scaleready.formats.questionnaire import Capability, Questionnaire
from scaleready.formats.result import (
    ChainFactor,
    ChainMechanism,
    ChainOutcome,
    ChainValue,
    Recommendation,
)


def _questions(m: Measured) -> tuple[str, ...]:
    return tuple(dict.fromkeys(e.question for e in m.scored))


def _fmt(score: float | None) -> str:
    return "unmeasured" if score is None else f"{percent(score):g}/100"


def removed_by(cap: Capability, calc: FactorCalc, score: float | None) -> float:
    """Residual risk of ``calc`` removed if ``cap`` reached 100."""
    weights = calc.factor.mitigated_by
    total = sum(weights.values())
    if not calc.relevant or cap.id not in weights or total <= 0:
        return 0.0
    return calc.exposure * weights[cap.id] / total * (1 - (score or 0.0))


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
    # Relevant factors by the capabilities that mitigate them (linear, not capabilities x factors).
    mitigates: dict[str, list[FactorCalc]] = {}
    for calc in factors.values():
        if calc.relevant:
            for cid in calc.factor.mitigated_by:
                mitigates.setdefault(cid, []).append(calc)
    for cap in model.capabilities:
        m = measured.get(("capability", cap.id), NOTHING)
        hits = [(calc, removed_by(cap, calc, m.score)) for calc in mitigates.get(cap.id, [])]
        priority = round(sum(r for _, r in hits), 3)
        exposed = [(calc, r) for calc, r in hits if r > 0]
        # Out-of-stage capabilities are not advised; "don't build this yet" comes from the
        # investments the answers show (engine._not_yet), never from a capability's score.
        if not in_stage(cap.stages, stage) or priority <= 0:
            continue
        candidates.append(
            (
                priority,
                cap.id,
                _recommendation(questionnaire, cap, m, exposed, measured, priority, facts, met),
            )
        )
    candidates.sort(key=lambda c: (-c[0], c[1]))
    ranked = tuple(r for _, _, r in candidates)
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
                weight=calc.factor.mitigated_by[cap.id],
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
