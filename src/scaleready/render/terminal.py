"""The terminal summary of an assessment: stage, score, top risks, the first recommendations and
why, and what not to build yet.

Readable in 80 columns and without colour: every level is written as a word, styles only add
emphasis. rich is imported inside the functions, so importing this module costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scaleready.engine.risks import SHOWN_WEIGHT as STAGE_WEIGHT_SHOWN
from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import Assessment

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from scaleready.render.report.view import Findings

TOP_NOT_YET = 3

_LEVEL_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "green"}


def render_terminal(assessment: Assessment, questionnaire: Questionnaire) -> RenderableType:
    """The summary as one rich renderable (print it with any :class:`rich.console.Console`)."""
    from rich.console import Group
    from rich.text import Text

    # The same view of the findings the Markdown and HTML reports are drawn from, so every
    # format names the same risks, rules and recommendations.
    from scaleready.render.report.view import order_findings

    a = assessment
    findings = order_findings(a, questionnaire)
    parts: list[RenderableType] = [
        *_heading(a, questionnaire),
        *_stage_and_score(a),
        *_not_applicable(a),
        *_risks(findings),
        *_recommendations(findings),
        *_dora_and_warnings(a),
        Text(""),
        Text("scaleready explain ANSWERS ID shows every number behind a finding.", style="dim"),
    ]
    return Group(*parts)


def _indented(text: str, indent: int = 2) -> RenderableType:
    from rich.padding import Padding
    from rich.text import Text

    return Padding(Text(text), (0, 0, 0, indent), expand=False)


def _bullet(text: str, indent: int = 2) -> RenderableType:
    """``- text``, indented, its wrapped lines hanging under the text rather than the dash."""
    from rich.padding import Padding
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row("-", text)
    return Padding(grid, (0, 0, 0, indent), expand=False)


def _heading(a: Assessment, questionnaire: Questionnaire) -> list[RenderableType]:
    from rich.text import Text

    who = a.organisation or "this organisation"
    if a.respondent is not None and (a.respondent.name or a.respondent.role):
        by = ", ".join(x for x in (a.respondent.name, a.respondent.role) if x)
        who += f" (answered by {by})"
    return [
        Text(f"{questionnaire.title}: {who}", style="bold"),
        Text(f"questionnaire {a.questionnaire.id} {a.questionnaire.version}", style="dim"),
        Text(""),
    ]


def _stage_and_score(a: Assessment) -> list[RenderableType]:
    from rich.text import Text

    stage = Text("Stage: ", style="bold")
    stage.append(f"{a.stage.name} ({a.stage.id})")
    if a.stage.lateness is not None:
        stage.append(f", lateness {a.stage.lateness:.2f}")
    if a.stage.assumed:
        stage.append(" - assumed: no stage signal could be evaluated")
    parts: list[RenderableType] = [stage]
    holding = [s.because.rstrip(".") for s in a.stage.signals if s.holds]
    if holding:
        parts.append(_indented("signs of scale: " + "; ".join(holding)))
    score = Text("Readiness: ", style="bold")
    score.append(f"{a.score:g}/100", style="bold")
    score.append(f" for the {a.stage.id} stage")
    if a.readiness.confidence < 1:
        score.append(f" (confidence {a.readiness.confidence:.0%}: the share resting on answers)")
    c = a.coverage
    coverage = Text(
        f"Coverage: {c.answered}/{c.applicable} applicable questions answered "
        f"({c.percent:g}%), {c.dont_know} don't know, {c.unanswered} unanswered"
    )
    return [*parts, score, coverage, Text("")]


def _not_applicable(a: Assessment) -> list[RenderableType]:
    """Every "not applicable" answer with its reason: each takes a question out of the scores,
    so each is a claim for the reader to check, shown in full (there are few)."""
    from rich.text import Text

    if not a.not_applicable:
        return []
    parts: list[RenderableType] = [Text("Not applicable", style="bold underline")]
    parts.append(
        Text("  Each takes a question out of every score: check the reasons.", style="dim")
    )
    parts += [_indented(f"- {na.question}: {na.reason}") for na in a.not_applicable]
    return [*parts, Text("")]


def _risks(findings: Findings) -> list[RenderableType]:
    from rich.table import Table
    from rich.text import Text

    parts: list[RenderableType] = [Text("Top risks", style="bold underline")]
    risks = findings.top_risks
    if not risks:
        parts.append(Text("  No relevant failure factor is at medium risk or above."))
        parts.append(Text(""))
        return parts
    table = Table(box=None, show_header=True, header_style="bold", padding=(0, 1))
    table.add_column("level", no_wrap=True)
    table.add_column("risk", justify="right", no_wrap=True)
    table.add_column("failure factor", ratio=1)
    for f in risks:
        raised = []
        rules = [rule.id for rule in findings.risk_rules(f)]
        if rules:
            raised.append("rules " + ", ".join(rules))
        if f.exposure_from == "prior":
            raised.append("no evidence: prior")
        if f.confidence < 1:
            raised.append(f"confidence {f.confidence:.0%}")
        if f.stage_weight < STAGE_WEIGHT_SHOWN:
            raised.append(f"{f.stage}-stage factor, weight {f.stage_weight:.2f} now")
        name = Text(f.name)
        if raised:
            name.append(f" ({'; '.join(raised)})", style="dim")
        table.add_row(
            Text(f.level.upper(), style=_LEVEL_STYLE[f.level]), f"{f.residual_risk:.2f}", name
        )
    return [*parts, table, Text("")]


def _recommendations(findings: Findings) -> list[RenderableType]:
    from rich.text import Text

    a = findings.a
    parts: list[RenderableType] = [Text("What to do first", style="bold underline")]
    if a.readiness.find_out:
        parts.append(
            _indented(
                "Find out first: most of what matters rests on unknowns. Answer "
                + ", ".join(a.readiness.find_out)
                + ".",
                0,
            )
        )
    recs = findings.top_recommendations
    if not recs:
        parts.append(
            Text(
                "  Nothing to recommend on so few answers: find out first."
                if a.readiness.find_out
                else "  Nothing to recommend: no relevant risk is left to mitigate."
            )
        )
    for r in recs:
        # The why already gives the score and the risk removed; the head stays one short line.
        parts.append(Text(f"{r.rank}. {r.name}", style="bold"))
        parts.append(_indented(r.why, 3))
    if not a.not_yet:
        return parts
    parts += [Text(""), Text("Don't build this yet", style="bold underline")]
    for n in a.not_yet[:TOP_NOT_YET]:
        # One line each; the why (the answer, the slides, the figure) is in explain and the reports.
        parts.append(_bullet(f'{n.name}: "{n.answer}" (ahead of need {n.strength:.2f})'))
    if len(a.not_yet) > TOP_NOT_YET:
        more = len(a.not_yet) - TOP_NOT_YET
        parts.append(Text(f"  and {more} more (see explain or the JSON report)"))
    return parts


def _dora_and_warnings(a: Assessment) -> list[RenderableType]:
    from rich.text import Text

    parts: list[RenderableType] = []
    dora = a.outcomes.dora
    if dora is not None and dora.overall is not None:
        line = Text("DORA software delivery: ", style="bold")
        line.append(f"{dora.overall:.2f}/10")
        for bench in dora.benchmarks:
            line.append(f"; {bench.name} {bench.overall:.2f}")
        parts += [Text(""), line, Text(f"Source: {dora.source}", style="dim")]
    if a.warnings:
        count = len(a.warnings)
        parts += [Text(""), Text(f"{count} warning{'s' if count != 1 else ''}:", style="bold")]
        parts += [_indented(f"- {w}") for w in a.warnings]
    return parts


def print_terminal(assessment: Assessment, questionnaire: Questionnaire, console: Console) -> None:
    """Print the summary to ``console``."""
    console.print(render_terminal(assessment, questionnaire))
