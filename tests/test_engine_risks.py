"""Failure factors: exposure from symptoms, signals, rules and parts; mitigation; residual risk."""

from __future__ import annotations

import pytest

from scaleready.engine.stage import relevance
from scaleready.formats.questionnaire import FailureFactor
from scaleready.loading.questionnaire import check_questionnaire
from scaleready.loading.yaml_source import parse_yaml
from scaleready.vocabulary import level_of
from tests.test_engine_lab import EARLY, LAB, factor, load_text, run


def test_exposure_from_symptom_answers_is_the_weighted_mean_of_one_minus_score() -> None:
    # hires some = 0.5 -> exposure 0.5; mitigation (0.5 x discipline 0.5 + 0.5 x delivery 0) / 1
    result = run(EARLY)
    hiring = factor(result, "hiring")
    assert hiring.exposure == 0.5
    assert hiring.exposure_from == "answers"
    assert hiring.symptom_exposure == 0.5
    assert hiring.mitigation == 0.25
    assert hiring.residual_risk == 0.375  # 0.5 x (1 - 0.25)
    assert hiring.level == "medium"
    assert hiring.triggered_by.questions == ("hires",)


def test_a_signal_contributes_its_exposure_to_the_factors_it_indicates() -> None:
    # fire-time 20 -> band score 0.5 -> signal exposure 0.5 -> slow's exposure 0.5
    # slow's mitigation: (0.6 x delivery 0 + 0.4 x platform 1) / 1 = 0.4 -> residual 0.3
    result = run(EARLY)
    slow = factor(result, "slow")
    assert [(s.id, s.exposure) for s in slow.signals] == [("fires", 0.5)]
    assert [a.question for a in slow.signals[0].answers] == ["fire-time"]
    assert (slow.exposure, slow.mitigation, slow.residual_risk) == (0.5, 0.4, 0.3)
    assert slow.triggered_by.questions == ("fire-time",)
    assert not slow.relevant  # a late-stage factor; the organisation is early


def test_symptoms_and_signals_average_together() -> None:
    # give slow a direct symptom too: cd measures it with weight 0.5 (cd none -> 1.0)
    text = LAB.replace(
        "measures: [{capability: delivery}, {value: own-it, weight: 0.5}, {outcome: speed}]",
        "measures: [{capability: delivery}, {value: own-it, weight: 0.5}, {outcome: speed},"
        " {failure_factor: slow, weight: 0.5}]",
    )
    result = run(EARLY, load_text(text))
    # (1.0 x 0.5 + signal 0.5 x 1) / 1.5 = 0.6667
    assert factor(result, "slow").exposure == pytest.approx(0.667)


def test_a_rule_raises_exposure_to_at_least_its_level() -> None:
    # 40 engineers at the early stage: hiring-spree holds (level 0.7)
    result = run({**EARLY, "engineers": 40})
    premature = factor(result, "premature")
    assert [r.id for r in premature.rules] == ["hiring-spree"]
    assert premature.exposure == 0.7
    assert premature.exposure_from == "rules"
    assert premature.triggered_by.rules == ("hiring-spree",)
    # the rule's residual 0.7 x (1 - discipline 0.5) = 0.35 is below its part hiring's
    # 0.5 x (1 - 0.25) = 0.375: a parent is never less at risk than any of its parts
    assert premature.residual_risk == 0.375


def test_a_rule_never_lowers_exposure() -> None:
    # hires none: hiring's exposure is 1.0; a rule raising it to 0.3 changes nothing
    text = LAB.replace(
        "raise: {failure_factor: premature, level: 0.7}",
        "raise: {failure_factor: hiring, level: 0.3}",
    )
    result = run({**EARLY, "engineers": 40, "hires": "none"}, load_text(text))
    hiring = factor(result, "hiring")
    assert hiring.exposure == 1.0
    assert hiring.exposure_from == "answers"
    assert [r.id for r in hiring.rules] == ["hiring-spree"]


def test_a_rules_only_factor_is_unexposed_once_its_rules_could_look() -> None:
    # premature has no symptom question; hiring-spree read engineers and did not hold -> 0 of its
    # own. It rolls up its part hiring (0.5), so its exposure is 0.5, from its parts.
    result = run(EARLY)
    premature = factor(result, "premature")
    assert premature.exposure == 0.5
    assert premature.exposure_from == "parts"
    assert [(p.id, p.exposure) for p in premature.parts] == [("hiring", 0.5)]
    assert premature.triggered_by.parts == ("hiring",)
    assert premature.triggered_by.questions == ("hires",)  # inherited from the part
    # hires full: the part is unexposed, and so is the parent
    calm = run({**EARLY, "hires": "full"})
    assert factor(calm, "premature").exposure == 0.0
    assert factor(calm, "premature").triggered_by.parts == ()


def test_a_parent_is_at_least_as_exposed_as_its_most_exposed_part() -> None:
    # premature at 0.7 by rule; hiring at 1.0 by its symptom -> premature 1.0 from parts
    result = run({**EARLY, "engineers": 40, "hires": "none"})
    assert factor(result, "hiring").exposure == 1.0
    premature = factor(result, "premature")
    assert premature.exposure == 1.0
    assert premature.exposure_from == "parts"
    assert premature.triggered_by.rules == ("hiring-spree",)


def test_an_unknown_symptom_counts_at_its_worst_with_no_confidence() -> None:
    # hires unanswered: hiring could have been measured but was not -> its worst, exposure 1
    raw = {k: v for k, v in EARLY.items() if k != "hires"}
    hiring = factor(run(raw), "hiring")
    assert hiring.exposure == 1.0
    assert hiring.exposure_from == "answers"
    assert hiring.confidence == 0.0
    assert hiring.triggered_by.questions == ("hires",)
    # engineers unanswered too: the rule could hold for some number, so it fires
    bare = run({"budget": "some"})
    assert [r.id for r in factor(bare, "premature").rules] == ["hiring-spree"]
    assert factor(bare, "premature").exposure == 1.0


def test_an_unscored_mitigating_capability_counts_as_zero_and_is_flagged() -> None:
    # delivery unanswered: hiring's mitigation is (0.5 x 0.5 + 0.5 x 0) / 1
    raw = {k: v for k, v in EARLY.items() if k != "cd"}
    result = run(raw)
    hiring = factor(result, "hiring")
    assert hiring.mitigation == 0.25
    assert hiring.unscored_capabilities == ("delivery",)
    assert any("counted as 0" in w and "delivery" in w for w in result.warnings)


def test_mitigation_weights_are_normalised() -> None:
    # slow: delivery 0.6, platform 0.4; delivery 2/3 (cd full, practices unanswered counts 0 at
    # weight 0.5), platform none: 0.6 x 0.667 + 0.4 x 0 = 0.4
    result = run({**EARLY, "cd": "full", "platform-team": False})
    assert factor(result, "slow").mitigation == 0.4


@pytest.mark.parametrize(
    ("risk", "level"),
    [
        (0.0, "low"),
        (0.2494, "low"),
        (0.25, "medium"),
        (0.2496, "medium"),  # levels read the residual risk as shown, to 3 decimals
        (0.4994, "medium"),
        (0.5, "high"),
        (0.7494, "high"),
        (0.75, "critical"),
        (1.0, "critical"),
    ],
)
def test_level_thresholds(risk: float, level: str) -> None:
    assert level_of(risk) == level


def test_a_part_of_cycle_is_refused_before_the_engine_sees_it() -> None:
    text = LAB.replace(
        "    - id: premature\n      name: Premature scaling\n",
        "    - id: premature\n      name: Premature scaling\n      part_of: hiring\n",
    )
    _, problems = check_questionnaire(parse_yaml(text, "test.yaml"))
    assert [p.message for p in problems if p.severity == "error"] == [
        "part_of goes round in a circle: premature -> hiring -> premature",
        "part_of goes round in a circle: hiring -> premature -> hiring",
    ]


def test_two_firing_rules_are_never_weaker_than_one() -> None:
    # a second rule on premature at 0.5: 1 - (1 - 0.7 x 0.5)(1 - 0.5 x 0.5) = 0.5125 residual
    # (discipline 0.5 mitigates both), above either rule alone (0.35) and above hiring's 0.375
    text = LAB.replace(
        "    because: Thirty engineers before product/market fit\n",
        "    because: Thirty engineers before product/market fit\n"
        "  - id: also-big\n"
        '    when: "answers.engineers >= 30"\n'
        "    raise: {failure_factor: premature, level: 0.5}\n"
        "    because: Many engineers\n",
        1,
    )
    premature = factor(run({**EARLY, "engineers": 40}, load_text(text)), "premature")
    assert sorted(r.id for r in premature.rules) == ["also-big", "hiring-spree"]
    assert premature.residual_risk == 0.512  # 0.5125 rounded half to even
    assert premature.exposure == 0.85  # 1 - (1 - 0.7)(1 - 0.5)


def test_a_rule_is_mitigated_only_by_the_capabilities_it_names() -> None:
    # hiring mitigated by discipline (0.5) and delivery (0); a rule on hiring naming delivery is
    # mitigated by delivery alone: 0.7 x (1 - 0) = 0.7, where the whole list would give 0.525
    text = LAB.replace(
        "raise: {failure_factor: premature, level: 0.7}",
        "raise: {failure_factor: hiring, level: 0.7}\n    mitigated_by: [delivery]",
    )
    hiring = factor(run({**EARLY, "engineers": 40}, load_text(text)), "hiring")
    assert hiring.residual_risk == 0.7


def test_a_rule_may_only_name_capabilities_that_mitigate_its_factor() -> None:
    text = LAB.replace(
        "raise: {failure_factor: premature, level: 0.7}",
        "raise: {failure_factor: premature, level: 0.7}\n    mitigated_by: [platform]",
    )
    questionnaire, problems = check_questionnaire(parse_yaml(text, "lab.yaml"))
    assert [p.message for p in problems if p.severity == "error"] == [
        "'platform' does not mitigate failure factor 'premature'"
    ]
    assert questionnaire is not None


def test_the_stage_weight_is_a_straight_line_in_the_lateness() -> None:
    q = load_text(LAB)

    def weight(stages: tuple[str, ...], x: float) -> float:
        return relevance(q, FailureFactor(id="f", name="F", stages=stages), x)

    late = [weight(("late",), x) for x in (0.0, 0.5, 1.0)]
    early = [weight(("early",), x) for x in (0.0, 0.5, 1.0)]
    assert late == pytest.approx([0.3, 0.65, 1.0])
    assert early == pytest.approx([1.0, 0.65, 0.3])
    assert weight(("early", "late"), 0.2) == 1.0
