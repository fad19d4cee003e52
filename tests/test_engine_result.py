"""The result as a whole: the mini questionnaire end to end, JSON output and its schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pydantic
import pytest

from scaleready import __version__
from scaleready.engine import assess
from scaleready.formats.result import Assessment
from scaleready.formats.schema import SCHEMAS, json_schema, render_schema
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA, REPO
from tests.test_engine_lab import EARLY, run
from tests.test_engine_properties import bundled


def mini() -> Assessment:
    q, _ = load_questionnaire(DATA / "mini.yaml")
    return assess(q, load_answers(DATA / "mini-answers.yaml", q))


def test_the_mini_questionnaire_end_to_end() -> None:
    result = mini()
    assert (result.questionnaire.id, result.questionnaire.version) == ("mini", "1.0.0")
    assert result.tool.version == __version__
    assert (result.organisation, result.respondent and result.respondent.name) == ("Acme", "Ada")
    assert result.stage.id == "early"  # 12 engineers: "big" (>= 50) does not hold
    # experimentation: (deploy-frequency weekly 0.5 x 0.5 + experiments 3 -> 1.0 x 1) / 1.5
    [experimentation] = result.capabilities
    assert experimentation.score == 83.3
    # no-problem-solution-fit: founder-approves [hiring] scores 0.2 -> exposure 0.8, directly
    # and through the founder-bottleneck signal; mitigation 0.833 -> residual 0.8 x 0.167
    [ff] = result.failure_factors
    assert (ff.exposure, ff.mitigation, ff.residual_risk, ff.level) == (0.8, 0.833, 0.133, "low")
    assert result.score == 86.7  # 1 - the only tree's residual risk 0.133
    assert [r.capability for r in result.recommendations] == ["experimentation"]
    assert result.outcomes.dora is not None
    assert result.outcomes.dora.overall == 6.0  # deploy-frequency weekly: band 4


def test_the_json_is_stable_and_validates_against_the_schema() -> None:
    first, second = mini().to_json(), mini().to_json()
    assert first == second
    schema = json.loads(render_schema("result"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(json.loads(first))


def test_the_schema_requires_every_key_and_forbids_others() -> None:
    schema = json_schema("result")
    assert "result" in SCHEMAS
    assert schema["additionalProperties"] is False
    assert {"questionnaire", "stage", "score", "failure_factors", "warnings"} <= set(
        schema["required"]
    )
    validator = jsonschema.Draft202012Validator(schema)
    document = json.loads(mini().to_json())
    document["surprise"] = 1
    assert not validator.is_valid(document)


def test_results_are_immutable() -> None:
    result = run(EARLY)
    with pytest.raises(pydantic.ValidationError):
        result.score = 100  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        result.failure_factors[0].exposure = 0  # type: ignore[misc]


def test_lists_keep_the_model_s_order_and_recommendations_their_rank() -> None:
    result = run(EARLY)
    assert [c.id for c in result.capabilities] == ["discipline", "delivery", "platform"]
    assert [f.id for f in result.failure_factors] == ["premature", "hiring", "slow"]
    assert [r.rank for r in result.recommendations] == [1, 2]


EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_bundled_example_scores_deterministically_and_validates(example: Path) -> None:
    q = bundled()
    if isinstance(q, str):
        pytest.skip(q)
    answers = load_answers(example, q)
    first, second = assess(q, answers).to_json(), assess(q, answers).to_json()
    assert first == second
    jsonschema.Draft202012Validator(json_schema("result")).validate(json.loads(first))
