""" "Don't build this yet": late-stage machinery the answers show being built ahead of need.

A question marked ``investment`` names machinery of the late stage (management layers, platform
or central-ops teams, many services, formal systems, heavy hiring, scalability work: Serge Kruppa,
CTO Craft Con 2023, slides 12, 13 and 18). When its ``when`` holds for the answers, the finding's
strength is

    strength = max(1 - lateness, max over f in worse_with of E_f)

The earlier the organisation (lateness from the stage signals, product/market fit the heaviest),
the more premature the machinery; and an exposed factor it would deepen (for hiring, a
productivity drop or slow cycle time: lead time grows with headcount, slide 15; "hit the brakes",
slide 20) makes it premature at any stage. A factor known only from the prior is no evidence. Findings from ``SHOWN_FROM`` are reported, strongest
first. A capability's score never makes one: stable teams, little toil or KPIs are outcomes a small
team may simply have, not machinery built ahead of need.
"""

from __future__ import annotations

from scaleready.engine._why import shown_answer
from scaleready.engine.facts import Facts, holds
from scaleready.engine.risks import FactorCalc
from scaleready.engine.stage import position_name
from scaleready.formats.result import NotYet
from scaleready.vocabulary import NotYetReason

SHOWN_FROM = 0.5
"""An investment this far ahead of need (0..1) is reported: past the middle of the transition."""


def not_yet(
    facts: Facts, lateness: float | None, factors: dict[str, FactorCalc]
) -> tuple[NotYet, ...]:
    """The investments the answers show ahead of need, strongest first (then question order)."""
    questionnaire = facts.questionnaire
    names = facts.names()
    # With no signal evaluable the position is unknown: 0 is the worst case here, the one that
    # finds the most ahead of need, as the rest of the engine weighs at the worst position.
    early = 1.0 - (lateness if lateness is not None else 0.0)
    found: list[NotYet] = []
    for question in questionnaire.questions:
        inv = question.investment
        value = facts.values.get(question.id)
        if inv is None or value is None or not holds(questionnaire, inv.when, names):
            continue
        # A prior is no evidence: only a factor exposed by answers, rules or parts deepens it.
        worse = [
            (factors[f].exposure, f)
            for f in inv.worse_with
            if f in factors and factors[f].exposure_from != "prior"
        ]
        worst = max(worse, default=(0.0, ""))
        reason: NotYetReason = "worsens_risk" if worst[0] > early else "ahead_of_stage"
        strength = round(max(early, worst[0]), 3)
        if strength < SHOWN_FROM:
            continue
        answer = shown_answer(questionnaire, question, value)
        if reason == "ahead_of_stage":
            position = position_name(questionnaire)
            ahead = questionnaire.wording.not_yet_measure
            context = f"{position} is {1 - early:.2f}, so this is {strength:.2f} {ahead}"
        else:
            context = f"{factors[worst[1]].factor.name} has exposure {worst[0]:.2f}"
        found.append(
            NotYet(
                question=question.id,
                name=inv.machinery,
                answer=answer,
                reason=reason,
                strength=strength,
                why=f'You answered "{question.text}" with "{answer}". {inv.because} ({context}.)',
                failure_factors=tuple(f for e, f in sorted(worse, reverse=True) if e > 0),
            )
        )
    found.sort(key=lambda n: -n.strength)
    return tuple(found)
