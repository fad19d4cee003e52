"""The pieces of the model issue 14 found missing, seen through the bundled personas: a
management layer (slides 11-12) and early engineering foundations (slide 10)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from scaleready.engine import assess
from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import Assessment
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def bundled() -> Questionnaire:
    return load_questionnaire(ROOT / "questionnaires" / "scaling-readiness.yaml")[0]


def persona(q: Questionnaire, name: str) -> Assessment:
    return assess(q, load_answers(ROOT / "examples" / name, q))


def test_46_people_reporting_to_the_cto_hear_about_managers(bundled: Questionnaire) -> None:
    result = persona(bundled, "founder-bottleneck.yaml")
    factor = next(f for f in result.failure_factors if f.id == "too-few-managers")
    assert factor.relevant
    assert factor.level in ("high", "critical")
    assert "grow-managers" in [r.capability for r in result.recommendations[:3]]
    assert "flat-org" not in [r.capability for r in result.recommendations[:3]]


def test_a_team_with_managers_is_not_told_to_grow_them(bundled: Questionnaire) -> None:
    result = persona(bundled, "outgrown-structure.yaml")
    factor = next(f for f in result.failure_factors if f.id == "too-few-managers")
    assert factor.level == "low"


def test_an_early_team_without_ci_is_advised_continuous_delivery(bundled: Questionnaire) -> None:
    result = persona(bundled, "early-no-ci.yaml")
    factor = next(f for f in result.failure_factors if f.id == "missing-foundations")
    assert factor.relevant
    assert factor.level in ("medium", "high", "critical")  # flagged
    assert "continuous-delivery" in [r.capability for r in result.recommendations[:3]]


def test_the_cli_names_the_manager_gap_with_the_answer_behind_it() -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "scaleready",
            "score",
            str(ROOT / "examples/founder-bottleneck.yaml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert "Grow enough good managers as the organisation outgrows its founders" in out
    assert "Why: " in out


def test_a_fear_culture_is_not_told_to_hire_generalists_first(bundled: Questionnaire) -> None:
    # Paywise: the last engineer who raised a risk was moved off the team (messengers: 2 of 7).
    result = persona(bundled, "series-a-founder-blame.yaml")
    assert "generalist-team" not in [r.capability for r in result.recommendations[:3]]
    generalists = next(r for r in result.recommendations if r.capability == "generalist-team")
    assert generalists.why.startswith("Not before: messengers are punished here")


def test_the_late_dominant_problem_is_measured(bundled: Questionnaire, tmp_path: Path) -> None:
    # Slide 9: late, the search is for a repeatable and scalable business model.
    def repeatable_model(text: str) -> tuple[str, float]:
        path = tmp_path / "answers.yaml"
        path.write_text(text, encoding="utf-8")
        result = assess(bundled, load_answers(path, bundled))
        f = next(f for f in result.failure_factors if f.id == "no-repeatable-model")
        assert f.relevant
        return f.level, f.exposure

    text = (ROOT / "examples" / "healthy-scale-up.yaml").read_text(encoding="utf-8")
    level, exposure = repeatable_model(text)
    assert level == "low"
    worse = text.replace("unit-economics: teams", "unit-economics: nobody")
    assert worse != text
    assert repeatable_model(worse)[1] > exposure
