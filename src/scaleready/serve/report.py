"""The facilitator's workshop report and consensus file: the ``workshop`` command's own core
(:func:`~scaleready.workshop.core.run_workshop`) and renderer, run on the session's answers
files, never a copy of them.

Names are never shown (the report is for the room's screen: anonymity ``names``), and no role
with fewer than ``min_group`` participants is shown apart: such roles are merged into
:data:`OTHER_ROLES` before the workshop runs, and when that group is itself too small (but not
empty), roles are not shown at all (anonymity ``all``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scaleready.workshop.groups import group_roles
from scaleready.workshop.model import Anonymity


@dataclass(frozen=True)
class Reports:
    """The texts the facilitator can view or download."""

    html: str
    markdown: str
    json: str
    consensus: str
    participants: int
    merged: tuple[str, ...]
    anonymity: Anonymity


def build_reports(paths: Sequence[Path], questionnaire: str | None, min_group: int) -> Reports:
    """Run the workshop on these answers files and render every output. Raises what
    :func:`~scaleready.workshop.load.load_responses` raises (no file: ``UsageError``; an invalid
    file: ``InputError``)."""
    from scaleready.serve.store import YAML_LOCK
    from scaleready.workshop.consensus import consensus_answers, consensus_file
    from scaleready.workshop.core import run_workshop
    from scaleready.workshop.load import load_responses
    from scaleready.workshop.render import render_workshop

    loaded, responses = load_responses(paths, questionnaire)
    grouping = group_roles(responses, min_group)
    result = run_workshop(loaded, grouping.responses, grouping.anonymity)
    group = [(q.id, q.consensus) for q in result.questions]
    consensus = consensus_answers(loaded, group, result.organisation)
    with YAML_LOCK:  # see YAML_LOCK: the consensus file is rendered like an answers file
        consensus_text = consensus_file(loaded, consensus, len(result.participants))
    return Reports(
        html=render_workshop(result, loaded, "html"),
        markdown=render_workshop(result, loaded, "md"),
        json=render_workshop(result, loaded, "json"),
        consensus=consensus_text,
        participants=len(result.participants),
        merged=grouping.merged,
        anonymity=grouping.anonymity,
    )
