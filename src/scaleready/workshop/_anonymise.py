"""Who the participants are, and how much of that a workshop's outputs may show.

Participants are numbered P1, P2... in the order of their files' SHA-256 content hashes (ties,
identical files, by path): the numbering depends neither on the order the files were named in nor
on the names or paths, so it reveals nothing about who is who, and the same files always give the
same numbers.

Anonymity levels:

- ``none``: names, roles and file paths are shown;
- ``names`` (``--anonymous``): no name and no path anywhere (a path such as ``answers/ada.yaml``
  names its author), no list of who did not answer what; roles stay, and so do role gaps;
- ``all`` (``--anonymous=all``): roles go too, and with them the role gaps.

Free text (text answers, notes, reasons) is never shown by a workshop, whatever the level, since
it may name people; the consensus file's notes are counts only.
"""

from __future__ import annotations

from collections.abc import Sequence

from scaleready.formats.answers import Respondent
from scaleready.workshop.model import Anonymity


def participant_order(keys: Sequence[tuple[str, str]]) -> list[int]:
    """The indices of ``keys`` ((content hash, path) per file) in participant order."""
    return sorted(range(len(keys)), key=lambda i: keys[i])


def participant_id(position: int) -> str:
    """The label of the participant at ``position`` (0-based) in participant order."""
    return f"P{position + 1}"


def shown_name(respondent: Respondent | None, anonymity: Anonymity) -> str | None:
    """The name an output may show: none when anonymous."""
    if anonymity != "none" or respondent is None:
        return None
    return respondent.name


def shown_role(respondent: Respondent | None, anonymity: Anonymity) -> str | None:
    """The role an output may show: none with ``--anonymous=all``."""
    if anonymity == "all" or respondent is None or respondent.role is None:
        return None
    return respondent.role.strip() or None


def shown_file(path: str, anonymity: Anonymity) -> str | None:
    """The file path an output may show: none when anonymous."""
    return path if anonymity == "none" else None
