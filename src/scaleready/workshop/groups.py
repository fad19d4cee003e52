"""Small roles merged before an anonymous workshop: no role held by fewer than ``min_group``
participants is shown apart (one person's answers under "cto" are that person's answers).

Such roles are merged into :data:`OTHER_ROLES` before the workshop runs; when that group is
itself too small (but not empty), roles are not shown at all (anonymity ``all``). Used by
``scaleready workshop --anonymous`` and by ``scaleready serve``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from scaleready.formats.answers import Respondent
from scaleready.workshop.load import Response
from scaleready.workshop.model import Anonymity

OTHER_ROLES = "other roles"
DEFAULT_MIN_GROUP = 3


@dataclass(frozen=True)
class Grouping:
    """The participants' answers with small roles merged, the anonymity the report may use, and
    the roles merged (for the facilitator's page to say so)."""

    responses: tuple[Response, ...]
    anonymity: Anonymity
    merged: tuple[str, ...]


def _role(response: Response) -> str | None:
    who = response.answers.respondent
    return who.role.strip() or None if who is not None and who.role else None


def group_roles(responses: Sequence[Response], min_group: int) -> Grouping:
    """Merge the roles held by fewer than ``min_group`` participants (see the module docstring)."""
    counts = Counter(r for r in map(_role, responses) if r is not None)
    small = sorted(role for role, n in counts.items() if n < min_group)
    merged_count = sum(counts[role] for role in small)
    if not small:
        return Grouping(tuple(responses), "names", ())
    if merged_count < min_group:
        return Grouping(tuple(responses), "all", tuple(small))
    out = []
    for response in responses:
        if _role(response) in small:
            who = response.answers.respondent or Respondent()
            answers = response.answers.model_copy(
                update={"respondent": Respondent(name=who.name, role=OTHER_ROLES)}
            )
            response = replace(response, answers=answers)
        out.append(response)
    return Grouping(tuple(out), "names", tuple(small))
