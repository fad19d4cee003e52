"""The workshop's terminal summary: the agenda, the consensus, role gaps and who left what
unanswered, as one rich renderable. rich is imported inside the functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scaleready.formats.questionnaire import Questionnaire
from scaleready.workshop._view import WorkshopView, build_view
from scaleready.workshop.model import WorkshopAssessment

if TYPE_CHECKING:
    from rich.console import RenderableType

__all__ = ["render_terminal_text", "terminal_summary"]


def render_terminal_text(
    workshop: WorkshopAssessment, questionnaire: Questionnaire, *, width: int, color: bool
) -> str:
    """The terminal summary as text (with ANSI styles when ``color``)."""
    from io import StringIO

    from rich.console import Console

    buffer = StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        highlight=False,
    )
    console.print(terminal_summary(workshop, questionnaire))
    return buffer.getvalue()


def terminal_summary(workshop: WorkshopAssessment, questionnaire: Questionnaire) -> RenderableType:
    """The summary as one rich renderable: agenda, consensus, role gaps, coverage."""
    from rich.console import Group
    from rich.text import Text

    view = build_view(workshop, questionnaire)
    parts: list[Any] = [
        *_heading(workshop, questionnaire, view),
        *_agenda(view),
        *_consensus(workshop, view),
        *_role_gaps(workshop, view),
        *_missing(workshop, view),
        Text(""),
        Text("Every question, chart and formula: --format html (or md, json).", style="dim"),
    ]
    return Group(*parts)


def _indented(text: str) -> RenderableType:
    from rich.padding import Padding
    from rich.text import Text

    return Padding(Text(text), (0, 0, 0, 2), expand=False)


def _heading(w: WorkshopAssessment, questionnaire: Questionnaire, view: WorkshopView) -> list[Any]:
    from rich.text import Text

    parts: list[Any] = [
        Text(f"{questionnaire.title} workshop: {view.organisation}", style="bold"),
        Text(
            f"questionnaire {w.questionnaire.id} {w.questionnaire.version}; {view.participants}",
            style="dim",
        ),
    ]
    if view.roles:
        parts.append(Text(f"Roles: {view.roles}"))
    parts.append(Text(f"Stage by their own answers: {view.stages}"))
    if view.anonymity:
        parts.append(Text(view.anonymity, style="dim"))
    parts.append(Text(""))
    return parts


def _agenda(view: WorkshopView) -> list[Any]:
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = [Text("Discuss first", style="bold underline")]
    if not view.agenda:
        parts.append(Text("  Nothing to discuss: the participants agree on every question."))
        parts.append(Text(""))
        return parts
    table = Table(box=None, header_style="bold", padding=(0, 1))
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("question", ratio=3)
    table.add_column("disagree", justify="right", no_wrap=True)
    table.add_column("matters", justify="right", no_wrap=True)
    table.add_column("answers", ratio=2)
    for a in view.agenda:
        item = a.item
        question = Text(f"{item.text} ({item.question})")
        for claim in item.claims:  # a large gap between measured and claimed: why it is here
            question.append(f"\nLARGE GAP: {claim}", style="bold red")
        table.add_row(
            str(item.rank),
            question,
            f"{item.disagreement:.2f}",
            f"{item.importance:.2f}",
            Text(item.spread),
        )
    parts.append(table)
    if view.more_agenda:
        parts.append(Text(f"  and {view.more_agenda} more in the json output"))
    parts.append(Text(""))
    return parts


def _consensus(w: WorkshopAssessment, view: WorkshopView) -> list[Any]:
    from rich.text import Text

    c = w.consensus
    head = Text("Consensus: ", style="bold")
    head.append(f"readiness {c.score:g}/100 for the {c.stage.id} stage")
    parts: list[Any] = [head]
    for f in view.top_risks:
        parts.append(_indented(f"- {f.level.upper()} {f.residual_risk:.2f} {f.name}"))
    for r in view.top_recommendations:
        now = "unmeasured" if r.score is None else f"{r.score:g}/100"
        parts.append(_indented(f"{r.rank}. {r.name} (now {now}; removes {r.priority:.2f} of risk)"))
    parts.append(Text(""))
    return parts


def _role_gaps(w: WorkshopAssessment, view: WorkshopView) -> list[Any]:
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = [Text("Role gaps", style="bold underline")]
    if w.anonymity == "all":
        parts.append(Text("  Not shown: roles are anonymous (--anonymous=all)."))
        return parts
    if not view.gaps:
        parts.append(Text("  No two roles see a capability 20 or more points apart."))
        return parts
    table = Table(box=None, header_style="bold", padding=(0, 1))
    table.add_column("capability", ratio=2)
    table.add_column("higher", ratio=1)
    table.add_column("lower", ratio=1)
    table.add_column("gap", justify="right", no_wrap=True)
    for g in view.gaps:
        table.add_row(
            Text(g.name),
            Text(f"{g.higher_role} {g.higher_score:g}"),
            Text(f"{g.lower_role} {g.lower_score:g}"),
            f"{g.difference:g}",
        )
    parts.append(table)
    if view.more_gaps:
        parts.append(Text(f"  and {view.more_gaps} more in the json output"))
    return parts


def _missing(w: WorkshopAssessment, view: WorkshopView) -> list[Any]:
    from rich.text import Text

    if not w.missing:
        return []
    parts: list[Any] = [Text(""), Text("Not answered", style="bold underline")]
    for m in w.missing:
        shown = ", ".join(m.questions[:6]) + (", ..." if len(m.questions) > 6 else "")
        parts.append(_indented(f"{view.names[m.participant]}: {len(m.questions)} ({shown})"))
    return parts
