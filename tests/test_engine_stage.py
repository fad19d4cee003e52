"""The stage: lateness from the stage signals, the transition band, and what decided it."""

from __future__ import annotations

from typing import Any

import pytest

from scaleready.engine.stage import classify
from tests.test_engine_lab import LAB, load_text, run


@pytest.mark.parametrize(
    ("raw", "stage", "lateness"),
    [
        # two signals of weight 1: big (>= 50 engineers) and funded
        ({"engineers": 10, "funded": False}, "early", 0.0),
        ({"engineers": 60, "funded": False}, "transition", 0.5),
        ({"engineers": 10, "funded": True}, "transition", 0.5),
        ({"engineers": 60, "funded": True}, "late", 1.0),
        # a signal whose question is unanswered is left out, not counted as "does not hold"
        ({"funded": True}, "late", 1.0),
        ({"engineers": 5}, "early", 0.0),
        ({"engineers": 5, "funded": {"dont_know": True}}, "early", 0.0),
    ],
)
def test_lateness_is_the_weighted_share_of_evaluable_signals_that_hold(
    raw: dict[str, Any], stage: str, lateness: float
) -> None:
    result = run(raw)
    assert result.stage.id == stage
    assert result.stage.lateness == lateness
    assert not result.stage.assumed


def test_signal_weights_count() -> None:
    # big weighs 0.25, funded 1: funded alone is 1 / 1.25 = 0.8 -> late; big alone 0.2 -> early.
    text = LAB.replace(
        "because: Fifty or more engineers}", "weight: 0.25, because: Fifty or more engineers}"
    )
    q = load_text(text)
    late = run({"engineers": 10, "funded": True}, q)
    assert (late.stage.id, late.stage.lateness) == ("late", 0.8)
    early = run({"engineers": 60, "funded": False}, q)
    assert (early.stage.id, early.stage.lateness) == ("early", 0.2)


def test_the_band_edges() -> None:
    q = load_text(LAB)
    assert classify(q, 0.399) == "early"
    assert classify(q, 0.4) == "transition"
    assert classify(q, 0.599) == "transition"
    assert classify(q, 0.6) == "late"
    meet = load_text(
        LAB.replace("early_below: 0.4", "early_below: 0.5").replace(
            "late_from: 0.6", "late_from: 0.5"
        )
    )
    assert classify(meet, 0.5) == "late"  # no transition band when the bounds meet


def test_no_evaluable_signal_assumes_early_and_says_so() -> None:
    result = run({"budget": "full"})
    assert result.stage.id == "early"
    assert result.stage.assumed
    assert result.stage.lateness is None
    assert all(s.holds is None for s in result.stage.signals)
    assert any("no stage signal could be evaluated" in w for w in result.warnings)


def test_the_result_names_the_answers_and_signals_that_decided_it() -> None:
    result = run({"engineers": 60, "funded": False})
    signals = {s.id: s for s in result.stage.signals}
    assert signals["big"].holds is True
    assert signals["funded"].holds is False
    assert [(a.question, a.value) for a in signals["big"].answers] == [("engineers", 60)]
    assert [(a.question, a.value) for a in signals["funded"].answers] == [("funded", False)]
    assert "big" in result.stage.reason
    assert result.stage.name == "Transition"


def test_transition_makes_both_stages_factors_relevant() -> None:
    early = run({"engineers": 10, "funded": False})
    transition = run({"engineers": 60, "funded": False})
    late = run({"engineers": 60, "funded": True})

    def relevant(result: Any) -> set[str]:
        return {f.id for f in result.failure_factors if f.relevant}

    assert relevant(early) == {"premature", "hiring"}
    assert relevant(transition) == {"premature", "hiring", "slow"}
    assert relevant(late) == {"slow"}


def test_a_questionnaire_without_stage_signals_assumes_early() -> None:
    start = LAB.index("stage:\n  early_below")
    end = LAB.index("sections:")
    q = load_text(LAB[:start] + LAB[end:])
    result = run({"engineers": 60}, q)
    assert result.stage.id == "early"
    assert result.stage.assumed
    assert any("no stage signals" in w for w in result.warnings)
