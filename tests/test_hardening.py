"""Hardening: malformed input through the command line ends in exit 2 with a located message,
hostile files are refused cheaply, and an interview killed at random moments loses nothing."""

from __future__ import annotations

import contextlib
import io
import os
import random
import re
import signal
import tempfile
import time
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaleready.cli import commands as cli
from scaleready.loading.answers import load_answers
from scaleready.loading.bundled import resolve_questionnaire
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA
from tests.test_interview_pty import ENV, PROMPT, SCALEREADY

LOCATED = re.compile(r"^.+?:\d+:\d+: ")


def cli_run(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(list(args))
    return code, err.getvalue()


def assert_clean_outcome(path: Path, code: int, err: str) -> None:
    """Exit 0, or exit 2 with every message located in the file: never a traceback, never 3."""
    assert code in (0, 2), err
    assert "Traceback" not in err
    if code == 2:
        lines = err.splitlines()
        assert lines
        for line in lines:
            assert line.startswith(f"{path}:"), line
            assert LOCATED.match(line), line


values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**40), max_value=10**40),
        st.floats(),
        st.text(max_size=30),
        st.sampled_from(
            ["weekly", "dont_know", "1.0.0", "scaling-readiness", "early", "\u202e", "\x00"]
        ),
    ),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=12,
)
BUNDLED_IDS = [
    q.id for q in load_questionnaire(resolve_questionnaire("scaling-readiness"))[0].questions
]


@pytest.mark.slow  # 40 generated files through the CLI: several seconds
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(st.sampled_from([*BUNDLED_IDS, "nope", "Engineers"]), values, max_size=8),
    st.sampled_from(["1.0.0", "2.0.0", 1.0, None]),
)
def test_malformed_answers_files_exit_2_with_locations(
    answers: dict[str, Any], version: Any
) -> None:
    document = {
        "questionnaire": {"id": "scaling-readiness", "version": version},
        "answers": answers,
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.yaml"
        path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
        for command in ("validate", "score"):
            code, err = cli_run(command, str(path))
            assert_clean_outcome(path, code, err)


def _mangle(text: str, edits: list[tuple[int, str]]) -> str:
    lines = text.splitlines()
    for index, how in edits:
        index %= len(lines)
        if how == "drop":
            del lines[index]
        elif how == "indent":
            lines[index] = "  " + lines[index]
        elif how == "number":
            lines[index] = re.sub(r": .*", ": 12345678901234567890", lines[index], count=1)
        elif how == "unicode":
            lines[index] = lines[index].replace("a", "\u00e5\u0301", 1)
        else:
            lines[index] = lines[index].replace(":", "", 1)
    return "\n".join(lines) + "\n"


@pytest.mark.slow  # 80 mangled questionnaires through the CLI
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.sampled_from(["drop", "indent", "number", "unicode", "colon"]),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_mangled_questionnaires_exit_2_with_locations(edits: list[tuple[int, str]]) -> None:
    text = _mangle((DATA / "mini.yaml").read_text(encoding="utf-8"), edits)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "q.yaml"
        path.write_text(text, encoding="utf-8")
        code, err = cli_run("validate", str(path))
        # A warning can be printed with exit 0; with exit 2 every line is located.
        assert_clean_outcome(path, code, err if code == 2 else "")


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    started = time.perf_counter()
    code, err = cli_run("validate", str(path))
    assert (code, err) == (2, f"{path}:1:1: file is 52,428,800 bytes; the limit is 10,485,760\n")
    # Not a timing assertion on the code's speed, only that it did not read 50 MB of YAML.
    assert time.perf_counter() - started < 30


def test_deeply_nested_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("answers: " + "[" * 5000 + "]" * 5000 + "\n")
    code, err = cli_run("validate", str(path))
    assert code == 2
    assert_clean_outcome(path, code, err)


BUNDLED = load_questionnaire(resolve_questionnaire("scaling-readiness"))[0]


@pytest.mark.slow  # a real interview in a pseudo-terminal, killed at a random moment
@pytest.mark.parametrize("seed", range(5))
def test_sigkill_at_a_random_moment_keeps_every_confirmed_answer(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - a reproducible choice of moments, not a secret
    child = pexpect.spawn(
        SCALEREADY,
        # who is answering given, so that the interview starts at its first question
        [
            "assess",
            "--answers",
            "a.yaml",
            "--organisation",
            "Acme",
            "--name",
            "Ada",
            "--role",
            "cto",
        ],
        cwd=str(tmp_path),
        env=ENV,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 80),
    )
    confirmed = 0
    for _ in range(rng.randint(1, 25)):
        child.expect_exact(PROMPT)
        child.sendline("1")
        index = child.expect([r"  saved: ", r"Type |not one of|out of range"])
        if index == 0:
            confirmed += 1
        else:
            child.sendline("u")
            child.expect_exact("  saved: ")
            confirmed += 1
    # Answer once more, and kill at a random moment while that answer is being saved or after.
    child.expect_exact(PROMPT)
    child.sendline("1")
    time.sleep(rng.uniform(0, 0.05))
    assert child.pid is not None
    os.kill(child.pid, signal.SIGKILL)
    child.close(force=True)
    saved = load_answers(tmp_path / "a.yaml", BUNDLED)  # a valid answers file, whatever the moment
    assert confirmed <= len(saved.answers) <= confirmed + 1
    restarted = pexpect.spawn(
        SCALEREADY,
        ["assess", "--answers", "a.yaml"],
        cwd=str(tmp_path),
        env=ENV,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, 80),
    )
    restarted.expect(r"Resuming: (\d+) of \d+ answered")
    assert isinstance(restarted.match, re.Match)
    assert int(restarted.match.group(1)) == len(saved.answers)
    restarted.sendline("q")
    restarted.expect(pexpect.EOF)
    restarted.close()
