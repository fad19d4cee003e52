"""A workshop's outputs: the terminal summary, Markdown, a self-contained HTML report for
presenting, and JSON. Every function returns text; nothing here prints or writes.

Markdown and HTML are rendered with the reports' one Jinja2 environment
(:func:`scaleready.render.report.environment.build_environment`: StrictUndefined, HTML autoescape,
Markdown escaping of every printed value) from ``report_templates/workshop.md.j2`` and
``workshop.html.j2``; the HTML charts are the reports' inline SVG charts
(:mod:`scaleready.render.report.charts`): no script, nothing fetched. rich and jinja2 are imported inside
the functions.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from scaleready.engine.risks import ranked_risks
from scaleready.errors import UsageError
from scaleready.formats.answers import AnswerValue
from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import FactorResult, Recommendation
from scaleready.render.answer_text import AnswerStyle, answer_text
from scaleready.vocabulary import TOP_RECOMMENDATIONS, TOP_RISKS, WORKSHOP_FORMATS, WorkshopFormat
from scaleready.workshop.aggregate import fmt_number
from scaleready.workshop.model import (
    AgendaItem,
    ConsensusAnswer,
    QuestionSummary,
    RoleGap,
    WorkshopAssessment,
)

if TYPE_CHECKING:
    from markupsafe import Markup
    from rich.console import RenderableType

TEMPLATES = {"md": "workshop.md.j2", "html": "workshop.html.j2"}
AGENDA_SHOWN = 10
"""Agenda items in the terminal, Markdown and HTML outputs (JSON has them all)."""
GAPS_SHOWN = 10
FILE_WIDTH = 100
"""Terminal text written to a file (or a pipe) is laid out this wide."""


def workshop_format_for(requested: str | None, output: Path | None) -> WorkshopFormat:
    """The format to write: the one asked for, else ``output``'s suffix, else terminal."""
    if requested is not None:
        if requested not in WORKSHOP_FORMATS:
            raise UsageError(
                f"unknown format {requested!r}; expected one of {', '.join(WORKSHOP_FORMATS)}"
            )
        return requested
    if output is None:
        return "terminal"
    from scaleready.render.outputs import format_for

    return cast(WorkshopFormat, format_for(output, WORKSHOP_FORMATS))


def render_workshop(
    workshop: WorkshopAssessment,
    questionnaire: Questionnaire,
    fmt: WorkshopFormat,
    *,
    width: int = FILE_WIDTH,
    color: bool = False,
) -> str:
    """The workshop in ``fmt``. ``width`` and ``color`` only affect the terminal format."""
    if fmt == "json":
        return workshop.to_json()
    if fmt == "terminal":
        return render_terminal_text(workshop, questionnaire, width=width, color=color)
    if fmt not in TEMPLATES:
        raise ValueError(f"unknown workshop format {fmt!r}")
    from scaleready.render.report.environment import build_environment

    env = build_environment()
    view = build_view(workshop, questionnaire, html=fmt == "html")
    text = env.get_template(TEMPLATES[fmt]).render(w=workshop, view=view)
    return text.rstrip("\n") + "\n"


# --- the view the templates and the terminal read ----------------------------------------------


@dataclass(frozen=True)
class QuestionView:
    """One question as the reports show it."""

    q: QuestionSummary
    typical: str
    consensus: str
    spread: str
    chart: Markup | None = None


@dataclass(frozen=True)
class SectionView:
    """A section's questions."""

    id: str
    title: str
    questions: tuple[QuestionView, ...]


@dataclass(frozen=True)
class AgendaView:
    """An agenda item with its question (and chart, in HTML)."""

    item: AgendaItem
    question: QuestionView


@dataclass(frozen=True)
class WorkshopView:
    """Everything the templates print that is not a field of the workshop itself."""

    organisation: str
    participants: str
    roles: str
    stages: str
    anonymity: str
    names: dict[str, str]
    agenda: tuple[AgendaView, ...]
    more_agenda: int
    top_risks: tuple[FactorResult, ...]
    top_recommendations: tuple[Recommendation, ...]
    gaps: tuple[RoleGap, ...]
    more_gaps: int
    sections: tuple[SectionView, ...]
    charts: dict[str, Markup] = field(default_factory=dict)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{k} {n}" for k, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


WORKSHOP_ANSWERS = AnswerStyle(missing="-", number=fmt_number, empty_list="none")
"""Answers as the workshop shows them: labels and rounded numbers, ``-`` for no value."""


def _value(
    questionnaire: Questionnaire,
    q: QuestionSummary,
    value: AnswerValue | None,
    status: str = "answered",
) -> str:
    question = questionnaire.question(q.id)
    return answer_text(value, question, questionnaire, WORKSHOP_ANSWERS, status=status)


def _typical(questionnaire: Questionnaire, q: QuestionSummary) -> str:
    if q.kind == "text":
        return f"{_plural(q.responses, 'text answer')} (not shown)"
    if q.median is not None:
        return "median " + _value(questionnaire, q, q.median)
    if q.mode is not None and q.mode_share is not None:
        share = round(100 * q.mode_share)
        return f"mostly {_value(questionnaire, q, q.mode)} ({share}%)"
    if q.kind == "multi" and q.responses:
        return "; ".join(
            f"{b.label} {b.count}"
            for b in sorted(q.distribution, key=lambda b: -b.count)
            if b.count
        )
    return "no answers"


def _consensus(questionnaire: Questionnaire, q: QuestionSummary, c: ConsensusAnswer | None) -> str:
    if c is None:
        return "-"
    return _value(questionnaire, q, c.value, c.status)


def _spread(q: QuestionSummary) -> str:
    parts = []
    if q.kind != "text":
        parts.append(f"{q.responses} answered")
    for n, word in ((q.dont_know, "don't know"), (q.not_applicable, "n/a"), (q.no_answer, "blank")):
        if n:
            parts.append(f"{n} {word}")
    return ", ".join(parts)


def build_view(
    workshop: WorkshopAssessment, questionnaire: Questionnaire, *, html: bool = False
) -> WorkshopView:
    """The view of ``workshop`` the templates and the terminal summary read; ``html`` adds the
    inline SVG charts."""
    w = workshop
    names = {p.id: _who(p.id, p.name, p.role, p.file) for p in w.participants}
    by_id: dict[str, QuestionView] = {}
    for q in w.questions:
        by_id[q.id] = QuestionView(
            q=q,
            typical=_typical(questionnaire, q),
            consensus=_consensus(questionnaire, q, q.consensus),
            spread=_spread(q),
            chart=_distribution_chart(q) if html and q.distribution else None,
        )
    sections = tuple(
        SectionView(
            id=s.id,
            title=s.title,
            questions=tuple(by_id[q.id] for q in s.questions if q.id in by_id),
        )
        for s in questionnaire.sections
    )
    roles = Counter(p.role for p in w.participants if p.role is not None)
    unknown = sum(1 for p in w.participants if p.role is None)
    role_text = _counts(roles) if roles else ""
    if w.anonymity == "all":
        role_text = "not shown (--anonymous=all)"
    elif unknown:
        role_text += ("; " if role_text else "") + f"{unknown} without a role"
    anonymity = {
        "none": "",
        "names": "Anonymous: participants are numbered by their files' content; names and "
        "files are not shown.",
        "all": "Anonymous: participants are numbered by their files' content; names, files "
        "and roles are not shown.",
    }[w.anonymity]
    charts: dict[str, Markup] = {}
    if html and w.role_gaps:
        charts["gaps"] = _gap_chart(w.role_gaps[:GAPS_SHOWN])
    return WorkshopView(
        organisation=w.organisation or "Workshop",
        participants=_plural(len(w.participants), "participant"),
        roles=role_text,
        stages=_counts(Counter(p.stage for p in w.participants)),
        anonymity=anonymity,
        names=names,
        agenda=tuple(
            AgendaView(item=a, question=by_id[a.question]) for a in w.agenda[:AGENDA_SHOWN]
        ),
        more_agenda=max(0, len(w.agenda) - AGENDA_SHOWN),
        top_risks=tuple(ranked_risks(w.consensus.failure_factors, limit=TOP_RISKS)),
        top_recommendations=w.consensus.recommendations[:TOP_RECOMMENDATIONS],
        gaps=w.role_gaps[:GAPS_SHOWN],
        more_gaps=max(0, len(w.role_gaps) - GAPS_SHOWN),
        sections=sections,
        charts=charts,
    )


def _who(pid: str, name: str | None, role: str | None, file: str | None) -> str:
    """How a participant is named: "P3", "P3 (cto)", "Ada (cto)" or the file when unnamed."""
    label = name or (Path(file).name if file else pid)
    return f"{label} ({role})" if role else label


def _distribution_chart(q: QuestionSummary) -> Markup:
    from scaleready.render.report.charts import BLUE, GREY, Bar, bar_chart

    bars = [
        Bar(
            label=b.label,
            value=float(b.count),
            note="" if b.score is None else f"health {b.score:.2f}",
            colour=BLUE if b.count else GREY,
        )
        for b in q.distribution
    ]
    for n, word in ((q.dont_know, "Don't know"), (q.not_applicable, "Not applicable")):
        if n:
            bars.append(Bar(label=word, value=float(n), muted=True))
    what = "chose each option" if q.kind == "multi" else "gave each answer"
    return bar_chart(
        f"dist-{q.id}",
        bars,
        title=f"Answers to {q.id}",
        desc=f"How many of the {q.participants} participants {what}.",
        # A multiple of 4, so that the quarter gridlines fall on whole numbers of people.
        maximum=float(4 * math.ceil(max(1, q.participants) / 4)),
    )


def _gap_chart(gaps: tuple[RoleGap, ...]) -> Markup:
    from scaleready.render.report.charts import BLUE, ORANGE, Bar, bar_chart

    bars: list[Bar] = []
    for g in gaps:
        bars.append(Bar(label=f"{g.name}: {g.higher_role}", value=g.higher_score, colour=BLUE))
        bars.append(Bar(label=f"{g.name}: {g.lower_role}", value=g.lower_score, colour=ORANGE))
    return bar_chart(
        "role-gaps",
        bars,
        title="Role gaps",
        desc="Mean capability scores (0-100) of two roles that see a capability at least 20 "
        "points apart; the higher role first.",
    )


# --- terminal ------------------------------------------------------------------------------------


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
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    w = workshop
    view = build_view(w, questionnaire)
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

    parts.append(Text("Discuss first", style="bold underline"))
    if view.agenda:
        table = Table(box=None, header_style="bold", padding=(0, 1))
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("question", ratio=3)
        table.add_column("disagree", justify="right", no_wrap=True)
        table.add_column("matters", justify="right", no_wrap=True)
        table.add_column("answers", ratio=2)
        for a in view.agenda:
            item = a.item
            table.add_row(
                str(item.rank),
                Text(f"{item.text} ({item.question})"),
                f"{item.disagreement:.2f}",
                f"{item.importance:.2f}",
                Text(item.spread),
            )
        parts.append(table)
        if view.more_agenda:
            parts.append(Text(f"  and {view.more_agenda} more in the json output"))
    else:
        parts.append(Text("  Nothing to discuss: the participants agree on every question."))
    parts.append(Text(""))

    c = w.consensus
    head = Text("Consensus: ", style="bold")
    head.append(f"readiness {c.score:g}/100 for the {c.stage.id} stage")
    parts.append(head)
    for f in view.top_risks:
        parts.append(
            Padding(
                Text(f"- {f.level.upper()} {f.residual_risk:.2f} {f.name}"),
                (0, 0, 0, 2),
                expand=False,
            )
        )
    for r in view.top_recommendations:
        now = "unmeasured" if r.score is None else f"{r.score:g}/100"
        line = f"{r.rank}. {r.name} (now {now}; removes {r.priority:.2f} of risk)"
        parts.append(Padding(Text(line), (0, 0, 0, 2), expand=False))
    parts.append(Text(""))

    parts.append(Text("Role gaps", style="bold underline"))
    if w.anonymity == "all":
        parts.append(Text("  Not shown: roles are anonymous (--anonymous=all)."))
    elif view.gaps:
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
    else:
        parts.append(Text("  No two roles see a capability 20 or more points apart."))
    if w.missing:
        parts.append(Text(""))
        parts.append(Text("Not answered", style="bold underline"))
        for m in w.missing:
            shown = ", ".join(m.questions[:6]) + (", ..." if len(m.questions) > 6 else "")
            parts.append(
                Padding(
                    Text(f"{view.names[m.participant]}: {len(m.questions)} ({shown})"),
                    (0, 0, 0, 2),
                    expand=False,
                )
            )
    parts.append(Text(""))
    parts.append(
        Text("Every question, chart and formula: --format html (or md, json).", style="dim")
    )
    return Group(*parts)
