"""Prerequisites: advice that needs something in place first.

A mechanism or capability may declare ``requires`` (an expression over the answers) with
``requires_because``. A mechanism whose prerequisite does not hold is never named to adopt
(skip-level 1:1s need a manager's manager). A capability whose prerequisite does not hold is
advised after every other, its why opening with what it waits for: hiring a generalist team into
a culture that punishes messengers (Westrum, slide 19; Bryzek's "minimise the fear of errors")
adds people to the problem instead of solving it.
"""

from __future__ import annotations

from collections.abc import Mapping

from scaleready.engine.facts import Facts, holds
from scaleready.formats.result import Recommendation


def prerequisites(facts: Facts) -> dict[str, bool]:
    """Whether each mechanism's and capability's ``requires`` holds for the answers, by id
    (absent: it has none, so it holds)."""
    q = facts.questionnaire
    names = facts.names()
    declared = [(m.id, m.requires) for m in q.model.mechanisms]
    declared += [(c.id, c.requires) for c in q.model.capabilities]
    return {i: holds(q, source, names) for i, source in declared if source is not None}


def defer_unmet(
    ranked: tuple[Recommendation, ...], met: Mapping[str, bool], because: Mapping[str, str]
) -> tuple[Recommendation, ...]:
    """``ranked`` with the recommendations whose capability's prerequisite does not hold moved
    to the end (in their order), ranks renumbered, and their why opening with what they wait
    for."""
    ready = [r for r in ranked if met.get(r.capability, True)]
    waiting = [
        r.model_copy(update={"why": f"Not before: {because[r.capability]} {r.why}"})
        for r in ranked
        if not met.get(r.capability, True)
    ]
    return tuple(r.model_copy(update={"rank": i}) for i, r in enumerate([*ready, *waiting], 1))
