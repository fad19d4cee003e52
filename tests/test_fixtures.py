"""A questionnaire's own fixtures (``tests:``), as ``scaleready validate`` runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaleready.ci.validate import validate_files
from scaleready.engine.fixtures import fixture_answers
from tests.test_engine_lab import LAB, load_text
from tests.test_engine_properties import BUNDLED


def run_fixtures(text: str, tmp_path: Path) -> list[str]:
    """The failed expectations of a questionnaire's fixtures, as ``scaleready validate`` reports
    them (the public path): each an error at its fixture, in the fixtures' order."""
    path = tmp_path / "questionnaire.yaml"
    path.write_text(text, encoding="utf-8")
    [report] = validate_files([path])
    return [p.message for p in report.problems if p.severity == "error"]


def with_tests(tests: str) -> str:
    """The lab questionnaire with its ``tests:`` replaced."""
    return LAB[: LAB.index("tests:\n")] + "tests:\n" + tests


def test_the_lab_fixtures_pass(tmp_path: Path) -> None:
    assert run_fixtures(LAB, tmp_path) == []


def test_a_wrong_stage_names_the_fixture_and_what_was_found(tmp_path: Path) -> None:
    q = with_tests(
        "  - name: grown up\n    answers: {engineers: 60, funded: false}\n    expect: {stage: late}\n"
    )
    assert run_fixtures(q, tmp_path) == [
        "fixture 'grown up': expected stage late, got transition (lateness 0.500)"
    ]


def test_risk_expectations_use_residual_risk_at_medium_or_above(tmp_path: Path) -> None:
    # EARLY-like answers: hiring residual 0.375 (medium), premature 0.375 (its part's); slow is a
    # late-stage factor weighing 0.3 at the early stage, residual 0.3: 0.09 < 0.15, not shown
    q = with_tests(
        "  - name: persona\n"
        "    answers: {engineers: 10, funded: false, budget: some, cd: none, hires: some,"
        " fire-time: 20, platform-team: true}\n"
        "    expect:\n"
        "      risks_include: [hiring, premature, slow]\n"
        "      risks_exclude: [hiring]\n"
    )
    failures = run_fixtures(q, tmp_path)
    assert failures == [
        "fixture 'persona': expected risk 'slow', but it is a late-stage factor that weighs 0.30 "
        "at the early stage, with residual risk 0.300: not shown",
        "fixture 'persona': expected no risk 'hiring', but its residual risk is 0.375 (medium; "
        "exposure 0.500 from answers, mitigation 0.250)",
    ]


def test_a_low_residual_risk_fails_risks_include(tmp_path: Path) -> None:
    q = with_tests(
        "  - name: calm\n"
        "    answers: {engineers: 10, funded: false, budget: full, cd: full, hires: full}\n"
        "    expect: {risks_include: [hiring]}\n"
    )
    [failure] = run_fixtures(q, tmp_path)
    assert failure.startswith(
        "fixture 'calm': expected risk 'hiring', but its residual risk is 0.000"
    )


def test_score_bounds(tmp_path: Path) -> None:
    # readiness 1 - (0.28125 + 0.3 x 1.0) / 1.3 = 0.5529: fire-time and platform-team unanswered
    # count at their worst, so slow's residual is 1.0 (see test_engine_recommend)
    q = with_tests(
        "  - name: low bar\n"
        "    answers: {engineers: 10, funded: false, budget: some, cd: none, hires: some}\n"
        "    expect: {score_min: 60}\n"
        "  - name: high bar\n"
        "    answers: {engineers: 10, funded: false, budget: some, cd: none, hires: some}\n"
        "    expect: {score_max: 30, score_min: 55.3}\n"
    )
    assert run_fixtures(q, tmp_path) == [
        "fixture 'low bar': expected score >= 60, got 55.3",
        "fixture 'high bar': expected score <= 30, got 55.3",
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
    if not BUNDLED.is_file():
        pytest.skip(f"{BUNDLED.name} does not exist yet")
    [report] = validate_files([BUNDLED])
    assert "fixture" in report.summary
    assert [p for p in report.problems if p.severity == "error"] == []
