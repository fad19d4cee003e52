"""The organisation's stage (early, transition, late) from the questionnaire's stage signals.

lateness = sum of the weights of the signals that hold / sum of the weights of the signals that
could be evaluated. A signal can be evaluated when every question it reads has an answered value;
the others say nothing either way and are left out (so a skipped profile question does not make
an organisation look early). lateness < ``early_below`` is early, >= ``late_from`` is late, and
the band in between is the transition, where both stages' failure factors are relevant.

The stage label is for display. What the engine weighs is the lateness itself: every failure
factor and capability of one stage matters with a stage weight that is a straight line in the
lateness, never a switch (see :func:`stage_weight`).

Stage signals read the answers as given: they decide the stage, and the stage decides which
questions apply, so they cannot depend on it.
"""

from __future__ import annotations

from collections.abc import Sequence

from jinja2 import TemplateError

from scaleready.engine.facts import (
    RawValues,
    compiled,
    context,
    health_score,
    status_of,
)
from scaleready.expressions import compiler as expressions
from scaleready.formats.answers import Answers
from scaleready.formats.questionnaire import Questionnaire, StageSignal
from scaleready.formats.result import AnswerRef, SignalResult, StageResult
from scaleready.vocabulary import STAGE_WORDS, StageName

ASSUMED_STAGE: StageName = "early"

STAGE_WEIGHT_FLOOR = 0.3
"""The stage weight of a factor of the other stage at the far end: it still matters a little
(slide 11's scaling pains are early signals of late-stage problems; trust matters "from 0 to >
1000 people")."""


def stage_weight(stages: str | tuple[str, ...], lateness: float) -> float:
    """How much a factor or capability of ``stages`` matters at ``lateness`` (0..1).

    late: r + (1 - r) x lateness; early: r + (1 - r) x (1 - lateness); both stages (or none): 1,
    r being ``STAGE_WEIGHT_FLOOR``. A continuous line, so a one-step change of a profile answer
    moves it by at most (1 - r) times the change of lateness.
    """
    kinds = {stages} if isinstance(stages, str) else set(stages)
    floor = STAGE_WEIGHT_FLOOR
    if kinds == {"late"}:
        return floor + (1 - floor) * lateness
    if kinds == {"early"}:
        return floor + (1 - floor) * (1 - lateness)
    return 1.0


def lateness_of(stage: StageResult) -> float:
    """The lateness the engine weighs with: an assumed stage (no signal evaluable) is early, 0."""
    return 0.0 if stage.lateness is None else stage.lateness


def lateness_range(stage: StageResult) -> tuple[float, ...]:
    """The lateness shown, then as if every signal that could not be evaluated failed, and as if
    every one held.

    "Don't know" is never safer: the engine weighs with whichever of the two is worse for the
    organisation, so not knowing a profile answer never moves a figure the safe way. With every
    signal evaluated (or none: an assumed stage) it is the lateness alone.
    """
    held = sum(s.weight for s in stage.signals if s.holds)
    evaluated = sum(s.weight for s in stage.signals if s.holds is not None)
    unknown = sum(s.weight for s in stage.signals if s.holds is None)
    if stage.lateness is None or unknown <= 0:
        return (lateness_of(stage),)
    total = evaluated + unknown
    # The lateness shown comes first: on a tie, a factor keeps the weight the reader is shown.
    return (lateness_of(stage), held / total, (held + unknown) / total)


def stage_name(questionnaire: Questionnaire, stage: str) -> str:
    """A stage's display name: the questionnaire's stage profile name, else a plain word."""
    for profile in questionnaire.model.stages:
        if profile.id == stage:
            return profile.name
    return STAGE_WORDS.get(stage, stage)


def classify(lateness: float, early_below: float, late_from: float) -> StageName:
    """The stage for a lateness: < early_below early, >= late_from late, else transition."""
    if lateness < early_below:
        return "early"
    if lateness >= late_from:
        return "late"
    return "transition"


def decide_stage(
    questionnaire: Questionnaire, answers: Answers, raw: RawValues
) -> tuple[StageResult, list[str]]:
    """Decide the stage; return it with the evidence, and any warnings. ``raw`` is
    ``raw_values`` of the answers."""
    config = questionnaire.stage
    warnings: list[str] = []
    if config is None:
        warnings.append("the questionnaire has no stage signals: early stage assumed")
        return _assumed(questionnaire, 0.4, 0.6, (), "the questionnaire has no stage signals"), (
            warnings
        )
    results = _signal_results(questionnaire, answers, raw, config.signals, warnings)
    held = evaluated = 0.0
    for signal, result in zip(config.signals, results, strict=True):
        if result.holds is not None:
            evaluated += signal.weight
            held += signal.weight if result.holds else 0.0
    if evaluated == 0:
        warnings.append(
            "no stage signal could be evaluated (the questions they read are not answered): "
            "early stage assumed"
        )
        return (
            _assumed(
                questionnaire,
                config.early_below,
                config.late_from,
                tuple(results),
                "no stage signal could be evaluated",
            ),
            warnings,
        )
    lateness = held / evaluated
    stage = classify(lateness, config.early_below, config.late_from)
    holding = [s.id for s in results if s.holds]
    reason = (
        f"lateness {lateness:.2f} = {held:g} of {evaluated:g} signal weight holds"
        f" ({', '.join(holding) if holding else 'none'}); early below {config.early_below:g}, "
        f"late from {config.late_from:g}"
    )
    return (
        StageResult(
            id=stage,
            name=stage_name(questionnaire, stage),
            lateness=round(lateness, 3),
            early_below=config.early_below,
            late_from=config.late_from,
            assumed=False,
            reason=reason,
            signals=tuple(results),
        ),
        warnings,
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
    questionnaire: Questionnaire,
    early_below: float,
    late_from: float,
    signals: tuple[SignalResult, ...],
    why: str,
) -> StageResult:
    return StageResult(
        id=ASSUMED_STAGE,
        name=stage_name(questionnaire, ASSUMED_STAGE),
        lateness=None,
        early_below=early_below,
        late_from=late_from,
        assumed=True,
        reason=f"{why}: early stage assumed",
        signals=signals,
    )


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
