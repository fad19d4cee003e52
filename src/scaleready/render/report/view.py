"""What the report templates see: the assessment, plus lookups, orderings and charts derived once.

Templates stay about layout: every sort, selection and lookup happens here, in Python, where it
is typed and tested. The view carries the raw :class:`~scaleready.formats.result.Assessment` (``view.a``)
and :class:`~scaleready.formats.questionnaire.Questionnaire` (``view.q``) too, so a user's own template
can show anything the result holds.

:func:`build_view` builds the view once, immutable: first the :class:`Findings` (the assessment's
lists in the order the report shows them), then the charts (HTML, :mod:`._view_charts`) or the
Mermaid chains (Markdown, :mod:`._view_chains`) drawn from them, then the
:class:`ReportView`, which is the findings plus everything else a template uses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from scaleready.engine.risks import ranked_risks
from scaleready.engine.stage import signals_none
from scaleready.formats.answers import Answer, Answers, AnswerValue
from scaleready.formats.questionnaire import Question, Questionnaire, Stage, Wording
from scaleready.formats.result import (
    Assessment,
    CapabilityScore,
    ChainMechanism,
    Dora,
    DoraBenchmark,
    FactorResult,
    ItemScore,
    NotYet,
    Recommendation,
    RuleHit,
    SignalResult,
)
from scaleready.render.answer_text import READER, answer_text
from scaleready.render.claims import GAP_MEANING, ClaimRow, claim_rows
from scaleready.render.report._view_rows import (
    AGGREGATES,
    AnswerRow,
    DoraRow,
    RiskRow,
    SectionRows,
    risk_rows,
    weakest_first,
)
from scaleready.vocabulary import TOP_RECOMMENDATIONS, TOP_RISKS

if TYPE_CHECKING:
    from scaleready.render.report._view_chains import Chain

__all__ = [
    "AnswerRow",
    "DoraRow",
    "Findings",
    "ReportView",
    "RiskRow",
    "SectionRows",
    "build_view",
    "order_findings",
]

# The engine's why names the first two mechanisms to adopt; the diagrams show those same two.
START_WITH = 2
LOW_COVERAGE = 60.0  # percent answered below which the summary warns that findings are thin


@dataclass(frozen=True)
class Findings:
    """The assessment's findings in the order the report shows them; the charts are drawn from
    these (:mod:`._view_charts`). Build them with :func:`order_findings`."""

    a: Assessment
    q: Questionnaire
    top_recommendations: tuple[Recommendation, ...]
    more_recommendations: tuple[Recommendation, ...]
    risks: tuple[RiskRow, ...]
    top_risks: tuple[FactorResult, ...]
    other_stage_risks: tuple[RiskRow, ...]
    capabilities: tuple[CapabilityScore, ...]
    other_capabilities: tuple[CapabilityScore, ...]
    values: tuple[ItemScore, ...]
    mechanisms: tuple[ItemScore, ...]
    measured_outcomes: tuple[ItemScore, ...]
    not_yet: tuple[NotYet, ...]
    dora_segment: DoraBenchmark | None
    dora_rows: tuple[DoraRow, ...]

    @property
    def dora_edition(self) -> int:
        """The year of the DORA benchmarks the report credits (the default without DORA)."""
        from scaleready.engine.dora import DEFAULT_EDITION

        dora = self.a.outcomes.dora
        return DEFAULT_EDITION if dora is None else dora.edition

    def weak_mechanisms(self, rec: Recommendation, limit: int = START_WITH) -> list[ChainMechanism]:
        """The mechanisms to start a recommendation with, as the engine chose them (linked to the
        capability or its risks, not at 100, prerequisites met): the ones its why names, and the
        only ones its diagrams show, in every format."""
        by_id = {m.id: m for m in rec.mechanisms}
        return [by_id[i] for i in rec.adopt_first[:limit] if i in by_id]

    def risk_rules(self, factor: FactorResult) -> tuple[RuleHit, ...]:
        """The rules that raised a failure factor, its parts' included (as the engine counts
        them in ``triggered_by``), each with its because: every format names these."""
        hits: dict[str, RuleHit] = {}
        # Its own hit first: the same rule may raise a part to another level.
        for f in (factor, *self.a.failure_factors):
            for hit in f.rules:
                hits.setdefault(hit.id, hit)
        return tuple(hits[i] for i in factor.triggered_by.rules if i in hits)

    def rank_of(self, capability: str) -> int | None:
        """The recommendation rank of a capability, if it is recommended."""
        for r in self.a.recommendations:
            if r.capability == capability:
                return r.rank
        return None


@dataclass(frozen=True)
class ReportView(Findings):
    """Everything the templates use: the findings, and what else the report shows. Build it with
    :func:`build_view`."""

    date: str | None
    fmt: str
    who: str | None
    stage_profile: Stage | None  # the stage, when it has a dominant problem to show
    stage_def: Stage | None
    signals_none: str  # what the report says when no stage signal holds
    signals_holding: tuple[SignalResult, ...]
    signals_not: tuple[SignalResult, ...]
    signals_unknown: tuple[SignalResult, ...]
    sections: tuple[SectionRows, ...]
    notes: tuple[AnswerRow, ...]
    dont_know: tuple[AnswerRow, ...]
    unanswered: tuple[AnswerRow, ...]
    names: Mapping[str, str]
    chains: tuple[Chain, ...] = ()
    charts: Mapping[str, Markup] = field(default_factory=lambda: MappingProxyType({}))
    mermaid: Markup = field(default_factory=Markup)
    explain_example: str = "scaleready explain ANSWERS score"

    low_coverage: float = LOW_COVERAGE
    claims: tuple[ClaimRow, ...] = ()
    """Each measured DORA figure beside its claim (none when nothing was measured)."""
    dora_notes: tuple[str, ...] = ()
    """What a reader must know about a benchmark shown (the recovery time DORA stores flipped)."""
    gap_meaning: str = GAP_MEANING

    @property
    def organisation(self) -> str:
        """The organisation's name, or a neutral stand-in."""
        return self.a.organisation or "Your organisation"

    @property
    def wording(self) -> Wording:
        """The questionnaire's sentences about its own model (neutral unless it sets them)."""
        return self.q.wording

    def name(self, ident: str) -> str:
        """The display name of any model item or question id (the id itself if unknown)."""
        return self.names.get(ident, ident)

    def question_text(self, question_id: str) -> str:
        """A question's text, or its id when the questionnaire does not have it; an option's
        evidence (``question:option``) reads as the question's text and the option's label."""
        qid, _, key = question_id.partition(":")
        question = self.q.question(qid)
        if question is None:
            return question_id
        option = next((o for o in self.q.options_of(question) if str(o.key) == key), None)
        return question.text if option is None else f"{question.text} ({option.label})"

    def answer_text(self, question_id: str, value: AnswerValue | None) -> str:
        """How an answer value reads: option labels, numbers with their unit, yes/no."""
        question = self.q.question(question_id.partition(":")[0])
        return answer_text(value, question, self.q, READER)

    def worst_symptoms(self, factor: FactorResult, limit: int = 3) -> list[AnswerRow]:
        """The answered symptoms of a failure factor that contributed most exposure (lowest
        health score first, question ids breaking ties)."""
        scored = [s for s in factor.symptoms if s.status == "answered" and s.score is not None]
        scored.sort(key=lambda s: (s.score, -(s.weight or 0.0), s.question))
        return [
            AnswerRow(
                s.question,
                self.question_text(s.question),
                self.answer_text(s.question, s.value),
                "answered",
            )
            for s in scored[:limit]
            if s.score is not None and s.score < 1
        ]

    def by_section(self, rows: Sequence[AnswerRow]) -> list[tuple[str, list[AnswerRow]]]:
        """``rows`` grouped under their section titles, in the questionnaire's order."""
        wanted = {row.question for row in rows}
        groups = []
        for section in self.sections:
            mine = [row for row in section.rows if row.question in wanted]
            if mine:
                groups.append((section.title, mine))
        return groups


def _answer_row(
    questionnaire: Questionnaire, question: Question, answer: Answer | None, unanswered: set[str]
) -> AnswerRow:
    if answer is None or answer.status == "unanswered":
        status = "unanswered" if question.id in unanswered else "not_asked"
        return AnswerRow(
            question.id,
            question.text,
            "",
            status,
            answer.note if answer else None,
            answer.reason if answer else None,
        )
    shown = answer_text(answer.value, question, questionnaire, READER)
    return AnswerRow(question.id, question.text, shown, answer.status, answer.note, answer.reason)


def order_findings(assessment: Assessment, questionnaire: Questionnaire) -> Findings:
    """The assessment's lists in the report's order: weakest first, riskiest first."""
    a = assessment
    relevant = [f for f in a.failure_factors if f.relevant]
    # A factor tree stays whole (a part stands under its parent): listed with the shown risks
    # when any of its factors is shown.
    parent = {f.id: f.part_of for f in a.failure_factors}

    def root(fid: str) -> str:
        seen = {fid}
        while (up := parent.get(fid)) is not None and up in parent and up not in seen:
            fid = up
            seen.add(fid)
        return fid

    shown_trees = {root(f.id) for f in relevant}
    in_table = [f for f in a.failure_factors if root(f.id) in shown_trees]
    other = [f for f in a.failure_factors if root(f.id) not in shown_trees]
    segment, dora_rows = _dora(a.outcomes.dora, questionnaire)
    return Findings(
        a=a,
        q=questionnaire,
        top_recommendations=a.recommendations[:TOP_RECOMMENDATIONS],
        more_recommendations=a.recommendations[TOP_RECOMMENDATIONS:],
        risks=tuple(risk_rows(in_table)),
        top_risks=tuple(ranked_risks(relevant, limit=TOP_RISKS)),
        other_stage_risks=tuple(risk_rows(other)),
        capabilities=weakest_first(c for c in a.capabilities if c.in_stage),
        other_capabilities=weakest_first(c for c in a.capabilities if not c.in_stage),
        values=weakest_first(a.values),
        mechanisms=weakest_first(a.mechanisms),
        measured_outcomes=a.outcomes.measured,
        not_yet=a.not_yet,
        dora_segment=segment,
        dora_rows=dora_rows,
    )


def _dora(dora: Dora | None, q: Questionnaire) -> tuple[DoraBenchmark | None, tuple[DoraRow, ...]]:
    """The benchmark segment the chart compares with (industry, else all, else the first), and
    a row per DORA metric and aggregate with its benchmark in every segment."""
    if dora is None or not dora.benchmarks:
        return None, ()
    preferred = {b.segment: b for b in dora.benchmarks}
    segment = preferred.get("industry") or preferred.get("all") or dora.benchmarks[0]
    scored = {m.metric: m for m in dora.metrics}
    aggregate = {
        "throughput": (dora.throughput, dora.throughput_shown),
        "stability": (dora.stability, dora.stability_shown),
        "overall": (dora.overall, dora.overall_shown),
    }
    dora_rows: list[DoraRow] = []
    for bm in dora.benchmarks[0].metrics:
        metric = scored.get(bm.metric)
        score, shown = (
            (metric.score, metric.shown) if metric else aggregate.get(bm.metric, (None, None))
        )
        per_segment = tuple(
            (b, m) for b in dora.benchmarks for m in b.metrics if m.metric == bm.metric
        )
        dora_rows.append(
            DoraRow(
                metric=bm.metric,
                name=metric.name if metric else _metric_name(bm.metric),
                score=score,
                shown=shown,
                answer=(
                    answer_text(metric.answer, q.question(metric.question), q, READER)
                    if metric
                    else None
                ),
                benchmarks=per_segment,
            )
        )
    return segment, tuple(dora_rows)


def _metric_name(metric: str) -> str:
    from scaleready.engine.dora_benchmarks import METRIC_NAMES

    return METRIC_NAMES.get(metric) or AGGREGATES.get(metric, metric)


def _sections(
    q: Questionnaire, answers: Answers, unanswered_ids: set[str]
) -> tuple[SectionRows, ...]:
    """The appendix: every question of every section, with its answer (opt-in sections only
    when opted into)."""
    from scaleready.engine.opt_in import opted_out_by_all

    hidden = opted_out_by_all(q, [answers])
    return tuple(
        SectionRows(
            s.id,
            s.title,
            tuple(
                _answer_row(q, question, answers.answers.get(question.id), unanswered_ids)
                for question in s.questions
            ),
        )
        for s in q.sections
        if not hidden.issuperset(question.id for question in s.questions)
    )


def _names(q: Questionnaire) -> Mapping[str, str]:
    """The display name of every model item, by id."""
    names: dict[str, str] = {}
    for group in (q.model.values, q.model.mechanisms, q.model.capabilities, q.model.outcomes):
        names.update({item.id: item.name for item in group})
    names.update({f.id: f.name for f in q.model.failure_factors})
    return MappingProxyType(names)


def _who(a: Assessment) -> str | None:
    """The respondent as the report names them, if the answers say who."""
    if a.respondent is None or not (a.respondent.name or a.respondent.role):
        return None
    return ", ".join(x for x in (a.respondent.name, a.respondent.role) if x)


def build_view(
    assessment: Assessment,
    questionnaire: Questionnaire,
    answers: Answers,
    fmt: str,
    date: str | None,
) -> ReportView:
    """Derive everything the templates show from one assessment (charts only for HTML)."""
    from scaleready.render.explain import example_command
    from scaleready.render.report._view_chains import html_chain, mermaid_chains
    from scaleready.render.report._view_charts import html_charts

    a = assessment
    q = questionnaire
    findings = order_findings(a, q)
    sections = _sections(q, answers, set(a.coverage.unanswered_questions))
    rows = [row for s in sections for row in s.rows]
    by_id = {row.question: row for row in rows}
    html = fmt == "html"
    shared: dict[str, Any] = {f.name: getattr(findings, f.name) for f in fields(Findings)}
    return ReportView(
        **shared,
        date=date,
        fmt=fmt,
        who=_who(a),
        stage_profile=next(
            (s for s in q.stage_defs if s.id == a.stage.id and s.dominant_problem), None
        ),
        stage_def=next((s for s in q.stage_defs if s.id == a.stage.id), None),
        signals_none=signals_none(q),
        signals_holding=tuple(s for s in a.stage.signals if s.holds is True),
        signals_not=tuple(s for s in a.stage.signals if s.holds is False),
        signals_unknown=tuple(s for s in a.stage.signals if s.holds is None),
        sections=sections,
        notes=tuple(r for r in rows if r.note or r.reason),
        dont_know=tuple(by_id[i] for i in a.coverage.dont_know_questions if i in by_id),
        unanswered=tuple(by_id[i] for i in a.coverage.unanswered_questions if i in by_id),
        names=_names(q),
        chains=tuple(html_chain(findings, r) for r in findings.top_recommendations) if html else (),
        charts=html_charts(findings) if html else MappingProxyType({}),
        mermaid=Markup("") if html else mermaid_chains(findings, findings.top_recommendations),
        explain_example=example_command(a, _report_path(answers.source)),
        claims=claim_rows(a, q),
        dora_notes=dora_notes(a),
    )


def _report_path(source: str | None) -> str | None:
    """The answers file as a report names it: by its name, since a report is read next to it
    (and a path from the machine that wrote it would mean nothing elsewhere)."""
    from pathlib import Path

    return Path(source).name if source else None


def dora_notes(a: Assessment) -> tuple[str, ...]:
    """The benchmarks' notes a reader needs beside the figures (the recovery time DORA's
    organisation-size data stores flipped), each once."""
    from scaleready.engine.dora import RECOVERY_FLIP_NOTE

    dora = a.outcomes.dora
    if dora is None:
        return ()
    found = (n for b in dora.benchmarks for n in b.notes if n.startswith(RECOVERY_FLIP_NOTE))
    return tuple(dict.fromkeys(found))
