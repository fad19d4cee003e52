""" "Don't build this yet": investments the answers show ahead of need (engine._not_yet)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaleready.engine import assess
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import check_questionnaire, load_questionnaire
from scaleready.loading.yaml_source import parse_yaml
from tests.test_engine_lab import EARLY, LAB, load_text, run

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "questionnaires" / "scaling-readiness.yaml"

# The lab's platform team becomes an investment; hiring it into slow delivery deepens "slow".
INVESTING = LAB.replace(
    "        help: Late-stage machinery.\n        type: boolean\n",
    "        help: Late-stage machinery.\n        type: boolean\n"
    "        investment:\n"
    "          when: answers.platform_team\n"
    "          machinery: A platform team\n"
    "          worse_with: [slow]\n"
    "          because: Platform teams are late-stage machinery (slide 12).\n",
)


def test_an_investment_early_is_named_with_the_answer_behind_it() -> None:
    result = run(EARLY, load_text(INVESTING))  # lateness 0: nothing holds
    [finding] = result.not_yet
    assert (finding.question, finding.name, finding.answer) == (
        "platform-team",
        "A platform team",
        "yes",
    )
    assert (finding.reason, finding.strength) == ("ahead_of_stage", 1.0)
    assert finding.why.startswith('You answered "Do you have a platform team?" with "yes".')
    assert "Platform teams are late-stage machinery (slide 12)." in finding.why


def test_the_same_investment_late_is_not_named_while_nothing_it_deepens_is_exposed() -> None:
    late = {**EARLY, "engineers": 80, "funded": True, "fire-time": 0}
    assert run(late, load_text(INVESTING)).not_yet == ()


def test_a_late_investment_that_deepens_an_exposed_factor_is_named() -> None:
    late = {**EARLY, "engineers": 80, "funded": True, "fire-time": 50}  # slow: exposure 1.0
    [finding] = run(late, load_text(INVESTING)).not_yet
    assert (finding.reason, finding.strength, finding.failure_factors) == (
        "worsens_risk",
        1.0,
        ("slow",),
    )


def test_no_investment_answered_means_no_finding() -> None:
    assert run({**EARLY, "platform-team": False}, load_text(INVESTING)).not_yet == ()


def test_an_investment_must_name_known_failure_factors() -> None:
    text = INVESTING.replace("worse_with: [slow]", "worse_with: [slwo]")
    _, problems = check_questionnaire(parse_yaml(text, "bad.yaml"))
    assert any("slwo" in str(p) for p in problems)


@pytest.fixture(scope="module")
def bundled() -> Questionnaire:
    return load_questionnaire(BUNDLED)[0]


def _not_yet(bundled: Questionnaire, name: str) -> list[str]:
    path = ROOT / "examples" / name
    return [n.question for n in assess(bundled, load_answers(path, bundled)).not_yet]


def test_premature_scaler_hears_about_the_machinery_it_built(bundled: Questionnaire) -> None:
    named = _not_yet(bundled, "premature-scaler.yaml")
    for q in ("management-layers", "org-shape", "architecture", "services", "hiring-plan"):
        assert q in named


@pytest.mark.parametrize(
    "name",
    ["healthy-early-team.yaml", "early-no-ci.yaml", "healthy-scale-up.yaml"],
)
def test_healthy_teams_hear_no_not_yet(bundled: Questionnaire, name: str) -> None:
    assert _not_yet(bundled, name) == []


@pytest.mark.parametrize("name", ["productivity-collapse.yaml", "transition-hiring-into-slip.yaml"])
def test_hiring_into_a_slowdown_is_named(bundled: Questionnaire, name: str) -> None:
    assert "hiring-plan" in _not_yet(bundled, name)


def test_the_cli_shows_and_explains_the_investments() -> None:
    import subprocess
    import sys

    answers = str(ROOT / "examples" / "productivity-collapse.yaml")
    score = subprocess.run(
        [sys.executable, "-m", "scaleready", "score", answers],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert "Don't build this yet" in score
    assert '- Heavy hiring: "40 people" (ahead of need 0.88)' in score
    explained = subprocess.run(
        [sys.executable, "-m", "scaleready", "explain", answers, "hiring-plan"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert "Not yet: Heavy hiring (question hiring-plan, ahead of need 0.875)" in explained
    assert "Lead time for changes grows with the number of developers" in explained
