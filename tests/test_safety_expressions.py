"""Issue 17, expressions: what would overflow the stack, exhaust memory, take seconds or give
another result at each run is refused when the questionnaire loads (exit 2, file:line:key, in
well under a second), and what runs is bounded by the sandbox."""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest

from scaleready.cli import commands as cli
from scaleready.expressions import compiler as expressions
from tests.conftest import DATA, REPO

RULE = "when: \"stage == 'early' and answers.deploy_frequency == 'rarely'\""
ALLOWED = (
    "abs, count, d, default, first, float, int, join, last, length, list, lower, max, min, "
    "reject, round, select, sort, string, sum, trim, unique, upper"
)
BALANCED = "999999999999999"
for _ in range(5):  # 32 factors of 50 bits, nested 5 deep
    BALANCED = f"({BALANCED} * {BALANCED})"
TOO_LONG = "'*' would make a sequence longer than 10,000 characters"
CASES = {
    "110 nested parentheses": (
        "(" * 110 + "answers.engineers" + ")" * 110,
        "expression nests too deeply (at most 20 levels)",
    ),
    "a 400-term + chain": (
        " + ".join(["answers.engineers"] * 400),
        "expression nests too deeply (at most 20 levels; this one has 401)",
    ),
    "1000 not": (
        "not " * 1000 + "answers.funded",
        "expression nests too deeply (at most 20 levels)",
    ),
    "an attribute chain": (
        "answers.engineers" + ".real" * 300,
        "expression nests too deeply (at most 20 levels; this one has 302)",
    ),
    "a filter chain": (
        "answers.engineers" + "|abs" * 300,
        "expression nests too deeply (at most 20 levels; this one has 302)",
    ),
    "a wide expression": (
        "answers.engineers in [" + ", ".join(str(i) for i in range(250)) + "]",
        "expression is too large: 255 parts (at most 200)",
    ),
    "'a' * 100000000000": ("'a' * 100000000000", f"expression refused: {TOO_LONG}"),
    "'a' * 6000000000 == 'b'": ("'a' * 6000000000 == 'b'", f"expression refused: {TOO_LONG}"),
    "300 big-integer multiplications": (
        " * ".join(["999999999999999"] * 300),
        "expression nests too deeply (at most 20 levels; this one has 300)",
    ),
    "big integers multiplied in a balanced tree": (
        BALANCED + " > answers.engineers",
        "expression refused: '*' would make a number wider than 1024 bits",
    ),
    "an 8000-digit integer through string": (
        "9" * 8000 + "|string",
        "expression does not compile: a number in it has too many digits",
    ),
    "a 16-digit integer": (
        "answers.engineers > 1000000000000001",
        "numbers in expressions must be within -1e+15 to 1e+15",
    ),
    "an infinite float": (
        "answers.engineers > 1e400",
        "numbers in expressions must be within -1e+15 to 1e+15",
    ),
    "answers|dictsort": (
        "answers|dictsort",
        f"filter 'dictsort' is not allowed (allowed: {ALLOWED})",
    ),
    "|random": (
        "[1, 2]|random == 1",
        "filter 'random' is not allowed: it gives another result at each run",
    ),
    "|center": ("'a'|center(1000000000)", f"filter 'center' is not allowed (allowed: {ALLOWED})"),
    "% formatting": (
        "'%0999999999d' % 1",
        "expression refused: formatting a string with '%' is not allowed",
    ),
    "repeated lists joined": (
        "(['x' * 10000] * 10000)|join",
        f"expression refused: {TOO_LONG}",
    ),
    "random and lipsum as names": (
        "lipsum(1000000) or range(10)",
        "unknown name 'lipsum'",
    ),
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def questionnaire_with_rule(tmp_path: Path, when: str) -> Path:
    text = (DATA / "mini.yaml").read_text(encoding="utf-8")
    assert RULE in text
    path = tmp_path / "q.yaml"
    path.write_text(text.replace(RULE, "when: " + json.dumps(when)), encoding="utf-8")
    return path


@pytest.mark.parametrize(("source", "message"), CASES.values(), ids=CASES.keys())
def test_a_costly_expression_is_refused_at_load(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, source: str, message: str
) -> None:
    path = questionnaire_with_rule(tmp_path, source)
    run(capsys, "validate", str(DATA / "mini.yaml"))  # imports done, so only the check is timed
    started = time.perf_counter()
    code, _, err = run(capsys, "validate", str(path))
    elapsed = time.perf_counter() - started
    assert code == 2
    assert err.splitlines()[0] == f"{path}:91:11: rules[0].when: {message}"
    assert elapsed < 1.0
    tracemalloc.start()
    expressions.check(source, expressions.question_index(["engineers", "funded"]), ["answers"])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 8 * 2**20


def test_score_refuses_the_same_questionnaire(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = questionnaire_with_rule(tmp_path, "[1, 2]|random == 1")
    code, out, err = run(capsys, "score", str(DATA / "mini-answers.yaml"), "-q", str(path))
    assert (code, out) == (2, "")
    assert err == (
        f"{path}:91:11: rules[0].when: filter 'random' is not allowed: it gives another result "
        "at each run\n"
    )


def test_the_bundled_expressions_stay_within_the_limits(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", str(DATA / "mini.yaml"))[0] == 0
    assert run(capsys, "validate", str(REPO / "questionnaires" / "scaling-readiness.yaml"))[0] == 0


def check(source: str) -> expressions.Checked:
    checked = expressions.check(source, expressions.question_index(["a", "b"]), ["answers"])
    assert isinstance(checked, expressions.Checked), checked
    return checked


@pytest.mark.parametrize(
    ("source", "answers", "refused"),
    [
        ("answers.a * answers.b", {"a": "x", "b": 10**9}, TOO_LONG),
        ("answers.a * answers.b", {"a": ["x"], "b": 10**9}, TOO_LONG),
        ("answers.a + answers.a", {"a": "x" * 6000, "b": 1}, TOO_LONG.replace("'*'", "'+'")),
        (
            "answers.a * answers.a * answers.a",
            {"a": 2**600, "b": 1},
            "'*' would make a number wider than 1024 bits",
        ),
        ("answers.a % answers.b", {"a": "%0999999999d", "b": 1}, "formatting a string with '%'"),
    ],
)
def test_evaluation_is_bounded_by_the_sandbox(
    source: str, answers: dict[str, object], refused: str
) -> None:
    with pytest.raises(expressions.ExpressionError, match="refused by the sandbox: ") as caught:
        expressions.evaluate(check(source).compiled, {"answers": answers})
    assert refused in str(caught.value)


def test_bounded_operators_still_compute() -> None:
    assert expressions.evaluate(check("answers.a * 3 + 1").compiled, {"answers": {"a": 2}}) == 7
    assert expressions.evaluate(check("answers.a * 2").compiled, {"answers": {"a": "ab"}}) == "abab"
    assert expressions.evaluate(check("answers.a % 3").compiled, {"answers": {"a": 7}}) == 1
    # The untranslated path (a filter) goes through the same bounds.
    slow = check("(answers.a * answers.b)|length")
    with pytest.raises(expressions.ExpressionError, match="10,000 characters"):
        expressions.evaluate(slow.compiled, {"answers": {"a": "x", "b": 10**6}})


def test_a_filter_that_cannot_read_its_input_is_an_expression_error() -> None:
    checked = check("answers.a|sum(attribute='x')")
    with pytest.raises(expressions.ExpressionError):
        expressions.evaluate(checked.compiled, {"answers": {"a": [1, 2]}})
