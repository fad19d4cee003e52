"""Comparisons that can never hold are load errors naming file:line:key and what is allowed
(issue 15, item 3): through ``scaleready validate``, as an author meets them."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaleready.cli import commands as cli
from tests.conftest import REPO, Writer

BASE = """\
id: t
version: 1.0.0
title: T
model:
  capabilities:
    - {id: cap, name: Cap}
  failure_factors:
    - {id: ff, name: FF, stage: late, mitigated_by: {cap: 0.5}}
sections:
  - id: s
    title: S
    questions:
      - id: deploy-frequency
        text: How often?
        help: Why.
        type: choice
        options: [{key: daily, label: Daily, score: 1.0}, {key: weekly, label: Weekly, score: 0.0}]
        measures: [{capability: cap}]
      - {id: practices, text: Which?, help: Why., type: multi, options: [{key: ci, label: CI}, {key: cd, label: CD}]}
      - {id: agreement, text: Agree?, help: Why., type: scale, scale: seven}
      - {id: team-size, text: How many?, help: Why., type: number, min: 0}
      - {id: on-call, text: On call?, help: Why., type: boolean}
      - {id: notes, text: Notes?, help: Why., type: text}
scales:
  seven: [{key: 1, label: Disagree}, {key: 7, label: Agree}]
rules:
  - id: r
    when: "WHEN"
    raise: {failure_factor: ff, level: 0.5}
    because: B.
"""

# The line and column of the rule's `when` value in BASE.
WHERE = "q.yaml:28:11: rules[0].when"


def run(capsys: pytest.CaptureFixture[str], write: Writer, when: str) -> tuple[int, str]:
    path = write("q.yaml", BASE.replace("WHEN", when))
    code = cli.main(["validate", str(path)])
    _, err = capsys.readouterr()
    return code, err.replace(str(path), "q.yaml")


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (
            "stage == 'generative'",
            "'generative' is not a stage: stage is one of early, transition, late",
        ),
        (
            "'lat' != stage",
            "'lat' is not a stage (did you mean 'late'?): stage is one of early, transition, late",
        ),
        (
            "stage in ['early', 'generative']",
            "'generative' is not a stage: stage is one of early, transition, late",
        ),
        ("stage == 1", "stage is never the number 1: stage is one of early, transition, late"),
        (
            "answers.deploy_frequency == 'hourly'",
            "'hourly' is not an option of deploy-frequency: "
            "answers.deploy-frequency is one of: daily, weekly",
        ),
        (
            "answers['deploy-frequency'] in ['daily', 'dayly']",
            "'dayly' is not an option of deploy-frequency (did you mean 'daily'?): "
            "answers.deploy-frequency is one of: daily, weekly",
        ),
        (
            "answers.deploy_frequency not in ('weekly', 'monthly')",
            "'monthly' is not an option of deploy-frequency: "
            "answers.deploy-frequency is one of: daily, weekly",
        ),
        (
            "'k8s' in answers.practices",
            "'k8s' is not an option of practices: answers.practices is one of: ci, cd",
        ),
        (
            "'cdd' in (answers.practices or [])",
            "'cdd' is not an option of practices (did you mean 'cd'?): "
            "answers.practices is one of: ci, cd",
        ),
        (
            "answers.practices == 'ci'",
            "answers.practices is a list of options and is never the string 'ci'; "
            "write 'ci' in answers.practices",
        ),
        (
            "answers.deploy_frequency == 3",
            "answers.deploy-frequency is never the number 3: "
            "answers.deploy-frequency is one of: daily, weekly",
        ),
        (
            "answers.agreement == '7'",
            "answers.agreement is never the string '7': answers.agreement is one of: 1, 7",
        ),
        (
            "answers.agreement >= 'high'",
            "answers.agreement is never the string 'high': answers.agreement is one of: 1, 7",
        ),
        (
            "answers.agreement in [1, 4]",
            "4 is not an option of agreement: answers.agreement is one of: 1, 7",
        ),
        ("answers.team_size > '10'", "answers.team-size is a number and is never the string '10'"),
        ("answers.team_size == true", "answers.team-size is a number and is never true"),
        (
            "answers.on_call == 'yes'",
            "answers.on-call is true or false and is never the string 'yes'",
        ),
    ],
)
def test_an_impossible_comparison_is_a_load_error_saying_what_is_allowed(
    capsys: pytest.CaptureFixture[str], write: Writer, when: str, message: str
) -> None:
    assert run(capsys, write, when) == (2, f"{WHERE}: {message}\n")


@pytest.mark.parametrize(
    "when",
    [
        "stage == 'late' and stage != 'early' and stage in ['transition']",
        "answers.deploy_frequency == 'daily' or answers['deploy-frequency'] != none",
        "answers.deploy_frequency in ['daily', 'weekly'] and answers.deploy_frequency > 'a'",
        "'ci' in answers.practices and 'cd' not in (answers.practices or [])",
        "(answers.practices | default([])) | length > 1",
        "answers.agreement >= 7 and answers.agreement in (1, 7) and answers.agreement != 7.0",
        "answers.team_size > 3.5 and answers.team_size != 0",
        "answers.on_call == true and answers.on_call != 0",
        "answers.notes == 'none' and 'x' in answers.notes",
        "answers.team_size > answers.agreement",
    ],
)
def test_possible_comparisons_pass(
    capsys: pytest.CaptureFixture[str], write: Writer, when: str
) -> None:
    assert run(capsys, write, when) == (0, "")


def test_every_impossible_comparison_is_reported_at_once(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    code, err = run(
        capsys, write, "stage == 'gen' or answers.team_size == 'x' or answers.nope == 'y'"
    )
    assert code == 2
    assert err.splitlines() == [
        f"{WHERE}: 'gen' is not a stage: stage is one of early, transition, late",
        f"{WHERE}: answers.team-size is a number and is never the string 'x'",
        f"{WHERE}: unknown question 'nope' (did you mean 'notes'?)",
    ]


def test_stage_signals_cannot_compare_stage_and_say_so_once(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    signals = "stage:\n  signals:\n    - {id: big, when: \"stage == 'x'\", because: B}\n"
    path = write("q.yaml", BASE.replace("WHEN", "true") + signals)
    assert cli.main(["validate", str(path)]) == 2
    err = capsys.readouterr().err.replace(str(path), "q.yaml")
    assert err == (
        "q.yaml:33:23: stage.signals[0].when: 'stage' cannot be used here: "
        "the stage signals are what decide it\n"
    )


def test_the_questionnaire_s_own_stage_ids_are_allowed() -> None:
    class WithStages:
        stage_ids = ("pathological", "bureaucratic", "generative")
        questions = ()

    from scaleready.expressions._comparisons import stage_ids_of

    assert stage_ids_of(WithStages()) == ("pathological", "bureaucratic", "generative")
    assert stage_ids_of(object()) == ("early", "transition", "late")


def test_every_shipped_questionnaire_still_loads(capsys: pytest.CaptureFixture[str]) -> None:
    shipped = sorted((REPO / "questionnaires").glob("*.yaml")) + sorted(
        (REPO / "tests" / "data").glob("*.yaml")
    )
    assert cli.main(["validate", *map(str, shipped)]) == 0, capsys.readouterr().err
    assert len(shipped) >= 3


def test_read_only_from_the_tree_jinja_parsed(tmp_path: Path) -> None:
    """The check needs no second parse: it works on the nodes check_all already has."""
    from scaleready.expressions import compiler

    results = compiler.check_all(
        [("answers.q == 'z'", ("answers",))],
        compiler.question_index(["q"]),
        lambda found, names: [f"{len(found)} nodes"],
    )
    assert results == [["5 nodes"]]
