"""The organisation's stage among the questionnaire's ordered stages, from its stage signals, and
how relevant each item is at a position.

position (``lateness`` in the result, the old form's word) = sum of the weights of the signals
that hold / sum of the weights of the signals that could be evaluated. A signal can be evaluated
when every question it reads has an answered value; the others say nothing either way and are left
out (so a skipped profile question does not move the organisation). The stage is the last one
whose band starts at or below the position (:func:`classify`).

The stage is for display. What the engine weighs is the position itself: every failure factor,
capability, value and question matters with a relevance that is a piecewise-linear line in the
position through the stages' anchors, never a switch (see :func:`relevance`). With no signal
evaluable, the engine weighs at the worst position of the whole range (:func:`lateness_range`).

Stage signals read the answers as given: they decide the stage, and the stage decides which
questions apply, so they cannot depend on it.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from jinja2 import TemplateError

from scaleready.engine.facts import (
    RawValues,
    compiled,
    context,
    health_score,
    status_of,
)
from scaleready.expressions import compiler as expressions
from scaleready.formats._stage import (
    DEFAULT_FLOOR,
    PositionWording,
    band_starts,
    stage_anchors,
)
from scaleready.formats.answers import Answers
from scaleready.formats.questionnaire import Questionnaire, StageSignal
from scaleready.formats.result import AnswerRef, SignalResult, StageBand, StageResult

DEFAULT_POSITION = "position"
# The old form's words, kept so that its reports read as before.
OLD_POSITION = "lateness"
DEFAULT_SIGNALS_HEADING = "stage signals"
OLD_SIGNALS_HEADING = "signs of scale"
OLD_SIGNALS_NONE = "None of the signs of a late-stage organisation holds in your answers."
HOME_FROM = 0.5
"""An explicit relevance at least this makes a stage one of the item's own (``home_stages``)."""

Point = tuple[float, float]


def declared(item: Any) -> tuple[tuple[str, ...], Mapping[str, float] | None]:
    """The stages an item names (``stage`` or ``stages``), and its explicit relevance map."""
    one = getattr(item, "stage", None)
    named: tuple[str, ...] = (one,) if isinstance(one, str) else tuple(getattr(item, "stages", ()))
    return named, getattr(item, "relevance", None)


def relevance_line(
    questionnaire: Questionnaire, named: tuple[str, ...], explicit: Mapping[str, float] | None
) -> tuple[Point, ...]:
    """The points (anchor, relevance) an item's relevance line goes through; none: 1 everywhere.

    A named stage gives (its anchor, 1), or its explicit relevance; an unnamed first or last
    stage gives (its anchor, floor); an unnamed interior stage gives no point, so the line runs
    straight past it. Naming every stage, or none, is 1 everywhere.
    """
    stages = questionnaire.stage_defs
    given = dict(explicit) if explicit is not None else dict.fromkeys(named, 1.0)
    if not given or (explicit is None and set(given) >= set(questionnaire.stage_ids)):
        return ()
    floor = _floor(questionnaire)
    anchors = stage_anchors(stages)
    points: list[Point] = []
    for i, (stage, anchor) in enumerate(zip(stages, anchors, strict=True)):
        if stage.id in given:
            points.append((anchor, given[stage.id]))
        elif i in (0, len(stages) - 1):
            points.append((anchor, floor))
    return tuple(points)


def relevance(questionnaire: Questionnaire, item: Any, position: float) -> float:
    """How much a failure factor, capability, value or question matters at ``position`` (0..1):
    the piecewise-linear line of :func:`relevance_line`, level beyond its first and last points.

    With early at 0 and late at 1, a late item is floor + (1 - floor) x position, an early one
    floor + (1 - floor) x (1 - position): a continuous line, never a switch.
    """
    named, explicit = declared(item)
    return value_on(relevance_line(questionnaire, named, explicit), position)


def value_on(points: tuple[Point, ...], position: float) -> float:
    """The line through ``points`` at ``position``; 1 with no point."""
    if not points:
        return 1.0
    if position <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if position <= x1 and x1 > x0:
            # Measured from the lower end, so that a two-point line is exactly the old
            # floor + (1 - floor) x share (and the bundled results keep every digit).
            if y0 <= y1:
                return y0 + (y1 - y0) * ((position - x0) / (x1 - x0))
            return y1 + (y0 - y1) * ((x1 - position) / (x1 - x0))
    return points[-1][1]


def home_stages(questionnaire: Questionnaire, item: Any) -> tuple[str, ...]:
    """The stages an item belongs to: those it names (or gives a relevance of at least
    ``HOME_FROM``), or, naming none, every stage that is not a band between others."""
    named, explicit = declared(item)
    if explicit is not None:
        named = tuple(s for s, r in explicit.items() if r >= HOME_FROM)
    if named:
        return tuple(s for s in questionnaire.stage_ids if s in named)
    return tuple(s.id for s in questionnaire.stage_defs if not s.between)


def fits(questionnaire: Questionnaire, homes: tuple[str, ...], stage: str) -> bool:
    """Whether an item of ``homes`` fits the organisation's stage: it is one of them, or the
    stage is a band between two stages and a neighbour is."""
    if stage in homes:
        return True
    ids = questionnaire.stage_ids
    if stage not in ids or not questionnaire.stage_defs[ids.index(stage)].between:
        return False
    i = ids.index(stage)
    return any(0 <= j < len(ids) and ids[j] in homes for j in (i - 1, i + 1))


def breakpoints(questionnaire: Questionnaire) -> tuple[float, ...]:
    """The positions where some item's relevance line bends, with 0 and 1: between two of them
    every relevance is a straight line, so the worst of a range is found among them."""
    model = questionnaire.model
    items: list[Any] = [*model.failure_factors, *model.capabilities, *model.values]
    items += [q for q in questionnaire.questions if q.stage or q.stages or q.relevance]
    xs = {0.0, 1.0}
    for item in items:
        xs.update(x for x, _ in relevance_line(questionnaire, *declared(item)))
    return tuple(sorted(xs))


def _floor(questionnaire: Questionnaire) -> float:
    return DEFAULT_FLOOR if questionnaire.stage is None else questionnaire.stage.floor


def lateness_of(stage: StageResult) -> float:
    """The position shown and measured at: with no signal evaluable, the first stage's (0)."""
    return 0.0 if stage.lateness is None else stage.lateness


def lateness_range(stage: StageResult, questionnaire: Questionnaire) -> tuple[float, ...]:
    """The position shown, then every position it could be at, given the unknown signals.

    "Don't know" is never safer: the engine weighs with whichever is worse for the
    organisation, so not knowing a profile answer never moves a figure the safe way. The range
    runs from "every signal that could not be evaluated fails" to "every one holds" (with none
    evaluable, the whole of 0..1), and within it the relevance lines bend only at
    :func:`breakpoints`, so those and the ends are enough. With every signal evaluated it is the
    position alone.
    """
    held = sum(s.weight for s in stage.signals if s.holds)
    evaluated = sum(s.weight for s in stage.signals if s.holds is not None)
    unknown = sum(s.weight for s in stage.signals if s.holds is None)
    if stage.lateness is None:
        low, high = 0.0, 1.0
    elif unknown <= 0:
        return (stage.lateness,)
    else:
        total = evaluated + unknown
        low, high = held / total, (held + unknown) / total
    inside = [x for x in breakpoints(questionnaire) if low < x < high]
    # The position shown comes first: on a tie, a factor keeps the weight the reader is shown.
    return tuple(dict.fromkeys((lateness_of(stage), low, high, *inside)))


def stage_name(questionnaire: Questionnaire, stage: str) -> str:
    """A stage's display name, as the questionnaire gives it."""
    for s in questionnaire.stage_defs:
        if s.id == stage:
            return s.name
    return stage


def stage_label(questionnaire: Questionnaire, stage: str) -> str:
    """A stage's short name for tight places (charts, counts): its label, else its name."""
    for s in questionnaire.stage_defs:
        if s.id == stage:
            return s.label or s.name
    return stage


def classify(questionnaire: Questionnaire, position: float) -> str:
    """The stage at ``position``: the last one whose band starts at or below it."""
    stages = questionnaire.stage_defs
    found = stages[0].id
    for stage, start in zip(stages, band_starts(stages), strict=True):
        if position >= start:
            found = stage.id
    return found


def position_name(questionnaire: Questionnaire) -> str:
    """What reports call the position: the questionnaire's word, else the old form's."""
    config = questionnaire.stage
    if config is not None and config.position is not None:
        return config.position.name
    return DEFAULT_POSITION if _new_form(questionnaire) else OLD_POSITION


def position_description(questionnaire: Questionnaire) -> str:
    """What the position is, in the questionnaire's words or the default."""
    config = questionnaire.stage
    if config is not None and config.position is not None:
        return config.position.description
    return PositionWording().description


def signals_heading(questionnaire: Questionnaire) -> str:
    """How reports introduce the signals that hold: the questionnaire's words, else a default."""
    config = questionnaire.stage
    if config is not None and config.signals_heading is not None:
        return config.signals_heading
    return DEFAULT_SIGNALS_HEADING if _new_form(questionnaire) else OLD_SIGNALS_HEADING


def signals_none(questionnaire: Questionnaire) -> str:
    """What reports say when no stage signal holds: the questionnaire's words, else a default."""
    config = questionnaire.stage
    if config is not None and config.signals_none is not None:
        return config.signals_none
    if not _new_form(questionnaire):
        return OLD_SIGNALS_NONE
    return f"None of the {signals_heading(questionnaire)} holds in your answers."


def _new_form(questionnaire: Questionnaire) -> bool:
    return questionnaire.stage is not None and questionnaire.stage.stages is not None


def _bands_text(questionnaire: Questionnaire) -> str:
    """The bands in words, e.g. "early below 0.4, late from 0.6" (a band between others is
    what lies between them, so it is left out)."""
    stages = questionnaire.stage_defs
    starts = band_starts(stages)
    words = []
    for i, stage in enumerate(stages):
        if stage.between:
            continue
        if i == 0:
            words.append(f"{stage.id} below {starts[1]:g}")
        else:
            words.append(f"{stage.id} from {starts[i]:g}")
    return ", ".join(words)


def _bands(questionnaire: Questionnaire) -> tuple[StageBand, ...]:
    stages = questionnaire.stage_defs
    return tuple(
        StageBand(id=s.id, name=s.name, label=s.label, from_=start, at=anchor, between=s.between)
        for s, start, anchor in zip(stages, band_starts(stages), stage_anchors(stages), strict=True)
    )


def decide_stage(
    questionnaire: Questionnaire, answers: Answers, raw: RawValues
) -> tuple[StageResult, list[str]]:
    """Decide the stage; return it with the evidence, and any warnings. ``raw`` is
    ``raw_values`` of the answers."""
    config = questionnaire.stage
    warnings: list[str] = []
    first = questionnaire.stage_defs[0].name.lower()
    if config is None:
        warnings.append(f"the questionnaire has no stage signals: {first} assumed")
        return _assumed(questionnaire, (), "the questionnaire has no stage signals"), warnings
    results = _signal_results(questionnaire, answers, raw, config.signals, warnings)
    held = evaluated = 0.0
    for signal, result in zip(config.signals, results, strict=True):
        if result.holds is not None:
            evaluated += signal.weight
            held += signal.weight if result.holds else 0.0
    if evaluated == 0:
        warnings.append(
            "no stage signal could be evaluated (the questions they read are not answered): "
            f"{first} assumed, weighed at the worst position"
        )
        why = "no stage signal could be evaluated"
        return _assumed(questionnaire, tuple(results), why), warnings
    lateness = held / evaluated
    stage = classify(questionnaire, lateness)
    holding = [s.id for s in results if s.holds]
    reason = (
        f"{position_name(questionnaire)} {lateness:.2f} = {held:g} of {evaluated:g} signal "
        f"weight holds ({', '.join(holding) if holding else 'none'}); {_bands_text(questionnaire)}"
    )
    return _result(questionnaire, stage, round(lateness, 3), reason, tuple(results)), warnings


def _result(
    questionnaire: Questionnaire,
    stage: str,
    lateness: float | None,
    reason: str,
    signals: tuple[SignalResult, ...],
) -> StageResult:
    bands = _bands(questionnaire)
    return StageResult(
        id=stage,
        name=stage_name(questionnaire, stage),
        lateness=lateness,
        early_below=bands[1].from_,
        late_from=bands[-1].from_,
        assumed=lateness is None,
        reason=reason,
        signals=signals,
        stages=bands,
        position_name=position_name(questionnaire),
        signals_heading=signals_heading(questionnaire),
    )


def _signal_results(
    questionnaire: Questionnaire,
    answers: Answers,
    raw: RawValues,
    signals: Sequence[StageSignal],
    warnings: list[str],
) -> list[SignalResult]:
    """Each stage signal's verdict (``None``: a question it reads has no answered value, or it
    could not be evaluated, with a warning) and the answers it read."""
    names = context(raw.values, raw.scores, None, questionnaire)
    results: list[SignalResult] = []
    for signal in signals:
        checked = compiled(questionnaire, signal.when)
        reads = sorted(checked.questions)
        refs = tuple(_ref(questionnaire, answers, qid) for qid in reads)
        verdict: bool | None = None
        if all(raw.values.get(qid) is not None for qid in reads):
            try:
                verdict = bool(expressions.evaluate(checked.compiled, names))
            except (expressions.ExpressionError, TemplateError) as exc:
                warnings.append(f"stage signal {signal.id!r} could not be evaluated: {exc}")
        results.append(
            SignalResult(
                id=signal.id,
                weight=signal.weight,
                because=signal.because,
                holds=verdict,
                answers=refs,
            )
        )
    return results


def _assumed(
    questionnaire: Questionnaire, signals: tuple[SignalResult, ...], why: str
) -> StageResult:
    first = questionnaire.stage_defs[0]
    return _result(questionnaire, first.id, None, f"{why}: {first.name.lower()} assumed", signals)


def _ref(questionnaire: Questionnaire, answers: Answers, question_id: str) -> AnswerRef:
    answer = answers.answers.get(question_id)
    question = questionnaire.question(question_id)
    status = status_of(answer)
    value = answer.value if answer is not None and status == "answered" else None
    score = None if question is None else health_score(questionnaire, question, value)
    return AnswerRef(
        question=question_id,
        status=status,
        value=value,
        score=None if score is None else round(score, 3),
    )
