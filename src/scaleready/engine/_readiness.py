"""The overall readiness score: how much of what threatens the organisation at its stage is handled.

Each factor tree T (a factor with no ``part_of``, with its parts) counts once. Its risk is the
mean of its worst node (the root: a parent is never below any of its parts) and of its nodes'
mean, each node by its own evidence (own_f: a parent's own answers and rules, before its parts,
0 for a parent with none: its parts are in the mean already), so that easing any part, or the
parent's own evidence, shows:

    rho_T = (rho_root + mean_{f in T} own_f) / 2
    readiness = 100 x (1 - sum_T r_T rho_T / sum_T r_T)

r_T being the root's stage weight (a straight line in the lateness, ``stage.stage_weight``).

The weights r_f depend on the profile only (through the lateness), never on a scored answer, and
every rho_f falls or stays as an answer improves, so improving an answer never lowers readiness;
"don't know" counts at its worst, so it never raises it.

Confidence: the same weighted mean of the roots' confidence. A capability's weight, shown beside
its score, is the stage-weighted share of the trees' mitigation weights it holds (display only).
"""

from __future__ import annotations

from scaleready.engine.risks import FactorCalc
from scaleready.engine.stage import fits, home_stages
from scaleready.formats.questionnaire import Capability, Questionnaire

METHOD = (
    "100 x (1 - stage-weighted mean residual risk of the failure-factor trees): each tree (a "
    "factor and its parts) counts once, as the mean of its worst node and of its nodes' mean, "
    "weighted by how much it matters at this stage (0.3 for a factor of the other stage up to "
    "1); unknown answers count at their worst"
)


def in_stage(questionnaire: Questionnaire, capability: Capability, stage: str) -> bool:
    """Whether a capability fits the organisation's stage: it is one of its own, or the stage is a
    band between two stages and a neighbour is (see ``stage.fits``)."""
    return fits(questionnaire, home_stages(questionnaire, capability), stage)


def roots(factors: dict[str, FactorCalc]) -> list[FactorCalc]:
    """The roots of the factor trees: factors that are no known factor's part."""
    return [c for c in factors.values() if c.factor.part_of not in factors]


def capability_weights(
    questionnaire: Questionnaire, factors: dict[str, FactorCalc]
) -> dict[str, float]:
    """Each capability's stage-weighted share of the trees' mitigation: for every tree, the
    largest r_f x m_fc / sum_c' m_fc' over its factors, summed over trees (display only)."""
    weights = {c.id: 0.0 for c in questionnaire.model.capabilities}
    per_tree: dict[str, dict[str, float]] = {}
    for calc in factors.values():
        total = sum(calc.factor.mitigated_by.values())
        if total <= 0:
            continue
        tree = per_tree.setdefault(tree_of(calc.factor.id, factors), {})
        for cap, m in calc.factor.mitigated_by.items():
            share = calc.stage_weight * m / total
            tree[cap] = max(tree.get(cap, 0.0), share)
    for tree in per_tree.values():
        for cap, share in tree.items():
            if cap in weights:
                weights[cap] += share
    return weights


def tree_risk(root: FactorCalc, residuals: list[float]) -> float:
    """rho_T: the mean of the root's residual risk and of its tree's mean residual risk."""
    if not residuals:
        return root.residual
    return (root.residual + sum(residuals) / len(residuals)) / 2


def tree_of(fid: str, factors: dict[str, FactorCalc]) -> str:
    """The root of the tree a factor belongs to (a ``part_of`` cycle stops where it closes)."""
    seen = {fid}
    while (parent := factors[fid].factor.part_of) in factors and parent not in seen:
        fid = parent
        seen.add(fid)
    return fid


def readiness(
    questionnaire: Questionnaire, factors: dict[str, FactorCalc]
) -> tuple[float, float, dict[str, float]]:
    """The readiness score (0..1, unrounded), its confidence and each capability's weight."""
    weights = capability_weights(questionnaire, factors)
    trees = roots(factors) or list(factors.values())
    total = sum(c.stage_weight for c in trees)
    if total <= 0:
        return 0.0, 0.0, weights
    members: dict[str, list[float]] = {}
    for calc in factors.values():
        # Each node by its own evidence: a parent's rolled-up risk is its worst part's, already
        # in the mean; its own answers (output against headcount) are what it adds.
        members.setdefault(tree_of(calc.factor.id, factors), []).append(calc.own_residual)
    risk = sum(c.stage_weight * tree_risk(c, members.get(c.factor.id, [])) for c in trees) / total
    confidence = sum(c.stage_weight * c.confidence for c in trees) / total
    return 1 - risk, confidence, weights
