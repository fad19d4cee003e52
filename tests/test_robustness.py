"""Whatever a file holds, checking it ends in a report of problems, never a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaleready.ci.validate import validate_files
from tests.conftest import DATA

pytestmark = pytest.mark.slow  # hundreds of generated files through the whole validator

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["choice", "multi", "early", "late", "q1", "1.0.0", "mini", "cap"]),
)
keys = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "id",
            "version",
            "title",
            "sections",
            "questions",
            "model",
            "answers",
            "questionnaire",
            "type",
            "options",
            "when",
            "measures",
            "rules",
            "tests",
            "stage",
            "value",
            "note",
        ]
    ),
)
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=30,
)


def check(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.yaml"
        path.write_text(text, encoding="utf-8")
        reports = validate_files([path, DATA / "mini.yaml"])
        for report in reports:
            for problem in report.problems:
                assert problem.line >= 1
                assert problem.column >= 1
                assert str(problem).startswith(report.file + ":")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_yaml_document_is_reported_not_crashed(document: Any) -> None:
    check(yaml.safe_dump(document, allow_unicode=True))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_reported_not_crashed(text: str) -> None:
    check(text)


def mutations() -> st.SearchStrategy[str]:
    base = (DATA / "mini.yaml").read_text(encoding="utf-8").splitlines()
    return st.lists(
        st.tuples(st.integers(0, len(base) - 1), st.sampled_from(["drop", "dup", "garble"])),
        min_size=1,
        max_size=4,
    ).map(lambda edits: _apply(base, edits))


def _apply(lines: list[str], edits: list[tuple[int, str]]) -> str:
    out = list(lines)
    for index, how in edits:
        index = min(index, len(out) - 1)
        if how == "drop":
            del out[index]
        elif how == "dup":
            out.insert(index, out[index])
        else:
            out[index] = out[index].replace(":", "", 1).replace("-", "+", 1)
    return "\n".join(out) + "\n"


@settings(max_examples=150, deadline=None)
@given(mutations())
def test_a_mangled_questionnaire_is_reported_not_crashed(text: str) -> None:
    check(text)
