"""Scores of capabilities, values, mechanisms and outcomes; coverage; which questions apply."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaleready.engine import assess
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA
from tests.test_engine_lab import EARLY, LAB, capability, load_text, run


def test_a_capability_is_the_weighted_mean_of_its_answers() -> None:
    # delivery: cd (weight 1) and practices (weight 0.5)
    # cd some = 0.5, practices [ci, flags] = 0.5 + 0.3 = 0.8 -> (0.5 x 1 + 0.8 x 0.5) / 1.5 = 0.6
    result = run({**EARLY, "cd": "some", "practices": ["ci", "flags"]})
    delivery = capability(result, "delivery")
    assert delivery.score == 60.0
    assert (delivery.answered, delivery.total) == (2, 2)
    assert [(e.question, e.score, e.weight) for e in delivery.evidence] == [
        ("cd", 0.5, 1.0),
        ("practices", 0.8, 0.5),
    ]


def test_dont_know_and_unanswered_count_as_zero_and_are_gaps() -> None:
    # practices unanswered, cd don't know: no scored answer, so no score (not 0)
    result = run({**EARLY, "cd": {"dont_know": True}})
    delivery = capability(result, "delivery")
    assert delivery.score is None
    assert (delivery.answered, delivery.total) == (0, 2)
    assert [(g.question, g.status) for g in delivery.gaps] == [
        ("cd", "dont_know"),
        ("practices", "unanswered"),
    ]
    # with one answer, don't know counts with its weight and 0: never safer than an answer.
    # practices ["ci"] scores 1/3 at weight 0.5, cd (weight 1) unknown: (0.5 x 1/3) / 1.5
    result = run({**EARLY, "cd": {"dont_know": True}, "practices": ["ci"]})
    assert capability(result, "delivery").score == 16.7


def test_values_mechanisms_and_outcomes_are_scored_the_same_way() -> None:
    # own-it: cd (weight 0.5) only; frugal: budget; reviews: reviews-held; speed: cd
    result = run({**EARLY, "cd": "full", "budget": "some", "reviews-held": False})
    values = {v.id: v.score for v in result.values}
    assert values == {"frugal": 50.0, "own-it": 100.0}
    mechanisms = {m.id: m.score for m in result.mechanisms}
    assert mechanisms == {"reviews": 0.0, "adr": None, "postmortems": None}
    assert [(o.id, o.score) for o in result.outcomes.measured] == [("speed", 100.0)]


def test_scores_are_rounded_to_one_decimal() -> None:
    # delivery: (0.5 x 1 + 1.0 x 0.5) / 1.5 = 0.6667 -> 66.7
    result = run({**EARLY, "cd": "some", "practices": ["ci", "trunk", "flags"]})
    assert capability(result, "delivery").score == 66.7


def test_coverage_counts_every_applicable_question_by_status() -> None:
    raw = {
        **EARLY,
        "cd": {"dont_know": True},
        "reviews-held": {"not_applicable": True, "reason": "no reviews"},
    }
    result = run(raw)
    c = result.coverage
    # 9 questions: engineers funded budget platform-team hires fire-time answered (6), cd don't
    # know, reviews-held not applicable, practices unanswered
    assert (c.applicable, c.answered, c.dont_know, c.not_applicable, c.unanswered) == (
        9,
        6,
        1,
        1,
        1,
    )
    assert c.unanswered_questions == ("practices",)
    assert c.dont_know_questions == ("cd",)
    assert c.percent == pytest.approx(66.7)
    assert c.not_asked == 0


def test_questions_whose_condition_fails_do_not_count_and_their_answers_are_ignored() -> None:
    q, _ = load_questionnaire(DATA / "mini.yaml")
    answers = load_answers(DATA / "mini-answers.yaml", q)
    result = assess(q, answers)  # early: change-fail-rate is asked only when stage == 'late'
    assert result.coverage.applicable == 6
    assert result.coverage.not_asked == 1
    assert "change-fail-rate" not in result.coverage.unanswered_questions
    # don't know to a question that does not apply is no news: no warning
    assert result.warnings == ()


def test_an_answer_to_a_question_that_does_not_apply_is_ignored_with_a_warning(
    tmp_path: Path,
) -> None:
    text = LAB.replace(
        "        measures: [{failure_factor: hiring}]",
        '        measures: [{failure_factor: hiring}]\n        when: "answers.engineers >= 20"',
    )
    q = load_text(text)
    result = run({**EARLY, "hires": "none"}, q)  # 10 engineers: hires does not apply
    hiring = next(f for f in result.failure_factors if f.id == "hiring")
    assert hiring.symptoms == ()
    assert hiring.exposure_from == "prior"
    assert any("'hires' is ignored" in w and "engineers >= 20" in w for w in result.warnings)
    assert result.coverage.not_asked == 1


def test_a_section_condition_skips_all_its_questions_and_conditions_cascade() -> None:
    # practice applies only to funded organisations; a later condition reading a skipped answer
    # sees None, so it does not hold either.
    text = LAB.replace(
        "  - id: practice\n    title: Practice\n",
        '  - id: practice\n    title: Practice\n    when: "answers.funded"\n',
    ).replace(
        "  - id: practice\n",
        "  - id: extra\n    title: Extra\n    when: \"answers.budget == 'full'\"\n"
        "    questions:\n"
        "      - {id: extra-q, text: Extra?, help: h, type: boolean}\n"
        "  - id: practice\n",
    )
    # the extra section comes before practice, so move it after to test the cascade
    extra = text[text.index("  - id: extra") : text.index("  - id: practice")]
    text = text.replace(extra, "")
    text = text.replace("rules:\n", extra + "rules:\n", 1)
    q = load_text(text)
    result = run({**EARLY, "budget": "full", "extra-q": True}, q)
    assert capability(result, "discipline").score is None  # budget skipped with its section
    assert result.coverage.not_asked == 8
    assert any("'extra-q' is ignored" in w for w in result.warnings)
    funded = run({**EARLY, "funded": True, "budget": "full", "extra-q": True}, q)
    assert capability(funded, "discipline").score == 100.0
    assert funded.coverage.not_asked == 0


def test_stage_conditions_decide_what_is_asked() -> None:
    q, _ = load_questionnaire(DATA / "mini.yaml")
    from scaleready.engine.fixtures import answers_from_mapping

    late = assess(q, answers_from_mapping(q, {"engineers": 80, "change-fail-rate": 20}))
    assert late.stage.id == "late"
    assert late.coverage.not_asked == 0
    assert [m.metric for m in late.outcomes.dora.metrics] == ["changefailure"]  # type: ignore[union-attr]


def test_a_question_of_one_stage_weighs_with_that_stage_at_every_lateness() -> None:
    # practices marked late: at lateness 0 (EARLY: no signal holds) it weighs 0.5 x 0.3 = 0.15,
    # at lateness 1 (fifty engineers and funded) 0.5 x 1; it is asked and counted at both.
    text = LAB.replace(
        "        measures: [{capability: delivery, weight: 0.5}]\n",
        "        stage: late\n        measures: [{capability: delivery, weight: 0.5}]\n",
    )
    answers = {**EARLY, "cd": "some", "practices": ["ci", "flags"]}
    early = capability(run(answers, load_text(text)), "delivery")
    assert [(e.question, e.weight) for e in early.evidence] == [("cd", 1.0), ("practices", 0.15)]
    assert early.score == round(100 * (0.5 * 1 + 0.8 * 0.15) / 1.15, 1)
    late = capability(
        run({**answers, "engineers": 60, "funded": True}, load_text(text)), "delivery"
    )
    assert [(e.question, e.weight) for e in late.evidence] == [("cd", 1.0), ("practices", 0.5)]
    assert late.score == 60.0
