"""The positive outcomes: measured outcome scores, DORA's delivery scores and benchmarks, the
Westrum culture score, and lead time against the benchmark for the team's size.

Only questions that apply and were answered count; what cannot be read is said in warnings.
"""

from __future__ import annotations

from dataclasses import dataclass

from scaleready.engine import dora, dora_benchmarks
from scaleready.engine.claims import is_large_gap
from scaleready.engine.facts import Facts, health_score, option_of
from scaleready.engine.scoring import NOTHING, Measured, Target, answer_ref, percent
from scaleready.engine.scoring import Evidence as _Evidence
from scaleready.formats.answers import AnswerValue
from scaleready.formats.questionnaire import Question, Questionnaire
from scaleready.formats.result import (
    AnswerRef,
    BenchmarkMetric,
    Claim,
    ClaimGap,
    Dora,
    DoraBenchmark,
    DoraCapability,
    DoraMetricScore,
    ItemScore,
    LeadTimeVsTeamSize,
    Outcomes,
    Westrum,
)
from scaleready.vocabulary import DoraEdition, SegmentKind


def item_score(facts: Facts, item_id: str, name: str, m: Measured) -> ItemScore:
    """An :class:`ItemScore` from a target's measurement."""
    return ItemScore(
        id=item_id,
        name=name,
        score=percent(m.score),
        answered=len(m.scored),
        total=len(m.evidence),
        evidence=tuple(answer_ref(facts, e) for e in m.scored),
        gaps=tuple(answer_ref(facts, e) for e in m.gaps),
    )


def _answered(facts: Facts, qid: str) -> tuple[Question, AnswerValue] | None:
    question = facts.questionnaire.question(qid)
    value = facts.values.get(qid)
    if question is None or value is None:
        return None
    return question, value


def _number(questionnaire: Questionnaire, question: Question, value: AnswerValue) -> float | None:
    """The number an answer stands for: a number answer itself, or the chosen option's ``value``
    (for choice and scale questions)."""
    if question.type == "number" and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if question.type in ("choice", "scale"):
        option = option_of(questionnaire, question, value)
        if option is not None and option.value is not None:
            return option.value
    return None


def outcomes(facts: Facts, measured: dict[Target, Measured], warnings: list[str]) -> Outcomes:
    """Every outcome the questionnaire lets the engine compute."""
    q = facts.questionnaire
    scored = tuple(
        item_score(facts, o.id, o.name, measured.get(("outcome", o.id), NOTHING))
        for o in q.model.outcomes
    )
    bench = q.benchmarks
    if bench is None:
        return Outcomes(measured=scored)
    return Outcomes(
        measured=scored,
        dora=_dora(facts, warnings) if bench.dora is not None else None,
        westrum=_westrum(facts, warnings) if bench.westrum else None,
        lead_time_vs_team_size=_lead_time(facts, warnings),
    )


def _dora(facts: Facts, warnings: list[str]) -> Dora:
    q = facts.questionnaire
    assert q.benchmarks is not None
    edition = q.benchmarks.dora_edition
    metrics = _dora_metrics(facts, edition, warnings)
    scores = {m.metric: m.raw for m in metrics}
    overall, throughput, stability = dora.summarise(scores)
    mine = {**scores, "overall": overall, "throughput": throughput, "stability": stability}
    segments = _dora_segments(facts, q, edition, warnings)
    benchmarks = [_benchmark(kind, key, edition, mine) for kind, key in segments]
    return Dora(
        metrics=tuple(m.score for m in metrics),
        overall=None if overall is None else round(overall, 2),
        throughput=None if throughput is None else round(throughput, 2),
        stability=None if stability is None else round(stability, 2),
        overall_shown=_text(overall),
        throughput_shown=_text(throughput),
        stability_shown=_text(stability),
        benchmarks=tuple(benchmarks),
        source=dora_benchmarks.source(edition),
        gaps=tuple(_gap(m.score) for m in metrics if m.score.claimed and m.score.claimed.large_gap),
        edition=edition,
        capabilities=_dora_capabilities(facts),
    )


def _dora_capabilities(facts: Facts) -> tuple[DoraCapability, ...]:
    """The Quick Check's capability scores over the statements asked (none when the
    questionnaire links none, or none applies: the statements are opt-in)."""
    q = facts.questionnaire
    assert q.benchmarks is not None
    linked = q.benchmarks.dora_capabilities
    if linked is None:
        return ()
    found: list[DoraCapability] = []
    for short, name in dora_benchmarks.CAPABILITY_NAMES.items():
        asked = [qid for qid in getattr(linked, short) if facts.applicable.get(qid, False)]
        points: list[float] = []
        for qid in asked:
            pair = _answered(facts, qid)
            number = None if pair is None else _number(q, *pair)
            if number is not None and 1 <= number <= 5:
                points.append(number)
        score = dora.capability_score(points)
        found.append(
            DoraCapability(
                id=short,
                name=name,
                score=None if score is None else round(score, 2),
                shown=_text(score),
                answered=len(points),
                total=len(asked),
                questions=tuple(asked),
            )
        )
    return tuple(found) if any(c.total for c in found) else ()


def _text(value: float | None) -> str | None:
    return None if value is None else dora.quick_check_text(value)


def _gap(metric: DoraMetricScore) -> ClaimGap:
    """A large gap between a metric's measured answer and its claim, with both figures."""
    assert metric.claimed is not None  # only claimed metrics have gaps
    return ClaimGap(
        metric=metric.metric,
        name=metric.name,
        question=metric.question,
        measured=metric.answer,
        measured_input=metric.input,
        claimed=metric.claimed.answer,
        claimed_input=metric.claimed.input,
    )


def _claim(facts: Facts, metric: str, question: Question, measured: AnswerValue) -> Claim | None:
    """What people had answered before a measured answer, scored as the answer is, and whether
    it is a large gap from the measurement (see :mod:`scaleready.engine.claims`)."""
    answer = facts.answer(question.id)
    if answer is None or answer.claimed is None:
        return None
    q = facts.questionnaire
    number = _number(q, question, answer.claimed)
    score = None
    if number is not None and metric in dora.BAND_METRICS and 1 <= number <= 6:
        score = round(dora.band_score(number), 2)
    elif number is not None and metric not in dora.BAND_METRICS and 0 <= number <= 100:
        score = round(dora.percent_score(number), 2)
    health = health_score(q, question, answer.claimed)
    measured_health = health_score(q, question, measured)
    return Claim(
        answer=answer.claimed,
        input=number,
        score=score,
        health=health,
        measured_health=measured_health,
        large_gap=is_large_gap(health, measured_health),
    )


@dataclass(frozen=True)
class _MetricScore:
    metric: str
    raw: float  # unrounded: the summaries are computed from these
    score: DoraMetricScore


def _dora_metrics(facts: Facts, edition: DoraEdition, warnings: list[str]) -> list[_MetricScore]:
    """Each DORA metric the answers give, scored as the Quick Check does; a warning for each
    answer that is not a band 1-6 or a percentage, or that the edition does not score."""
    q = facts.questionnaire
    assert q.benchmarks is not None
    assert q.benchmarks.dora is not None
    metrics: list[_MetricScore] = []
    scored = dora.edition_metrics(edition)
    for metric in dora.METRICS:
        qid = getattr(q.benchmarks.dora, metric)
        found = None if qid is None else _answered(facts, qid)
        if qid is None or found is None:
            continue
        if metric not in scored:
            warnings.append(f"DORA {metric}: the {edition} Quick Check does not score {qid!r}")
            continue
        question, value = found
        number = _number(q, question, value)
        if metric in dora.BAND_METRICS:
            if number is None or not 1 <= number <= 6:
                warnings.append(
                    f"DORA {metric}: the answer to {qid!r} has no band 1-6 (the option's value)"
                )
                continue
            score = dora.band_score(number)
        else:
            if number is None or not 0 <= number <= 100:
                warnings.append(f"DORA {metric}: the answer to {qid!r} is not a percentage 0-100")
                continue
            score = dora.percent_score(number)
        shown = DoraMetricScore(
            metric=metric,
            name=dora_benchmarks.METRIC_NAMES[metric],
            question=qid,
            answer=value,
            input=number,
            score=round(score, 2),
            shown=dora.quick_check_text(score),
            claimed=_claim(facts, metric, question, value),
        )
        metrics.append(_MetricScore(metric, score, shown))
    return metrics


def _dora_segments(
    facts: Facts, q: Questionnaire, edition: DoraEdition, warnings: list[str]
) -> list[tuple[SegmentKind, str]]:
    """The benchmark segments to compare with: all industries, then the organisation's industry
    and size where the answers name ones DORA has."""
    assert q.benchmarks is not None
    segments: list[tuple[SegmentKind, str]] = [("all", "all")]
    asked: tuple[tuple[SegmentKind, str | None], ...] = (
        ("industry", q.benchmarks.industry_question),
        ("organisation_size", q.benchmarks.organisation_size_question),
    )
    for kind, qid in asked:
        chosen = None if qid is None else facts.values.get(qid)
        if chosen is None:
            continue
        key = dora.segment_key(kind, str(chosen), edition)
        if key is None:
            where = f"{kind.replace('_', ' ')} {str(chosen)!r}"
            warnings.append(f"DORA has no {edition} benchmark for {where}")
            continue
        if (kind, key) != ("industry", "all"):  # already there
            segments.append((kind, key))
    return segments


def _benchmark(
    kind: SegmentKind, key: str, edition: DoraEdition, mine: dict[str, float | None]
) -> DoraBenchmark:
    """One segment's benchmark, each metric with the organisation's score and verdict."""
    shown = dora.shown(kind, key, edition)
    assert shown is not None  # "all" always exists; the others were checked
    rows = []
    for metric, (mean, std) in shown.metrics.items():
        value_ = mine.get(metric)
        rows.append(
            BenchmarkMetric(
                metric=metric,
                mean=round(mean, 2),
                mean_shown=dora.quick_check_text(mean),
                std=std,
                flipped=metric in shown.flipped,
                score=None if value_ is None else round(value_, 2),
                score_shown=_text(value_),
                verdict=dora.verdict(value_, mean, std),
            )
        )
    return DoraBenchmark(
        segment=kind,
        key=key,
        name=shown.name,
        overall=round(shown.overall, 2),
        overall_shown=dora.quick_check_text(shown.overall),
        metrics=tuple(rows),
        notes=shown.notes,
    )


def _westrum(facts: Facts, warnings: list[str]) -> Westrum:
    q = facts.questionnaire
    assert q.benchmarks is not None
    points: list[float] = []
    refs: list[AnswerRef] = []
    total = 0
    for qid in q.benchmarks.westrum:
        if not facts.applicable.get(qid, False):
            continue
        total += 1
        found = _answered(facts, qid)
        if found is None:
            continue
        question, value = found
        point = _number(q, question, value)
        if point is None and isinstance(value, int) and not isinstance(value, bool):
            point = float(value)  # an option keyed 1..7 without a value
        if point is None or not 1 <= point <= 7:
            warnings.append(f"Westrum: the answer to {qid!r} is not a point 1-7")
            continue
        points.append(point)
        refs.append(answer_ref(facts, _Evidence(qid, 1.0, facts.scores.get(qid)), weight=False))
    score = dora.mean(points)
    return Westrum(
        score=None if score is None else round(score, 2),
        answered=len(points),
        total=total,
        answers=tuple(refs),
    )


def _lead_time(facts: Facts, warnings: list[str]) -> LeadTimeVsTeamSize | None:
    q = facts.questionnaire
    assert q.benchmarks is not None
    bench = q.benchmarks.team_size
    if bench is None:
        return None
    devs = _answered(facts, bench.developers_question)
    lead = _answered(facts, bench.lead_time_question)
    if devs is None or lead is None:
        return None
    developers = _number(q, *devs)
    if developers is None:
        warnings.append(f"lead time vs team size: {bench.developers_question!r} is not a number")
        return None
    band = next(
        (b for b in bench.bands if b.max_developers is None or developers <= b.max_developers),
        None,
    )
    if band is None:
        warnings.append(
            f"lead time vs team size: no benchmark band covers {developers:g} developers"
        )
        return None
    question, value = lead
    number = _number(q, question, value)
    days: tuple[float, float | None]
    if question.type == "number" and number is not None:
        days = (number, number)  # a number question answers in days
    elif (
        number is not None
        and int(number) == number
        and int(number) in dora_benchmarks.LEAD_TIME_DAYS
    ):
        days = dora_benchmarks.LEAD_TIME_DAYS[int(number)]
    else:
        warnings.append(
            f"lead time vs team size: the answer to {bench.lead_time_question!r} has no DORA "
            "band 1-6 (the option's value)"
        )
        return None
    return LeadTimeVsTeamSize(
        developers_question=bench.developers_question,
        lead_time_question=bench.lead_time_question,
        developers=developers,
        max_developers=band.max_developers,
        expected_min_days=band.min_days,
        expected_max_days=band.max_days,
        answer=value,
        answer_min_days=round(days[0], 3),
        answer_max_days=None if days[1] is None else round(days[1], 3),
        verdict=dora.lead_time_verdict(days, (band.min_days, band.max_days)),
    )
