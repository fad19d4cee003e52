"""The workshop's terminal summary: the agenda, the consensus, role gaps and who left what
unanswered, as one rich renderable. rich is imported inside the functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from scaleready.errors import visible
from scaleready.formats.questionnaire import Questionnaire
from scaleready.render.terminal import safe_text
from scaleready.workshop._view import AgendaView, WorkshopView, build_view
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

    view = build_view(workshop, questionnaire)
    parts: list[Any] = [
        *_heading(workshop, questionnaire, view),
        *_agenda(view),
        *_consensus(workshop, view),
        *_role_gaps(workshop, view),
        *_missing(workshop, view),
        safe_text(""),
        safe_text("Every question, chart and formula: --format html (or md, json).", style="dim"),
    ]
    return Group(*parts)


def _indented(text: str) -> RenderableType:
    from rich.padding import Padding

    return Padding(safe_text(text), (0, 0, 0, 2), expand=False)


def _heading(w: WorkshopAssessment, questionnaire: Questionnaire, view: WorkshopView) -> list[Any]:
    parts: list[Any] = [
        safe_text(f"{questionnaire.title} workshop: {view.organisation}", style="bold"),
        safe_text(
            f"questionnaire {w.questionnaire.id} {w.questionnaire.version}; {view.participants}",
            style="dim",
        ),
    ]
    if view.roles:
        parts.append(safe_text(f"Roles: {view.roles}"))
    parts.append(safe_text(f"Stage by their own answers: {view.stages}"))
    if view.anonymity:
        parts.append(safe_text(view.anonymity, style="dim"))
    parts += [safe_text(f"Warning: {warning}.", style="bold") for warning in w.warnings]
    parts.append(safe_text(""))
    return parts


def _agenda(view: WorkshopView) -> list[Any]:
    from rich.table import Table

    parts: list[Any] = [safe_text("Discuss first", style="bold underline")]
    if not view.agenda:
        parts.append(safe_text("  Nothing to discuss: the participants agree on every question."))
        parts.append(safe_text(""))
        return parts
    table = Table(box=None, header_style="bold", padding=(0, 1))
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("question", ratio=3)
    table.add_column("disagree", justify="right", no_wrap=True)
    table.add_column("matters", justify="right", no_wrap=True)
    table.add_column("answers", ratio=2)
    for a in view.agenda:
        item = a.item
        question = safe_text(f"{item.text} ({item.question})")
        for claim in item.claims:  # a large gap between measured and claimed: why it is here
            question.append("\n")
            question.append(visible(f"LARGE GAP: {claim}"), style="bold red")
        table.add_row(
            str(item.rank),
            question,
            f"{item.disagreement:.2f}",
            f"{item.importance:.2f}",
            _answers(a),
        )
    parts.append(table)
    if view.more_agenda:
        parts.append(safe_text(f"  and {view.more_agenda} more in the json output"))
    parts.append(safe_text(""))
    return parts


def _answers(row: AgendaView) -> Any:
    """The answers given, one per line with its count first and the whole label hanging after it:
    a label cut short, then a count, read as part of the label. Numbers and text keep the words
    of the spread (a median and a middle half)."""
    from rich.table import Table

    from scaleready.workshop.agenda import SPREAD_SHOWN

    q = row.question.q
    given = sorted((b for b in q.distribution if b.count), key=lambda b: -b.count)
    if q.kind == "number" or not given:
        return safe_text(row.item.spread)
    rows = [(str(b.count), b.label) for b in given[:SPREAD_SHOWN]]
    if len(given) > SPREAD_SHOWN:
        rows.append(("", f"and {len(given) - SPREAD_SHOWN} more"))
    rows += [
        (str(n), word) for n, word in ((q.dont_know, "don't know"), (q.not_applicable, "n/a")) if n
    ]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column()
    for count, label in rows:
        grid.add_row(count, safe_text(label))
    return grid


def _consensus(w: WorkshopAssessment, view: WorkshopView) -> list[Any]:
    c = w.consensus
    head = safe_text("Consensus: ", style="bold")
    head.append(visible(f"readiness {c.score:g}/100 for the {c.stage.id} stage"))
    parts: list[Any] = [head]
    for f in view.top_risks:
        parts.append(_indented(f"- {f.level.upper()} {f.residual_risk:.2f} {f.name}"))
    for r in view.top_recommendations:
        now = "unmeasured" if r.score is None else f"{r.score:g}/100"
        parts.append(_indented(f"{r.rank}. {r.name} (now {now}; removes {r.priority:.2f} of risk)"))
    parts.append(safe_text(""))
    return parts


def _role_gaps(w: WorkshopAssessment, view: WorkshopView) -> list[Any]:
    from rich.table import Table

    parts: list[Any] = [safe_text("Role gaps", style="bold underline")]
    if w.anonymity == "all":
        parts.append(safe_text("  Not shown: roles are anonymous (--anonymous=all)."))
        return parts
    if not view.gaps:
        parts.append(safe_text("  No two roles see a capability 20 or more points apart."))
        return parts
    table = Table(box=None, header_style="bold", padding=(0, 1))
    table.add_column("capability", ratio=2)
    table.add_column("higher", ratio=1)
    table.add_column("lower", ratio=1)
    table.add_column("gap", justify="right", no_wrap=True)
    for g in view.gaps:
        table.add_row(
            safe_text(g.name),
            safe_text(f"{g.higher_role} {g.higher_score:g}"),
            safe_text(f"{g.lower_role} {g.lower_score:g}"),
            f"{g.difference:g}",
        )
    parts.append(table)
    if view.more_gaps:
        parts.append(safe_text(f"  and {view.more_gaps} more in the json output"))
    return parts


def _missing(w: WorkshopAssessment, view: WorkshopView) -> list[Any]:
    if not w.missing:
        return []
    parts: list[Any] = [safe_text(""), safe_text("Not answered", style="bold underline")]
    for m in w.missing:
        shown = ", ".join(m.questions[:6]) + (", ..." if len(m.questions) > 6 else "")
        parts.append(_indented(f"{view.names[m.participant]}: {len(m.questions)} ({shown})"))
    return parts
