"""The bundled questionnaire carries the whole model and stays in step with its examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import REPO

BUNDLED = REPO / "questionnaires" / "scaling-readiness.yaml"
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
DORA = Path(__file__).resolve().parents[2] / "shared" / "reference" / "dora"


@pytest.fixture(scope="module")
def loaded() -> tuple[Questionnaire, list[str]]:
    questionnaire, warnings = load_questionnaire(BUNDLED)
    return questionnaire, [str(w) for w in warnings]


def test_loads_without_a_single_warning(loaded: tuple[Questionnaire, list[str]]) -> None:
    assert loaded[1] == []


def test_carries_the_whole_model(loaded: tuple[Questionnaire, list[str]]) -> None:
    model = loaded[0].model
    assert len(model.values) == 14
    assert len(model.mechanisms) == 9
    # The stage profiles live on the declared stages (stage.stages); transition has none.
    assert {s.id for s in loaded[0].stage_defs if s.dominant_problem} == {"early", "late"}
    assert len(model.signals) == 7  # the scaling pains of slide 11
    assert {o.dora_metric for o in model.outcomes} >= {
        "leadtime",
        "deployfreq",
        "failurerecovery",
        "changefailure",
        "rework",
    }
    assert {f.stage for f in model.failure_factors} == {"early", "late"}


def test_has_enough_questions_with_help(loaded: tuple[Questionnaire, list[str]]) -> None:
    questions = loaded[0].questions
    assert len(questions) >= 70
    assert all(q.help for q in questions)


def test_dora_and_westrum_questions_are_linked(loaded: tuple[Questionnaire, list[str]]) -> None:
    questionnaire = loaded[0]
    benchmarks = questionnaire.benchmarks
    assert benchmarks is not None
    assert benchmarks.dora is not None
    assert all(qid is not None for _, qid in benchmarks.dora)
    assert len(benchmarks.westrum) == 6
    for metric in ("leadtime", "deployfreq", "failurerecovery"):
        question = questionnaire.question(getattr(benchmarks.dora, metric))
        assert question is not None
        bands = sorted(o.value for o in questionnaire.options_of(question) if o.value is not None)
        assert bands == [1, 2, 3, 4, 5, 6]


@pytest.mark.skipif(not DORA.is_dir(), reason="the shared DORA reference is not beside the repo")
def test_industry_and_size_options_are_doras_keys(loaded: tuple[Questionnaire, list[str]]) -> None:
    questionnaire = loaded[0]
    benchmarks = questionnaire.benchmarks
    assert benchmarks is not None
    for question_id, file in (
        (benchmarks.industry_question, "2025_industry_metrics.json"),
        (benchmarks.organisation_size_question, "2025_organization_size_metrics.json"),
    ):
        assert question_id is not None
        question = questionnaire.question(question_id)
        assert question is not None
        keys = {str(o.key) for o in questionnaire.options_of(question)}
        assert keys == set(json.loads((DORA / file).read_text()))


def test_at_least_six_personas_each_with_its_example(
    loaded: tuple[Questionnaire, list[str]],
) -> None:
    fixtures = loaded[0].tests
    assert len(fixtures) >= 6
    assert len(fixtures) == len(EXAMPLES)
    for fixture in fixtures:
        assert fixture.expect.stage is not None
        assert fixture.expect.risks_include or fixture.expect.risks_exclude


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_validates_and_matches_its_fixture(
    loaded: tuple[Questionnaire, list[str]], example: Path
) -> None:
    questionnaire = loaded[0]
    load_answers(example, questionnaire)
    # Fixtures copy their persona's answers (a fixture cannot point at a file the wheel lacks),
    # so each example must equal exactly one fixture, and they cannot drift apart.
    answers = yaml.safe_load(example.read_text())["answers"]
    assert len([f for f in questionnaire.tests if f.answers == answers]) == 1
