"""Answer health scores and the expression context (engine/facts.py)."""

from __future__ import annotations

import pytest

from scaleready.engine.facts import AnswerView, context, health_score, holds, with_aliases
from scaleready.errors import InputError
from scaleready.formats.answers import AnswerValue
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA, Writer
from tests.test_engine_lab import LAB, lab, load_text, run


def score_of(question_id: str, value: AnswerValue | None) -> float | None:
    q = lab()
    question = q.question(question_id)
    assert question is not None
    return health_score(q, question, value)


@pytest.mark.parametrize(
    ("question", "value", "expected"),
    [
        ("budget", "none", 0.0),  # scale: the chosen option's score
        ("budget", "some", 0.5),
        ("budget", "full", 1.0),
        ("platform-team", True, 1.0),  # boolean: true_score / false_score
        ("platform-team", False, 0.0),
        ("fire-time", 0, 1.0),  # number: the first band whose upto is >= the answer
        ("fire-time", 10, 1.0),  # upto is inclusive
        ("fire-time", 10.5, 0.5),
        ("fire-time", 30, 0.5),
        ("fire-time", 31, 0.0),  # the last band is open
        ("fire-time", 100, 0.0),
        ("practices", (), 0.0),  # multi: min(1, sum of the chosen options' scores)
        ("practices", ("ci",), 0.5),
        ("practices", ("ci", "trunk"), 0.9),
        ("practices", ("ci", "trunk", "flags"), 1.0),  # 1.2, capped at 1
        ("engineers", 12, None),  # a number without bands has no score
        ("budget", None, None),  # nothing answered
    ],
)
def test_health_score_by_question_type(
    question: str, value: AnswerValue | None, expected: float | None
) -> None:
    result = score_of(question, value)
    if expected is None:
        assert result is None
    else:
        assert result == pytest.approx(expected)


def test_text_questions_and_unscored_options_have_no_score() -> None:
    q, _ = load_questionnaire(DATA / "mini.yaml")
    notes = q.question("notes")
    assert notes is not None
    assert health_score(q, notes, "anything") is None
    text = LAB.replace(
        "      - id: practices\n",
        "      - {id: mood, text: Mood?, help: h, type: choice, options: [{key: ok, label: OK}]}\n"
        "      - id: practices\n",
    )
    q2 = load_text(text)
    mood = q2.question("mood")
    assert mood is not None
    assert health_score(q2, mood, "ok") is None


def test_helpers_read_answers_by_id_and_by_underscore_spelling() -> None:
    from scaleready.expressions import compiler as expressions

    q = load_text(LAB)
    ids = [x.id for x in q.questions]
    values = with_aliases({"platform-team": True, "budget": None, "fire-time": 20})
    scores = with_aliases({"platform-team": 1.0, "budget": None, "fire-time": 0.5})
    names = context(values, scores, "early")
    for source, expected in [
        ("answers.platform_team", True),
        ("answers['platform-team']", True),
        ("answered('platform-team') and not answered('budget')", True),
        ("score('fire_time') == 0.5", True),
        ("score('budget') is none", True),
        ("stage == 'early'", True),
        ("answers.budget >= 1", False),  # comparing None fails: the condition does not hold
    ]:
        checked = expressions.check(source, expressions.question_index(ids), ("answers", "stage"))
        assert not isinstance(checked, list), checked
        with_it = q.with_expressions({source: checked})
        assert holds(with_it, source, names) is expected, source


def test_answers_named_like_dict_methods_read_the_answer() -> None:
    # Jinja tries attributes before keys: a plain dict would answer answers.items with a method.
    view = AnswerView({"items": 3, "values": "x"})
    from scaleready.expressions.compiler import environment

    env = environment()
    assert env.getattr(view, "items") == 3
    assert env.getattr(view, "values") == "x"


def test_a_rule_reaching_python_internals_is_refused_at_load(write: Writer) -> None:
    text = LAB.replace(
        "when: \"stage == 'early' and answers.engineers >= 30\"",
        'when: "().__class__.__mro__"',
    )
    with pytest.raises(InputError) as caught:
        load_questionnaire(write("evil.yaml", text))
    assert "cannot reach Python internals" in str(caught.value)


def test_a_rule_reaching_internals_through_a_string_key_is_refused_at_load(write: Writer) -> None:
    text = LAB.replace(
        "when: \"stage == 'early' and answers.engineers >= 30\"",
        "when: \"answers['__class__']\"",
    )
    with pytest.raises(InputError, match="Python internals"):
        load_questionnaire(write("evil.yaml", text))


def test_a_failing_expression_does_not_crash_and_an_unknown_could_make_it_hold() -> None:
    # engineers unanswered: "None >= 30" raises inside the sandbox without crashing; "don't know"
    # is never safer, so the rule fires because some number of engineers would make it hold.
    result = run({"funded": False})
    assert [r.id for f in result.failure_factors for r in f.rules] == ["hiring-spree"]


def test_an_undefined_attribute_chain_does_not_hold() -> None:
    # answers.engineers.real on an unanswered question is Jinja's UndefinedError, not a TypeError.
    text = LAB.replace(
        "when: \"stage == 'early' and answers.engineers >= 30\"",
        'when: "answers.engineers.real.imag == 0"',
    )
    result = run({"funded": False}, load_text(text))
    # unanswered, the chain fails without crashing; an answered number has .real.imag == 0, so
    # the rule could hold and "don't know" is not let off
    assert [r.id for f in result.failure_factors for r in f.rules] == ["hiring-spree"]
