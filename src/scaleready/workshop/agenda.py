"""The "discuss first" agenda: the questions the group disagrees about most, weighted by how much
they matter to the consensus's risks.

Importance of a question q (from the consensus assessment; R_f is a relevant failure factor's
residual risk, w the weight of q's measure):

    importance_raw(q) = sum over q's measures of w x link(target), where
        link(capability c)     = sum over relevant f that c mitigates of  m_fc / sum_c' m_fc' x R_f
        link(failure factor f) = R_f                   (q is a symptom of f; 0 when f is not relevant)
        link(signal s)         = sum over relevant f that s indicates of R_f
        link(value, mechanism, outcome) = 0            (the engine's risks do not read them)

    importance(q) = importance_raw(q) / max over questions of importance_raw   (0..1)

The capability term is the share of f's mitigation that c carries (m_fc its mitigation weight),
so a question weighs what the engine's residual risk would weigh it. Then

    priority(q) = disagreement(q) x importance(q)

and the agenda lists every question with at least two values and some disagreement, by priority,
then disagreement, then questionnaire order. Questions that bear on no relevant risk (profile
facts, say) still appear, after the others, ordered by disagreement: a group that cannot agree on
its own size has something to talk about too.

A DORA question where a participant's measured answer (``scaleready measure --into``) is a large
gap from what they had claimed (:mod:`scaleready.engine.claims`) comes before all of those, with
both figures, whatever the disagreement: the group believes something the history does not show.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scaleready.engine.claims import is_large_gap
from scaleready.engine.facts import health_score, option_of
from scaleready.formats.answers import Answers, AnswerValue
from scaleready.formats.questionnaire import Question, Questionnaire
from scaleready.formats.result import Assessment
from scaleready.workshop.aggregate import QuestionAggregate
from scaleready.workshop.consensus import spread_words
from scaleready.workshop.model import AgendaItem

BEARS_ON = 3
"""How many failure factors an agenda item names."""
SPREAD_SHOWN = 4
"""How many answers an agenda item's spread names (the most given first)."""


def factor_links(
    questionnaire: Questionnaire, consensus: Assessment
) -> dict[str, dict[str, float]]:
    """For each question, how much it bears on each relevant failure factor (see the module
    docstring); linear in the questionnaire's measures and mitigation links."""
    residual = {f.id: f.residual_risk for f in consensus.failure_factors if f.relevant}
    shares: dict[str, list[tuple[str, float]]] = {}  # capability -> [(factor, m_fc / sum m_f)]
    for factor in questionnaire.model.failure_factors:
        total = sum(factor.mitigated_by.values())
        if factor.id not in residual or total <= 0:
            continue
        for cid, weight in factor.mitigated_by.items():
            shares.setdefault(cid, []).append((factor.id, weight / total))
    indicates = {s.id: s.indicates for s in questionnaire.model.signals}
    links: dict[str, dict[str, float]] = {}
    for question in questionnaire.questions:
        per_factor: dict[str, float] = {}
        for measure in question.measures:
            w = measure.weight
            if measure.capability is not None:
                pairs = [
                    (f, w * share * residual[f]) for f, share in shares.get(measure.capability, [])
                ]
            elif measure.failure_factor is not None:
                pairs = [(measure.failure_factor, w * residual.get(measure.failure_factor, 0.0))]
            elif measure.signal is not None:
                pairs = [(f, w * residual.get(f, 0.0)) for f in indicates.get(measure.signal, ())]
            else:
                pairs = []
            for factor_id, amount in pairs:
                if amount > 0:
                    per_factor[factor_id] = per_factor.get(factor_id, 0.0) + amount
        links[question.id] = per_factor
    return links


def importance(links: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """Each question's importance, relative to the most important one (0..1, three decimals)."""
    raw = {qid: sum(per.values()) for qid, per in links.items()}
    top = max(raw.values(), default=0.0)
    if top <= 0:
        return dict.fromkeys(raw, 0.0)
    return {qid: round(value / top, 3) for qid, value in raw.items()}


def _figure(questionnaire: Questionnaire, question: Question, value: AnswerValue) -> str:
    """An answer with the number it stands for: ``on-demand (band 6)``, ``33.3 %``."""
    option = option_of(questionnaire, question, value)
    if option is not None and option.value is not None:
        return f"{value} (band {option.value:g})"
    unit = f" {question.unit}" if question.unit and isinstance(value, int | float) else ""
    return f"{value}{unit}"


def claim_gaps(
    questionnaire: Questionnaire, participants: Sequence[Answers]
) -> dict[str, tuple[str, ...]]:
    """For each DORA question, the participants' measured answers that are a large gap from their
    claims, in words with both figures (each distinct pair once, in the participants' order)."""
    dora = questionnaire.benchmarks.dora if questionnaire.benchmarks else None
    asked = [qid for qid in (dora.model_dump().values() if dora else ()) if qid]
    out: dict[str, tuple[str, ...]] = {}
    for qid in asked:
        question = questionnaire.question(qid)
        if question is None:  # pragma: no cover - the loader checks benchmarks' question ids
            continue
        said: dict[str, None] = {}
        for answers in participants:
            answer = answers.answers.get(qid)
            if answer is None or answer.claimed is None or answer.value is None:
                continue
            measured = health_score(questionnaire, question, answer.value)
            claimed = health_score(questionnaire, question, answer.claimed)
            if is_large_gap(claimed, measured):
                words = (
                    f"measured {_figure(questionnaire, question, answer.value)}, "
                    f"claimed {_figure(questionnaire, question, answer.claimed)}"
                )
                said[words] = None
        if said:
            out[qid] = tuple(said)
    return out


def build_agenda(
    questionnaire: Questionnaire,
    aggregates: Sequence[QuestionAggregate],
    importances: Mapping[str, float],
    links: Mapping[str, Mapping[str, float]],
    consensus: Assessment,
    claims: Mapping[str, tuple[str, ...]] | None = None,
) -> tuple[AgendaItem, ...]:
    """The agenda, ranked (see the module docstring); ``claims``: :func:`claim_gaps`."""
    names = {f.id: f.name for f in consensus.failure_factors}
    gaps = claims or {}
    candidates = []
    for index, agg in enumerate(aggregates):
        gap = gaps.get(agg.question.id, ())
        if not gap and (agg.responses < 2 or agg.disagreement <= 0):
            continue
        weight = importances.get(agg.question.id, 0.0)
        priority = round(agg.disagreement * weight, 3)
        per_factor = links.get(agg.question.id, {})
        top = sorted(per_factor.items(), key=lambda kv: (-kv[1], kv[0]))[:BEARS_ON]
        item = AgendaItem(
            rank=0,
            question=agg.question.id,
            section=agg.section,
            text=agg.question.text,
            disagreement=agg.disagreement,
            importance=weight,
            priority=priority,
            responses=agg.responses,
            spread=spread_words(agg, limit=SPREAD_SHOWN),
            bears_on=tuple(names.get(f, f) for f, _ in top),
            claims=gap,
        )
        candidates.append(((not gap, -priority, -agg.disagreement, index), item))
    candidates.sort(key=lambda c: c[0])
    return tuple(
        item.model_copy(update={"rank": rank}) for rank, (_, item) in enumerate(candidates, 1)
    )
