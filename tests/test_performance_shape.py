"""The shape of the fast paths, never their speed (benchmarks/ measures that; docs/performance.md
has the figures): what start-up imports, that the plain YAML reader agrees with the composed one,
that expressions compiled together behave exactly as Jinja's ``compile_expression`` would, and
that the benchmark's generated questionnaire stays valid."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from benchmarks.generate import generate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaleready.engine import assess
from scaleready.engine.facts import context, with_aliases
from scaleready.errors import InputError
from scaleready.expressions import compiler as expressions
from scaleready.loading.answers import check_answers
from scaleready.loading.questionnaire import check_questionnaire
from scaleready.loading.yaml_source import YamlDocument, parse_composed, parse_yaml
from tests.conftest import REPO

HEAVY = ("pydantic", "jinja2", "yaml", "rich")


def loaded_after(code: str) -> list[str]:
    """Which heavy libraries a fresh interpreter has imported after running ``code``."""
    probe = (
        f"{code}\nimport sys\nprint([m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=REPO
    )
    shown: list[str] = eval(done.stderr.strip().splitlines()[-1])  # noqa: S307 - our own list
    return shown


def test_importing_the_cli_imports_no_heavy_library() -> None:
    assert loaded_after("import scaleready.cli.commands") == []


def test_score_as_json_does_not_import_rich() -> None:
    code = (
        "import contextlib, io\n"
        "from scaleready.cli.commands import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['score', 'examples/healthy-scale-up.yaml', '--format', 'json']) == 0"
    )
    assert "rich" not in loaded_after(code)


# --- the plain YAML reader -------------------------------------------------------------------


def outcome(read: Any, text: str) -> tuple[Any, ...]:
    """Everything a reader produces for ``text``, as its users see it: the data, where every path
    (and some missing ones) is placed, at the value and at the key, and the lines of every
    mapping's entries; or the problems."""
    try:
        doc: YamlDocument = read(text, "f.yaml")
    except InputError as exc:
        return ("problems", [str(p) for p in exc.problems])
    paths = [q for p in paths_of(doc.data) for q in (p, (*p, "missing"), (*p, 0), (*p, 1, "x"))]
    placed = [(doc.locate(p), doc.locate(p, at_key=True)) for p in paths]
    lines = [doc.lines_of(p) for p in paths]
    return ("document", repr(doc.data), placed, lines)  # repr: NaN != NaN


def paths_of(data: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every key path in ``data``, itself first."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths_of(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths_of(value, (*path, index))
    return found


def assert_readers_agree(text: str) -> None:
    assert outcome(parse_yaml, text) == outcome(parse_composed, text)


REPOSITORY_YAML = sorted(
    p
    for folder in ("questionnaires", "examples", "tests/data")
    for p in (REPO / folder).rglob("*.y*ml")
)


@pytest.mark.parametrize("path", REPOSITORY_YAML, ids=lambda p: str(p.relative_to(REPO)))
def test_plain_reader_agrees_with_the_composed_reader_on_the_repository(path: Path) -> None:
    assert_readers_agree(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "# only a comment\n",
        "---\n",
        "--- 1\n",
        "a: 1\n---\nb: 2\n",
        "a: &x 1\nb: *x\n",
        "a: &x [1, *x]\n",
        "a: !!str 1\n",
        "a: !custom x\n",
        "a: !!python/name:os.system ''\n",
        "<<: {a: 1}\n",
        "a: {<<: {b: 1}, c: 2}\n",
        "=: 1\n",
        "a: <<\n",
        "a: 2001-01-01\n",
        "a: 2001-13-45\n",
        "? [a]\n: 1\n",
        "a: 1\na: 2\n",
        "a: [1, 2\n",
        "yes: on\nno: off\n1.5: x\n~: y\nnull: 1\n",
        "a: 0o17\nb: 0x1F\nc: 1_000\nd: 1:30\ne: .inf\nf: -.nan\ng: '1'\nh: \"2\"\n",
        "a: |\n  text\n  more\nb: >-\n  folded\n  text\n",
        "- a\n- b: [1, {c: d}]\n",
        "a: " + "[" * 90 + "]" * 90 + "\n",
        "a: " + "[" * 150 + "]" * 150 + "\n",
        "a:\n- 1\n-\n- 3\nb: ~\nc:\nd: ''\n",
        "1: a\n'1': b\n",
    ],
)
def test_plain_reader_agrees_with_the_composed_reader_on_every_feature(text: str) -> None:
    assert_readers_agree(text)


def test_a_value_that_only_looks_like_its_type_is_a_located_problem() -> None:
    # These crashed the reader (ValueError, KeyError from the safe loader's constructors).
    with pytest.raises(InputError) as caught:
        parse_yaml("a: 2001-13-45\nb: !!int abc\nc: !!bool maybe\n", "f.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "f.yaml:1:4: invalid YAML: '2001-13-45' is not a valid timestamp (month must be in 1..12)",
        "f.yaml:2:4: invalid YAML: 'abc' is not a valid int",
        "f.yaml:3:4: invalid YAML: 'maybe' is not a valid bool",
    ]


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=15),
    st.sampled_from(["yes", "No", "~", "null", "1.0", "0x1f", "2001-01-01", "<<", "=", "1:30"]),
)
documents = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.one_of(st.text(max_size=8), st.integers(0, 9)), children, max_size=4)
    ),
    max_leaves=25,
)


@pytest.mark.slow  # 200 generated documents through both readers
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([False, True, None]))
def test_plain_reader_agrees_on_any_document(document: Any, flow: bool | None) -> None:
    assert_readers_agree(yaml.safe_dump(document, default_flow_style=flow, allow_unicode=True))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab:- \n[]{},&*!'\"#?|>~01.", max_size=60))
def test_plain_reader_agrees_on_any_text(text: str) -> None:
    assert_readers_agree(text)


# --- expressions compiled together ----------------------------------------------------------

QUESTIONS = ("a", "b", "c", "team-size")
EXPRESSIONS = [
    "answers.a == 'x' and score('b') >= 0.5",
    "answers['team-size'] > 3 or not answered('c')",
    "answers.team_size in [1, 2, 3] and stage != 'early'",
    "answers.a + 1 > 2",
    "-answers.a < 0 and +answers.b",
    "answers.a // 2 * 3 % 5 * 1.5 / 2 - 1",
    "1 < answers.a < 5",
    "answers.a in answers.b",
    "answers.a not in [1, 'x', none, true, 2.5]",
    "answers.a if answers.b else 3",
    "answers.a if answers.b",
    "(answers.a, answers.b)",
    "(answers.a,)",
    "[answers.a, answers.b][0]",
    "answers.a.upper()",
    "answers.a.b.c",
    "answers.a.count('x') > 0",
    "answers.a ~ 'x'",
    "answers.a[1:]",
    "answers.a | length > 1",
    "answers.a is defined",
    "{'x': 1}[answers.a]",
    "'%s' % answers.a",
    "answers.a * 'ab'",
    "answers.a.mro",
    "1e15 > answers.a",  # the largest number an expression may hold (1e400 is refused)
]
VALUES = [None, 0, 1, 2, 3, -1, 2.5, "x", "ab", "%d", True, False, [], ["x", "y"], ("x",)]


def run(compiled: Any, names: dict[str, Any]) -> tuple[str, str]:
    try:
        return ("value", repr(compiled(**names)))
    except Exception as exc:
        return (type(exc).__name__, str(exc))


def test_compiled_together_behaves_as_compile_expression() -> None:
    env = expressions.environment()
    index = expressions.question_index(QUESTIONS)
    items = [(source, ("answers", "stage")) for source in EXPRESSIONS]
    rng = random.Random(7)  # noqa: S311 - reproducible test data, nothing secret
    for source, checked in zip(EXPRESSIONS, expressions.check_all(items, index), strict=True):
        assert isinstance(checked, expressions.Checked), (source, checked)
        reference = env.compile_expression(source, undefined_to_none=True)
        for _ in range(60):
            values = with_aliases({q: rng.choice(VALUES) for q in QUESTIONS})
            scores = with_aliases({q: rng.choice([None, 0.0, 0.5, 1.0]) for q in QUESTIONS})
            names = context(values, scores, rng.choice(["early", "transition", "late"]))
            assert run(checked.compiled, names) == run(reference, names), source


def test_many_expressions_compiled_together_each_answer_for_itself() -> None:
    # 199 expressions compiled in one go: each reads its own questions and gives its own value.
    index = expressions.question_index(f"q{i}" for i in range(200))
    items = [
        (f"answers.q{i} == 'yes' and score('q{i + 1}') < 0.5", ("answers",)) for i in range(199)
    ]
    results = expressions.check_all(items, index)
    values = with_aliases({f"q{i}": "yes" if i % 3 == 0 else "no" for i in range(200)})
    scores = with_aliases({f"q{i}": 0.0 for i in range(200)})
    for i, checked in enumerate(results):
        assert isinstance(checked, expressions.Checked)
        assert checked.questions == {f"q{i}", f"q{i + 1}"}
        assert expressions.evaluate(checked.compiled, context(values, scores, None)) is (i % 3 == 0)


def test_a_repeated_expression_gives_the_same_result_each_time() -> None:
    index = expressions.question_index(["a"])
    first, second, problems, again = expressions.check_all(
        [
            ("answers.a == 1", ("answers",)),
            ("answers.a == 1", ("answers",)),
            ("answers.b == 1", ("answers",)),
            ("answers.b == 1", ("answers",)),
        ],
        index,
    )
    assert isinstance(first, expressions.Checked)
    assert isinstance(second, expressions.Checked)
    assert first.questions == second.questions == {"a"}
    names = context(with_aliases({"a": 1}), with_aliases({"a": None}), None)
    assert expressions.evaluate(first.compiled, names) is expressions.evaluate(
        second.compiled, names
    )
    assert problems == again == ["unknown question 'b'"]


def test_an_unknown_filter_or_test_is_a_problem_not_a_crash() -> None:
    index = expressions.question_index(["a"])
    assert expressions.check("answers.a | nosuchfilter", index, ("answers",)) == [
        "expression does not compile: No filter named 'nosuchfilter'."
    ]
    assert expressions.check("answers.a is nosuchtest", index, ("answers",)) == [
        "expression does not compile: No test named 'nosuchtest'."
    ]


# --- the benchmark's generated questionnaire ------------------------------------------------


def test_the_generated_questionnaire_loads_and_scores_cleanly() -> None:
    generated = generate(60, 60)
    questionnaire, problems = check_questionnaire(parse_yaml(generated.questionnaire, "q.yaml"))
    assert questionnaire is not None
    assert [p for p in problems if p.severity == "error"] == []
    assert len(questionnaire.questions) == 60
    assert len(questionnaire.rules) == 60
    answers, problems = check_answers(parse_yaml(generated.answers, "a.yaml"), questionnaire)
    assert answers is not None, problems
    result = assess(questionnaire, answers)
    assert 0 <= result.score <= 100
