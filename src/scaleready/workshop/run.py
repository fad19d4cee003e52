"""The steps of ``scaleready workshop``, so that the command in ``cli.py`` stays a few lines:
load and check the files, run the workshop, and return the texts to print or write."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scaleready.workshop.model import Anonymity


@dataclass(frozen=True)
class WorkshopTexts:
    """What the command prints or writes."""

    report: str
    consensus: str | None


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
) -> WorkshopTexts:
    """Load the answers files, run the workshop and render it; with ``consensus``, also the
    consensus answers file. Raises ``InputError`` / ``UsageError`` for the CLI to report."""
    from scaleready.workshop.consensus import consensus_answers, consensus_file
    from scaleready.workshop.core import run_workshop
    from scaleready.workshop.load import load_responses
    from scaleready.workshop.render import FILE_WIDTH, render_workshop, workshop_format_for

    chosen_format = workshop_format_for(fmt, output)  # before loading: fail fast on a bad suffix
    loaded, responses = load_responses(paths, questionnaire)
    result = run_workshop(loaded, responses, anonymity)
    tty = output is None and chosen_format == "terminal" and sys.stdout.isatty()
    width = shutil.get_terminal_size().columns if tty else FILE_WIDTH
    report = render_workshop(result, loaded, chosen_format, width=width, color=tty)
    consensus_text = None
    if consensus:
        group = [(q.id, q.consensus) for q in result.questions]
        answers = consensus_answers(loaded, group, result.organisation)
        consensus_text = consensus_file(loaded, answers, len(result.participants))
    return WorkshopTexts(report=report, consensus=consensus_text)
