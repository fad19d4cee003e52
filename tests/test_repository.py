"""Promises the repository makes about itself: CI runs the README's test command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Install", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", setup)


def test_readme_has_exactly_two_setup_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    assert "scaleready" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_exactly() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in ci


def readme_block(opening: str) -> str:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return text.split(opening + "\n", 1)[1].split("\n```", 1)[0]


def test_readme_answers_example_validates() -> None:
    from scaleready.loading.answers import check_answers
    from scaleready.loading.bundled import resolve_questionnaire
    from scaleready.loading.questionnaire import load_questionnaire
    from scaleready.loading.yaml_source import parse_yaml

    questionnaire, _ = load_questionnaire(resolve_questionnaire("scaling-readiness"))
    answers, problems = check_answers(
        parse_yaml(readme_block("```yaml"), "README.md"), questionnaire
    )
    assert problems == []
    assert answers is not None


def test_readme_transcript_is_what_score_prints(monkeypatch: pytest.MonkeyPatch) -> None:
    from scaleready.ci.score_run import Gates, run_score
    from scaleready.render.outputs import terminal_text

    block = readme_block("```console")
    command, printed = block.split("\n", 1)
    assert command == "$ scaleready score examples/premature-scaler.yaml"
    monkeypatch.chdir(REPO)  # as the README runs it: its explain example names the path given
    run = run_score(Path("examples") / "premature-scaler.yaml", None, Gates())
    expected = "\n".join(line.rstrip() for line in terminal_text(run, width=80).splitlines())
    assert printed == expected
