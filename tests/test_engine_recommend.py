"""Readiness score, recommendations (priority, ranking, chain) and "not yet" findings."""

from __future__ import annotations

from tests.test_engine_lab import EARLY, LAB, capability, load_text, run


def test_readiness_weighs_capabilities_by_the_relevant_exposure_they_mitigate() -> None:
    # early: premature (exposure 0.5 via its part; discipline 1.0) and hiring (0.5; discipline
    # 0.5, delivery 0.5). weight(discipline) = 0.5 x 1 + 0.5 x 0.5 = 0.75, weight(delivery) =
    # 0.5 x 0.5 = 0.25; platform is a late-stage capability and does not count.
    # readiness = (0.75 x 0.5 + 0.25 x 0) / 1.0 = 0.375
    result = run(EARLY)
    assert result.score == 37.5
    assert result.readiness.score == 37.5
    assert [(t.capability, t.weight) for t in result.readiness.terms] == [
        ("discipline", 0.75),
        ("delivery", 0.25),
    ]
    assert capability(result, "platform").weight == 0.0


def test_readiness_follows_exposure() -> None:
    # 40 engineers: hiring-spree raises premature to 0.7; weight(discipline) = 0.7 + 0.25 = 0.95
    # readiness = 0.95 x 0.5 / (0.95 + 0.25) = 0.3958
    result = run({**EARLY, "engineers": 40})
    assert result.score == 39.6


def test_readiness_without_exposure_weighs_relevant_factors_equally() -> None:
    # nothing exposed: every relevant factor counts with exposure 1 -> weights 1.5 and 0.5
    # readiness = (1.5 x 0.5 + 0.5 x 0.5) / 2 = 0.5
    result = run({**EARLY, "hires": "full", "cd": "some"})
    assert all(f.exposure == 0 for f in result.failure_factors if f.relevant)
    assert result.score == 50.0
    assert [(t.capability, t.weight) for t in result.readiness.terms] == [
        ("discipline", 1.5),
        ("delivery", 0.5),
    ]


def test_transition_counts_both_stages() -> None:
    # weights: discipline 0.75, delivery 0.25 + slow 0.5 x 0.6 = 0.55, platform 0.5 x 0.4 = 0.2
    # readiness = (0.75 x 0.5 + 0.55 x 0 + 0.2 x 1) / 1.5 = 0.3833
    result = run({**EARLY, "engineers": 60})
    assert result.stage.id == "transition"
    assert result.score == 38.3
    # priorities: delivery 0.55 x (1 - 0) = 0.55; discipline 0.75 x 0.5 = 0.375; platform is 100
    assert [(r.capability, r.priority) for r in result.recommendations] == [
        ("delivery", 0.55),
        ("discipline", 0.375),
    ]
    assert result.not_yet == ()


def test_priority_is_the_residual_risk_removed_at_100() -> None:
    # discipline (0.5): premature 0.5 x 1/1 x 0.5 = 0.25, hiring 0.5 x 0.5/1 x 0.5 = 0.125
    # delivery (0): hiring 0.5 x 0.5/1 x 1 = 0.25
    result = run(EARLY)
    assert [(r.rank, r.capability, r.priority) for r in result.recommendations] == [
        (1, "discipline", 0.375),
        (2, "delivery", 0.25),
    ]
    first = result.recommendations[0]
    assert [(f.id, f.removed, f.residual_risk) for f in first.failure_factors] == [
        ("premature", 0.25, 0.25),
        ("hiring", 0.125, 0.375),
    ]


def test_a_capability_that_mitigates_several_factors_ranks_first() -> None:
    # budget none, cd none: discipline mitigates premature and hiring, delivery only hiring
    result = run({**EARLY, "budget": "none"})
    assert result.recommendations[0].capability == "discipline"
    assert result.recommendations[0].priority == 0.75  # 0.5 x 1 + 0.5 x 0.5


def test_ties_are_broken_by_id() -> None:
    # both capabilities mitigate both factors equally and both score 0: delivery < discipline
    text = LAB.replace(
        "mitigated_by: {discipline: 1.0}", "mitigated_by: {discipline: 0.5, delivery: 0.5}"
    )
    result = run({**EARLY, "budget": "none"}, load_text(text))
    assert [(r.capability, r.priority) for r in result.recommendations] == [
        ("delivery", 0.5),
        ("discipline", 0.5),
    ]


def test_a_capability_at_100_is_not_recommended() -> None:
    result = run({**EARLY, "budget": "full"})
    assert [r.capability for r in result.recommendations] == ["delivery"]


def test_the_chain_runs_from_mechanisms_to_outcomes_with_the_answers_behind_each_link() -> None:
    result = run({**EARLY, "reviews-held": True})
    rec = result.recommendations[0]
    assert rec.capability == "discipline"
    assert rec.questions == ("budget",)
    # mechanisms applying frugal, weakest first (unmeasured counts as absent): adr, then reviews
    assert [(m.id, m.score, m.applies, m.questions) for m in rec.mechanisms] == [
        ("adr", None, ("frugal",), ()),
        ("reviews", 100.0, ("frugal",), ("reviews-held",)),
    ]
    assert [(v.id, v.score, v.questions) for v in rec.values] == [("frugal", 50.0, ("budget",))]
    assert [f.id for f in rec.failure_factors] == ["premature", "hiring"]
    assert rec.failure_factors[1].questions == ("hires",)
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
