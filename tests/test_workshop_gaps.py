"""Each participant's own capability scores, and the gaps between roles."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaleready.engine import assess
from scaleready.formats.answers import Answer, Answers, QuestionnaireRef, Respondent
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.inputs import load_inputs
from scaleready.loading.questionnaire import load_questionnaire
from scaleready.workshop.core import run_workshop
from scaleready.workshop.gaps import personal_view, role_gaps, role_scores
from scaleready.workshop.load import Response
from tests.conftest import DATA, REPO


@pytest.mark.parametrize(
    "example", sorted((REPO / "examples").glob("*.yaml")), ids=lambda p: p.stem
)
def test_personal_view_matches_the_engine(example: Path) -> None:
    questionnaire, answers = load_inputs(example)
    view = personal_view(questionnaire, answers)
    result = assess(questionnaire, answers)
    assert view.stage == result.stage.id
    assert (view.applicable, view.answered, view.dont_know) == (
        result.coverage.applicable,
        result.coverage.answered,
        result.coverage.dont_know,
    )
    assert view.unanswered == result.coverage.unanswered_questions
    for cap in result.capabilities:
        score = view.capabilities[cap.id]
        assert (None if score is None else round(score * 100, 1)) == cap.score, cap.id


@pytest.fixture(scope="module")
def mini() -> Questionnaire:
    return load_questionnaire(DATA / "mini.yaml")[0]


def response(role: str | None, deploy: str, experiments: int, n: int) -> Response:
    answers = Answers(
        questionnaire=QuestionnaireRef(id="mini", version="1.0.0"),
        respondent=Respondent(name=f"Person {n}", role=role),
        answers={
            "engineers": Answer(value=5),
            "deploy-frequency": Answer(value=deploy),
            "experiments": Answer(value=experiments),
        },
    )
    return Response(answers=answers, file=f"p{n}.yaml", digest=f"{n:064x}")


def test_role_means_and_gaps(mini: Questionnaire) -> None:
    people = [
        response("cto", "on-demand", 3, 1),  # experimentation (1 x 0.5 + 1 x 1) / 1.5 = 100
        response("cto", "weekly", 3, 2),  # (0.5 x 0.5 + 1) / 1.5 = 83.3
        response("engineer", "weekly", 1, 3),  # (0.5 x 0.5 + 0) / 1.5 = 16.7
        response("engineer", "rarely", 2, 4),  # (0 + 0.5) / 1.5 = 33.3
        response("manager", "weekly", 3, 5),  # 83.3: within 20 of the ctos (91.7)
        response(None, "rarely", 1, 6),  # no role: counts in no role
    ]
    views = [(p.answers.respondent.role if p.answers.respondent else None,
              personal_view(mini, p.answers)) for p in people]  # fmt: skip
    roles = role_scores(mini, views)
    assert [(r.role, r.participants, r.capabilities[0].score) for r in roles] == [
        ("cto", 2, 91.7),
        ("engineer", 2, 25.0),
        ("manager", 1, 83.3),
    ]
    gaps = role_gaps(mini, roles)
    assert [(g.higher_role, g.lower_role, g.difference) for g in gaps] == [
        ("cto", "engineer", 66.7),
        ("manager", "engineer", 58.3),
    ]
    assert gaps[0].name == "Systematic experimentation"


def test_anonymous_all_has_no_roles(mini: Questionnaire) -> None:
    people = [response("cto", "on-demand", 3, 1), response("engineer", "rarely", 1, 2)]
    assert run_workshop(mini, people, "names").role_gaps
    result = run_workshop(mini, people, "all")
    assert (result.roles, result.role_gaps) == ((), ())
    assert all(p.role is None and p.name is None for p in result.participants)
