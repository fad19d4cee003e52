"""The charts of the HTML report, one function per chart, drawn from the findings in the order
the report lists them (:class:`~scaleready.render.report.view.Findings`)."""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING

from markupsafe import Markup

from scaleready.engine.stage import fits, position_description, stage_name
from scaleready.render.report import charts

if TYPE_CHECKING:
    from collections.abc import Mapping

    from scaleready.formats.questionnaire import Questionnaire
    from scaleready.formats.result import Assessment
    from scaleready.render.report.view import Findings, RiskRow

DORA_CREDIT = "DORA (dora.dev), CC BY 4.0"
RANKS_MARKED = 5  # capabilities recommended in the first five get "#N" beside their bar


def html_charts(findings: Findings) -> Mapping[str, Markup]:
    """Every chart of the HTML report, by the name templates use (``view.charts.risks``)."""
    a = findings.a
    out: dict[str, Markup] = {
        "stage": _stage_chart(findings),
        "capabilities": _capabilities_chart(findings),
        "risks": _risks_chart(findings),
        "values": charts.bar_chart(
            "chart-values",
            [charts.Bar(v.name, v.score, colour=charts.GREEN) for v in findings.values],
            title="Values, weakest first",
            desc="Each value's score from 0 to 100, measured by the answers that show it is lived.",
        ),
        "mechanisms": charts.bar_chart(
            "chart-mechanisms",
            [charts.Bar(m.name, m.score, colour=charts.PURPLE) for m in findings.mechanisms],
            title="Mechanisms, weakest first",
            desc="Each mechanism's (ritual's) score from 0 to 100: whether it exists and is kept "
            "up.",
        ),
    }
    if findings.measured_outcomes:
        out["outcomes"] = charts.bar_chart(
            "chart-outcomes",
            [charts.Bar(o.name, o.score, colour=charts.SKY) for o in findings.measured_outcomes],
            title="Outcomes",
            desc="Each positive outcome's score from 0 to 100, from the answers that measure it.",
        )
    if findings.dora_segment is not None:
        out["dora"] = _dora_chart(findings)
    out["coverage"] = _coverage_chart(a)
    return MappingProxyType(out)


def _stage_chart(findings: Findings) -> Markup:
    a = findings.a
    bands = a.stage.stages
    labels = [b.label or b.name for b in bands]
    words = [f"below {bands[1].from_:g} is {labels[0]}"]
    words += [
        f"from {b.from_:g} {label}" for b, label in zip(bands, labels, strict=True) if not b.between
    ][1:]
    words += [f"the {label} between" for b, label in zip(bands, labels, strict=True) if b.between]
    position = a.stage.position_name
    return charts.stage_meter(
        "chart-stage",
        a.stage.lateness,
        [(label, b.from_, b.between) for b, label in zip(bands, labels, strict=True)],
        title=f"Stage: {a.stage.name}",
        desc=f"{position[:1].upper()}{position[1:]} is {position_description(findings.q)}, from 0 "
        f"to 1: {', '.join(words)}.",
    )


def _capabilities_chart(findings: Findings) -> Markup:
    def rank_note(capability: str) -> str:
        rank = findings.rank_of(capability)
        return f"#{rank}" if rank is not None and rank <= RANKS_MARKED else ""

    cap_bars = [
        charts.Bar(c.name, c.score, note=rank_note(c.id)) for c in findings.capabilities
    ] + [
        charts.Bar(c.name, c.score, note="other stage", muted=True)
        for c in findings.other_capabilities
    ]
    return charts.bar_chart(
        "chart-capabilities",
        cap_bars,
        title="Capability scores, weakest first",
        desc=(
            "Each capability's score from 0 to 100, the capabilities of the organisation's stage "
            "first, weakest first; #N marks a top-five recommendation; the dashed line is the "
            "readiness score; capabilities of another stage are grey."
        ),
        reference=(findings.a.score, "readiness"),
    )


def _risk_groups(findings: Findings) -> list[charts.RiskGroup]:
    """The failure factors grouped by the stages they belong to: the groups that fit the
    organisation's stage first, then in the order of the stages."""
    q, stage = findings.q, findings.a.stage.id
    by_stages: dict[tuple[str, ...], list[RiskRow]] = {}
    for r in (*findings.risks, *findings.other_stage_risks):
        by_stages.setdefault(r.factor.stages or (r.factor.stage,), []).append(r)
    order = {sid: i for i, sid in enumerate(q.stage_ids)}
    # The groups that fit the stage first; among them the stage's own, then the narrower ones.
    keys = sorted(
        by_stages,
        key=lambda k: (
            not fits(q, k, stage),
            stage not in k,
            len(k),
            min(order.get(s, 0) for s in k),
        ),
    )
    groups: list[charts.RiskGroup] = []
    for key in keys:
        rows = by_stages[key]
        yours = any(r.factor.relevant for r in rows)
        heading = _group_heading(q, key) + (" (your stage)" if yours else " (not your stage)")
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
    return groups


def _group_heading(q: Questionnaire, stages: tuple[str, ...]) -> str:
    """ "Early-stage failure factors" for one stage with a short label; else the stages' names,
    or "every stage" for all of them."""
    if len(stages) == 1:
        stage = next((s for s in q.stage_defs if s.id == stages[0]), None)
        if stage is not None and stage.label:
            return f"{stage.label[:1].upper()}{stage.label[1:]}-stage failure factors"
    if len(stages) > 1 and set(stages) >= {s.id for s in q.stage_defs if not s.between}:
        return "Failure factors of every stage"
    return "Failure factors: " + ", ".join(stage_name(q, s) for s in stages)


def _risks_chart(findings: Findings) -> Markup:
    return charts.risk_chart(
        "chart-risks",
        _risk_groups(findings),
        title="Failure-factor risk by stage",
        desc=(
            "For each failure factor, its exposure before mitigation (light bar) and the residual "
            "risk left after the organisation's capabilities mitigate it (solid bar, coloured and "
            "labelled by level), from 0 to 1, grouped by stage."
        ),
    )


def _dora_chart(findings: Findings) -> Markup:
    seg = findings.dora_segment
    assert seg is not None  # drawn only when there is a benchmark
    band_rows = []
    for row in findings.dora_rows:
        bm = next(m for b, m in row.benchmarks if b is seg)
        band_rows.append(
            charts.BandRow(
                row.name,
                row.score,
                bm.mean,
                bm.std,
                bm.verdict,
                separator_before=row.metric == "throughput",
                shown=row.shown,
            )
        )
    return charts.band_chart(
        "chart-dora",
        band_rows,
        title=f"DORA software delivery against the {seg.name} benchmark",
        desc=(
            "Each DORA metric on DORA's 0-10 scale (higher is better on every row): the "
            f"shaded band is the {seg.name} benchmark's mean plus or minus one standard "
            "deviation, the tick its mean, the dot this organisation. Source: "
            f"{DORA_CREDIT}."
        ),
        band_label=f"DORA {findings.dora_edition}, {seg.name}: mean \u00b1 1 sd",
    )


def _coverage_chart(a: Assessment) -> Markup:
    c = a.coverage
    return charts.stacked_bar(
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
