"""Mechanisms chosen for the capability and the risks firing, with prerequisites; and the
concrete why that opens each recommendation (engine._mechanisms, engine._why)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaleready.engine import assess
from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import Recommendation
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import check_questionnaire, load_questionnaire
from scaleready.loading.yaml_source import parse_yaml
from tests.test_engine_lab import EARLY, LAB, load_text, run

ROOT = Path(__file__).resolve().parents[1]

# adr grows discipline; postmortems address hiring; reviews need a budget answered "full".
LINKED = LAB.replace(
    "    - {id: reviews, name: Business reviews, applies: [frugal]}\n"
    "    - {id: adr, name: Decision records, applies: [own-it, frugal]}\n"
    "    - {id: postmortems, name: Post-mortems, applies: [own-it]}\n",
    "    - {id: reviews, name: Business reviews, applies: [frugal], grows: [discipline],\n"
    "       requires: \"answers.budget == 'full'\", requires_because: reviews need a budget.}\n"
    "    - {id: adr, name: Decision records, applies: [own-it, frugal], grows: [discipline]}\n"
    "    - {id: postmortems, name: Post-mortems, applies: [own-it], addresses: [hiring]}\n",
)


def advice(raw: dict[str, object], q: Questionnaire, capability: str) -> Recommendation:
    """The recommendation for ``capability``, wherever the ranking puts it."""
    return next(r for r in run(raw, q).recommendations if r.capability == capability)


def test_mechanisms_that_grow_the_capability_come_first_and_prerequisites_are_checked() -> None:
    rec = advice(EARLY, load_text(LINKED), "discipline")
    assert [(m.id, m.link, m.waits_for) for m in rec.mechanisms] == [
        ("adr", "grows", None),
        ("reviews", "grows", "reviews need a budget."),
        ("postmortems", "addresses", None),  # discipline reduces hiring, which it addresses
    ]
    assert "Mechanisms to adopt first: Decision records (unmeasured)." in rec.why
    assert "Business reviews wait: reviews need a budget." in rec.why


def test_a_mechanism_addressing_a_firing_risk_is_named_when_none_grows_the_capability() -> None:
    rec = advice(EARLY, load_text(LINKED), "delivery")
    assert (rec.mechanisms[0].id, rec.mechanisms[0].link) == ("postmortems", "addresses")
    assert "Mechanisms to adopt first: Post-mortems (unmeasured)." in rec.why


def test_a_prerequisite_needs_its_reason() -> None:
    text = LINKED.replace(", requires_because: reviews need a budget.", "")
    questionnaire, problems = check_questionnaire(parse_yaml(text, "bad.yaml"))
    assert questionnaire is None
    assert any("requires_because" in str(p) for p in problems)


def test_the_why_opens_with_the_rule_and_the_answers_behind_it() -> None:
    rec = advice({**EARLY, "engineers": 40}, load_text(LINKED), "discipline")
    assert rec.why.startswith(
        "Why: Thirty engineers before product/market fit (You answered: How many engineers? "
        '"40".) Financial discipline is 50/100'
    )


def test_without_a_rule_the_why_opens_with_the_worst_answers() -> None:
    rec = advice(EARLY, load_text(LINKED), "discipline")
    assert rec.why.startswith('Why: You answered: Do you hire to plan, not ahead of it? "Some".')


@pytest.fixture(scope="module")
def bundled() -> Questionnaire:
    return load_questionnaire(ROOT / "questionnaires" / "scaling-readiness.yaml")[0]


def test_skip_levels_are_never_advised_to_a_company_without_managers(
    bundled: Questionnaire,
) -> None:
    # Quillmate: 46 engineers report to the founding CTO (one layer).
    path = ROOT / "examples" / "founder-bottleneck.yaml"
    result = assess(bundled, load_answers(path, bundled))
    for rec in result.recommendations:
        assert "Mechanisms to adopt first: Skip-level" not in rec.why
        assert ", Skip-level 1:1s (" not in rec.why
    assert "Skip-level 1:1s wait: they need a manager's manager" in result.recommendations[0].why


def test_a_metrics_review_is_not_advised_without_metrics(bundled: Questionnaire) -> None:
    path = ROOT / "examples" / "mostly-dont-know.yaml"
    result = assess(bundled, load_answers(path, bundled))
    for rec in result.recommendations:
        assert "adopt first: Bi-weekly metrics review" not in rec.why


def test_a_capability_whose_prerequisite_fails_is_advised_last_saying_what_it_waits_for() -> None:
    text = LINKED.replace(
        "    - {id: discipline, name: Financial discipline, influenced_by: [frugal]}\n",
        "    - {id: discipline, name: Financial discipline, influenced_by: [frugal],\n"
        "       requires: 'answers.reviews_held', requires_because: discipline needs reviews.}\n",
    )
    # With delivery fully in place, discipline leads when nothing holds it back...
    answers = {**EARLY, "cd": "full"}
    free = run(answers, load_text(LINKED)).recommendations
    assert [r.capability for r in free] == ["discipline", "delivery"]
    # ...and its unmet prerequisite (reviews-held unanswered) moves it behind delivery.
    ranked = run(answers, load_text(text)).recommendations
    assert [(r.rank, r.capability) for r in ranked] == [(1, "delivery"), (2, "discipline")]
    assert ranked[1].why.startswith("Not before: discipline needs reviews. Why: ")
    # With the prerequisite met, discipline leads again, with no "Not before".
    held = run({**answers, "reviews-held": True}, load_text(text)).recommendations
    assert [r.capability for r in held] == ["discipline", "delivery"]
    assert not held[0].why.startswith("Not before")
