"""The causal chains behind the first recommendations: mechanisms -> values -> capability ->
failure factors -> outcomes, trimmed to what a diagram can show. HTML draws each as an SVG
(:func:`html_chain`); Markdown gets one Mermaid flowchart of them all, a subgraph each (:func:`mermaid_chains`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from scaleready.formats.result import Recommendation
from scaleready.render.report import charts
from scaleready.render.report.format import fixed
from scaleready.render.report.markdown import FlowNode, mermaid_flowchart, shorten
from scaleready.render.report.view import Findings

# The mechanisms are not limited here: every diagram shows exactly the ones the recommendation's
# text says to start with (Findings.weak_mechanisms), so the formats never disagree.
CHAIN_LIMITS = {"values": 3, "factors": 4, "outcomes": 4}
MERMAID_LIMITS = {"values": 2, "factors": 3, "outcomes": 3}


@dataclass(frozen=True)
class Chain:
    """The causal chain behind one recommendation, trimmed to what a diagram can show."""

    recommendation: Recommendation
    columns: tuple[charts.ChainColumn, ...]
    edges: tuple[tuple[str, str], ...]
    chart: Markup


def _pct(score: float | None) -> str:
    return "no data" if score is None else f"{fixed(score, 1)}/100"


def _chain(
    findings: Findings, rec: Recommendation, limits: dict[str, int]
) -> tuple[list[charts.ChainColumn], list[tuple[str, str]]]:
    """The columns and edges of a recommendation's chain: the mechanisms to start with, the
    values they apply, then the weakest values, links and outcomes."""
    a = findings.a
    mechanisms = findings.weak_mechanisms(rec)
    applied = {v for m in mechanisms for v in m.applies}
    # Values the shown mechanisms apply come first, so their arrows have somewhere to go.
    ranked = sorted(rec.values, key=lambda v: v.id not in applied)
    values = ranked[: limits["values"]]
    value_ids = {v.id for v in values}
    factors = sorted(rec.failure_factors, key=lambda f: (-f.removed, f.id))[: limits["factors"]]
    harms = {f.id: set(f.harms) for f in a.failure_factors}
    shown_harms = set().union(*(harms.get(f.id, set()) for f in factors)) if factors else set()
    outcomes = [o for o in rec.outcomes if o.id in shown_harms][: limits["outcomes"]]

    cap_key = f"capability:{rec.capability}"
    columns = [
        charts.ChainColumn(
            "mechanism",
            "Mechanisms",
            tuple(charts.ChainNode(f"mechanism:{m.id}", m.name, _pct(m.score)) for m in mechanisms),
        ),
        charts.ChainColumn(
            "value",
            "Values",
            tuple(charts.ChainNode(f"value:{v.id}", v.name, _pct(v.score)) for v in values),
        ),
        charts.ChainColumn(
            "capability", "Capability", (charts.ChainNode(cap_key, rec.name, _pct(rec.score)),)
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
            tuple(charts.ChainNode(f"outcome:{o.id}", o.name, _pct(o.score)) for o in outcomes),
        ),
    ]
    edges: list[tuple[str, str]] = []
    for m in mechanisms:
        targets = [f"value:{v}" for v in m.applies if v in value_ids]
        # A mechanism that applies the capability itself points at it, beside any value shown.
        targets += [cap_key] if rec.capability in m.applies else []
        # A mechanism that grows the capability directly, through no value shown, points at it.
        edges += [(f"mechanism:{m.id}", t) for t in targets or [cap_key]]
    edges += [(f"value:{v.id}", cap_key) for v in values]
    edges += [(cap_key, f"factor:{f.id}") for f in factors]
    for f in factors:
        edges += [(f"factor:{f.id}", f"outcome:{o.id}") for o in outcomes if o.id in harms[f.id]]
    return columns, edges


def html_chain(findings: Findings, rec: Recommendation) -> Chain:
    """A recommendation's chain as the HTML report draws it."""
    columns, edges = _chain(findings, rec, CHAIN_LIMITS)
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


def mermaid_chains(findings: Findings, recommendations: Sequence[Recommendation]) -> Markup:
    """The chains of ``recommendations`` as one Mermaid flowchart, for the Markdown report."""
    nodes: list[FlowNode] = []
    edges: list[tuple[str, str]] = []
    for rec in recommendations:
        columns, rec_edges = _chain(findings, rec, MERMAID_LIMITS)
        # Each chain is drawn apart, in a subgraph of its own: nodes shared between chains
        # would let a mechanism of one recommendation read as the start of another's.
        group = f"{rec.rank}. {rec.name}"
        prefix = f"r{rec.rank}:"
        for column in columns:
            for node in column.nodes:
                label = shorten(node.label, 40)
                label = f"{label} ({node.detail})" if node.detail else label
                nodes.append(FlowNode(prefix + node.key, label, column.kind, group))
        edges += [(prefix + source, prefix + target) for source, target in rec_edges]
    if not nodes:
        return Markup("")
    return mermaid_flowchart(nodes, edges)
