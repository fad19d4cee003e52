"""The functions expressions may call over lists of answers (issue 15, item 4), compiled and run
as a questionnaire's expressions are."""

from __future__ import annotations

from typing import Any

import pytest

from scaleready.expressions import compiler

INDEX = compiler.question_index(["a", "b", "c", "tags"])
ANSWERS = {"a": 1, "b": 2, "c": 6, "tags": ("x", "y")}


def value(source: str, answers: dict[str, Any] = ANSWERS) -> Any:
    checked = compiler.check(source, INDEX, ("answers", "derived"))
    assert isinstance(checked, compiler.Checked), checked
    return compiler.evaluate(checked.compiled, {"answers": answers})


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("mean([answers.a, answers.b, answers.c])", 3),
        ("mean(answers.a, answers.b, answers.c)", 3),
        ("min([answers.a, answers.c])", 1),
        ("max(answers.a, answers.c)", 6),
        ("sum([answers.a, answers.b, answers.c])", 9),
        ("count([answers.a, answers.b])", 2),
        ("length(answers.tags)", 2),
        ("[answers.a, answers.b] | sum", 3),
        ("[answers.a, answers.c] | max", 6),
        ("answers.tags | length", 2),
        ("mean([])", None),
    ],
)
def test_functions_over_answers(source: str, expected: object) -> None:
    assert value(source) == expected


def test_an_unknown_answer_makes_a_result_unknown_but_is_not_counted() -> None:
    given = {**ANSWERS, "b": None}
    assert value("mean([answers.a, answers.b])", given) is None
    assert value("sum(answers.a, answers.b)", given) is None
    assert value("min(answers.a, answers.b)", given) is None
    assert value("count(answers.a, answers.b, answers.c)", given) == 2
    assert value("length(answers.b)", given) is None


def test_a_function_given_text_fails_so_a_condition_on_it_does_not_hold() -> None:
    checked = compiler.check("mean(answers.tags) > 1", INDEX, ("answers",))
    assert isinstance(checked, compiler.Checked)
    with pytest.raises(compiler.ExpressionError, match="expected numbers"):
        compiler.evaluate(checked.compiled, {"answers": ANSWERS})
    with pytest.raises(compiler.ExpressionError, match="takes a list or a text"):
        compiler.evaluate(
            compiler.check("length(answers.a)", INDEX, ("answers",)).compiled,  # type: ignore[union-attr]
            {"answers": ANSWERS},
        )


def test_jinjas_own_globals_are_not_names() -> None:
    assert compiler.check("range(3)", INDEX, ("answers",)) == ["unknown name 'range'"]
