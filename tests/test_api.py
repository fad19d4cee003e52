"""The Python API: the worked example of docs/api.md runs as written, and the API's promises."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import scaleready

REPO = Path(__file__).parent.parent


def _example() -> str:
    """The one Python block of docs/api.md."""
    text = (REPO / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    assert len(blocks) == 1
    return str(blocks[0])


def test_the_documented_example_runs(tmp_path: Path) -> None:
    # Run from a copy of the repository's examples, as the page says (from the root), without
    # writing best.md into the checkout.
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    done = subprocess.run(
        [sys.executable, "-c", _example()],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Scaling readiness")
    examples = sorted(p.name for p in (REPO / "examples").glob("*.yaml"))
    assert [line.split(":")[0] for line in lines[1:]] == examples
    assert (tmp_path / "best.md").read_text(encoding="utf-8").startswith("#")


def test_every_name_in_all_is_there() -> None:
    for name in scaleready.__all__:
        assert getattr(scaleready, name) is not None
    assert scaleready.InputError.__module__ == "scaleready.errors"
    with pytest.raises(AttributeError):
        _ = scaleready.no_such_name


def test_import_loads_nothing_else() -> None:
    code = (
        "import sys, scaleready; "
        "print(sorted(m for m in sys.modules if m.startswith(('scaleready.', 'pydantic', 'yaml'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_errors_are_the_documented_ones(tmp_path: Path) -> None:
    with pytest.raises(scaleready.UsageError):
        scaleready.load_questionnaire("no-such-questionnaire")
    broken = tmp_path / "broken.yaml"
    broken.write_text("questionnaire: {id: scaling-readiness, version: 1.0.0}\nanswers: [1\n")
    questionnaire = scaleready.load_questionnaire()
    with pytest.raises(scaleready.InputError) as raised:
        scaleready.load_answers(broken, questionnaire)
    assert raised.value.problems[0].file == str(broken)
    answers = scaleready.load_answers(REPO / "examples" / "healthy-scale-up.yaml", questionnaire)
    result = scaleready.assess(questionnaire, answers)
    with pytest.raises(scaleready.UsageError):
        scaleready.render_report(result, questionnaire, answers, "pdf")
    for fmt in ("md", "html", "json", "junit", "terminal"):
        assert scaleready.render_report(result, questionnaire, answers, fmt)
