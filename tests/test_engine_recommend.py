"""Readiness score, recommendations (priority, ranking, chain) and "not yet" findings."""

from __future__ import annotations

from tests.test_engine_lab import EARLY, LAB, capability, load_text, run


def test_readiness_is_one_minus_the_stage_weighted_residual_risk_of_the_trees() -> None:
    # early (lateness 0): premature's tree weighs 1, slow (late) 0.3. hiring (part of premature):
    # 0.5 x (1 - (0.5 x 0.5 + 0.5 x 0)) = 0.375, and premature is never below its part: 0.375.
    # slow: the fires signal 0.5 x (1 - (0.6 x delivery 0 + 0.4 x platform 1)) = 0.3.
    # each tree counts once, as the mean of its worst node and of its nodes' own evidence:
    # premature has none of its own (its rule does not hold), so premature's tree is
    # (0.375 + (0 + 0.375) / 2) / 2 = 0.28125, slow's (0.3 + 0.3) / 2 = 0.3.
    # readiness = 1 - (1 x 0.28125 + 0.3 x 0.3) / 1.3 = 0.7144
    result = run(EARLY)
    assert result.score == 71.4
    assert result.readiness.score == 71.4
    assert [(f.id, f.stage_weight, f.residual_risk) for f in result.failure_factors] == [
        ("premature", 1.0, 0.375),
        ("hiring", 1.0, 0.375),
        ("slow", 0.3, 0.3),
    ]
    # each capability's stage-weighted share of each tree, counted once per tree (display only)
    assert [(t.capability, t.weight) for t in result.readiness.terms] == [
        ("discipline", 1.0),
        ("delivery", 0.68),
        ("platform", 0.12),
    ]
    assert capability(result, "platform").weight == 0.12


def test_readiness_falls_when_a_rule_fires() -> None:
    # budget none: hiring 0.5, premature 0.5 from its part and 0 of its own: the tree is
    # (0.5 + (0 + 0.5) / 2) / 2 = 0.375 -> 1 - (0.375 + 0.09) / 1.3 = 0.6423. With 40 engineers
    # hiring-spree fires on premature: 0.7 x 1 x (1 - discipline 0) = 0.7 of its own; the tree is
    # (0.7 + (0.7 + 0.5) / 2) / 2 = 0.65 -> 1 - (0.65 + 0.09) / 1.3 = 0.4308
    assert run({**EARLY, "budget": "none"}).score == 64.2
    assert run({**EARLY, "budget": "none", "engineers": 40}).score == 43.1


def test_a_rule_below_its_part_s_risk_still_lowers_readiness() -> None:
    # with budget some the rule's 0.7 x (1 - 0.5) = 0.35 stays below hiring's 0.375, so
    # premature's residual risk stays 0.375; but it is premature's own evidence, and counts in
    # the tree's mean: (0.375 + (0.35 + 0.375) / 2) / 2 = 0.36875 -> 1 - (0.36875 + 0.09) / 1.3
    assert run(EARLY).score == 71.4
    assert run({**EARLY, "engineers": 40}).score == 64.7


def test_an_unexposed_stage_leaves_the_other_stage_s_risk_at_its_weight() -> None:
    # nothing early is exposed; slow (late, weight 0.3) keeps 0.5 x (1 - (0.6 x 1/3 + 0.4)) = 0.2
    # (delivery: cd some 0.5, practices unanswered counts 0 -> 1/3): 1 - 0.3 x 0.2 / 1.3 = 0.9538
    result = run({**EARLY, "hires": "full", "cd": "some"})
    assert [f.exposure for f in result.failure_factors] == [0.0, 0.0, 0.5]
    assert result.score == 95.4


def test_transition_weighs_both_stages_by_lateness() -> None:
    # 60 engineers: lateness 0.5, every factor weighs 0.3 + 0.7 x 0.5 = 0.65
    # readiness = 1 - 0.65 x (0.28125 + 0.3) / 1.3 = 0.7094
    result = run({**EARLY, "engineers": 60})
    assert result.stage.id == "transition"
    assert {f.stage_weight for f in result.failure_factors} == {0.65}
    assert result.score == 70.9
    # priorities: delivery max(0.65 x 0.25) + 0.65 x 0.3 = 0.3575; discipline 0.65 x 0.125
    assert [(r.capability, r.priority) for r in result.recommendations] == [
        ("delivery", 0.357),
        ("discipline", 0.081),
    ]
    assert result.not_yet == ()


def test_priority_is_the_stage_weighted_risk_removed_at_100_each_tree_once() -> None:
    # delivery at 100: hiring 0.375 -> 0.125 (0.25), premature the same (its part), slow 0.3 -> 0
    # priority = max(1 x 0.25, 1 x 0.25) for premature's tree + 0.3 x 0.3 for slow's = 0.34
    # discipline at 100: hiring and premature 0.375 -> 0.25: 0.125, once
    result = run(EARLY)
    assert [(r.rank, r.capability, r.priority) for r in result.recommendations] == [
        (1, "delivery", 0.34),
        (2, "discipline", 0.125),
    ]
    first = result.recommendations[0]
    assert [(f.id, f.removed, f.residual_risk) for f in first.failure_factors] == [
        ("slow", 0.3, 0.3),
        ("hiring", 0.25, 0.375),
        ("premature", 0.25, 0.375),
    ]


def test_the_capability_that_addresses_the_firing_rule_ranks_first() -> None:
    # budget none, 40 engineers: hiring-spree (0.7, mitigated by discipline) is the worst risk;
    # discipline at 100 removes 0.7 from premature's tree, delivery 0.25 + 0.09
    result = run({**EARLY, "budget": "none", "engineers": 40})
    assert result.recommendations[0].capability == "discipline"
    assert result.recommendations[0].priority == 0.45  # 0.7 -> 0.25 (hiring's, as a part)


def test_equal_removals_from_the_worst_tree_keep_the_priority_order() -> None:
    # premature mitigated by both equally, both score 0: both remove 0.25 from the worst tree;
    # delivery also removes slow's 0.3 x 0.3, so it leads
    text = LAB.replace(
        "mitigated_by: {discipline: 1.0}", "mitigated_by: {discipline: 0.5, delivery: 0.5}"
    )
    result = run({**EARLY, "budget": "none"}, load_text(text))
    assert [(r.capability, r.priority) for r in result.recommendations] == [
        ("delivery", 0.34),
        ("discipline", 0.25),
    ]


def test_a_capability_at_100_is_not_recommended() -> None:
    result = run({**EARLY, "budget": "full"})
    assert [r.capability for r in result.recommendations] == ["delivery"]


def test_the_chain_runs_from_mechanisms_to_outcomes_with_the_answers_behind_each_link() -> None:
    result = run({**EARLY, "reviews-held": True})
    rec = result.recommendations[1]
    assert rec.capability == "discipline"
    assert rec.questions == ("budget",)
    # mechanisms applying frugal, weakest first (unmeasured counts as absent): adr, then reviews
    assert [(m.id, m.score, m.applies, m.questions) for m in rec.mechanisms] == [
        ("adr", None, ("frugal",), ()),
        ("reviews", 100.0, ("frugal",), ("reviews-held",)),
    ]
    assert [(v.id, v.score, v.questions) for v in rec.values] == [("frugal", 50.0, ("budget",))]
    assert [f.id for f in rec.failure_factors] == ["hiring", "premature"]
    assert rec.failure_factors[0].questions == ("hires",)
    assert [(o.id, o.score, o.questions) for o in rec.outcomes] == [("speed", 0.0, ("cd",))]
    assert "Financial discipline is 50/100" in rec.why
    # adr and reviews only share a value with discipline: neither is named to adopt first
    # (tests/test_engine_mechanisms.py has the mechanisms that grow it or address its risks).
    assert [m.link for m in rec.mechanisms] == ["values", "values"]
    assert "Mechanisms to adopt first" not in rec.why


def test_a_late_capability_scoring_well_early_is_neither_advised_nor_a_not_yet_finding() -> None:
    # A healthy outcome is not machinery: "don't build this yet" comes from questions marked
    # investment (tests/test_engine_not_yet.py), never from a capability's score.
    result = run(EARLY)  # platform-team: true at the early stage, and no question is an investment
    assert result.not_yet == ()
    assert "platform" not in [r.capability for r in result.recommendations]
    assert not capability(result, "platform").in_stage


def test_a_late_capability_that_would_rank_early_is_not_advised() -> None:
    text = LAB.replace(
        "mitigated_by: {discipline: 0.5, delivery: 0.5}",
        "mitigated_by: {discipline: 0.5, delivery: 0.5, platform: 0.5}",
    )
    result = run({**EARLY, "platform-team": False}, load_text(text))
    assert result.not_yet == ()
    assert "platform" not in [r.capability for r in result.recommendations]
