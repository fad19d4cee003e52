"""The scoring's guarantees around the twelve personas of the panel (docs/personas.md, "After").

Over every single swap of an answer to "don't know" or a blank, and every one-step improvement of
one answer, the only answers that may move a figure the wrong way are profile answers that stage
signals read: they move the lateness, and with it the stage weights and the questions that apply
(docs/personas.md says why, and what is left to do). Every other answer obeys the guarantees.
Slow: it assesses each persona a few hundred times.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.advice_panel import (
    EXPECTATIONS,
    Scorer,
    load_expectations,
    monotonicity,
    unknown_beats_answer,
)

from scaleready.engine.facts import compiled
from scaleready.formats.answers import Answer
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import load_answers
from tests.conftest import REPO
from tests.test_engine_properties import questionnaire

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
def test_only_profile_answers_can_move_a_figure_the_wrong_way(name: str) -> None:
    q, given = _persona(name)
    score = Scorer(q)
    profile = stage_inputs(q)
    unknown = unknown_beats_answer(q, given, score)
    better = monotonicity(q, given, score)
    assert [v for v in unknown.violations if v.question not in profile] == []
    assert [v for v in better.violations if v.question not in profile] == []
