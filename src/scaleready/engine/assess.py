"""``assess``: the whole engine, from a questionnaire and answers to an :class:`Assessment`.

The steps, each in its own module: the stage (stage.py), which questions apply and every answer's
health score (facts.py), the model's scores (scoring.py), rules (_rules.py) and failure factors
(risks.py), the readiness score (_readiness.py), recommendations (_recommend.py), the "don't build
this yet" findings (_not_yet.py), and the outcomes with DORA's benchmarks (_outcomes.py).
"""

from __future__ import annotations

from scaleready import __version__
from scaleready.engine._not_yet import not_yet
from scaleready.engine._outcomes import item_score, outcomes
from scaleready.engine._readiness import METHOD, in_stage, readiness
from scaleready.engine._recommend import find_out, recommend
from scaleready.engine._rules import RuleOutcome, evaluate_rules
from scaleready.engine.facts import Facts, decide_facts, raw_values, status_of
from scaleready.engine.risks import FactorCalc, assess_factors
from scaleready.engine.scoring import (
    NOTHING,
    Measured,
    Target,
    answer_ref,
    coverage,
    derived_results,
    measure_all,
    percent,
)
from scaleready.engine.stage import decide_stage, home_stages, lateness_range
from scaleready.formats.answers import Answers, not_applicable
from scaleready.formats.questionnaire import Capability, Questionnaire, Signal
from scaleready.formats.result import (
    Assessment,
    CapabilityScore,
    FactorResult,
    Mitigator,
    PartRef,
    QuestionnaireInfo,
    Readiness,
    ReadinessTerm,
    RespondentInfo,
    RuleHit,
    SignalEvidence,
    ToolInfo,
    Trigger,
)


def assess(questionnaire: Questionnaire, answers: Answers) -> Assessment:
    """Score ``answers`` against ``questionnaire``: stage, scores, risks, recommendations.

    Pure and deterministic: no I/O, nothing read but the arguments, and the same inputs always
    give an equal result (whatever the order of the answers). The questionnaire must come from
    the loader (``load_questionnaire``), which compiles its expressions once.
    """
    return _assess(questionnaire, answers)


def _assess(questionnaire: Questionnaire, answers: Answers) -> Assessment:
    raw = raw_values(questionnaire, answers)
    stage, warnings = decide_stage(questionnaire, answers, raw)
    facts = decide_facts(questionnaire, answers, stage.id, raw)
    warnings += _ignored_answers(facts)
    latenesses = lateness_range(stage, questionnaire)
    # The lateness shown comes first: the scores a reader sees are those at that lateness.
    measured_at = {lateness: measure_all(facts, lateness) for lateness in latenesses}
    measured = measured_at[latenesses[0]]
    cap_scores = _capability_scores(questionnaire, measured)
    rules = evaluate_rules(facts)
    factors, (score, confidence, weights) = _worst_case(questionnaire, facts, measured_at, rules)
    recommendations = recommend(questionnaire, stage.id, factors, measured, facts)
    warnings += _unscored_mitigators(factors)
    result_outcomes = outcomes(facts, measured, warnings)
    model = questionnaire.model
    signals = {s.id: s for s in model.signals}
    caps = {c.id: c for c in model.capabilities}
    respondent = answers.respondent
    return Assessment(
        questionnaire=QuestionnaireInfo(
            id=questionnaire.id, version=questionnaire.version, title=questionnaire.title
        ),
        tool=ToolInfo(version=__version__),
        respondent=None
        if respondent is None
        else RespondentInfo(name=respondent.name, role=respondent.role),
        organisation=answers.organisation,
        stage=stage,
        score=percent(score) or 0.0,
        readiness=_readiness(score, confidence, weights, cap_scores, factors),
        coverage=coverage(facts),
        not_applicable=not_applicable(questionnaire, answers),
        capabilities=_capabilities(facts, measured, stage.id, weights),
        values=tuple(
            item_score(facts, v.id, v.name, measured.get(("value", v.id), NOTHING))
            for v in model.values
        ),
        mechanisms=tuple(
            item_score(facts, m.id, m.name, measured.get(("mechanism", m.id), NOTHING))
            for m in model.mechanisms
        ),
        failure_factors=tuple(
            _factor(facts, calc, factors, measured, cap_scores, signals, caps)
            for calc in factors.values()
        ),
        recommendations=recommendations,
        not_yet=not_yet(facts, stage.lateness, factors),
        outcomes=result_outcomes,
        warnings=tuple(dict.fromkeys(warnings)),
        derived=derived_results(facts),
    )


def _capability_scores(
    questionnaire: Questionnaire, measured: dict[Target, Measured]
) -> dict[str, float | None]:
    return {
        c.id: measured.get(("capability", c.id), NOTHING).score
        for c in questionnaire.model.capabilities
    }


def _worst_case(
    questionnaire: Questionnaire,
    facts: Facts,
    measured_at: dict[float, dict[Target, Measured]],
    rules: list[RuleOutcome],
) -> tuple[dict[str, FactorCalc], tuple[float, float, dict[str, float]]]:
    """The factors and readiness at the worse of the possible latenesses (unknown stage signals
    held or not), each with the scores measured at that lateness: the lowest readiness, and each
    factor at its highest residual risk (a min and a max of monotone figures stay monotone)."""
    worst: tuple[dict[str, FactorCalc], tuple[float, float, dict[str, float]]] | None = None
    highest: dict[str, FactorCalc] = {}
    for lateness, measured in measured_at.items():
        cap_scores = _capability_scores(questionnaire, measured)
        factors = assess_factors(facts, measured, cap_scores, rules, lateness)
        numbers = readiness(questionnaire, factors)
        if worst is None or numbers[0] < worst[1][0]:
            worst = (factors, numbers)
        for fid, calc in factors.items():
            if fid not in highest or calc.residual > highest[fid].residual:
                highest[fid] = calc
    assert worst is not None  # lateness_range returns at least one lateness
    return highest, worst[1]


def _readiness(
    score: float | None,
    confidence: float,
    weights: dict[str, float],
    cap_scores: dict[str, float | None],
    factors: dict[str, FactorCalc],
) -> Readiness:
    """The readiness score with its terms (each capability that carries weight), its confidence
    and, when it is low, the questions to find out first."""
    return Readiness(
        score=percent(score) or 0.0,
        method=METHOD,
        confidence=round(confidence, 3),
        find_out=find_out(factors),
        terms=tuple(
            ReadinessTerm(capability=cid, score=percent(cap_scores.get(cid)), weight=round(w, 3))
            for cid, w in weights.items()
            if w > 0
        ),
    )


def _capabilities(
    facts: Facts, measured: dict[Target, Measured], stage: str, weights: dict[str, float]
) -> tuple[CapabilityScore, ...]:
    """Every capability's score, in the model's order, with its stages and readiness weight."""
    return tuple(
        CapabilityScore(
            **item_score(
                facts, c.id, c.name, measured.get(("capability", c.id), NOTHING)
            ).model_dump(),
            stages=home_stages(facts.questionnaire, c),
            in_stage=in_stage(facts.questionnaire, c, stage),
            weight=round(weights.get(c.id, 0.0), 3),
        )
        for c in facts.questionnaire.model.capabilities
    )


def _ignored_answers(facts: Facts) -> list[str]:
    out = []
    for question in facts.questionnaire.questions:
        if question.id in facts.skipped and status_of(facts.answer(question.id)) == "answered":
            out.append(
                f"the answer to {question.id!r} is ignored: the question does not apply "
                f"({facts.skipped[question.id]})"
            )
    return out


def _unscored_mitigators(factors: dict[str, FactorCalc]) -> list[str]:
    missing = sorted({c for calc in factors.values() if calc.relevant for c in calc.unscored})
    if not missing:
        return []
    return [
        "no scored answer for capabilities that mitigate relevant failure factors (counted as 0): "
        + ", ".join(missing)
    ]


def _factor(
    facts: Facts,
    calc: FactorCalc,
    factors: dict[str, FactorCalc],
    measured: dict[Target, Measured],
    cap_scores: dict[str, float | None],
    signals: dict[str, Signal],
    caps: dict[str, Capability],
) -> FactorResult:
    f = calc.factor
    homes = home_stages(facts.questionnaire, f)
    direct = measured.get(("failure_factor", f.id), NOTHING)
    evidence = []
    for item in calc.symptoms:
        if item.kind != "signal":
            continue
        signal = signals[item.id]
        m = measured.get(("signal", item.id), NOTHING)
        evidence.append(
            SignalEvidence(
                id=item.id,
                name=signal.name,
                exposure=round(item.exposure, 3),
                answers=tuple(answer_ref(facts, e) for e in m.scored),
            )
        )
    return FactorResult(
        id=f.id,
        name=f.name,
        stage=homes[0] if homes else facts.questionnaire.stage_ids[0],
        stages=homes,
        part_of=f.part_of,
        relevant=calc.relevant,
        stage_weight=round(calc.stage_weight, 3),
        confidence=round(calc.confidence, 3),
        exposure=round(calc.exposure, 3),
        exposure_from=calc.exposure_from,
        symptom_exposure=None if calc.symptom_exposure is None else round(calc.symptom_exposure, 3),
        mitigation=round(calc.mitigation, 3),
        residual_risk=round(calc.residual, 3),
        level=calc.level,
        symptoms=tuple(answer_ref(facts, e) for e in direct.evidence),
        signals=tuple(evidence),
        rules=tuple(RuleHit(id=r.id, level=r.raise_.level, because=r.because) for r in calc.rules),
        parts=tuple(PartRef(id=p, exposure=round(factors[p].exposure, 3)) for p in calc.parts),
        mitigated_by=tuple(
            Mitigator(
                capability=cid,
                name=caps[cid].name if cid in caps else cid,
                weight=w,
                score=percent(cap_scores.get(cid)),
                in_stage=cid in caps and in_stage(facts.questionnaire, caps[cid], facts.stage),
            )
            for cid, w in f.mitigated_by.items()
        ),
        unscored_capabilities=calc.unscored,
        harms=f.harms,
        triggered_by=Trigger(
            questions=calc.trigger_questions, rules=calc.trigger_rules, parts=calc.trigger_parts
        ),
    )
