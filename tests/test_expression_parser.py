"""The fast expression reader answers exactly as Jinja's parser, the checks and the translator
would, or not at all (then Jinja's parser reads the expression).

The comparison is on the Python text written for the expression, the names it reads (in order)
and the questions it reads: the same text is the same code, run in the same sandbox.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from benchmarks.generate import generate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaleready.expressions import compiler as expressions
from scaleready.expressions.fast_reader import Translated, translate
from scaleready.loading.questionnaire import check_questionnaire
from scaleready.loading.yaml_source import YamlDocument, load_yaml, parse_yaml
from tests.conftest import REPO

QUESTIONS = ("a", "b", "deploy-frequency", "q1", "1", "True")
INDEX = expressions.question_index(QUESTIONS)
NAME_SETS = (("answers", "stage"), ("answers",))


def by_jinja(source: str, names: tuple[str, ...]) -> Translated | list[str] | None:
    """What Jinja's parser, the checks and the translator make of ``source``."""
    parsed = expressions._analyse_with_jinja(source, INDEX, names)
    return parsed if isinstance(parsed, list) else parsed.translated


def assert_agrees(source: str, names: tuple[str, ...] = NAME_SETS[0]) -> Translated | None:
    fast = translate(source, INDEX, names)
    if fast is not None:
        assert by_jinja(source, names) == fast, source
    return fast


@pytest.mark.parametrize(
    ("source", "body", "names", "questions"),
    [
        ("answers.a == 'x'", "(getattr_(n0, 'a') == 'x')", ("answers",), {"a"}),
        (
            "answers['deploy-frequency'] > 3 or not answered('b')",
            "((getitem_(n0, 'deploy-frequency') > 3) or (not call_(context, n1, 'b')))",
            ("answers", "answered"),
            {"deploy-frequency", "b"},
        ),
        (
            "stage in ['early', \"late\",] and score('q1') >= 0.5",
            "((n0 in ['early', 'late']) and (call_(context, n1, 'q1') >= 0.5))",
            ("stage", "score"),
            {"q1"},
        ),
        (
            "-answers.a * 2 - 1 < 1 < 5",
            "((((-getattr_(n0, 'a')) * 2) - 1) < 1 < 5)",
            ("answers",),
            {"a"},
        ),
        ("not not true", "(not (not True))", (), set()),
        (
            "answers.deploy_frequency not in [none]",
            "(getattr_(n0, 'deploy_frequency') not in [None])",
            ("answers",),
            {"deploy-frequency"},
        ),
        ("'a' 'b' == (answers.a)", "('ab' == getattr_(n0, 'a'))", ("answers",), {"a"}),
        (
            "answers.a.count('x', 1,)",
            "call_(context, getattr_(getattr_(n0, 'a'), 'count'), 'x', 1)",
            ("answers",),
            {"a"},
        ),
    ],
)
def test_reads_the_common_subset(
    source: str, body: str, names: tuple[str, ...], questions: set[str]
) -> None:
    assert assert_agrees(source) == Translated(body, names, frozenset(questions))


@pytest.mark.parametrize(
    "source",
    [
        # Jinja tokens this reader does not read, or reads differently
        "answers.a > 1e3",
        "answers.a > 0x1F",
        "answers.a > 1_000",
        "answers.a > 01",
        "answers.a > 00",
        "answers.a == '\\n'",
        "answers.a == 'a\rb'",
        "answers.a\r== 1",
        "answers.a\xa0== 1",
        "answers.é == 1",
        "answers.a == 1" + "0" * 5000,
        "answers.a > 1" + "0" * 400 + ".0",
        # the rest of the language
        "answers.a | length > 1",
        "answers.a is defined",
        "answers.a ~ 'x'",
        "answers.a ** 2",
        "answers.a if answered('a') else 0",
        "(answers.a, answers.b)",
        "answers.a[1:]",
        "answers.a.0",
        "{'x': 1}[answers.a]",
        "answers.a.count(x=1)",
        # problems: Jinja's path reports them
        "answers.nope == 1",
        "answers['nope'] == 1",
        "score('nope') > 0",
        "score(answers.a) > 0",
        "score('a', 'b') > 0",
        "answered() or true",
        "answers.__class__",
        "answers._private",
        "answers.a == '__x'",
        "answers.a == '_' '_'",
        "stage == 'late'",
        "nosuchname",
        "and",
        "answers.a ==",
        "answers.a == 1 1",
        "(answers.a",
        "[answers.a",
        "answers.a)",
        "",
    ],
)
def test_leaves_everything_else_to_jinja(source: str) -> None:
    assert translate(source, INDEX, ("answers",)) is None


def test_problems_are_reported_as_before() -> None:
    # The reader never reports: the messages come from Jinja's path, unchanged.
    assert expressions.check("answers.nope == 1", INDEX, ("answers",)) == [
        "unknown question 'nope'"
    ]
    assert expressions.check("stage == 'late'", INDEX, ("answers",)) == [
        "'stage' cannot be used here: the stage signals are what decide it"
    ]
    assert expressions.check("answers.a == 1" + "0" * 5000, INDEX, ("answers",)) == [
        "expression does not compile: a number in it has too many digits"
    ]


def test_the_sandbox_intercepts_no_operator() -> None:
    # The reader writes operators as Python operators, as the translator does only when the
    # sandbox intercepts none (otherwise Jinja's own code generator is used).
    assert expressions.environment().intercepted_binops == frozenset()
    assert expressions.environment().intercepted_unops == frozenset()


def read_with_both(doc: YamlDocument) -> tuple[int, int]:
    """Every expression ``doc``'s questionnaire checks, compared as both readers read it: how
    many there are, and how many the fast reader read."""
    calls: list[tuple[list[tuple[str, tuple[str, ...]]], Mapping[str, str]]] = []
    real = expressions.check_all

    def spy(items: list[tuple[str, tuple[str, ...]]], index: Mapping[str, str]) -> Any:
        calls.append((list(items), index))
        return real(items, index)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(expressions, "check_all", spy)
        check_questionnaire(doc)
    ((items, index),) = calls
    fast = 0
    for source, names in items:
        translated = translate(source, index, names)
        if translated is not None:
            parsed = expressions._analyse_with_jinja(source, index, names)
            assert not isinstance(parsed, list), source
            assert parsed.translated == translated, source
            fast += 1
    return len(items), fast


@pytest.mark.parametrize(
    "path", sorted((REPO / "questionnaires").glob("*.yaml")), ids=lambda p: p.name
)
def test_agrees_on_the_bundled_questionnaires(path: Path) -> None:
    total, fast = read_with_both(load_yaml(path))
    assert total > 20
    assert fast == total - 1  # all but the one with a filter, "| length"


def test_reads_every_expression_of_the_generated_questionnaire() -> None:
    total, fast = read_with_both(parse_yaml(generate(200, 200).questionnaire, "q.yaml"))
    assert total > 200
    assert fast == total


# --- generated expressions -------------------------------------------------------------------

SPACES = st.sampled_from(["", " ", "  ", "\n", "\t"])
WORDS = st.sampled_from(
    [
        *("answers", "stage", "score", "answered", "x", "and", "or", "not", "in", "is", "if"),
        *("else", "true", "False", "none", "None", "_a", "a__b", "deploy_frequency", "e5"),
    ]
)
NUMBERS = st.sampled_from(
    [
        *("0", "1", "42", "2.5", "0.75", "00", "01", "007", "1e3", "1E3", "1_0", "0x1F", "0b1"),
        *("0o7", "1.", ".5", "1.5.2", "999999999999999999999999", "1.5e-3"),
    ]
) | st.integers(300, 320).map(lambda n: "1" + "0" * n + ".0")  # a float too large: inf
STRING_TEXT = st.text(alphabet="ab_-'\"\\\r\n é1", max_size=6)
STRINGS = st.builds(lambda q, t: q + t + q, st.sampled_from(["'", '"']), STRING_TEXT)
IDS = st.sampled_from([*QUESTIONS, "deploy_frequency", "nope", "__x", "_a"])
OPERATORS = st.sampled_from(
    [
        *("==", "!=", "<", "<=", ">", ">=", "in", "not in", "and", "or", "+", "-", "*", "/"),
        *("//", "%", "**", "~", "|", "is", "=", "if", ","),
    ]
)


Part = Callable[[], str]
Draw = Callable[[st.SearchStrategy[Any]], Any]
Shape = Callable[[Part, Draw], str]


@st.composite
def nested(draw: Draw, atoms: st.SearchStrategy[str], shapes: list[Shape], depth: int = 0) -> str:
    """An atom, or a shape whose parts are drawn the same way, three levels deep at most.

    (``st.recursive`` would do, but its strategies' reprs grow exponentially, and Hypothesis
    builds them.)"""
    if depth == 3 or draw(st.booleans()):
        return str(draw(atoms))
    shape: Shape = draw(st.sampled_from(shapes))
    return shape(lambda: str(draw(nested(atoms, shapes, depth + 1))), draw)


ATOMS = st.one_of(
    WORDS,
    NUMBERS,
    STRINGS,
    st.builds(lambda i: f"answers.{i}", IDS),
    st.builds(lambda q, i: f"answers[{q}{i}{q}]", st.sampled_from(["'", '"']), IDS),
    st.builds(lambda h, i: f"{h}('{i}')", st.sampled_from(["score", "answered"]), IDS),
)
SHAPES: list[Shape] = [
    lambda part, draw: f"{part()}{draw(SPACES)}{draw(OPERATORS)}{draw(SPACES)}{part()}",
    lambda part, draw: f"{draw(st.sampled_from(['-', '+', 'not ', '- -']))}{part()}",
    lambda part, draw: f"({part()})",
    lambda part, draw: f"[{part()}, {part()}]",
    lambda part, draw: f"[{part()},]",
    lambda part, draw: f"{part()}.{draw(WORDS)}",
    lambda part, draw: f"{part()}[{part()}]",
    lambda part, draw: f"{part()}({part()})",
    lambda part, draw: f"{part()}({part()}, )",
    lambda part, draw: f"{part()} if {part()} else {part()}",
]
EXPRESSION_TEXT = nested(ATOMS, SHAPES)


@pytest.mark.slow  # 600 generated expressions
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXPRESSION_TEXT, st.sampled_from(NAME_SETS))
def test_agrees_with_jinja_on_generated_expressions(source: str, names: tuple[str, ...]) -> None:
    assert_agrees(source, names)


TOKEN_SOUP = st.lists(
    st.one_of(WORDS, NUMBERS, STRINGS, OPERATORS, st.sampled_from(["(", ")", "[", "]", ".", ","])),
    max_size=10,
).flatmap(
    lambda tokens: st.lists(SPACES, min_size=len(tokens), max_size=len(tokens)).map(
        lambda spaces: "".join(s + t for s, t in zip(spaces, tokens, strict=True))
    )
)


@pytest.mark.slow  # 600 generated expressions
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TOKEN_SOUP, st.sampled_from(NAME_SETS))
def test_agrees_with_jinja_on_any_tokens(source: str, names: tuple[str, ...]) -> None:
    assert_agrees(source, names)


# Expressions of the subset only, always valid, so the reader must read every one of them (the
# tests above compare only what it reads). Composites are put together as text, so precedence
# varies; an operand that starts with ``not`` is put in parentheses, as Jinja's grammar needs.
CLEAN_ATOMS = st.sampled_from(
    [
        *("answers.a", "answers.deploy_frequency", "answers['deploy-frequency']", 'answers["1"]'),
        *("score('b')", 'answered("q1")', "stage", "0", "1", "42", "2.5", "'x'", '"y z"'),
        *("true", "none", "[]", "'a' 'b'"),
    ]
)
CLEAN_OPERATORS = st.sampled_from(
    [*("==", "!=", "<", "<=", ">", ">=", "in", "not in", "+", "-", "*", "/", "//", "%")]
)


def operand(text: str) -> str:
    return f"({text})" if text.startswith("not ") else text


def binary(left: str, op: str, right: str, space: str) -> str:
    space = space or (" " if op[0].isalpha() else "")  # ``in`` needs space around it
    return f"{operand(left)}{space}{op}{space}{operand(right)}"


CLEAN_SHAPES: list[Shape] = [
    lambda part, draw: binary(part(), draw(CLEAN_OPERATORS), part(), draw(SPACES)),
    lambda part, draw: f"{part()} {draw(st.sampled_from(['and', 'or']))} {part()}",
    lambda part, draw: f"{draw(st.sampled_from(['-', '+', '- +']))}{operand(part())}",
    lambda part, draw: f"not {part()}",
    lambda part, draw: f"({part()})",
    lambda part, draw: f"[{part()},{draw(SPACES)}{part()}{draw(SPACES)}]",
    lambda part, draw: f"[{part()}, {part()},]",
    lambda part, draw: f"{part()}.{draw(st.sampled_from(['count', 'upper', 'keys']))}",
    lambda part, draw: f"{part()}[{part()}]",
    lambda part, draw: f"{part()}({part()})",
    lambda part, draw: f"{part()}({part()}, {part()},)",
    lambda part, draw: f"{part()}()",
]
CLEAN_TEXT = nested(CLEAN_ATOMS, CLEAN_SHAPES)


@pytest.mark.slow  # 600 generated expressions
@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(CLEAN_TEXT)
def test_reads_every_expression_of_the_subset(source: str) -> None:
    assert assert_agrees(source) is not None, source
