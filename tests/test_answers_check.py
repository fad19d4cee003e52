"""Answers files checked against their questionnaire, with the exact messages a user sees."""

from __future__ import annotations

import pytest

from scaleready.errors import InputError
from scaleready.formats.answers import Answer
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA, Writer

HEAD = "questionnaire: {id: mini, version: 1.0.0}\nanswers:\n"


@pytest.fixture(scope="module")
def mini() -> Questionnaire:
    return load_questionnaire(DATA / "mini.yaml")[0]


def problems(write: Writer, mini: Questionnaire, text: str) -> list[str]:
    path = write("a.yaml", text)
    with pytest.raises(InputError) as info:
        load_answers(path, mini, display="a.yaml")
    return [str(p) for p in info.value.problems]


def test_every_kind_of_answer_loads(mini: Questionnaire) -> None:
    answers = load_answers(DATA / "mini-answers.yaml", mini)
    assert answers.respondent is not None
    assert answers.respondent.name == "Ada"
    assert answers.organisation == "Acme"
    assert answers.answers == {
        "engineers": Answer(value=12),
        "funded": Answer(value=False),
        "deploy-frequency": Answer(value="weekly", note="every Tuesday"),
        "experiments": Answer(value=3),
        "founder-approves": Answer(value=("hiring",)),
        "change-fail-rate": Answer(status="dont_know"),
        "notes": Answer(status="not_applicable", reason="nothing to add"),
    }
    assert answers.lines["engineers"] == 5
    assert answers.lines["notes"] == 11


def test_blank_answers_are_not_answers(write: Writer, mini: Questionnaire) -> None:
    answers = load_answers(write("a.yaml", HEAD + "  engineers:\n  funded: true\n"), mini)
    assert list(answers.answers) == ["funded"]


def test_a_note_without_an_answer_is_kept(write: Writer, mini: Questionnaire) -> None:
    answers = load_answers(write("a.yaml", HEAD + '  funded: {note: "ask the CFO"}\n'), mini)
    assert answers.answers["funded"] == Answer(status="unanswered", note="ask the CFO")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "  deploy-frequncy: weekly\n",
            "a.yaml:3:3: answers.deploy-frequncy: unknown question 'deploy-frequncy' "
            "(did you mean 'deploy-frequency'?)",
        ),
        (
            "  deploy-frequency: weakly\n",
            "a.yaml:3:21: answers.deploy-frequency: 'weakly' is not one of the options "
            "(on-demand, weekly, rarely) (did you mean 'weekly'?)",
        ),
        (
            "  experiments: 4\n",
            "a.yaml:3:16: answers.experiments: 4 is not one of the options (1, 2, 3)",
        ),
        (
            "  experiments: '3'\n",
            "a.yaml:3:16: answers.experiments: '3' is not one of the options (1, 2, 3) (did you mean 3?)",
        ),
        ("  engineers: many\n", "a.yaml:3:14: answers.engineers: expected a number, got 'many'"),
        ("  engineers: 2.5\n", "a.yaml:3:14: answers.engineers: expected a whole number, got 2.5"),
        ("  engineers: -1\n", "a.yaml:3:14: answers.engineers: -1 is below the minimum, 0"),
        (
            "  change-fail-rate: 120\n",
            "a.yaml:3:21: answers.change-fail-rate: 120 is outside the allowed range 0 to 100",
        ),
        ("  funded: maybe\n", "a.yaml:3:11: answers.funded: expected true or false, got 'maybe'"),
        ("  notes: 42\n", "a.yaml:3:10: answers.notes: expected text, got 42; put it in quotes"),
        (
            "  founder-approves: hiring\n",
            "a.yaml:3:21: answers.founder-approves: expected a list of options, e.g. ['hiring']",
        ),
        (
            "  founder-approves: [hiring, hiring]\n",
            "a.yaml:3:30: answers.founder-approves[1]: 'hiring' is listed twice",
        ),
        (
            "  founder-approves: [hiring, boss]\n",
            "a.yaml:3:30: answers.founder-approves[1]: 'boss' is not one of the options (hiring, releases)",
        ),
        (
            "  engineers: {dont_know: true}\n",
            'a.yaml:3:26: answers.engineers.dont_know: this question does not offer "don\'t know"',
        ),
        (
            "  funded: {value: true, dont_know: true}\n",
            "a.yaml:3:19: answers.funded.value: give a value or dont_know: true, not both",
        ),
        (
            "  funded: {dont_know: true, not_applicable: true}\n",
            "a.yaml:3:3: answers.funded: give dont_know or not_applicable, not both",
        ),
        (
            "  funded: {value: true, nte: x}\n",
            "a.yaml:3:25: answers.funded.nte: unknown key 'nte' (did you mean 'note'?)",
        ),
        (
            "  funded: {value: true, note: 3}\n",
            "a.yaml:3:31: answers.funded.note: note must be text; put it in quotes",
        ),
        (
            "  funded: {dont_know: yes please}\n",
            "a.yaml:3:23: answers.funded.dont_know: dont_know must be true or false",
        ),
    ],
)
def test_answer_errors(write: Writer, mini: Questionnaire, body: str, expected: str) -> None:
    assert problems(write, mini, HEAD + body) == [expected]


def test_every_bad_answer_is_reported_at_once(write: Writer, mini: Questionnaire) -> None:
    body = "  engineers: many\n  funded: maybe\n  nope: 1\n"
    assert len(problems(write, mini, HEAD + body)) == 3


def test_questionnaire_id_mismatch(write: Writer, mini: Questionnaire) -> None:
    text = "questionnaire: {id: other, version: 1.0.0}\nanswers: {engineers: 3}\n"
    assert problems(write, mini, text) == [
        "a.yaml:1:21: questionnaire.id: these answers are for questionnaire 'other', not 'mini'"
    ]


def test_questionnaire_version_mismatch(write: Writer, mini: Questionnaire) -> None:
    text = "questionnaire: {id: mini, version: 0.9.0}\nanswers: {engineers: 3}\n"
    assert problems(write, mini, text) == [
        "a.yaml:1:36: questionnaire.version: these answers are for version 0.9.0 of 'mini'; "
        "the questionnaire is version 1.0.0"
    ]


def test_structure_errors(write: Writer, mini: Questionnaire) -> None:
    assert problems(write, mini, "answers: {}\n") == [
        "a.yaml:1:1: questionnaire: required key is missing"
    ]
    assert problems(write, mini, HEAD.replace("answers:\n", "answer: {}\n")) == [
        "a.yaml:2:1: answer: unknown key 'answer' (did you mean 'answers'?)"
    ]
    assert problems(write, mini, "just text\n") == [
        "a.yaml:1:1: an answers file must be a mapping with an 'answers' key"
    ]


@pytest.mark.parametrize("text", ["", "answers:\n", "answers: {}\n"])
def test_a_file_without_answers_yet_is_valid(write: Writer, mini: Questionnaire, text: str) -> None:
    answers = load_answers(
        write("a.yaml", "questionnaire: {id: mini, version: 1.0.0}\n" + text), mini
    )
    assert answers.answers == {}


def test_odd_keys_stay_on_one_line(write: Writer, mini: Questionnaire) -> None:
    assert problems(write, mini, HEAD + '  funded: {"\\r": 1, "a b": 2}\n') == [
        "a.yaml:3:12: answers.funded['\\r']: unknown key '\\r'",
        "a.yaml:3:21: answers.funded['a b']: unknown key 'a b'",
    ]
