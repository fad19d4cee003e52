"""Runs a questionnaire's own fixtures (its ``tests:``): each persona's answers are assessed and
the conclusions compared with what the fixture expects.

Expectations:

- ``stage``: the assessed stage (one of the questionnaire's declared stage ids) is this one;
- ``risks_include``: each of these failure factors is flagged, that is relevant to the stage and
  with residual risk >= 0.25 (level medium or above, ``vocabulary.FLAGGED_FROM``);
- ``risks_exclude``: none of these is flagged;
- ``score_min`` / ``score_max``: the readiness score (0-100, as reported, one decimal) is within.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scaleready.formats.answers import Answers, QuestionnaireRef
from scaleready.formats.questionnaire import Fixture, Questionnaire
from scaleready.formats.result import Assessment


def answers_from_mapping(
    questionnaire: Questionnaire, raw: Mapping[str, Any], source: str = "answers"
) -> Answers:
    """Raw answers (question id -> a value, ``{value, note}``, ``{dont_know: true}`` or
    ``{not_applicable: true}``, as in an answers file) as checked :class:`Answers`.

    Uses the answers-file checker, so the same answers mean the same here as in a file; raises
    :class:`~scaleready.errors.InputError` if they do not fit the questionnaire.
    """
    from scaleready.errors import InputError
    from scaleready.loading.answers import check_answer_map
    from scaleready.loading.yaml_source import YamlDocument

    doc = YamlDocument(source, {"answers": dict(raw)})
    checked, problems = check_answer_map(doc, ("answers",), questionnaire)
    if problems:
        raise InputError(problems)
    return Answers(
        questionnaire=QuestionnaireRef(id=questionnaire.id, version=questionnaire.version),
        answers=checked,
        source=source,
    )


def fixture_answers(questionnaire: Questionnaire, fixture: Fixture) -> Answers:
    """A fixture's answers as checked :class:`Answers` (the loader has checked them already)."""
    return answers_from_mapping(questionnaire, fixture.answers, f"fixture {fixture.name!r}")


def check_fixture(fixture: Fixture, result: Assessment) -> list[str]:
    """Every expectation of ``fixture`` that ``result`` does not meet, as messages naming it."""
    from scaleready.vocabulary import FLAGGED_FROM

    expect = fixture.expect
    name = f"fixture {fixture.name!r}"
    failures: list[str] = []
    if expect.stage is not None and result.stage.id != expect.stage:
        lateness = (
            "no signal evaluable"
            if result.stage.lateness is None
            else f"{result.stage.position_name} {result.stage.lateness:.3f}"
        )
        failures.append(
            f"{name}: expected stage {expect.stage}, got {result.stage.id} ({lateness})"
        )
    factors = {f.id: f for f in result.failure_factors}
    for fid in expect.risks_include:
        f = factors.get(fid)
        if f is None:
            failures.append(f"{name}: unknown failure factor {fid!r}")
        elif not f.relevant:
            failures.append(
                f"{name}: expected risk {fid!r}, but it is a {'/'.join(f.stages or (f.stage,))}"
                "-stage factor that weighs "
                f"{f.stage_weight:.2f} at the {result.stage.id} stage, with residual risk "
                f"{f.residual_risk:.3f}: not shown"
            )
        elif f.residual_risk < FLAGGED_FROM:
            failures.append(
                f"{name}: expected risk {fid!r}, but its residual risk is {f.residual_risk:.3f} "
                f"({f.level}; flagged from {FLAGGED_FROM}: exposure {f.exposure:.3f} x "
                f"(1 - mitigation {f.mitigation:.3f}))"
            )
    for fid in expect.risks_exclude:
        f = factors.get(fid)
        if f is None:
            failures.append(f"{name}: unknown failure factor {fid!r}")
        elif f.relevant and f.residual_risk >= FLAGGED_FROM:
            failures.append(
                f"{name}: expected no risk {fid!r}, but its residual risk is "
                f"{f.residual_risk:.3f} ({f.level}; exposure {f.exposure:.3f} from "
                f"{f.exposure_from}, mitigation {f.mitigation:.3f})"
            )
    if expect.score_min is not None and result.score < expect.score_min:
        failures.append(f"{name}: expected score >= {expect.score_min:g}, got {result.score:g}")
    if expect.score_max is not None and result.score > expect.score_max:
        failures.append(f"{name}: expected score <= {expect.score_max:g}, got {result.score:g}")
    return failures
