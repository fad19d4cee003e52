"""The overall readiness score: how much of the organisation's relevant risk its capabilities cover.

For each capability c whose stages include the organisation's stage (both stages in the
transition band), its weight is the relevant exposure it is responsible for mitigating:

    weight_c = sum over relevant factors f that c mitigates of  E_f * m_fc / sum_c' m_fc'

(E_f the factor's exposure, m_fc c's mitigation weight for f). Then

    readiness = 100 * sum_c weight_c * s_c / sum_c weight_c

with s_c the capability's score (0..1; unscored counts as 0, as in mitigation). This is the
exposure-weighted mean mitigation of the relevant factors (counting in-stage capabilities only):
readiness 100 means every relevant risk is fully mitigated, and a capability weighs more the more
relevant exposure it mitigates.

Fallbacks, so there is always a number: when no relevant factor has any exposure, every relevant
factor counts with exposure 1 (so the weights are the mitigation shares alone); when no in-stage
capability mitigates a relevant factor, readiness is the plain mean of the in-stage capabilities'
scores; with no in-stage capability at all it is 0.
"""

from __future__ import annotations

from scaleready.engine.risks import FactorCalc
from scaleready.formats.questionnaire import Questionnaire

METHOD = (
    "exposure-weighted mean of the in-stage capabilities' scores: each capability weighs the "
    "relevant failure-factor exposure it is responsible for mitigating (sum over relevant factors "
    "of exposure x its share of the factor's mitigation weights); unscored capabilities count as 0"
)


def in_stage(stages: tuple[str, ...], stage: str) -> bool:
    """Whether a capability with these stages fits the organisation's stage (transition: all)."""
    return stage == "transition" or stage in stages


def capability_weights(
    questionnaire: Questionnaire, stage: str, factors: dict[str, FactorCalc], *, flat: bool = False
) -> dict[str, float]:
    """weight_c for every capability (0 for those out of stage or mitigating nothing relevant).

    ``flat``: count every relevant factor with exposure 1 (the fallback when none is exposed).
    """
    weights = {c.id: 0.0 for c in questionnaire.model.capabilities}
    stages = {c.id: c.stages for c in questionnaire.model.capabilities}
    for calc in factors.values():
        mitigated_by = calc.factor.mitigated_by
        total = sum(mitigated_by.values())
        if not calc.relevant or total <= 0:
            continue
        exposure = 1.0 if flat else calc.exposure
        for cap, m in mitigated_by.items():
            if cap in weights and in_stage(stages[cap], stage):
                weights[cap] += exposure * m / total
    return weights


def readiness(
    questionnaire: Questionnaire,
    stage: str,
    factors: dict[str, FactorCalc],
    scores: dict[str, float | None],
) -> tuple[float, dict[str, float]]:
    """The readiness score (0..1, unrounded) and the weight of each capability in it."""
    weights = capability_weights(questionnaire, stage, factors)
    if sum(weights.values()) <= 0:
        weights = capability_weights(questionnaire, stage, factors, flat=True)
    total = sum(weights.values())
    if total > 0:
        value = sum(w * (scores.get(c) or 0.0) for c, w in weights.items()) / total
        return value, weights
    fitting = [c.id for c in questionnaire.model.capabilities if in_stage(c.stages, stage)]
    if not fitting:
        return 0.0, weights
    weights = dict.fromkeys(weights, 0.0) | dict.fromkeys(fitting, 1.0)
    return sum(scores.get(c) or 0.0 for c in fitting) / len(fitting), weights
