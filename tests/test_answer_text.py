"""One way to show an answer: each output's style differs only where it means to."""

from __future__ import annotations

import pytest

from scaleready.formats.answers import AnswerValue
from scaleready.formats.questionnaire import Question, Questionnaire
from scaleready.loading.questionnaire import load_questionnaire
from scaleready.render.answer_text import DIFF, FILE, INTERVIEW, READER, answer_text
from tests.conftest import DATA


@pytest.fixture(scope="module")
def mini() -> Questionnaire:
    return load_questionnaire(DATA / "mini.yaml")[0]


def question(q: Questionnaire, qid: str) -> Question:
    found = q.question(qid)
    assert found is not None
    return found


def test_the_reports_show_labels_a_scale_s_key_and_units(mini: Questionnaire) -> None:
    def shown(qid: str, value: AnswerValue | None) -> str:
        return answer_text(value, question(mini, qid), mini, READER)

    assert shown("deploy-frequency", "weekly") == "Weekly"
    assert shown("experiments", 3) == "Strongly agree (3)"
    assert shown("founder-approves", ("hiring", "releases")) == "Hiring; Releases"
    assert shown("change-fail-rate", 12.5) == "12.5%"
    assert shown("change-fail-rate", 12.345) == "12.35%"
    assert shown("funded", True) == "Yes"
    assert shown("engineers", None) == ""


def test_explain_shows_what_the_file_holds_then_the_label(mini: Questionnaire) -> None:
    def shown(qid: str, value: AnswerValue | None) -> str:
        return answer_text(value, question(mini, qid), mini, FILE)

    assert shown("deploy-frequency", "weekly") == "weekly (Weekly)"
    assert shown("experiments", 3) == "3 (Strongly agree)"
    assert shown("founder-approves", ("hiring",)) == "[hiring (Hiring)]"
    assert shown("change-fail-rate", 12.5) == "12.5"
    assert shown("funded", False) == "false"
    assert shown("engineers", None) == "(none)"


def test_diff_has_no_questionnaire_and_writes_numbers_as_given() -> None:
    assert answer_text(("a", "b"), None, None, DIFF) == "[a, b]"
    assert answer_text(1500000, None, None, DIFF) == "1500000"
    assert answer_text(True, None, None, DIFF) == "true"
    assert answer_text(None, None, None, DIFF, status="dont_know") == "don't know"


def test_the_interview_numbers_options_and_keeps_reasons(mini: Questionnaire) -> None:
    freq = question(mini, "deploy-frequency")
    numbers: dict[str | int, int] = {"on-demand": 1, "weekly": 2, "rarely": 3}
    shown = answer_text("weekly", freq, mini, INTERVIEW, numbers=numbers)
    assert shown == "2 = Weekly"
    assert answer_text((), question(mini, "founder-approves"), mini, INTERVIEW) == "none"
    assert answer_text("hi", question(mini, "notes"), mini, INTERVIEW) == '"hi"'
    assert answer_text(12.5, question(mini, "change-fail-rate"), mini, INTERVIEW) == "12.5 %"
    unsure = answer_text(
        None, freq, mini, INTERVIEW, status="not_applicable", reason="no deploys yet"
    )
    assert unsure == "not applicable: no deploys yet"
    assert answer_text(None, freq, mini, INTERVIEW) == "not answered"
