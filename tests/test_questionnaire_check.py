"""Every kind of questionnaire error, with the exact message a user sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaleready.errors import InputError
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA, Writer

BASE = """\
id: t
version: 1.0.0
title: T
model:
  values:
    - {id: frugal, name: Be frugal}
  mechanisms:
    - {id: reviews, name: Business reviews, applies: [frugal]}
  capabilities:
    - {id: cap, name: Cap, influenced_by: [frugal]}
  failure_factors:
    - {id: ff, name: FF, stage: early, mitigated_by: {cap: 0.5}, harms: [speed]}
  outcomes:
    - {id: speed, name: Speed}
sections:
  - id: s
    title: S
    questions:
      - id: q1
        text: Q1?
        help: Why.
        type: choice
        options: [{key: a, label: A, score: 1.0}, {key: b, label: B, score: 0.0}]
        measures: [{capability: cap}, {value: frugal}, {mechanism: reviews}, {failure_factor: ff}, {outcome: speed}]
      - id: team-size
        text: How many?
        help: Size.
        type: number
        min: 0
"""


def problems(write: Writer, text: str) -> list[str]:
    path = write("q.yaml", text)
    with pytest.raises(InputError) as info:
        load_questionnaire(path, display="q.yaml")
    return [str(p) for p in info.value.problems]


def edited(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new)


def test_base_is_valid_without_warnings(write: Writer) -> None:
    questionnaire, warnings = load_questionnaire(write("q.yaml", BASE))
    assert warnings == []
    assert [q.id for q in questionnaire.questions] == ["q1", "team-size"]


def test_mini_questionnaire_is_valid() -> None:
    questionnaire, warnings = load_questionnaire(DATA / "mini.yaml")
    assert questionnaire.id == "mini"
    assert warnings == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "{capability: cap}",
            "{capability: capp}",
            "q.yaml:24:33: sections[0].questions[0].measures[0].capability: "
            "unknown capability 'capp' (did you mean 'cap'?)",
        ),
        (
            "applies: [frugal]",
            "applies: [frugl]",
            "q.yaml:8:55: model.mechanisms[0].applies[0]: unknown value 'frugl' (did you mean 'frugal'?)",
        ),
        (
            "mitigated_by: {cap: 0.5}",
            "mitigated_by: {nope: 0.5}",
            "q.yaml:12:55: model.failure_factors[0].mitigated_by.nope: unknown capability 'nope'",
        ),
        (
            "harms: [speed]",
            "harms: [sped]",
            "q.yaml:12:74: model.failure_factors[0].harms[0]: unknown outcome 'sped' (did you mean 'speed'?)",
        ),
        (
            "{failure_factor: ff}",
            "{failure_factor: fff}",
            "q.yaml:24:95: sections[0].questions[0].measures[3].failure_factor: "
            "unknown failure factor 'fff' (did you mean 'ff'?)",
        ),
    ],
)
def test_unknown_references(write: Writer, old: str, new: str, expected: str) -> None:
    assert expected in problems(write, edited(old, new))


def test_unknown_key_suggests_the_right_one(write: Writer) -> None:
    assert problems(write, edited("        help: Why.", "        hepl: Why.")) == [
        "q.yaml:21:9: sections[0].questions[0].hepl: unknown key 'hepl' (did you mean 'help'?)"
    ]


def test_missing_required_key_points_at_its_parent(write: Writer) -> None:
    assert problems(write, edited("        text: Q1?\n", "")) == [
        "q.yaml:19:9: sections[0].questions[0].text: required key is missing"
    ]


def test_weight_out_of_range(write: Writer) -> None:
    assert problems(write, edited("{cap: 0.5}", "{cap: 1.5}")) == [
        "q.yaml:12:60: model.failure_factors[0].mitigated_by.cap: must be at most 1.0, got 1.5"
    ]
    assert problems(write, edited("{value: frugal}", "{value: frugal, weight: 0}")) == [
        "q.yaml:24:63: sections[0].questions[0].measures[1].weight: must be greater than 0.0, got 0"
    ]


def test_duplicate_ids(write: Writer) -> None:
    text = edited("    - {id: cap, name: Cap, influenced_by: [frugal]}\n", "")
    text = text.replace(
        "  capabilities:\n", "  capabilities:\n    - {id: cap, name: A}\n    - {id: cap, name: B}\n"
    )
    assert (
        "q.yaml:11:12: model.capabilities[1].id: duplicate id 'cap' (first at line 10)"
        in problems(write, text)
    )


def test_duplicate_question_ids_and_clashing_aliases(write: Writer) -> None:
    extra = "      - {id: team_size, text: Again?, help: Again., type: text}\n"
    assert problems(write, BASE + extra) == [
        "q.yaml:30:14: sections[0].questions[2].id: question id 'team_size' clashes with "
        "'team-size' (line 25): expressions read both as answers.team_size"
    ]
    extra = "      - {id: q1, text: Again?, help: Again., type: text}\n"
    assert problems(write, BASE + extra) == [
        "q.yaml:30:14: sections[0].questions[2].id: duplicate question id 'q1' (first at line 19)"
    ]


def test_all_errors_in_a_file_are_reported_together(write: Writer) -> None:
    text = edited("{capability: cap}", "{capability: capp}").replace("harms: [speed]", "harms: [x]")
    text = text.replace("applies: [frugal]", "applies: [y]")
    assert len(problems(write, text)) == 3


def test_wrong_types_and_choices(write: Writer) -> None:
    assert problems(write, edited("type: choice", "type: choise")) == [
        "q.yaml:22:15: sections[0].questions[0].type: expected one of choice, multi, scale, "
        "number, boolean, text, got 'choise' (did you mean 'choice'?)"
    ]
    assert problems(write, edited("version: 1.0.0", "version: 1.0")) == [
        "q.yaml:2:10: version: expected text, got the number 1.0"
    ]
    assert problems(write, edited("title: T", "title: [T]")) == [
        "q.yaml:3:1: title: expected text, got a list"
    ]
    assert problems(write, edited("name: Be frugal", "name: no")) == [
        "q.yaml:6:26: model.values[0].name: expected text, got false "
        "(YAML reads yes/no/on/off as true/false: put the text in quotes)"
    ]


def test_invalid_ids(write: Writer) -> None:
    assert problems(write, edited("id: q1", "id: Q 1")) == [
        "q.yaml:19:13: sections[0].questions[0].id: 'Q 1' is not a valid id: use lowercase "
        "letters, digits, '-' and '_', starting with a letter or digit"
    ]


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        ("answers.q2 == 'a'", "unknown question 'q2'"),
        ("answers.tema_size > 1", "unknown question 'tema_size' (did you mean 'team_size'?)"),
        ("answers['team-size'] > 3 and answers.team_size < 9 and answered('q1')", None),
        ("answers.q1 ==", "expression does not compile: unexpected end of expression"),
        ("anwsers.q1 == 'a'", "unknown name 'anwsers' (did you mean 'answers'?)"),
        (
            "().__class__.__mro__",
            "'__class__' is not allowed: expressions cannot reach Python internals",
        ),
        (
            "answers|attr('__class__')",
            "'__class__' is not allowed: expressions cannot reach Python internals",
        ),
        ("score(q1) > 0.5", "score() takes one question id in quotes"),
        ("answers.team_size > 9**9**9**9", "'**' is not allowed in expressions"),
        ("answered('q9')", "unknown question 'q9'"),
        (
            "answers.q1 == 'a' }}{{ 1",
            "expression does not compile: unexpected '}}' after the expression",
        ),
    ],
)
def test_expressions_are_checked_at_load(write: Writer, when: str, expected: str | None) -> None:
    text = edited("        type: number\n", f'        type: number\n        when: "{when}"\n')
    if expected is None:
        questionnaire, _ = load_questionnaire(write("q.yaml", text))
        assert questionnaire.compiled(when).questions == {"team-size", "q1"}
        return
    assert f"q.yaml:29:15: sections[0].questions[1].when: {expected}" in problems(write, text)


def test_stage_signals_cannot_read_the_stage(write: Writer) -> None:
    text = BASE.replace(
        "sections:\n",
        "stage:\n  signals:\n    - {id: s1, when: \"stage == 'late'\", because: B}\nsections:\n",
    )
    assert problems(write, text) == [
        "q.yaml:17:22: stage.signals[0].when: 'stage' cannot be used here: the stage signals are "
        "what decide it"
    ]


def test_rules_are_checked(write: Writer) -> None:
    rules = (
        "rules:\n"
        "  - id: r1\n"
        "    when: \"answers.q1 == 'b'\"\n"
        "    raise: {failure_factor: f, level: 0.5}\n"
        "    because: Because.\n"
        "  - id: r1\n"
        "    when: \"stage == 'early'\"\n"
        "    raise: {failure_factor: ff, level: 2}\n"
        "    because: Because.\n"
    )
    assert problems(write, BASE + rules) == [
        "q.yaml:37:40: rules[1].raise.level: must be at most 1.0, got 2",
    ]
    assert problems(write, BASE + rules.replace("level: 2", "level: 1")) == [
        "q.yaml:33:29: rules[0].raise.failure_factor: unknown failure factor 'f' (did you mean 'ff'?)",
        "q.yaml:35:9: rules[1].id: duplicate id 'r1' (first at line 31)",
    ]


def test_question_shapes(write: Writer) -> None:
    assert problems(write, edited("type: choice", "type: multi").replace("score: 0.0}", "}")) == [
        "q.yaml:24:9: sections[0].questions[0].measures: every option needs a score when the "
        "question measures something"
    ]
    assert problems(write, edited("        min: 0\n", "        min: 5\n        max: 1\n")) == [
        "q.yaml:30:14: sections[0].questions[1].max: max (1) is below min (5)"
    ]
    assert problems(
        write, edited("        type: number\n", "        type: number\n        options: []\n")
    ) == ["q.yaml:29:9: sections[0].questions[1].options: a number question has no options"]
    scored_number = "        measures: [{capability: cap}]\n        bands: [{upto: 5, score: 1.0}, {score: 0.5}, {upto: 9, score: 0}]\n"
    assert problems(write, BASE + scored_number) == [
        "q.yaml:31:9: sections[0].questions[1].bands: the last band must cover every allowed "
        "answer (leave out its upto)",
        "q.yaml:31:40: sections[0].questions[1].bands[1].upto: only the last band may leave out upto",
    ]


def test_unknown_scale(write: Writer) -> None:
    text = edited(
        "        options: [{key: a, label: A, score: 1.0}, {key: b, label: B, score: 0.0}]\n",
        "        scale: agreemnt\n",
    )
    text = "scales:\n  agreement: [{key: 1, label: One, score: 0.0}]\n" + text
    assert problems(write, text) == [
        "q.yaml:25:16: sections[0].questions[0].scale: unknown scale 'agreemnt' (did you mean 'agreement'?)"
    ]


def test_fixtures_are_checked_against_the_questionnaire(write: Writer) -> None:
    tests = (
        "tests:\n"
        "  - name: persona\n"
        "    answers: {q1: c, team-size: -1, q3: 1}\n"
        "    expect: {stage: early, risks_include: [fff]}\n"
    )
    assert problems(write, BASE + tests) == [
        "q.yaml:32:19: tests[0].answers.q1: 'c' is not one of the options (a, b)",
        "q.yaml:32:33: tests[0].answers.team-size: -1 is below the minimum, 0",
        "q.yaml:32:37: tests[0].answers.q3: unknown question 'q3'",
        "q.yaml:33:44: tests[0].expect.risks_include[0]: unknown failure factor 'fff' (did you mean 'ff'?)",
    ]


def test_warnings_for_what_can_never_be_scored(write: Writer) -> None:
    text = edited(", {value: frugal}, {mechanism: reviews}", "").replace("        help: Why.\n", "")
    _, warnings = load_questionnaire(write("q.yaml", text), display="q.yaml")
    assert [str(w) for w in warnings] == [
        "q.yaml:6:12: model.values[0].id: warning: no question measures value 'frugal'",
        "q.yaml:8:12: model.mechanisms[0].id: warning: no question measures mechanism 'reviews'",
        "q.yaml:19:13: sections[0].questions[0].id: warning: question 'q1' has no help text",
    ]


def test_top_level_must_be_a_mapping(write: Writer) -> None:
    assert problems(write, "- a\n- b\n") == [
        "q.yaml:1:1: a questionnaire must be a mapping with 'id' and 'sections'"
    ]


def test_display_name_defaults_to_the_path(tmp_path: Path) -> None:
    path = tmp_path / "q.yaml"
    path.write_text("id: [\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_questionnaire(path)
    assert str(info.value).startswith(f"{path}:2:1: invalid YAML")


def test_part_of_cycles_are_refused(write: Writer) -> None:
    text = edited(
        "    - {id: ff, name: FF, stage: early, mitigated_by: {cap: 0.5}, harms: [speed]}\n",
        "    - {id: ff, name: FF, stage: early, part_of: gg, mitigated_by: {cap: 0.5}}\n"
        "    - {id: gg, name: GG, stage: early, part_of: ff, harms: [speed]}\n",
    )
    assert problems(write, text) == [
        "q.yaml:12:49: model.failure_factors[0].part_of: part_of goes round in a circle: ff -> gg -> ff",
        "q.yaml:13:49: model.failure_factors[1].part_of: part_of goes round in a circle: gg -> ff -> gg",
    ]


def test_expression_problems_name_what_is_wrong() -> None:
    from scaleready.expressions import compiler as expressions

    index = expressions.question_index(["a", "team-size"])
    assert expressions.check("answers.nope == 1", index, ("answers",)) == [
        "unknown question 'nope'"
    ]
    assert expressions.check("stage == 'late'", index, ("answers",)) == [
        "'stage' cannot be used here: the stage signals are what decide it"
    ]
    assert expressions.check("answers.a == 1" + "0" * 5000, index, ("answers",)) == [
        "expression does not compile: a number in it has too many digits"
    ]


def test_a_loaded_questionnaire_is_immutable(write: Writer) -> None:
    from pydantic import ValidationError

    questionnaire, _ = load_questionnaire(write("q.yaml", BASE))
    with pytest.raises(ValidationError):
        questionnaire.title = "Changed"  # type: ignore[misc]
    assert questionnaire.question("q1") is not None
    assert questionnaire.question("nope") is None


def test_the_same_bytes_load_the_same_questionnaire_and_new_bytes_a_new_one(
    write: Writer,
) -> None:
    path = write("q.yaml", BASE)
    first, _ = load_questionnaire(path)
    assert load_questionnaire(path)[0] == first
    write("q.yaml", BASE.replace("title: T", "title: Edited"))
    assert load_questionnaire(path)[0].title == "Edited"
    # The cache never hides a problem: an invalid file is refused every time it is loaded.
    write("q.yaml", BASE.replace("{capability: cap}", "{capability: capp}"))
    for _ in range(2):
        with pytest.raises(InputError):
            load_questionnaire(path)
