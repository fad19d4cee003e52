"""The mechanism-mix benchmark reads the mechanisms a why names to adopt first."""

from __future__ import annotations

from benchmarks.mechanism_mix import named

NAMES = {"one-on-ones": "1:1s", "skip-levels": "Skip-level 1:1s", "adr": "Decision records"}


def test_named_reads_the_to_adopt_sentence_in_order_without_substring_clashes() -> None:
    why = (
        "Why: x. Cap is 5/100. Mechanisms to adopt first: Skip-level 1:1s (unmeasured), "
        "1:1s (50/100). Decision records (10/100) wait: later."
    )
    assert named(why, NAMES) == ["skip-levels", "one-on-ones"]


def test_a_why_without_mechanisms_names_none() -> None:
    assert named("Cap is 5/100; at 100 it would remove 0.1.", NAMES) == []
