"""Stages defined by the questionnaire (issue 15, item 1): relevance lines through the stages'
anchors, bands, an item's own stages, and the old early/late form read as three stages.

tests/data/westrum.yaml has three segments (pathological from 0, bureaucratic from 0.25,
generative from 0.75; anchors 0, 0.5 and 1) and floor 0.2; every number here is computed by hand
from it.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from scaleready.engine import assess
from scaleready.engine.stage import (
    breakpoints,
    classify,
    fits,
    home_stages,
    relevance,
    relevance_line,
)
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import check_questionnaire, load_questionnaire
from scaleready.loading.yaml_source import parse_yaml
from tests.conftest import DATA, REPO

WESTRUM = DATA / "westrum.yaml"
OLD_FORM = DATA / "scaling-readiness-old-form.yaml"
BUNDLED = REPO / "questionnaires" / "scaling-readiness.yaml"


@cache
def westrum() -> Questionnaire:
    return load_questionnaire(WESTRUM)[0]


def _item(q: Questionnaire, item_id: str) -> Any:
    model = q.model
    items: list[Any] = [*model.failure_factors, *model.capabilities, *model.values, *q.questions]
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(item_id)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # one stage, the first: 1 at its anchor, straight down to the floor at the last
        ("blame", [1.0, 0.8, 0.6, 0.4, 0.2]),
        # two stages: 1 across both anchors, then down to the floor
        ("silos", [1.0, 1.0, 1.0, 0.6, 0.2]),
        # no stage named: every stage, 1 everywhere
        ("burnout", [1.0, 1.0, 1.0, 1.0, 1.0]),
        # the interior stage alone: a peak at its anchor, the floor at both ends
        ("rulebound", [0.2, 0.6, 1.0, 0.6, 0.2]),
        # an explicit map: the unnamed first stage at the floor, the named ones as given
        ("drift", [0.2, 0.6, 1.0, 0.75, 0.5]),
        ("stagnation", [0.2, 0.4, 0.6, 0.8, 1.0]),
        # capabilities and questions take the same keys
        ("learning", [0.2, 0.4, 0.6, 0.8, 1.0]),
        ("process", [0.2, 0.6, 1.0, 0.6, 0.2]),
        ("rotas", [0.2, 0.6, 1.0, 1.0, 1.0]),
        ("safe", [1.0, 1.0, 1.0, 1.0, 1.0]),
    ],
)
def test_relevance_at_the_anchors_and_between(item: str, expected: list[float]) -> None:
    q = westrum()
    at = [relevance(q, _item(q, item), x) for x in (0.0, 0.25, 0.5, 0.75, 1.0)]
    assert at == pytest.approx(expected)


def test_the_line_is_level_beyond_its_first_and_last_points() -> None:
    text = WESTRUM.read_text(encoding="utf-8").replace(
        "      description: Power-oriented; information is hoarded.\n",
        "      description: Power-oriented; information is hoarded.\n      at: 0.1\n",
    )
    q, problems = check_questionnaire(parse_yaml(text, "westrum.yaml"))
    assert q is not None, problems
    blame = _item(q, "blame")
    assert relevance(q, blame, 0.0) == relevance(q, blame, 0.1) == 1.0
    assert relevance(q, blame, 0.55) == pytest.approx(0.6)


def test_the_bands_place_the_position() -> None:
    q = westrum()
    assert [classify(q, x) for x in (0.0, 0.249, 0.25, 0.749, 0.75, 1.0)] == [
        "pathological",
        "pathological",
        "bureaucratic",
        "bureaucratic",
        "generative",
        "generative",
    ]


def test_an_items_own_stages_and_whether_it_fits() -> None:
    q = westrum()
    assert q.stage_ids == ("pathological", "bureaucratic", "generative")
    assert home_stages(q, _item(q, "blame")) == ("pathological",)
    assert home_stages(q, _item(q, "silos")) == ("pathological", "bureaucratic")
    assert home_stages(q, _item(q, "burnout")) == q.stage_ids
    assert home_stages(q, _item(q, "drift")) == ("bureaucratic", "generative")
    assert not fits(q, ("generative",), "bureaucratic")
    assert fits(q, ("generative",), "generative")


def test_the_worst_case_looks_where_a_line_bends() -> None:
    assert breakpoints(westrum()) == (0.0, 0.5, 1.0)
    # The bundled questionnaire's lines bend only at its ends, so its figures do not move.
    assert breakpoints(load_questionnaire(BUNDLED)[0]) == (0.0, 1.0)


def test_the_bundled_questionnaire_keeps_todays_stage_weights() -> None:
    q = load_questionnaire(BUNDLED)[0]
    assert q.stage_ids == ("early", "transition", "late")
    assert relevance_line(q, ("late",), None) == ((0.0, 0.3), (1.0, 1.0))
    assert relevance_line(q, ("early",), None) == ((0.0, 1.0), (1.0, 0.3))
    for x in (0.0, 0.17, 0.4, 0.5, 0.6, 0.946, 1.0):
        late = next(f for f in q.model.failure_factors if f.stage == "late")
        assert relevance(q, late, x) == 0.3 + (1 - 0.3) * x  # exactly, digit for digit


def test_the_old_form_reads_as_early_transition_and_late() -> None:
    old = load_questionnaire(OLD_FORM)[0]
    assert old.stage is not None
    assert old.stage.stages is None  # really the old keys
    assert old.stage_ids == ("early", "transition", "late")
    assert [s.name for s in old.stage_defs] == ["Early stage", "Transition", "Late stage"]
    assert [s.between for s in old.stage_defs] == [False, True, False]


@pytest.mark.parametrize(
    "example", sorted((REPO / "examples").glob("*.yaml")), ids=lambda p: p.stem
)
def test_the_old_form_scores_every_example_as_the_bundled_one_does(example: Path) -> None:
    old = load_questionnaire(OLD_FORM)[0]
    new = load_questionnaire(BUNDLED)[0]
    answers = load_answers(example, new)
    assert json.loads(assess(old, answers).to_json()) == json.loads(assess(new, answers).to_json())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("stages: [generative]}", "stages: [late]}"),
        ("expect: {stage: generative", "expect: {stage: early"),
        ("relevance: {bureaucratic: 1}", "relevance: {bureacratic: 1}"),
    ],
)
def test_an_undeclared_stage_is_a_load_error_listing_the_stages(change: str, message: str) -> None:
    text = WESTRUM.read_text(encoding="utf-8").replace(change, message)
    assert text != WESTRUM.read_text(encoding="utf-8")
    _, problems = check_questionnaire(parse_yaml(text, "westrum.yaml"))
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, errors
    assert "unknown stage" in errors[0].message
    assert "the stages are pathological, bureaucratic, generative" in errors[0].message


def test_a_comparison_with_an_undeclared_stage_names_the_declared_ones() -> None:
    text = WESTRUM.read_text(encoding="utf-8").replace(
        "when: \"stage == 'pathological'", "when: \"stage == 'generatve'"
    )
    _, problems = check_questionnaire(parse_yaml(text, "westrum.yaml"))
    assert [p.message for p in problems if p.severity == "error"] == [
        "'generatve' is not a stage (did you mean 'generative'?): stage is one of "
        "pathological, bureaucratic, generative"
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("      from: 0.25\n", "      from: 0.8\n"),
        (
            "  stages:\n    - id: pathological",
            "  early_below: 0.3\n  stages:\n    - id: pathological",
        ),
        ("      from: 0.75\n", "      from: 0.75\n      between: true\n"),
        ("      stage: pathological\n", "      stage: pathological\n      stages: [generative]\n"),
    ],
)
def test_malformed_stages_are_load_errors(change: str, message: str) -> None:
    text = WESTRUM.read_text(encoding="utf-8").replace(change, message, 1)
    _, problems = check_questionnaire(parse_yaml(text, "westrum.yaml"))
    assert [p for p in problems if p.severity == "error"]
