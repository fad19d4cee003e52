"""A questionnaire's own fixtures (``tests:``), as ``scaleready validate`` runs them."""

from __future__ import annotations

import pytest

from scaleready.engine.fixtures import fixture_answers, run_fixtures
from tests.test_engine_lab import LAB, lab, load_text
from tests.test_engine_properties import bundled


def with_tests(tests: str) -> str:
    """The lab questionnaire with its ``tests:`` replaced."""
    return LAB[: LAB.index("tests:\n")] + "tests:\n" + tests


def test_the_lab_fixtures_pass() -> None:
    assert run_fixtures(lab()) == []


def test_a_wrong_stage_names_the_fixture_and_what_was_found() -> None:
    q = load_text(
        with_tests(
            "  - name: grown up\n    answers: {engineers: 60, funded: false}\n    expect: {stage: late}\n"
        )
    )
    assert run_fixtures(q) == [
        "fixture 'grown up': expected stage late, got transition (lateness 0.500)"
    ]


def test_risk_expectations_use_residual_risk_at_medium_or_above() -> None:
    # EARLY-like answers: hiring residual 0.375 (medium), premature 0.25 (medium, the threshold),
    # slow is a late-stage factor (not relevant at the early stage)
    q = load_text(
        with_tests(
            "  - name: persona\n"
            "    answers: {engineers: 10, funded: false, budget: some, cd: none, hires: some,"
            " fire-time: 20}\n"
            "    expect:\n"
            "      risks_include: [hiring, premature, slow]\n"
            "      risks_exclude: [hiring]\n"
        )
    )
    failures = run_fixtures(q)
    assert failures == [
        "fixture 'persona': expected risk 'slow', but it is a late-stage factor and the stage is "
        "early",
        "fixture 'persona': expected no risk 'hiring', but its residual risk is 0.375 (medium; "
        "exposure 0.500 from answers, mitigation 0.250)",
    ]


def test_a_low_residual_risk_fails_risks_include() -> None:
    q = load_text(
        with_tests(
            "  - name: calm\n"
            "    answers: {engineers: 10, funded: false, budget: full, cd: full, hires: full}\n"
            "    expect: {risks_include: [hiring]}\n"
        )
    )
    [failure] = run_fixtures(q)
    assert failure.startswith(
        "fixture 'calm': expected risk 'hiring', but its residual risk is 0.000"
    )


def test_score_bounds() -> None:
    # readiness 37.5 (see test_engine_recommend)
    q = load_text(
        with_tests(
            "  - name: low bar\n"
            "    answers: {engineers: 10, funded: false, budget: some, cd: none, hires: some}\n"
            "    expect: {score_min: 40}\n"
            "  - name: high bar\n"
            "    answers: {engineers: 10, funded: false, budget: some, cd: none, hires: some}\n"
            "    expect: {score_max: 30, score_min: 37.5}\n"
        )
    )
    assert run_fixtures(q) == [
        "fixture 'low bar': expected score >= 40, got 37.5",
        "fixture 'high bar': expected score <= 30, got 37.5",
    ]


def test_fixture_answers_take_every_answer_shape() -> None:
    q = load_text(
        with_tests(
            "  - name: shapes\n"
            "    answers:\n"
            "      engineers: 12\n"
            "      budget: {value: some, note: roughly}\n"
            "      cd: {dont_know: true}\n"
            "      hires: {not_applicable: true, reason: no hiring}\n"
            "      practices: [ci, trunk]\n"
            "    expect: {}\n"
        )
    )
    answers = fixture_answers(q, q.tests[0]).answers
    assert (answers["engineers"].status, answers["engineers"].value) == ("answered", 12)
    assert (answers["budget"].value, answers["budget"].note) == ("some", "roughly")
    assert answers["cd"].status == "dont_know"
    assert (answers["hires"].status, answers["hires"].reason) == ("not_applicable", "no hiring")
    assert answers["practices"].value == ("ci", "trunk")


def test_the_bundled_questionnaire_s_fixtures_pass() -> None:
    loaded = bundled()
    if isinstance(loaded, str):
        pytest.skip(loaded)
    if not loaded.tests:
        pytest.skip("the bundled questionnaire has no fixtures yet")
    assert run_fixtures(loaded) == []
