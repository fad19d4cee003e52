"""The questionnaire's stage checks: every stage id it names is one of its declared stages.

Items name stages in ``stage``, ``stages`` and ``relevance`` keys, fixtures in ``expect.stage``,
old-form profiles in ``model.stages``; expressions compare ``stage`` with an id. A stage id that is
not declared would make an item silently irrelevant or a condition never true, so each is an
error that lists the declared ids.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from scaleready.errors import KeyPath, Problem, did_you_mean
from scaleready.formats.questionnaire import Capability, Mechanism, Question, Questionnaire
from scaleready.loading.yaml_source import YamlDocument

# A minimal reading of the comparisons an expression can make with the stage: `stage == 'x'`,
# `stage != 'x'`, `'x' == stage` and `stage in ['x', 'y']`. `answers.stage` and `funding_stage`
# are not the stage, hence the look-behind.
_STAGE = r"(?<![\w.'\"\[])stage\b"
_QUOTED = r"'([^'\\]*)'|\"([^\"\\]*)\""
_COMPARED = re.compile(rf"{_STAGE}\s*[!=]=\s*(?:{_QUOTED})|(?:{_QUOTED})\s*[!=]=\s*{_STAGE}")
_LISTED = re.compile(rf"{_STAGE}\s+(?:not\s+)?in\s*[\[(]([^\])]*)[\])]")


def stage_problems(
    doc: YamlDocument, q: Questionnaire, questions: Iterable[tuple[KeyPath, Question]]
) -> list[Problem]:
    """Every stage id ``q`` names that it does not declare, at its file:line:key."""
    declared = q.stage_ids
    problems = []
    for path, stage in _named_stages(q, questions):
        if stage not in declared:
            problems.append(doc.problem(path, _unknown(stage, declared)))
    for path, source in _expressions(q, questions):
        for stage in compared_stages(source):
            if stage not in declared:
                problems.append(doc.problem(path, _unknown(stage, declared) + ": never true"))
    return problems


def compared_stages(source: str) -> list[str]:
    """The stage ids an expression compares ``stage`` with."""
    found = [a or b or c or d for a, b, c, d in _COMPARED.findall(source)]
    for listed in _LISTED.findall(source):
        found += [a or b for a, b in re.findall(_QUOTED, listed)]
    return found


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


def _expressions(
    q: Questionnaire, questions: Iterable[tuple[KeyPath, Question]]
) -> Iterator[tuple[KeyPath, str]]:
    for i, section in enumerate(q.sections):
        if section.when:
            yield ("sections", i, "when"), section.when
    for path, question in questions:
        if question.when:
            yield (*path, "when"), question.when
        if question.investment is not None:
            yield (*path, "investment", "when"), question.investment.when
    for i, rule in enumerate(q.rules):
        yield ("rules", i, "when"), rule.when
    requiring: list[tuple[str, Sequence[Mechanism | Capability]]] = [
        ("mechanisms", q.model.mechanisms),
        ("capabilities", q.model.capabilities),
    ]
    for key, items in requiring:
        for i, item in enumerate(items):
            if item.requires:
                yield ("model", key, i, "requires"), item.requires
