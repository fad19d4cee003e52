"""Which mechanisms to advise for a capability: chosen for the capability and the symptoms firing,
with their prerequisites.

A mechanism (slide 26) is advised for a recommended capability in three tiers:

1. it ``grows`` the capability (declared in the questionnaire);
2. it ``addresses`` one of the failure factors the recommendation would reduce;
3. it only applies one of the values behind the capability (slide 24's lines, our judgement), or
   applies the capability directly (``applies`` naming it), which counts the same.

Within a tier the weakest comes first (an unmeasured mechanism counts as absent, the likeliest to
adopt), then by id. The first tier that has a mechanism to adopt is named as "mechanisms to adopt
first", never tier 3: sharing a value is too weak a link to put a ritual at the head of the advice (before, a bi-weekly metrics review,
ADRs and PR/FAQ made up 32 of 47 mentions in ten personas' top 3, whatever the capability). A
mechanism whose ``requires`` does not hold for the answers (skip-level 1:1s need a manager's
manager) is never named to adopt; the why says what it waits for.
"""

from __future__ import annotations

from collections.abc import Mapping

from scaleready.engine.scoring import NOTHING, Measured, Target, percent
from scaleready.formats.questionnaire import Capability, Questionnaire
from scaleready.formats.result import ChainMechanism
from scaleready.vocabulary import MechanismLink

TIERS: tuple[MechanismLink, ...] = ("grows", "addresses", "values")
"""How a mechanism is linked to a recommended capability, strongest first."""


def chain_mechanisms(
    questionnaire: Questionnaire,
    cap: Capability,
    factor_ids: set[str],
    measured: dict[Target, Measured],
    met: Mapping[str, bool],
) -> list[ChainMechanism]:
    """The mechanisms linked to ``cap`` (strongest tier first, then weakest first), with the
    prerequisites that do not hold for the answers."""
    found = []
    for mech in questionnaire.model.mechanisms:
        # ``applies`` may name the capability itself: the same link as through one of its values.
        applies = tuple(v for v in mech.applies if v in cap.influenced_by or v == cap.id)
        if cap.id in mech.grows:
            tier = 0
        elif factor_ids & set(mech.addresses):
            tier = 1
        elif applies:
            tier = 2
        else:
            continue
        mm = measured.get(("mechanism", mech.id), NOTHING)
        waits = None if met.get(mech.id, True) else mech.requires_because
        item = ChainMechanism(
            id=mech.id,
            name=mech.name,
            score=percent(mm.score),
            applies=applies,
            questions=tuple(dict.fromkeys(e.question for e in mm.scored)),
            link=TIERS[tier],
            waits_for=waits,
        )
        found.append((tier, mm.score or 0.0, mech.id, item))
    found.sort(key=lambda x: x[:3])
    return [x[3] for x in found]


def to_adopt(mechanisms: list[ChainMechanism]) -> list[ChainMechanism]:
    """The mechanisms to name first: those that grow the capability, else those that address a
    risk it reduces; not yet in full use, their prerequisites met."""
    for link in TIERS[:2]:
        found = [
            m
            for m in mechanisms
            if m.link == link and m.waits_for is None and (m.score is None or m.score < 100)
        ]
        if found:
            return found
    return []


def waiting(mechanisms: list[ChainMechanism]) -> list[ChainMechanism]:
    """Linked mechanisms that wait for a prerequisite."""
    return [m for m in mechanisms if m.link != "values" and m.waits_for is not None]
