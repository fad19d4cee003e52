"""What a line typed at the interview's prompt can ask for: the commands
:func:`~scaleready.interview.state.apply` carries out, the two that need more words first
(:class:`AskReason`, :class:`AskNote`), and :class:`Invalid` input."""

from __future__ import annotations

from dataclasses import dataclass

from scaleready.formats.answers import AnswerValue


@dataclass(frozen=True)
class Invalid:
    """Typed input that means nothing here; ``message`` says what to type instead."""

    message: str


@dataclass(frozen=True)
class Give:
    """Answer the current question with ``value``."""

    value: AnswerValue


@dataclass(frozen=True)
class Keep:
    """Keep the current answer (Enter) and move on."""


@dataclass(frozen=True)
class Help:
    """Show the question's help."""


@dataclass(frozen=True)
class Back:
    """Go back to the previous applicable question."""


@dataclass(frozen=True)
class Skip:
    """Move on without answering."""


@dataclass(frozen=True)
class DontKnow:
    """Answer "don't know"."""


@dataclass(frozen=True)
class NotApplicable:
    """Answer "not applicable" with its reason (``None`` keeps a reason given before)."""

    reason: str | None = None


@dataclass(frozen=True)
class Note:
    """Attach ``text`` as the current question's note; ``None`` removes the note."""

    text: str | None


@dataclass(frozen=True)
class Jump:
    """Go to a question, or to the first question of a section, by its id (``g ID``)."""

    target: str


@dataclass(frozen=True)
class Quit:
    """Save and stop; a later ``assess`` resumes."""


@dataclass(frozen=True)
class AskReason:
    """``x`` was typed: the shell asks for the reason, then applies :class:`NotApplicable`."""


@dataclass(frozen=True)
class AskNote:
    """``n`` was typed: the shell asks for the note's text, then applies :class:`Note`."""


Command = Give | Keep | Help | Back | Skip | DontKnow | NotApplicable | Note | Jump | Quit
Parsed = Command | AskReason | AskNote | Invalid
