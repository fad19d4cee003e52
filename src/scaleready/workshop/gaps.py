"""Each participant's own view (stage, coverage, capability scores) and the gaps between roles.

Role gaps need every participant's capability scores. Running the whole engine per participant
costs about 13 ms on the bundled questionnaire (most of it building the recommendations' chains
and the result models), too slow for hundreds of files, so :func:`personal_view` runs only the
steps capability scores depend on: the engine's own stage decision, applicability (``when``
conditions) and ``engine.scoring.measure_all`` at the lateness shown. ``tests/test_workshop_gaps.py``
checks it against ``assess``.

A role's score of a capability is the mean of its participants' scores (participants without a
score of it are left out). Two roles whose means differ by at least :data:`GAP_FROM` points are a
gap: one side of the organisation sees the capability very differently from the other.
Participants without a role count in no role.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from scaleready.engine.facts import decide_facts, raw_values
from scaleready.engine.scoring import NOTHING, coverage, measure_all
from scaleready.engine.stage import decide_stage, lateness_of
from scaleready.formats.answers import Answers
from scaleready.formats.questionnaire import Questionnaire
from scaleready.vocabulary import StageName
from scaleready.workshop.model import RoleCapability, RoleGap, RoleScores

GAP_FROM = 20.0
"""Points (0-100) between two roles' mean scores of a capability from which they are a gap."""


@dataclass(frozen=True)
class PersonalView:
    """What one participant's own answers say, as far as the workshop needs it."""

    stage: StageName
    applicable: int
    answered: int
    dont_know: int
    unanswered: tuple[str, ...]
    capabilities: Mapping[str, float | None]  # 0..1, unrounded


def personal_view(questionnaire: Questionnaire, answers: Answers) -> PersonalView:
    """One participant's stage, coverage and capability scores (see the module docstring)."""
    raw = raw_values(questionnaire, answers)
    stage, _ = decide_stage(questionnaire, answers, raw)
    facts = decide_facts(questionnaire, answers, stage.id, raw)
    measured = measure_all(facts, lateness_of(stage))
    capabilities = {
        cap.id: measured.get(("capability", cap.id), NOTHING).score
        for cap in questionnaire.model.capabilities
    }
    cover = coverage(facts)
    return PersonalView(
        stage=stage.id,
        applicable=cover.applicable,
        answered=cover.answered,
        dont_know=cover.dont_know,
        unanswered=cover.unanswered_questions,
        capabilities=capabilities,
    )


def role_scores(
    questionnaire: Questionnaire, people: Sequence[tuple[str | None, PersonalView]]
) -> tuple[RoleScores, ...]:
    """Mean capability scores per role (roles sorted by name, capabilities in model order)."""
    by_role: dict[str, list[PersonalView]] = {}
    for role, view in people:
        if role is not None:
            by_role.setdefault(role, []).append(view)
    out = []
    for role in sorted(by_role):
        views = by_role[role]
        caps = []
        for cap in questionnaire.model.capabilities:
            scores = [s for v in views if (s := v.capabilities.get(cap.id)) is not None]
            mean = round(100 * sum(scores) / len(scores), 1) + 0.0 if scores else None
            caps.append(RoleCapability(capability=cap.id, score=mean, participants=len(scores)))
        out.append(RoleScores(role=role, participants=len(views), capabilities=tuple(caps)))
    return tuple(out)


def role_gaps(questionnaire: Questionnaire, roles: Sequence[RoleScores]) -> tuple[RoleGap, ...]:
    """Every pair of roles whose mean scores of a capability differ by at least ``GAP_FROM``
    points; largest difference first, then model order, then role names."""
    names = {c.id: c.name for c in questionnaire.model.capabilities}
    order = {c.id: i for i, c in enumerate(questionnaire.model.capabilities)}
    gaps = []
    for a, b in combinations(roles, 2):
        for ca, cb in zip(a.capabilities, b.capabilities, strict=True):
            if ca.score is None or cb.score is None:
                continue
            # Compared as shown (one decimal), so a gap printed as 20.0 is always listed.
            difference = round(abs(ca.score - cb.score), 1) + 0.0
            if difference < GAP_FROM:
                continue
            high, low = (a, b) if ca.score >= cb.score else (b, a)
            high_cap, low_cap = (ca, cb) if ca.score >= cb.score else (cb, ca)
            assert high_cap.score is not None
            assert low_cap.score is not None
            gaps.append(
                RoleGap(
                    capability=ca.capability,
                    name=names.get(ca.capability, ca.capability),
                    higher_role=high.role,
                    higher_score=high_cap.score,
                    lower_role=low.role,
                    lower_score=low_cap.score,
                    difference=difference,
                )
            )
    gaps.sort(
        key=lambda g: (-g.difference, order.get(g.capability, 0), g.higher_role, g.lower_role)
    )
    return tuple(gaps)
