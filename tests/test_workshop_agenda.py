"""The "discuss first" agenda: importance from the consensus's risks, and the ranking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from scaleready.engine import assess
from scaleready.formats.answers import Answer, Answers, QuestionnaireRef
from scaleready.loading.inputs import open_questionnaire
from scaleready.loading.questionnaire import load_questionnaire
from scaleready.workshop.agenda import claim_gaps, factor_links, importance
from scaleready.workshop.core import run_workshop
from scaleready.workshop.load import load_responses
from tests.conftest import DATA, REPO

BASE = REPO / "examples" / "productivity-collapse.yaml"


def test_importance_on_the_mini_questionnaire() -> None:
    questionnaire = load_questionnaire(DATA / "mini.yaml")[0]
    answers = Answers(
        questionnaire=QuestionnaireRef(id="mini", version="1.0.0"),
        answers={"engineers": Answer(value=5), "experiments": Answer(value=2)},
    )
    consensus = assess(questionnaire, answers)
    (factor,) = consensus.failure_factors
    risk = factor.residual_risk
    assert factor.relevant
    assert risk > 0
    links = factor_links(questionnaire, consensus)
    # experiments measures the one capability that mitigates the factor (all of its mitigation):
    # weight 1 x share 1 x R. deploy-frequency measures it at weight 0.5. founder-approves is a
    # symptom of the factor (1 x R) and measures a signal that indicates it (1 x R).
    assert links["experiments"] == {factor.id: pytest.approx(risk)}
    assert links["deploy-frequency"] == {factor.id: pytest.approx(0.5 * risk)}
    assert links["founder-approves"] == {factor.id: pytest.approx(2 * risk)}
    assert links["engineers"] == {}
    assert importance(links) == {
        "engineers": 0.0,
        "funded": 0.0,
        "notes": 0.0,
        "deploy-frequency": 0.25,
        "experiments": 0.5,
        "founder-approves": 1.0,
        "change-fail-rate": 0.0,
    }


def persona(folder: Path, stem: str, changes: dict[str, Any]) -> Path:
    """The productivity-collapse persona with some answers changed."""
    data = yaml.safe_load(BASE.read_text(encoding="utf-8"))
    data["answers"].update(changes)
    path = folder / f"{stem}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_the_strongly_disputed_question_tops_the_agenda(tmp_path: Path) -> None:
    # Three people at one company: they disagree a little about lead time and parallel work
    # (neighbouring answers), and completely about how releases happen.
    files = [
        persona(tmp_path, "a", {"release-process": "scheduled-release"}),
        persona(
            tmp_path,
            "b",
            {"release-process": "automatic", "lead-time": "one-week-to-one-month"},
        ),
        persona(tmp_path, "c", {"release-process": "scripted", "parallel-work": "two"}),
    ]
    questionnaire, responses = load_responses(files)
    result = run_workshop(questionnaire, responses)
    ranked = [item.question for item in result.agenda]
    assert ranked[0] == "release-process"
    assert set(ranked) == {"release-process", "lead-time", "parallel-work"}
    top = result.agenda[0]
    assert top.rank == 1
    assert top.priority == round(top.disagreement * top.importance, 3)
    assert top.bears_on  # names the risks it matters to
    release = next(q for q in result.questions if q.id == "release-process")
    # Health 0, 1 and 0.4: the median (and the consensus) is "scripted".
    assert release.median == "scripted"
    assert release.consensus is not None
    assert release.consensus.value == "scripted"


def test_agreement_leaves_the_agenda_empty(tmp_path: Path) -> None:
    files = [persona(tmp_path, name, {}) for name in ("a", "b")]
    questionnaire, responses = load_responses(files)
    assert run_workshop(questionnaire, responses).agenda == ()


def test_a_large_gap_between_measured_and_claimed_is_discussed_first(tmp_path: Path) -> None:
    # b's deployment frequency was measured (monthly releases) over their claim (on demand); the
    # group agrees on everything else but the release process.
    measured = {"value": "monthly-to-six-monthly", "claimed": "on-demand"}
    files = [
        persona(tmp_path, "a", {"release-process": "scheduled-release"}),
        persona(
            tmp_path,
            "b",
            {"release-process": "automatic", "deploy-frequency": measured},
        ),
        persona(tmp_path, "c", {"change-fail-rate": {"value": 35, "claimed": 33}}),  # no gap
    ]
    questionnaire, responses = load_responses(files)
    result = run_workshop(questionnaire, responses)
    first = result.agenda[0]
    assert (first.rank, first.question) == (1, "deploy-frequency")
    assert first.claims == ("measured monthly-to-six-monthly (band 2), claimed on-demand (band 6)",)
    assert [item.claims for item in result.agenda[1:]] == [()] * (len(result.agenda) - 1)
    assert "change-fail-rate" not in [item.question for item in result.agenda]


def test_claim_gaps_give_both_figures_once_and_skip_answers_without_claims() -> None:
    questionnaire = open_questionnaire(None)
    ref = QuestionnaireRef(id=questionnaire.id, version=questionnaire.version)
    measured = Answer(value=33.3, claimed=5)
    people = [
        Answers(questionnaire=ref, answers={"change-fail-rate": measured}),
        Answers(questionnaire=ref, answers={"change-fail-rate": measured}),  # said once
        Answers(questionnaire=ref, answers={"change-fail-rate": Answer(value=40)}),
        Answers(questionnaire=ref, answers={"lead-time": Answer(status="dont_know")}),
    ]
    assert claim_gaps(questionnaire, people) == {
        "change-fail-rate": ("measured 33.3 %, claimed 5 %",),
    }
