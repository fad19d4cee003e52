"""A small questionnaire built for the engine's tests (the "lab"), with helpers the other engine
test modules share. Every number the tests expect is computed by hand from this text."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from scaleready.engine import assess
from scaleready.engine.fixtures import answers_from_mapping
from scaleready.errors import errors_only
from scaleready.formats.answers import Answers
from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import Assessment
from scaleready.loading.questionnaire import check_questionnaire
from scaleready.loading.yaml_source import parse_yaml

LAB = """\
id: lab
version: 1.0.0
title: Lab
scales:
  level:
    - {key: none, label: None, score: 0.0}
    - {key: some, label: Some, score: 0.5}
    - {key: full, label: Full, score: 1.0}
model:
  stages:
    - {id: early, name: Early stage}
    - {id: late, name: Late stage}
  values:
    - {id: frugal, name: Be frugal}
    - {id: own-it, name: Own it}
  mechanisms:
    - {id: reviews, name: Business reviews, applies: [frugal]}
    - {id: adr, name: Decision records, applies: [own-it, frugal]}
    - {id: postmortems, name: Post-mortems, applies: [own-it]}
  capabilities:
    - {id: discipline, name: Financial discipline, influenced_by: [frugal]}
    - {id: delivery, name: Continuous delivery, influenced_by: [own-it]}
    - {id: platform, name: Platform team, stages: [late], influenced_by: [own-it]}
  failure_factors:
    - id: premature
      name: Premature scaling
      stage: early
      mitigated_by: {discipline: 1.0}
      harms: [speed]
    - id: hiring
      name: Hiring too early
      stage: early
      part_of: premature
      mitigated_by: {discipline: 0.5, delivery: 0.5}
    - id: slow
      name: Slow delivery
      stage: late
      mitigated_by: {delivery: 0.6, platform: 0.4}
      harms: [speed]
  outcomes:
    - {id: speed, name: Delivery speed}
  signals:
    - {id: fires, name: Firefighting, indicates: [slow]}
stage:
  early_below: 0.4
  late_from: 0.6
  signals:
    - {id: big, when: "answers.engineers >= 50", because: Fifty or more engineers}
    - {id: funded, when: "answers.funded", because: Raised a priced round}
sections:
  - id: profile
    title: Profile
    questions:
      - {id: engineers, text: How many engineers?, help: Size., type: number, min: 0}
      - {id: funded, text: Raised a priced round?, help: Money., type: boolean}
  - id: practice
    title: Practice
    questions:
      - id: budget
        text: Do you keep to a budget?
        help: Constraints focus.
        type: scale
        scale: level
        measures: [{capability: discipline}, {value: frugal}]
      - id: cd
        text: Do you deliver continuously?
        help: Flow.
        type: scale
        scale: level
        measures: [{capability: delivery}, {value: own-it, weight: 0.5}, {outcome: speed}]
      - id: platform-team
        text: Do you have a platform team?
        help: Late-stage machinery.
        type: boolean
        true_score: 1.0
        false_score: 0.0
        measures: [{capability: platform}]
      - id: hires
        text: Do you hire to plan, not ahead of it?
        help: Hiring ahead of need is premature scaling.
        type: scale
        scale: level
        measures: [{failure_factor: hiring}]
      - id: fire-time
        text: What share of time goes to firefighting?
        help: Fires crowd out work.
        type: number
        min: 0
        max: 100
        unit: "%"
        bands: [{upto: 10, score: 1.0}, {upto: 30, score: 0.5}, {score: 0.0}]
        measures: [{signal: fires}]
      - id: reviews-held
        text: Do you hold business reviews?
        help: A mechanism.
        type: boolean
        true_score: 1.0
        false_score: 0.0
        measures: [{mechanism: reviews}]
      - id: practices
        text: Which practices do you use?
        help: Each adds to delivery.
        type: multi
        options:
          - {key: ci, label: CI, score: 0.5}
          - {key: trunk, label: Trunk-based, score: 0.4}
          - {key: flags, label: Feature flags, score: 0.3}
        measures: [{capability: delivery, weight: 0.5}]
rules:
  - id: hiring-spree
    when: "stage == 'early' and answers.engineers >= 30"
    raise: {failure_factor: premature, level: 0.7}
    because: Thirty engineers before product/market fit
tests:
  - name: small and careful
    answers: {engineers: 10, funded: false, budget: full, hires: full, cd: some}
    expect: {stage: early, risks_exclude: [premature, hiring], score_min: 60}
  - name: hiring spree
    answers: {engineers: 40, funded: false, budget: none, hires: none}
    expect: {stage: early, risks_include: [premature, hiring], score_max: 10}
"""

# The answers most tests start from: an early-stage organisation (10 engineers, not funded).
EARLY: dict[str, Any] = {
    "engineers": 10,
    "funded": False,
    "budget": "some",
    "cd": "none",
    "platform-team": True,
    "hires": "some",
    "fire-time": 20,
}


def load_text(text: str, name: str = "test.yaml") -> Questionnaire:
    """Load a questionnaire from YAML text through the real checker; fail on any error."""
    questionnaire, problems = check_questionnaire(parse_yaml(text, name))
    errors = errors_only(problems)
    assert questionnaire is not None, problems
    assert not errors, "\n".join(str(p) for p in errors)
    return questionnaire


@lru_cache(maxsize=1)
def lab() -> Questionnaire:
    """The lab questionnaire, loaded once."""
    return load_text(LAB, "lab.yaml")


def answers(questionnaire: Questionnaire, raw: Mapping[str, Any]) -> Answers:
    """Raw answers, as an answers file would give them, checked against ``questionnaire``."""
    return answers_from_mapping(questionnaire, raw)


def run(raw: Mapping[str, Any], questionnaire: Questionnaire | None = None) -> Assessment:
    """Assess raw answers against ``questionnaire`` (the lab by default)."""
    q = questionnaire or lab()
    return assess(q, answers(q, raw))


def factor(result: Assessment, factor_id: str) -> Any:
    """One failure factor of a result, by id."""
    return next(f for f in result.failure_factors if f.id == factor_id)


def capability(result: Assessment, capability_id: str) -> Any:
    """One capability of a result, by id."""
    return next(c for c in result.capabilities if c.id == capability_id)


def test_the_lab_loads_without_errors() -> None:
    q = lab()
    assert [c.id for c in q.model.capabilities] == ["discipline", "delivery", "platform"]
    assert len(q.tests) == 2
