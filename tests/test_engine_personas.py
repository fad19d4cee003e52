"""The scoring's guarantees around the twelve personas of the panel (docs/personas.md, "After").

Over every single swap of an answer to "don't know" or a blank, no figure moves the safe way; over
every one-step improvement of one answer, none moves the wrong way, except where the answer also
moved the lateness: stage signals read it (product/market fit evidence), so it is a profile answer
too, and like every profile answer its one-step changes move no risk by more than the bound.
Slow: it assesses each persona a few hundred times.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.advice_panel import (
    EXPECTATIONS,
    Scorer,
    inert_answers,
    load_expectations,
    monotonicity,
    profile_sensitivity,
    unknown_beats_answer,
)

from scaleready.engine.facts import compiled
from scaleready.formats.answers import Answer
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import load_answers
from tests.conftest import REPO
from tests.test_engine_properties import questionnaire

PROFILE_BOUND = 0.25
"""The most a one-step change of one profile answer may move any risk."""

PERSONAS = [Path(e.file).stem for e in load_expectations(EXPECTATIONS, questionnaire("bundled"))]


def stage_inputs(q: Questionnaire) -> frozenset[str]:
    """The questions the stage signals read: profile answers."""
    if q.stage is None:
        return frozenset()
    return frozenset(qid for s in q.stage.signals for qid in compiled(q, s.when).questions)


def _persona(name: str) -> tuple[Questionnaire, dict[str, Answer]]:
    q = questionnaire("bundled")
    e = next(e for e in load_expectations(EXPECTATIONS, q) if Path(e.file).stem == name)
    return q, dict(load_answers(REPO / e.file, q).answers)


@pytest.mark.slow
@pytest.mark.parametrize("name", PERSONAS)
def test_no_answer_moves_a_figure_the_wrong_way(name: str) -> None:
    q, given = _persona(name)
    score = Scorer(q)
    assert unknown_beats_answer(q, given, score).violations == ()
    better = monotonicity(q, given, score)
    assert better.violations == ()
    assert [v for v in better.stage_moves if v.question not in stage_inputs(q)] == []
    assert profile_sensitivity(q, given, score).largest <= PROFILE_BOUND


@pytest.mark.slow
@pytest.mark.parametrize("name", PERSONAS)
def test_inert_answers_are_few_and_each_a_declared_context_question(name: str) -> None:
    # Issue 14: "no scored answer is inert unless the questionnaire says it is only context",
    # and at most 10% of a persona's scored answers.
    q, given = _persona(name)
    inert = inert_answers(q, given, Scorer(q))
    assert inert.undeclared == ()
    assert len(inert.inert) <= 0.1 * len(inert.scored)
