"""The interview without any I/O: what typed input means, and the words shown around a question."""

from __future__ import annotations

import pytest

from scaleready import interview as st
from scaleready.formats.answers import Answer
from scaleready.formats.questionnaire import Question, Questionnaire
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA


@pytest.fixture(scope="module")
def q() -> Questionnaire:
    """tests/data/interview.yaml: every question type and both kinds of condition."""
    loaded, _ = load_questionnaire(DATA / "interview.yaml")
    return loaded


def question(q: Questionnaire, qid: str) -> Question:
    found = q.question(qid)
    assert found is not None
    return found


def value(q: Questionnaire, qid: str, text: str) -> object:
    return st.parse_value(q, question(q, qid), text)


# --- parsing typed answers -----------------------------------------------------------------------


def test_choice_by_number_or_key(q: Questionnaire) -> None:
    assert value(q, "deploys", "1") == "daily"
    assert value(q, "deploys", " 3 ") == "rarely"
    assert value(q, "deploys", "rarely") == "rarely"
    assert value(q, "deploys", "RARELY") == "rarely"
    assert value(q, "deploys", "4") == st.Invalid("Type a number from 1 to 3.")
    assert value(q, "deploys", "weekly") == st.Invalid("Type a number from 1 to 3.")


def test_whole_number_keys_are_typed_as_they_are(q: Questionnaire) -> None:
    numbered = st.choices(q, question(q, "retros"))
    assert [(c.number, c.option.key) for c in numbered] == [(0, 0), (1, 1), (2, 2)]
    assert value(q, "retros", "0") == 0
    assert value(q, "retros", "2") == 2
    assert value(q, "retros", "3") == st.Invalid("Type a number from 0 to 2.")


def test_multi_takes_several_numbers_in_option_order(q: Questionnaire) -> None:
    assert value(q, "rituals", "3,1") == ("demos", "all-hands")
    assert value(q, "rituals", "1 2  3") == ("demos", "planning", "all-hands")
    assert value(q, "rituals", "2, 2") == ("planning",)
    assert value(q, "rituals", "planning, 1") == ("demos", "planning")
    assert value(q, "rituals", "-") == ()
    assert value(q, "rituals", "none") == ()
    bad = value(q, "rituals", "1, 7")
    assert isinstance(bad, st.Invalid)
    assert bad.message.startswith("'7' is not an option.")
    assert isinstance(value(q, "rituals", ","), st.Invalid)


def test_numbers(q: Questionnaire) -> None:
    assert value(q, "engineers", "42") == 42
    assert value(q, "engineers", "42 people") == 42
    assert value(q, "engineers", "42.0") == 42
    assert type(value(q, "engineers", "42.0")) is int
    assert value(q, "engineers", "4.5") == st.Invalid(
        "Type a whole number, 0 or more (people): 4.5 is not a whole number."
    )
    assert value(q, "engineers", "-1") == st.Invalid(
        "Type a whole number, 0 or more (people): -1 is out of range."
    )
    assert value(q, "engineers", "lots") == st.Invalid(
        "Type a whole number, 0 or more (people), like 42."
    )
    assert isinstance(value(q, "engineers", "inf"), st.Invalid)
    assert isinstance(value(q, "engineers", "nan"), st.Invalid)
    assert value(q, "layers", "10") == 10
    assert value(q, "layers", "many") == st.Invalid("Type a whole number from 0 to 10, like 5.")
    assert value(q, "layers", "11") == st.Invalid(
        "Type a whole number from 0 to 10: 11 is out of range."
    )


def test_fractional_numbers() -> None:
    mini, _ = load_questionnaire(DATA / "mini.yaml")
    rate = question(mini, "change-fail-rate")
    assert st.parse_value(mini, rate, "12.5%") == 12.5
    assert st.parse_value(mini, rate, "1e1") == 10.0
    assert st.describe_range(rate) == "a number from 0 to 100 (%)"


def test_booleans(q: Questionnaire) -> None:
    for typed in ("y", "Yes", "TRUE"):
        assert value(q, "has-platform", typed) is True
    for typed in ("n", "no", "False"):
        assert value(q, "has-platform", typed) is False
    assert value(q, "has-platform", "maybe") == st.Invalid("Type y for yes or n for no.")


def test_text_is_cleaned(q: Questionnaire) -> None:
    assert value(q, "comment", "  we ship on Fridays \t") == "we ship on Fridays"
    assert value(q, "comment", "arrow\x1b[Dkey") == "arrow[Dkey"
    assert value(q, "comment", "bad \udcff byte") == "bad  byte"
    assert value(q, "comment", "   ") == st.Invalid("Type your answer, or s to skip.")
    assert st.clean_text("a\u2028b\x85c") == "a\u2028bc"


# --- keys ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("?", st.Help()),
        ("help", st.Help()),
        ("b", st.Back()),
        ("B", st.Back()),
        ("s", st.Skip()),
        ("q", st.Quit()),
        ("n", st.AskNote()),
        ("note", st.AskNote()),
        ("u", st.DontKnow()),
        ("x", st.AskReason()),
        ("2", st.Give(2)),
    ],
)
def test_keys(q: Questionnaire, typed: str, expected: st.Parsed) -> None:
    assert st.parse_input(q, question(q, "retros"), typed) == expected


def test_n_means_no_at_a_yes_no_question(q: Questionnaire) -> None:
    yes_no = question(q, "has-platform")
    assert st.parse_input(q, yes_no, "n") == st.Give(False)
    assert st.parse_input(q, yes_no, "note") == st.AskNote()


def test_a_key_wins_over_an_option_with_the_same_key(q: Questionnaire) -> None:
    deploys = question(q, "deploys")
    assert st.parse_input(q, deploys, "b") == st.Back()
    assert st.parse_input(q, deploys, "2") == st.Give("b")


def test_dont_know_and_not_applicable_only_where_offered(q: Questionnaire) -> None:
    engineers = question(q, "engineers")
    assert st.parse_input(q, engineers, "u") == st.Invalid(
        'This question does not offer "don\'t know".'
    )
    assert st.parse_input(q, engineers, "x") == st.AskReason()
    deploys = question(q, "deploys")
    assert st.parse_input(q, deploys, "x") == st.Invalid(
        'This question does not offer "not applicable".'
    )
    assert st.parse_input(q, deploys, "u") == st.DontKnow()


def test_enter_keeps_an_answer_but_does_not_skip_by_accident(q: Questionnaire) -> None:
    deploys = question(q, "deploys")
    assert st.parse_input(q, deploys, "") == st.Invalid(
        "Type an answer, or s to skip (? for help)."
    )
    assert st.parse_input(q, deploys, "", Answer(value="daily")) == st.Keep()
    assert st.parse_input(q, deploys, "", Answer(status="dont_know")) == st.Keep()
    assert isinstance(
        st.parse_input(q, deploys, "", Answer(status="unanswered", note="x")), st.Invalid
    )
    assert st.parse_input(q, deploys, "", review=True) == st.Keep()


# --- what is shown -------------------------------------------------------------------------------


def test_progress_bar() -> None:
    assert st.progress_bar(0, 10) == "[--------------------]"
    assert st.progress_bar(5, 10) == "[##########----------]"
    assert st.progress_bar(10, 10) == "[####################]"
    assert st.progress_bar(0, 0) == "[--------------------]"


def test_describe_answers(q: Questionnaire) -> None:
    def said(qid: str, answer: Answer | None) -> str:
        return st.describe_answer(q, question(q, qid), answer)

    assert said("deploys", Answer(value="b")) == "2 = Every two weeks"
    assert said("retros", Answer(value=0)) == "0 = Never"
    assert said("rituals", Answer(value=("demos", "all-hands"))) == "1 = Demos, 3 = All-hands"
    assert said("rituals", Answer(value=())) == "none"
    assert said("engineers", Answer(value=12)) == "12 people"
    assert said("has-platform", Answer(value=False)) == "no"
    assert said("comment", Answer(value="ok")) == '"ok"'
    assert said("comment", Answer(status="dont_know")) == "don't know"
    assert said("comment", Answer(status="not_applicable", reason="n/a")) == "not applicable: n/a"
    assert said("comment", None) == "not answered"
    assert said("comment", Answer(status="unanswered", note="x")) == "not answered"


def test_help_says_why_and_what_it_informs(q: Questionnaire) -> None:
    lines = st.help_lines(q, question(q, "deploys"))
    assert lines[0] == "Delivery speed."
    assert lines[1] == "It informs: capability Continuous delivery; failure factor Slow delivery."
    assert "1 Daily: At least once a working day" in lines
    assert lines[-1].startswith("Keys: Enter keeps the current answer, b goes back, s skips, u ")
    assert "not applicable" not in lines[-1]


def test_keys_legend(q: Questionnaire) -> None:
    assert st.keys_legend(question(q, "engineers"), None) == (
        "? help  b back  s skip  x n/a  n note  q save & quit"
    )
    assert st.keys_legend(question(q, "has-platform"), Answer(value=True)) == (
        "Enter keep  ? help  b back  s skip  u don't know  x n/a  note  q save & quit"
    )
    assert st.keys_legend(question(q, "engineers"), None, review=True) == (
        "Enter keep  ? help  b back  s skip  x n/a  n note  g ID go to  q save & quit"
    )


def test_describe_range(q: Questionnaire) -> None:
    assert st.describe_range(question(q, "engineers")) == "a whole number, 0 or more (people)"
    assert st.describe_range(question(q, "layers")) == "a whole number from 0 to 10"


def test_section_of(q: Questionnaire) -> None:
    index, section = st.section_of(q, "layers")
    assert (index, section.id) == (2, "scale")
    with pytest.raises(KeyError):
        st.section_of(q, "nope")


def test_numbers_take_thousands_separators_and_refuse_a_decimal_comma() -> None:
    from scaleready.loading.bundled import resolve_questionnaire

    bundled, _ = load_questionnaire(resolve_questionnaire("scaling-readiness"))
    engineers = question(bundled, "engineers")
    assert st.parse_value(bundled, engineers, "1,200") == 1200
    assert st.parse_value(bundled, engineers, "1,200 people") == 1200
    assert st.parse_value(bundled, question(bundled, "toil"), "8%") == 8
    assert st.parse_value(bundled, engineers, "1,7") == st.Invalid(
        "Type a whole number, 0 or more (people): write 1,7 without a comma (1.5 for a decimal, "
        "1200 for a thousand)."
    )


def test_none_of_these_cannot_go_with_other_options() -> None:
    from scaleready.loading.bundled import resolve_questionnaire

    bundled, _ = load_questionnaire(resolve_questionnaire("scaling-readiness"))
    platforms = question(bundled, "platform-teams")
    assert st.parse_value(bundled, platforms, "1,7") == st.Invalid(
        '"None of these: other teams ask a central team through tickets" cannot go with other '
        "options: choose it alone, or leave it out."
    )
    assert st.parse_value(bundled, platforms, "7") == ("none",)
    assert st.parse_value(bundled, platforms, "1 2") == ("devops", "devex")
