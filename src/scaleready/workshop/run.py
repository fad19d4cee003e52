"""The steps of ``scaleready workshop``, so that the command in :mod:`scaleready.cli` stays a few
lines: load and check the files, run the workshop, and return the texts to print or write. The
command probes the terminal; these steps are given what it found."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scaleready.workshop.groups import DEFAULT_MIN_GROUP, group_roles
from scaleready.workshop.model import Anonymity


@dataclass(frozen=True)
class WorkshopTexts:
    """What the command prints or writes."""

    report: str
    consensus: str | None
    merged: tuple[str, ...] = ()  # roles too small to show apart in anonymous output
    anonymity: Anonymity = "none"  # what the output was made with
    warnings: tuple[str, ...] = ()  # also in the report; the command repeats them on stderr


def anonymity_of(anonymous: bool, anonymous_all: bool) -> Anonymity:
    """The anonymity level of the command's two flags (``--anonymous=all`` becomes the second)."""
    if anonymous_all:
        return "all"
    return "names" if anonymous else "none"


def workshop_texts(
    paths: Sequence[Path],
    questionnaire: str | None,
    fmt: str | None,
    output: Path | None,
    anonymity: Anonymity,
    consensus: bool,
    terminal_width: int | None = None,
    min_group: int = DEFAULT_MIN_GROUP,
) -> WorkshopTexts:
    """Load the answers files, run the workshop and render it; with ``consensus``, also the
    consensus answers file. ``terminal_width`` is the width of the terminal standard output is,
    ``None`` when it is not one: a report printed there is coloured and fits its width. Anonymous
    output shows no role held by fewer than ``min_group`` participants apart
    (:mod:`~scaleready.workshop.groups`). Raises ``InputError`` / ``UsageError`` for the CLI to
    report."""
    from scaleready.workshop.consensus import consensus_answers, consensus_file
    from scaleready.workshop.core import run_workshop
    from scaleready.workshop.load import load_responses
    from scaleready.workshop.render import FILE_WIDTH, render_workshop, workshop_format_for

    chosen_format = workshop_format_for(fmt, output)  # before loading: fail fast on a bad suffix
    loaded, responses = load_responses(paths, questionnaire)
    merged: tuple[str, ...] = ()
    if anonymity == "names":  # with "all" no role is shown anyway
        grouping = group_roles(responses, min_group)
        responses, merged = grouping.responses, grouping.merged
        anonymity = "all" if grouping.anonymity == "all" else anonymity
    result = run_workshop(loaded, responses, anonymity)
    tty = output is None and chosen_format == "terminal" and terminal_width is not None
    width = terminal_width if tty and terminal_width is not None else FILE_WIDTH
    report = render_workshop(result, loaded, chosen_format, width=width, color=tty)
    consensus_text = None
    if consensus:
        group = [(q.id, q.consensus) for q in result.questions]
        answers = consensus_answers(loaded, group, result.organisation)
        consensus_text = consensus_file(loaded, answers, len(result.participants))
    return WorkshopTexts(report, consensus_text, merged, anonymity, result.warnings)
