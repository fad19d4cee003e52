"""The questionnaire's stage checks: every stage id it names is one of its declared stages.

Items name stages in ``stage``, ``stages`` and ``relevance`` keys, fixtures in ``expect.stage``,
old-form profiles in ``model.stages``. A stage id that is not declared would make an item silently
irrelevant, so each is an error that lists the declared ids. Comparisons of ``stage`` in
expressions are checked with every other impossible comparison, in
:mod:`scaleready.expressions._comparisons`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from scaleready.errors import KeyPath, Problem, did_you_mean
from scaleready.formats.questionnaire import Question, Questionnaire
from scaleready.loading.yaml_source import YamlDocument


def stage_problems(
    doc: YamlDocument, q: Questionnaire, questions: Iterable[tuple[KeyPath, Question]]
) -> list[Problem]:
    """Every stage id ``q`` names that it does not declare, at its file:line:key."""
    declared = q.stage_ids
    problems = []
    for path, stage in _named_stages(q, questions):
        if stage not in declared:
            problems.append(doc.problem(path, _unknown(stage, declared)))
    return problems


def _unknown(stage: str, declared: tuple[str, ...]) -> str:
    return (
        f"unknown stage {stage!r}{did_you_mean(stage, declared)}; the stages are "
        f"{', '.join(declared)}"
    )


def _named_stages(
    q: Questionnaire, questions: Iterable[tuple[KeyPath, Question]]
) -> Iterator[tuple[KeyPath, str]]:
    model = q.model
    items: list[tuple[KeyPath, Any]] = [
        *((("model", "values", i), v) for i, v in enumerate(model.values)),
        *((("model", "capabilities", i), c) for i, c in enumerate(model.capabilities)),
        *((("model", "failure_factors", i), f) for i, f in enumerate(model.failure_factors)),
        *questions,
    ]
    for path, item in items:
        if getattr(item, "stage", None) is not None:
            yield (*path, "stage"), item.stage
        for j, stage in enumerate(item.stages):
            yield (*path, "stages", j), stage
        for stage in item.relevance or {}:
            yield (*path, "relevance", stage), stage
    if q.stage is not None and q.stage.stages is not None:
        # In the new form a stage's wording sits on the stage itself; a profile for an
        # undeclared id would never be shown.
        for i, profile in enumerate(model.stages):
            yield ("model", "stages", i, "id"), profile.id
    for i, fixture in enumerate(q.tests):
        if fixture.expect.stage is not None:
            yield ("tests", i, "expect", "stage"), fixture.expect.stage
