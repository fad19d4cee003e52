"""``explain``: every number behind a finding, down to the answers and rules."""

from __future__ import annotations

import pytest

from scaleready.errors import UsageError
from scaleready.render.explain import explain, known_ids
from tests.test_engine_lab import EARLY, lab, load_text, run
from tests.test_engine_not_yet import INVESTING


def test_a_failure_factor_shows_every_number_down_to_the_answers() -> None:
    text = explain(run(EARLY), lab(), "hiring")
    assert "Failure factor hiring: Hiring too early" in text
    assert "residual risk 0.375 (medium) = exposure 0.500 x (1 - mitigation 0.250)" in text
    assert "levels: low < 0.25 <= medium < 0.5 <= high < 0.75 <= critical" in text
    # the answer: question id, answer (with its label), health score, exposure, weight
    assert "hires = some (Some): score 0.500, exposure 1 - 0.500 = 0.500, weight 1" in text
    assert "discipline (Financial discipline): weight 0.5, score 50/100" in text
    assert "delivery (Continuous delivery): weight 0.5, score 0/100" in text
    assert "triggered by: questions hires; rules none" in text


def test_a_rule_is_explained_with_its_condition_and_reason() -> None:
    text = explain(run({**EARLY, "engineers": 40}), lab(), "premature")
    assert "exposure 0.700, decided by rules" in text
    assert (
        "rule hiring-spree: level 0.7, because Thirty engineers before product/market fit" in text
    )
    assert "when: stage == 'early' and answers.engineers >= 30" in text
    assert "parts (exposure at least the highest of them):" in text
    assert "hiring: exposure 0.500" in text


def test_signals_and_the_prior_are_explained() -> None:
    text = explain(run(EARLY), lab(), "slow")
    assert "signal fires (Firefighting): exposure 0.500, weight 1" in text
    assert "fire-time = 20: score 0.500, exposure 1 - 0.500 = 0.500" in text
    assert "not shown: weighs 0.30 at the early stage, confidence 100%" in text
    raw = {k: v for k, v in EARLY.items() if k != "hires"}
    unknown = explain(run(raw), lab(), "hiring")
    assert "exposure 1.000, decided by answers" in unknown
    assert "hires: unanswered (unknown: counts at its worst, score 0)" in unknown
    assert "confidence 0%" in unknown


def test_a_capability_shows_its_answers_and_its_recommendation() -> None:
    text = explain(run({**EARLY, "cd": "some", "practices": ["ci", "flags"]}), lab(), "delivery")
    assert "Capability delivery: Continuous delivery" in text
    assert "score 60/100 = 100 x sum(weight x score) / sum(weight) over 2 of 2" in text
    assert "cd = some (Some): score 0.500, weight 1" in text
    assert "practices = [ci (CI), flags (Feature flags)]: score 0.800, weight 0.5" in text
    assert "Recommendation #1: grow delivery" in text
    # hiring: 0.5 x (1 - (0.5 x 0.5 + 0.5 x 0.6)) = 0.225; delivery at 100: 0.5 x 0.25 = 0.125
    assert "hiring: residual 0.225 -> 0.125 at 100, removes 0.100 (stage weight 1.00)" in text
    assert "mechanism adr (Decision records): unmeasured, applies own-it" in text


def test_an_out_of_stage_capability_says_so_and_is_no_not_yet_finding() -> None:
    text = explain(run(EARLY), lab(), "platform")
    assert "stages: late (does not fit the early stage)" in text
    assert "Not yet" not in text


def test_a_not_yet_investment_is_explained_by_its_question() -> None:
    q = load_text(INVESTING)
    text = explain(run(EARLY, q), q, "platform-team")
    # The lab sets no wording: the neutral measure.
    assert "Not yet: A platform team (question platform-team, ahead of time 1.000)" in text
    assert 'You answered "Do you have a platform team?" with "yes".' in text


def test_stage_and_score_are_explained() -> None:
    result = run({**EARLY, "engineers": 60})
    stage = explain(result, lab(), "stage")
    assert "Stage: transition (Transition)" in stage
    assert "signal big (weight 1): holds; Fifty or more engineers" in stage
    assert "engineers = 60: no score" in stage
    score = explain(result, lab(), "score")
    assert "Readiness score 70.9/100" in score
    # delivery: hiring's tree 0.65 x 0.5 / 1 + slow's 0.65 x 0.6 / 1 = 0.715
    assert "delivery: weight 0.715, score 0/100" in score


def test_values_mechanisms_and_outcomes_are_explained() -> None:
    result = run({**EARLY, "reviews-held": True})
    assert "Value frugal: Be frugal" in explain(result, lab(), "frugal")
    assert "reviews-held = true: score 1.000, weight 1" in explain(result, lab(), "reviews")
    assert "Outcome speed: Delivery speed" in explain(result, lab(), "speed")


def test_an_unknown_id_is_a_usage_error_with_a_suggestion() -> None:
    result = run(EARLY)
    with pytest.raises(UsageError, match=r"nothing called 'hirng'.*did you mean 'hiring'\?"):
        explain(result, lab(), "hirng")
    assert {"stage", "score", "hiring", "delivery", "frugal", "adr", "speed"} <= set(
        known_ids(result)
    )


def test_every_id_of_a_bundled_example_can_be_explained() -> None:
    from scaleready.engine import assess
    from scaleready.loading.answers import load_answers
    from tests.conftest import REPO
    from tests.test_engine_properties import bundled

    q = bundled()
    examples = sorted((REPO / "examples").glob("*.yaml"))
    if isinstance(q, str) or not examples:
        pytest.skip(q if isinstance(q, str) else "no examples yet")
    result = assess(q, load_answers(examples[0], q))
    for item_id in known_ids(result):
        assert item_id in explain(result, q, item_id)
