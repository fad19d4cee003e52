"""Who is answering, asked before the first question: the organisation (the reports' title), the
respondent's name and role (a workshop's role gaps group participants by role).

Each is prefilled from ``assess --organisation/--name/--role`` or from the answers file. One given
by a flag is not asked. The others are asked when the interview starts (a new file, or one without
answers yet, as ``init`` writes it): the empty ones, or all of them in ``--review``. A resumed
interview goes straight back to its next question. Enter keeps what is shown, and so skips an
empty one.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, replace

from scaleready.formats.answers import Respondent

__all__ = [
    "Who",
    "ask_who",
    "fields_to_ask",
    "name_role",
    "parse_who",
    "respondent_from",
    "who_to_ask",
]

# (field, prompt): the order they are asked in
FIELDS = (
    ("organisation", "Organisation"),
    ("name", "Your name"),
    ("role", "Your role (e.g. cto, vp-engineering, engineering-manager)"),
)


@dataclass(frozen=True)
class Who:
    """The organisation and the respondent, as the answers file keeps them."""

    organisation: str | None = None
    name: str | None = None
    role: str | None = None

    @property
    def respondent(self) -> Respondent | None:
        """The respondent part, ``None`` when neither name nor role is known."""
        if self.name is None and self.role is None:
            return None
        return Respondent(name=self.name, role=self.role)


def fields_to_ask(who: Who, given: Collection[str], *, starting: bool, review: bool) -> list[str]:
    """The fields to ask, in order: none when resuming (not ``starting``) unless in a review;
    never those ``given`` by a flag; of the rest, the empty ones, or all of them in a review."""
    if not (starting or review):
        return []
    return [
        field
        for field, _ in FIELDS
        if field not in given and (review or getattr(who, field) is None)
    ]


def parse_who(field: str, typed: str, current: str | None) -> str | None:
    """What a typed line makes of a field: Enter keeps ``current``, anything else replaces it (a
    role in the words the workshop groups by: ``VP Engineering`` -> ``vp-engineering``)."""
    text = " ".join(typed.split())
    if not text:
        return current
    return "-".join(text.lower().split()) if field == "role" else text


def ask_who(
    who: Who,
    fields: list[str],
    read: Callable[[str], str],
    say: Callable[[str], None],
) -> Who:
    """Ask each of ``fields`` in turn, and return who is answering; Ctrl-D skips the rest."""
    if not fields:
        return who
    say("First, who is answering? Enter keeps what is in brackets, or skips.")
    prompts = dict(FIELDS)
    for field in fields:
        current = getattr(who, field)
        shown = f" [{current}]" if current else ""
        try:
            typed = read(f"{prompts[field]}{shown}: ")
        except EOFError:
            say("")
            break
        who = replace(who, **{field: parse_who(field, typed, current)})
    return who


def respondent_from(
    given: Respondent | None, name: str | None, role: str | None
) -> Respondent | None:
    """The respondent in the file, with the ``--name`` and ``--role`` given replacing theirs."""
    if name is None and role is None:
        return given
    return Respondent(
        name=name if name is not None else (given.name if given else None),
        role=role if role is not None else (given.role if given else None),
    )


def name_role(respondent: Respondent | None) -> tuple[str | None, str | None]:
    """A respondent's name and role, each ``None`` when unknown."""
    return (None, None) if respondent is None else (respondent.name, respondent.role)


def who_to_ask(
    organisation: str | None,
    respondent: Respondent | None,
    flags: dict[str, str | None],
    *,
    starting: bool,
    review: bool,
) -> list[str]:
    """Which of organisation, name and role the interview asks first."""
    who = Who(organisation, *name_role(respondent))
    given = {k for k, v in flags.items() if v is not None}
    return fields_to_ask(who, given, starting=starting, review=review)
