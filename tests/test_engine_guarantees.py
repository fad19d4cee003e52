"""The scoring's guarantees over generated answers (docs/design.md, "Scoring"):

- improving one answer never lowers readiness and never raises any risk, while the lateness
  stays the same (an answer a stage signal reads is a profile answer: its moves are bounded by
  the stage weight, not ordered);
- replacing an answer by "don't know" or a blank never raises readiness, never lowers a risk,
  and never lowers a capability's score;
- every figure carries a confidence in 0..1, and an assessment with nothing unknown has
  confidence 1 everywhere;
- a one-step change of one profile answer (the next or previous option, a number 10% up or down,
  one option ticked or unticked) moves no risk by more than ``PROFILE_BOUND``.

The bundled questionnaire's cases are slow (a second or two per property) and run in the full
suite only.
"""

from __future__ import annotations

import pytest
from benchmarks.advice_panel import PROFILE_SECTION, profile_steps
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from scaleready.engine import assess
from scaleready.formats.answers import Answer
from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import Assessment
from tests.test_engine_personas import PROFILE_BOUND, stage_inputs
from tests.test_engine_properties import (
    QUESTIONNAIRES,
    SETTINGS,
    answer_sets,
    build,
    one_step,
    questionnaire,
    scored_questions,
    values,
    worse_and_better,
)

TOLERANCE = 0.0011
"""Figures are rounded (risks to 3 decimals, readiness to 1): a rounding step is not a move."""


def _risks(result: Assessment) -> dict[str, float]:
    return {f.id: f.residual_risk for f in result.failure_factors}


def _not_safer(answered: Assessment, unknown: Assessment) -> list[str]:
    """How ``unknown`` looks safer than ``answered`` (empty: it does not)."""
    out = []
    if unknown.score > answered.score + 0.05:
        out.append(f"readiness {answered.score} -> {unknown.score}")
    before = _risks(answered)
    for fid, risk in _risks(unknown).items():
        if risk < before[fid] - TOLERANCE:
            out.append(f"{fid} {before[fid]} -> {risk}")
    return out


@QUESTIONNAIRES
@SETTINGS
@given(data=st.data())
def test_a_better_answer_never_lowers_readiness_nor_raises_a_risk(
    name: str, data: st.DataObject
) -> None:
    _, qid, worse, better, low, high = one_step(name, data)
    assume(low.stage.lateness == high.stage.lateness)  # a profile answer: see the docstring
    assert high.score >= low.score - 0.05, (qid, worse, better, low.score, high.score)
    before = _risks(low)
    for fid, risk in _risks(high).items():
        assert risk <= before[fid] + TOLERANCE, (qid, worse, better, fid, before[fid], risk)


@QUESTIONNAIRES
@SETTINGS
@given(data=st.data())
def test_dont_know_or_a_blank_never_beats_an_answer(name: str, data: st.DataObject) -> None:
    q = questionnaire(name)
    answers = data.draw(answer_sets(name))
    qid = data.draw(st.sampled_from(scored_questions(q)))
    question = q.question(qid)
    assert question is not None
    worse, _ = data.draw(worse_and_better(name, qid))
    given_answers = {**answers, qid: Answer(value=worse)}
    answered = assess(q, build(q, given_answers))
    blank = {k: v for k, v in given_answers.items() if k != qid}
    swaps = [blank]
    if question.dont_know:
        swaps.append({**given_answers, qid: Answer(status="dont_know")})
    for swapped in swaps:
        unknown = assess(q, build(q, swapped))
        assume(unknown.stage.lateness == answered.stage.lateness)
        assert _not_safer(answered, unknown) == [], qid
        scores = {c.id: c.score for c in answered.capabilities}
        for cap in unknown.capabilities:
            known = scores[cap.id]
            if cap.score is not None and known is not None:
                assert cap.score <= known, (qid, cap.id)


@QUESTIONNAIRES
@SETTINGS
@given(data=st.data())
def test_every_figure_has_a_confidence(name: str, data: st.DataObject) -> None:
    q = questionnaire(name)
    result = assess(q, build(q, data.draw(answer_sets(name))))
    assert 0 <= result.readiness.confidence <= 1
    for f in result.failure_factors:
        assert 0 <= f.confidence <= 1
        assert 0.3 <= f.stage_weight <= 1


def _profile_questions(q: Questionnaire) -> list[str]:
    """The profile answers: the questions the stage signals read, and the profile section's."""
    ids = set(stage_inputs(q))
    for section in q.sections:
        if section.id == PROFILE_SECTION:
            ids |= {question.id for question in section.questions}
    return [question.id for question in q.questions if question.id in ids]


@pytest.mark.slow
@settings(SETTINGS, max_examples=400)
@given(data=st.data())
def test_a_one_step_change_of_a_profile_answer_moves_no_risk_by_more_than_the_bound(
    data: st.DataObject,
) -> None:
    # The bundled questionnaire's property, not the engine's: a rule that reads a profile answer
    # is a step where its condition starts to hold (the lab has such rules on purpose).
    name = "bundled"
    q = questionnaire(name)
    answers = data.draw(answer_sets(name))
    qid = data.draw(st.sampled_from(_profile_questions(q)))
    question = q.question(qid)
    assert question is not None
    value = data.draw(values(q, question))
    steps = profile_steps(q, question, value)
    assume(steps)
    step = data.draw(st.sampled_from(steps))
    before = _risks(assess(q, build(q, {**answers, qid: Answer(value=value)})))
    after = _risks(assess(q, build(q, {**answers, qid: Answer(value=step)})))
    moves = {fid: round(abs(after[fid] - risk), 3) for fid, risk in before.items()}
    assert max(moves.values()) <= PROFILE_BOUND, (qid, value, step, moves)
