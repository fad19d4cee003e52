"""Per-question aggregation, on hand-computed examples (tests/data/mini.yaml and the bundled
questionnaire)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pytest

from scaleready.formats.answers import Answer, AnswerValue
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.questionnaire import load_questionnaire
from scaleready.workshop.aggregate import (
    QuestionAggregate,
    aggregate_question,
    kind_of,
    quartiles,
)
from scaleready.workshop.consensus import consensus_answer
from tests.conftest import DATA, REPO


@pytest.fixture(scope="module")
def mini() -> Questionnaire:
    return load_questionnaire(DATA / "mini.yaml")[0]


@pytest.fixture(scope="module")
def bundled() -> Questionnaire:
    return load_questionnaire(REPO / "questionnaires" / "scaling-readiness.yaml")[0]


def agg(
    q: Questionnaire, qid: str, values: Sequence[AnswerValue | Answer | None]
) -> QuestionAggregate:
    question = q.question(qid)
    assert question is not None
    given = [v if isinstance(v, Answer) or v is None else Answer(value=v) for v in values]
    return aggregate_question(q, question, "s", given)


def test_quantiles_interpolate_between_ranks() -> None:
    data = [10.0, 20.0, 40.0, 100.0]
    # positions p x (n - 1): 0.75, 1.5, 2.25
    assert quartiles(data) == pytest.approx((17.5, 30.0, 55.0))
    assert quartiles([7.0]) == (7.0, 7.0, 7.0)


def test_kinds(mini: Questionnaire, bundled: Questionnaire) -> None:
    kinds = {q.id: kind_of(mini, q) for q in mini.questions}
    assert kinds == {
        "engineers": "number",
        "funded": "boolean",
        "notes": "text",
        "deploy-frequency": "ordered",
        "experiments": "ordered",
        "founder-approves": "multi",
        "change-fail-rate": "number",
    }
    industry = bundled.question("industry")
    assert industry is not None
    assert kind_of(bundled, industry) == "unordered"


def test_ordered_scale_median_and_spread(mini: Questionnaire) -> None:
    a = agg(mini, "experiments", [1, 3, 3, 2])
    # In score order 1 (0), 2 (0.5), 3 (1), 3 (1): the lower of the two middle ones is 2.
    assert a.median == 2
    # Health scores 0, 0.5, 1, 1: median 0.75; mean 0.625, variance 0.6875 / 4.
    assert a.health_median == 0.75
    sd = math.sqrt(0.6875 / 4)
    assert a.health_spread == round(sd, 3)
    assert a.disagreement == round(2 * sd, 3)
    assert [(b.key, b.count) for b in a.distribution] == [(1, 1), (2, 1), (3, 2)]
    consensus = consensus_answer(mini, a)
    assert consensus is not None
    assert (consensus.status, consensus.value) == ("answered", 2)
    assert consensus.note is not None
    assert consensus.note.startswith("disputed")


def test_agreement_has_no_disagreement_and_no_note(mini: Questionnaire) -> None:
    a = agg(mini, "deploy-frequency", ["weekly", "weekly", "weekly"])
    assert (a.median, a.disagreement, a.health_spread) == ("weekly", 0.0, 0.0)
    consensus = consensus_answer(mini, a)
    assert consensus is not None
    assert (consensus.value, consensus.note) == ("weekly", None)


def test_number_without_bands(mini: Questionnaire) -> None:
    a = agg(mini, "engineers", [100, 10, 40, 20])
    assert (a.median, a.q1, a.q3) == (30, 17.5, 55.0)
    # Quartile coefficient of dispersion: (55 - 17.5) / (17.5 + 55).
    assert a.disagreement == round(37.5 / 72.5, 3)
    assert a.health_median is None
    assert [(b.label, b.count) for b in a.distribution] == [
        ("10", 1),
        ("20", 1),
        ("40", 1),
        ("100", 1),
    ]
    consensus = consensus_answer(mini, agg(mini, "engineers", [10, 20, 41, 100]))
    assert consensus is not None
    # Even count, no bands, a whole-number question: the mean 30.5 of the middle two, rounded down.
    assert consensus.value == 30


def test_number_with_bands(mini: Questionnaire) -> None:
    a = agg(mini, "change-fail-rate", [10, 20, 50])
    assert a.median == 20
    assert [(b.label, b.count, b.score) for b in a.distribution] == [
        ("up to 15", 1, 1.0),
        ("over 15, up to 30", 1, 0.5),
        ("over 30", 1, 0.0),
    ]
    # Health 1, 0.5, 0: the bands' scores disagree, not the raw numbers.
    assert a.disagreement == round(2 * math.sqrt(1 / 6), 3)
    even = consensus_answer(mini, agg(mini, "change-fail-rate", [10, 50]))
    assert even is not None
    # The two middle values score 1 and 0: the cautious one, not their mean.
    assert even.value == 50


def test_many_distinct_numbers_are_binned(mini: Questionnaire) -> None:
    a = agg(mini, "engineers", list(range(0, 160, 10)))
    assert len(a.distribution) == 8
    assert sum(b.count for b in a.distribution) == 16
    assert a.distribution[0].label == "0 to 18.75"
    assert a.distribution[-1].high == 150


def test_boolean_tie_goes_to_the_cautious_answer(mini: Questionnaire) -> None:
    a = agg(mini, "funded", [True, False])
    assert (a.mode, a.mode_share, a.disagreement) == (False, 0.5, 0.5)
    b = agg(mini, "funded", [True, True, False])
    assert (b.mode, b.mode_share, b.disagreement) == (True, 0.667, 0.333)


def test_unordered_mode_and_tie(bundled: Questionnaire) -> None:
    a = agg(bundled, "industry", ["energy", "technology", "energy", "technology", "other"])
    # technology and energy tie; technology is listed first in the questionnaire.
    assert (a.mode, a.mode_share, a.disagreement) == ("technology", 0.4, 0.6)
    assert a.median is None


def test_multi_majority(mini: Questionnaire) -> None:
    a = agg(mini, "founder-approves", [("hiring",), ("hiring", "releases"), ("releases",)])
    # Each option chosen by 2 of 3: 1 - |2 x 2/3 - 1| = 2/3.
    assert a.disagreement == 0.667
    consensus = consensus_answer(mini, a)
    assert consensus is not None
    assert consensus.value == ("hiring", "releases")
    half = agg(mini, "founder-approves", [("hiring",), ("hiring",), ("releases",), ()])
    # hiring by exactly half (disagreement 1), releases by a quarter (0.5).
    assert half.disagreement == 0.75
    tie = consensus_answer(mini, half)
    assert tie is not None
    assert tie.value == ()  # half is not a majority


def test_statuses_and_text(mini: Questionnaire) -> None:
    dk = Answer(status="dont_know")
    a = agg(mini, "deploy-frequency", [dk, dk, "weekly", None, Answer(status="unanswered")])
    assert (a.responses, a.dont_know, a.no_answer, a.participants) == (1, 2, 2, 5)
    assert a.disagreement == 0.0
    consensus = consensus_answer(mini, a)
    assert consensus is not None
    assert consensus.status == "dont_know"
    text = agg(mini, "notes", ["private words", "more words"])
    assert (text.kind, text.responses, text.distribution) == ("text", 2, ())
    assert consensus_answer(mini, text) is None
    assert consensus_answer(mini, agg(mini, "experiments", [None, None])) is None


def test_order_of_participants_does_not_matter(mini: Questionnaire) -> None:
    values: list[AnswerValue] = [3, 1, 2, 3, 1]
    assert agg(mini, "experiments", values) == agg(mini, "experiments", values[::-1])
    multi: list[AnswerValue] = [("releases", "hiring"), ("hiring",)]
    assert agg(mini, "founder-approves", multi) == agg(mini, "founder-approves", multi[::-1])
