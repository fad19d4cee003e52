"""What the workshop's Markdown and HTML templates and its terminal summary read: the workshop,
plus the wording, orderings and charts derived once (:func:`build_view`).

Answers are shown in the workshop's style of :func:`scaleready.render.answer_text.answer_text`;
the HTML charts are the reports' inline SVG charts (:mod:`scaleready.render.report.charts`),
imported inside the functions that draw them.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaleready.engine.risks import ranked_risks
from scaleready.engine.stage import stage_label
from scaleready.formats.answers import AnswerValue
from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import FactorResult, Recommendation
from scaleready.render.answer_text import AnswerStyle, answer_text
from scaleready.vocabulary import TOP_RECOMMENDATIONS, TOP_RISKS
from scaleready.workshop._distribution import fmt_number
from scaleready.workshop.model import (
    AgendaItem,
    ConsensusAnswer,
    QuestionSummary,
    RoleGap,
    WorkshopAssessment,
)

if TYPE_CHECKING:
    from markupsafe import Markup

__all__ = ["AgendaView", "QuestionView", "SectionView", "WorkshopView", "build_view"]

AGENDA_SHOWN = 10
"""Agenda items in the terminal, Markdown and HTML outputs (JSON has them all)."""
GAPS_SHOWN = 10


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
    gap_meaning: str  # the questionnaire's words for what a role gap suggests
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
    """The consensus, and the answer most gave when that is another one: the middle answer by
    practice order surprises a room where the plurality said otherwise, so both are shown."""
    if c is None:
        return "-"
    text = _value(questionnaire, q, c.value, c.status)
    if q.kind != "ordered" or c.status != "answered":  # the others are a mode or a majority
        return text
    counts = sorted((b.count for b in q.distribution), reverse=True)
    top = next((b for b in q.distribution if counts and b.count == counts[0]), None)
    unique = len(counts) < 2 or counts[0] > counts[1]
    if top is None or not unique or top.key == c.value:
        return text
    most = _value(questionnaire, q, top.key)
    return f"{text} (the middle answer; most said {most}: {top.count} of {q.responses})"


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
        if any(q.id in by_id for q in s.questions)  # an opt-in section nobody opted into
    )
    charts: dict[str, Markup] = {}
    if html and w.role_gaps:
        charts["gaps"] = _gap_chart(w.role_gaps[:GAPS_SHOWN])
    return WorkshopView(
        organisation=w.organisation or "Workshop",
        participants=_plural(len(w.participants), "participant"),
        roles=_roles(w),
        stages=_counts(Counter(stage_label(questionnaire, p.stage) for p in w.participants)),
        anonymity=_ANONYMITY_NOTES[w.anonymity],
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
        gap_meaning=questionnaire.wording.role_gap_meaning,
        charts=charts,
    )


_ANONYMITY_NOTES = {
    "none": "",
    "names": "Anonymous: participants are numbered by their files' content; names and "
    "files are not shown.",
    "all": "Anonymous: participants are numbered by their files' content; names, files "
    "and roles are not shown.",
}


def _roles(w: WorkshopAssessment) -> str:
    """Who took part, by role: ``cto 1, engineer 3; 2 without a role``."""
    if w.anonymity == "all":
        return "not shown (--anonymous=all)"
    roles = Counter(p.role for p in w.participants if p.role is not None)
    unknown = sum(1 for p in w.participants if p.role is None)
    role_text = _counts(roles) if roles else ""
    if unknown:
        role_text += ("; " if role_text else "") + f"{unknown} without a role"
    return role_text


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
        **people_axis(q.participants),
    )


def people_axis(participants: int) -> dict[str, Any]:
    """A scale of whole people that ends at the number of participants (or just above, in round
    steps, for a big room): 5 participants read 0 to 5, not 0 to 8."""
    n = max(1, participants)
    if n <= 10:
        return {"maximum": float(n), "steps": n}
    if n > 500 * 10:  # no workshop is this big; the scale is then the room, in tenths
        return {"maximum": float(n), "steps": 10}
    step = next(s for s in (2, 5, 10, 20, 25, 50, 100, 250, 500) if math.ceil(n / s) <= 10)
    return {"maximum": float(step * math.ceil(n / step)), "steps": math.ceil(n / step)}


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
