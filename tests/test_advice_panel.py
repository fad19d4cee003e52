"""The advice panel's measurements (benchmarks/advice_panel.py) count what they say they count.

A hand-made case on tests/data/mini.yaml, worked out on paper: one early failure factor
(no problem/solution fit), exposed by the founder's approvals, mitigated by experimentation, which
the deploy frequency and the experiments answer measure. Then one persona of the panel, end to
end, and the expectations file's guard against ids the questionnaire lacks.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from benchmarks.advice_panel import (
    EXPECTATIONS,
    Scorer,
    inert_answers,
    load_expectations,
    measure,
    monotonicity,
    one_step_better,
    options_best_first,
    profile_sensitivity,
    unknown_beats_answer,
)

from scaleready.formats.answers import Answer
from scaleready.formats.questionnaire import Question, Questionnaire
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA, REPO, Writer


@cache
def mini() -> Questionnaire:
    return load_questionnaire(DATA / "mini.yaml")[0]


@cache
def bundled() -> Questionnaire:
    return load_questionnaire(REPO / "questionnaires" / "scaling-readiness.yaml")[0]


def question(q: Questionnaire, qid: str) -> Question:
    found = q.question(qid)
    assert found is not None
    return found


def answers(engineers: int) -> dict[str, Answer]:
    # experimentation = (0.5 x 0.5 + 1.0 x 1) / 1.5 = 0.833; exposure = mean(0.8, 0.8) = 0.8
    return {
        "engineers": Answer(value=engineers),
        "funded": Answer(value=False),
        "deploy-frequency": Answer(value="weekly"),
        "experiments": Answer(value=3),
        "founder-approves": Answer(value=("hiring",)),
    }


def test_alternatives_run_best_to_worst_and_one_step_is_the_next_level() -> None:
    q = mini()
    deploys = question(q, "deploy-frequency")
    assert options_best_first(q, deploys) == ["on-demand", "weekly", "rarely"]
    assert one_step_better(q, deploys, "rarely") == ["weekly"]
    assert one_step_better(q, deploys, "on-demand") == []
    approvals = question(q, "founder-approves")
    assert options_best_first(q, approvals) == [("hiring", "releases"), ("hiring",), ("releases",)]
    assert one_step_better(q, approvals, ("hiring",)) == [("hiring", "releases")]


def test_the_hand_made_case_early() -> None:
    q = mini()
    given = answers(12)
    score = Scorer(q)
    base = score(given)
    assert (base.stage, base.readiness, base.risk("no-problem-solution-fit")) == (
        "early",
        86.7,
        0.133,
    )
    # Every scored answer moves something at the early stage.
    assert inert_answers(q, given, score).scored == (
        "deploy-frequency",
        "experiments",
        "founder-approves",
    )
    assert inert_answers(q, given, score).inert == ()
    # Five answered questions: five blanks, and four don't knows (engineers refuses it). An
    # unknown counts at its worst (score 0, exposure 1), so none of them beats its answer.
    unknown = unknown_beats_answer(q, given, score)
    assert unknown.tried == 9
    assert unknown.violations == ()
    # weekly -> on-demand, and ticking "releases" too; experiments is already at its best.
    mono = monotonicity(q, given, score)
    assert (mono.tried, mono.violations) == (2, ())


def test_the_hand_made_case_late() -> None:
    q = mini()
    given = answers(52)
    score = Scorer(q)
    assert score(given).stage == "late"
    # The only factor is early-stage; at the late stage it weighs less, but its answers still
    # move it: nothing is inert, and no unknown beats an answer.
    assert inert_answers(q, given, score).inert == ()
    assert len(unknown_beats_answer(q, given, score).violations) == 0
    # engineers 52 -> 47 (10% down) makes the organisation early: the label changes, the risk
    # (from answers, not from a rule) does not. Three profile steps: engineers 47, 57, funded.
    move = profile_sensitivity(q, given, score)
    assert (move.tried, move.stage_changes) == (3, 1)
    assert move.largest == 0.0


def test_one_persona_end_to_end() -> None:
    q = bundled()
    expectation = next(
        e for e in load_expectations(EXPECTATIONS, q) if e.name == "healthy-early-team"
    )
    given = load_answers(REPO / expectation.file, q)
    report = measure(q, given, expectation)
    assert report.result.stage.id == "early"
    assert set(report.inert.inert) <= set(report.inert.scored)
    answered = [qid for qid, a in given.answers.items() if a.status == "answered"]
    offers = [qid for qid in answered if question(q, qid).dont_know]
    assert report.unknown.tried == len(answered) + len(offers)
    assert report.checks[0].name == "stage early"
    assert report.checks[0].passed


def test_every_persona_file_exists_and_every_id_is_real() -> None:
    expectations = load_expectations(EXPECTATIONS, bundled())
    assert len(expectations) >= 12
    for e in expectations:
        assert (REPO / e.file).is_file(), e.file
        assert e.stage


def test_an_unknown_id_in_the_expectations_is_refused(write: Writer) -> None:
    path = write(
        "panel.yaml",
        "personas:\n  - file: examples/premature-scaler.yaml\n    stage: early\n"
        "    risks_flagged: [premature-scalin]\n",
    )
    with pytest.raises(ValueError, match="premature-scalin"):
        load_expectations(Path(path), bundled())
