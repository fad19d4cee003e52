"""What the report templates see: the assessment, plus lookups, orderings and charts derived once.

Templates stay about layout: every sort, selection and lookup happens here, in Python, where it
is typed and tested. The view carries the raw :class:`~scaleready.formats.result.Assessment` (``view.a``)
and :class:`~scaleready.formats.questionnaire.Questionnaire` (``view.q``) too, so a user's own template
can show anything the result holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from markupsafe import Markup

from scaleready import vocabulary
from scaleready.engine.risks import ranked_risks
from scaleready.formats.answers import Answer, Answers, AnswerValue
from scaleready.formats.questionnaire import Question, Questionnaire, StageProfile
from scaleready.formats.result import (
    Assessment,
    BenchmarkMetric,
    CapabilityScore,
    ChainMechanism,
    DoraBenchmark,
    FactorResult,
    ItemScore,
    NotYet,
    Recommendation,
    SignalResult,
)
from scaleready.render.answer_text import READER, answer_text
from scaleready.render.report import charts
from scaleready.render.report.format import fixed
from scaleready.render.report.markdown import FlowNode, mermaid_flowchart, shorten
from scaleready.vocabulary import TOP_RECOMMENDATIONS, TOP_RISKS

LOW_COVERAGE = 60.0  # percent answered below which the summary warns that findings are thin
CHAIN_LIMITS = {"mechanisms": 3, "values": 3, "factors": 4, "outcomes": 4}
MERMAID_LIMITS = {"mechanisms": 2, "values": 2, "factors": 3, "outcomes": 3}
# The report tells an applicable question left blank ("not answered") from one that did not apply.
STATUS_WORDS = {**vocabulary.STATUS_WORDS, "unanswered": "not answered", "not_asked": "not asked"}
DORA_CREDIT = "DORA (dora.dev), CC BY 4.0"


@dataclass(frozen=True)
class AnswerRow:
    """One question of the appendix: what was answered, and any words that came with it."""

    question: str
    text: str
    answer: str
    status: str
    note: str | None = None
    reason: str | None = None

    @property
    def status_word(self) -> str:
        """The status as a reader sees it (``don't know``)."""
        return STATUS_WORDS[self.status]


@dataclass(frozen=True)
class SectionRows:
    """A questionnaire section's questions, in the order asked."""

    id: str
    title: str
    rows: tuple[AnswerRow, ...]


@dataclass(frozen=True)
class RiskRow:
    """A failure factor in display order; ``depth`` 1 for a part of another factor."""

    factor: FactorResult
    depth: int


@dataclass(frozen=True)
class Chain:
    """The causal chain behind one recommendation, trimmed to what a diagram can show."""

    recommendation: Recommendation
    columns: tuple[charts.ChainColumn, ...]
    edges: tuple[tuple[str, str], ...]
    chart: Markup


@dataclass(frozen=True)
class DoraRow:
    """One DORA metric (or aggregate) with its benchmark in every segment."""

    metric: str
    name: str
    score: float | None
    answer: str | None  # None for an aggregate, or a metric not answered
    benchmarks: tuple[tuple[DoraBenchmark, BenchmarkMetric], ...]

    @property
    def aggregate(self) -> bool:
        """Whether this row is throughput, stability or overall rather than a metric."""
        return self.metric in AGGREGATES


@dataclass
class ReportView:
    """Everything the templates use. Build it with :func:`build_view`."""

    a: Assessment
    q: Questionnaire
    date: str | None
    fmt: str
    who: str | None
    stage_profile: StageProfile | None
    signals_holding: tuple[SignalResult, ...]
    signals_not: tuple[SignalResult, ...]
    signals_unknown: tuple[SignalResult, ...]
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
    chains: tuple[Chain, ...]
    dora_segment: DoraBenchmark | None
    dora_rows: tuple[DoraRow, ...]
    sections: tuple[SectionRows, ...]
    notes: tuple[AnswerRow, ...]
    dont_know: tuple[AnswerRow, ...]
    unanswered: tuple[AnswerRow, ...]
    names: dict[str, str]
    charts: dict[str, Markup] = field(default_factory=dict)
    mermaid: Markup = field(default_factory=Markup)

    low_coverage: float = LOW_COVERAGE

    @property
    def organisation(self) -> str:
        """The organisation's name, or a neutral stand-in."""
        return self.a.organisation or "Your organisation"

    def name(self, ident: str) -> str:
        """The display name of any model item or question id (the id itself if unknown)."""
        return self.names.get(ident, ident)

    def question_text(self, question_id: str) -> str:
        """A question's text, or its id when the questionnaire does not have it."""
        question = self.q.question(question_id)
        return question.text if question is not None else question_id

    def answer_text(self, question_id: str, value: AnswerValue | None) -> str:
        """How an answer value reads: option labels, numbers with their unit, yes/no."""
        question = self.q.question(question_id)
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

    def weak_mechanisms(self, rec: Recommendation, limit: int = 2) -> list[ChainMechanism]:
        """The mechanisms to start a recommendation with: the weakest first, leaving out those
        already at 100 (nothing to start)."""
        weak = [m for m in rec.mechanisms if m.score is None or m.score < 100]
        return weak[:limit]

    def rank_of(self, capability: str) -> int | None:
        """The recommendation rank of a capability, if it is recommended."""
        for r in self.a.recommendations:
            if r.capability == capability:
                return r.rank
        return None


def _score_key(score: float | None) -> tuple[int, float]:
    # Weakest first; unmeasured last (they are listed under coverage, not hidden).
    return (1, 0.0) if score is None else (0, score)


def _risk_rows(factors: Sequence[FactorResult]) -> list[RiskRow]:
    """Parents by residual risk (highest first, ids break ties), each followed by its parts."""
    ids = {f.id for f in factors}
    children: dict[str, list[FactorResult]] = {}
    roots: list[FactorResult] = []
    for f in factors:
        if f.part_of is not None and f.part_of in ids:
            children.setdefault(f.part_of, []).append(f)
        else:
            roots.append(f)

    def order(fs: list[FactorResult]) -> list[FactorResult]:
        return sorted(fs, key=lambda f: (-f.residual_risk, f.id))

    rows: list[RiskRow] = []
    for root in order(roots):
        rows.append(RiskRow(root, 0))
        rows.extend(RiskRow(child, 1) for child in order(children.get(root.id, [])))
    return rows


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


def _chain(
    view: ReportView, rec: Recommendation, limits: dict[str, int]
) -> tuple[list[charts.ChainColumn], list[tuple[str, str]]]:
    """The columns and edges of a recommendation's chain, keeping the weakest links first and
    mechanisms that apply a value that is shown."""
    values = rec.values[: limits["values"]]
    value_ids = {v.id for v in values}
    mechanisms = [m for m in rec.mechanisms if value_ids.intersection(m.applies)]
    mechanisms = mechanisms[: limits["mechanisms"]]
    factors = sorted(rec.failure_factors, key=lambda f: (-f.removed, f.id))[: limits["factors"]]
    harms = {f.id: set(f.harms) for f in view.a.failure_factors}
    shown_harms = set().union(*(harms.get(f.id, set()) for f in factors)) if factors else set()
    outcomes = [o for o in rec.outcomes if o.id in shown_harms][: limits["outcomes"]]

    def pct(score: float | None) -> str:
        return "no data" if score is None else f"{fixed(score, 1)}/100"

    cap_key = f"capability:{rec.capability}"
    columns = [
        charts.ChainColumn(
            "mechanism",
            "Mechanisms",
            tuple(charts.ChainNode(f"mechanism:{m.id}", m.name, pct(m.score)) for m in mechanisms),
        ),
        charts.ChainColumn(
            "value",
            "Values",
            tuple(charts.ChainNode(f"value:{v.id}", v.name, pct(v.score)) for v in values),
        ),
        charts.ChainColumn(
            "capability", "Capability", (charts.ChainNode(cap_key, rec.name, pct(rec.score)),)
        ),
        charts.ChainColumn(
            "factor",
            "Failure factors",
            tuple(
                charts.ChainNode(f"factor:{f.id}", f.name, f"risk {f.residual_risk:.2f}")
                for f in factors
            ),
        ),
        charts.ChainColumn(
            "outcome",
            "Outcomes",
            tuple(charts.ChainNode(f"outcome:{o.id}", o.name, pct(o.score)) for o in outcomes),
        ),
    ]
    edges: list[tuple[str, str]] = []
    for m in mechanisms:
        edges += [(f"mechanism:{m.id}", f"value:{v}") for v in m.applies if v in value_ids]
    edges += [(f"value:{v.id}", cap_key) for v in values]
    edges += [(cap_key, f"factor:{f.id}") for f in factors]
    for f in factors:
        edges += [(f"factor:{f.id}", f"outcome:{o.id}") for o in outcomes if o.id in harms[f.id]]
    return columns, edges


def build_view(
    assessment: Assessment,
    questionnaire: Questionnaire,
    answers: Answers,
    fmt: str,
    date: str | None,
) -> ReportView:
    """Derive everything the templates show from one assessment (charts only for HTML)."""
    a = assessment
    q = questionnaire
    who = None
    if a.respondent is not None and (a.respondent.name or a.respondent.role):
        who = ", ".join(x for x in (a.respondent.name, a.respondent.role) if x)
    profile = next((s for s in q.model.stages if s.id == a.stage.id), None)
    relevant = [f for f in a.failure_factors if f.relevant]
    other = [f for f in a.failure_factors if not f.relevant]
    in_stage = sorted(
        (c for c in a.capabilities if c.in_stage), key=lambda c: (*_score_key(c.score), c.id)
    )
    off_stage = sorted(
        (c for c in a.capabilities if not c.in_stage), key=lambda c: (*_score_key(c.score), c.id)
    )
    names: dict[str, str] = {}
    for group in (q.model.values, q.model.mechanisms, q.model.capabilities, q.model.outcomes):
        names.update({item.id: item.name for item in group})
    names.update({f.id: f.name for f in q.model.failure_factors})

    unanswered_ids = set(a.coverage.unanswered_questions)
    sections = tuple(
        SectionRows(
            s.id,
            s.title,
            tuple(
                _answer_row(q, question, answers.answers.get(question.id), unanswered_ids)
                for question in s.questions
            ),
        )
        for s in q.sections
    )
    rows = [row for s in sections for row in s.rows]
    by_id = {row.question: row for row in rows}
    dora = a.outcomes.dora
    segment = None
    dora_rows: list[DoraRow] = []
    if dora is not None and dora.benchmarks:
        preferred = {b.segment: b for b in dora.benchmarks}
        segment = preferred.get("industry") or preferred.get("all") or dora.benchmarks[0]
        scored = {m.metric: m for m in dora.metrics}
        aggregate = {
            "throughput": dora.throughput,
            "stability": dora.stability,
            "overall": dora.overall,
        }
        for bm in dora.benchmarks[0].metrics:
            metric = scored.get(bm.metric)
            per_segment = tuple(
                (b, m) for b in dora.benchmarks for m in b.metrics if m.metric == bm.metric
            )
            dora_rows.append(
                DoraRow(
                    metric=bm.metric,
                    name=metric.name if metric else _metric_name(bm.metric),
                    score=metric.score if metric else aggregate.get(bm.metric),
                    answer=(
                        answer_text(metric.answer, q.question(metric.question), q, READER)
                        if metric
                        else None
                    ),
                    benchmarks=per_segment,
                )
            )

    view = ReportView(
        a=a,
        q=q,
        date=date,
        fmt=fmt,
        who=who,
        stage_profile=profile,
        signals_holding=tuple(s for s in a.stage.signals if s.holds is True),
        signals_not=tuple(s for s in a.stage.signals if s.holds is False),
        signals_unknown=tuple(s for s in a.stage.signals if s.holds is None),
        top_recommendations=a.recommendations[:TOP_RECOMMENDATIONS],
        more_recommendations=a.recommendations[TOP_RECOMMENDATIONS:],
        risks=tuple(_risk_rows(relevant)),
        top_risks=tuple(ranked_risks(relevant, limit=TOP_RISKS)),
        other_stage_risks=tuple(_risk_rows(other)),
        capabilities=tuple(in_stage),
        other_capabilities=tuple(off_stage),
        values=tuple(sorted(a.values, key=lambda v: (*_score_key(v.score), v.id))),
        mechanisms=tuple(sorted(a.mechanisms, key=lambda m: (*_score_key(m.score), m.id))),
        measured_outcomes=a.outcomes.measured,
        not_yet=a.not_yet,
        chains=(),
        dora_segment=segment,
        dora_rows=tuple(dora_rows),
        sections=sections,
        notes=tuple(r for r in rows if r.note or r.reason),
        dont_know=tuple(by_id[i] for i in a.coverage.dont_know_questions if i in by_id),
        unanswered=tuple(by_id[i] for i in a.coverage.unanswered_questions if i in by_id),
        names=names,
    )
    if fmt == "html":
        view.chains = tuple(_html_chain(view, r) for r in view.top_recommendations)
        view.charts = _charts(view)
    else:
        view.mermaid = _mermaid(view)
    return view


AGGREGATES = {"throughput": "Throughput", "stability": "Stability", "overall": "Overall"}


def _metric_name(metric: str) -> str:
    from scaleready.engine.dora_benchmarks import METRIC_NAMES

    return METRIC_NAMES.get(metric) or AGGREGATES.get(metric, metric)


def _html_chain(view: ReportView, rec: Recommendation) -> Chain:
    columns, edges = _chain(view, rec, CHAIN_LIMITS)
    chart = charts.chain_chart(
        f"chart-chain-{rec.rank}",
        columns,
        edges,
        title=f"Why {rec.name}: the chain behind recommendation {rec.rank}",
        desc=(
            "Mechanisms apply values, which grow the capability, which mitigates failure factors, "
            "which harm outcomes; the weakest links are shown, with their scores."
        ),
    )
    return Chain(rec, tuple(columns), tuple(edges), chart)


def _mermaid(view: ReportView) -> Markup:
    nodes: list[FlowNode] = []
    edges: list[tuple[str, str]] = []
    for rec in view.top_recommendations:
        columns, rec_edges = _chain(view, rec, MERMAID_LIMITS)
        for column in columns:
            for node in column.nodes:
                label = shorten(node.label, 40)
                label = f"{label} ({node.detail})" if node.detail else label
                nodes.append(FlowNode(node.key, label, column.kind))
        edges += rec_edges
    if not nodes:
        return Markup("")
    return mermaid_flowchart(nodes, edges)


def _charts(view: ReportView) -> dict[str, Markup]:
    a = view.a
    out: dict[str, Markup] = {}
    out["stage"] = charts.stage_meter(
        "chart-stage",
        a.stage.lateness,
        a.stage.early_below,
        a.stage.late_from,
        title=f"Stage: {a.stage.name}",
        desc=(
            "Lateness is the weighted share of the stage signals that hold, from 0 to 1: below "
            f"{a.stage.early_below:g} is early, from {a.stage.late_from:g} late, the transition "
            "between."
        ),
    )

    def rank_note(capability: str) -> str:
        rank = view.rank_of(capability)
        return f"#{rank}" if rank is not None and rank <= 5 else ""

    cap_bars = [charts.Bar(c.name, c.score, note=rank_note(c.id)) for c in view.capabilities] + [
        charts.Bar(c.name, c.score, note="other stage", muted=True) for c in view.other_capabilities
    ]
    out["capabilities"] = charts.bar_chart(
        "chart-capabilities",
        cap_bars,
        title="Capability scores, weakest first",
        desc=(
            "Each capability's score from 0 to 100, the capabilities of the organisation's stage "
            "first, weakest first; #N marks a top-five recommendation; the dashed line is the "
            "readiness score; capabilities of another stage are grey."
        ),
        reference=(a.score, "readiness"),
    )
    groups: list[charts.RiskGroup] = []
    for stage in ("early", "late"):
        rows = [r for r in (*view.risks, *view.other_stage_risks) if r.factor.stage == stage]
        if not rows:
            continue
        yours = any(r.factor.relevant for r in rows)
        heading = f"{stage.capitalize()}-stage failure factors" + (
            " (your stage)" if yours else " (not your stage)"
        )
        groups.append(
            charts.RiskGroup(
                heading,
                tuple(
                    charts.RiskBar(
                        ("\u21b3 " if r.depth else "") + r.factor.name,
                        r.factor.exposure,
                        r.factor.residual_risk,
                        r.factor.level,
                        r.factor.relevant,
                    )
                    for r in rows
                ),
            )
        )
    if a.stage.id == "late":
        groups.reverse()  # your stage first
    out["risks"] = charts.risk_chart(
        "chart-risks",
        groups,
        title="Failure-factor risk by stage",
        desc=(
            "For each failure factor, its exposure before mitigation (light bar) and the residual "
            "risk left after the organisation's capabilities mitigate it (solid bar, coloured and "
            "labelled by level), from 0 to 1, grouped by stage."
        ),
    )
    out["values"] = charts.bar_chart(
        "chart-values",
        [charts.Bar(v.name, v.score, colour=charts.GREEN) for v in view.values],
        title="Values, weakest first",
        desc="Each value's score from 0 to 100, measured by the answers that show it is lived.",
    )
    out["mechanisms"] = charts.bar_chart(
        "chart-mechanisms",
        [charts.Bar(m.name, m.score, colour=charts.PURPLE) for m in view.mechanisms],
        title="Mechanisms, weakest first",
        desc="Each mechanism's (ritual's) score from 0 to 100: whether it exists and is kept up.",
    )
    if view.measured_outcomes:
        out["outcomes"] = charts.bar_chart(
            "chart-outcomes",
            [charts.Bar(o.name, o.score, colour=charts.SKY) for o in view.measured_outcomes],
            title="Outcomes",
            desc="Each positive outcome's score from 0 to 100, from the answers that measure it.",
        )
    if view.dora_segment is not None:
        seg = view.dora_segment
        band_rows = []
        for row in view.dora_rows:
            bm = next(m for b, m in row.benchmarks if b is seg)
            band_rows.append(
                charts.BandRow(
                    row.name,
                    row.score,
                    bm.mean,
                    bm.std,
                    bm.verdict,
                    separator_before=row.metric == "throughput",
                )
            )
        out["dora"] = charts.band_chart(
            "chart-dora",
            band_rows,
            title=f"DORA software delivery against the {seg.name} benchmark",
            desc=(
                "Each DORA metric on DORA's 0-10 scale (higher is better on every row): the "
                f"shaded band is the {seg.name} benchmark's mean plus or minus one standard "
                "deviation, the tick its mean, the dot this organisation. Source: "
                f"{DORA_CREDIT}."
            ),
            band_label=f"DORA 2025, {seg.name}: mean \u00b1 1 sd",
        )
    c = a.coverage
    out["coverage"] = charts.stacked_bar(
        "chart-coverage",
        [
            charts.Segment("answered", c.answered, charts.BLUE),
            charts.Segment("don't know", c.dont_know, charts.ORANGE),
            charts.Segment("not applicable", c.not_applicable, charts.SKY),
            charts.Segment("not answered", c.unanswered, charts.GREY),
        ],
        title="Coverage of the applicable questions",
        desc=(
            f"Of {c.applicable} applicable questions: {c.answered} answered, {c.dont_know} don't "
            f"know, {c.not_applicable} not applicable, {c.unanswered} not answered."
        ),
    )
    return out
