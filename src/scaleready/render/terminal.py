"""The terminal summary of an assessment: stage, score, top risks, the first recommendations and
why, and what not to build yet.

Readable in 80 columns and without colour: every level is written as a word, styles only add
emphasis. rich is imported inside the functions, so importing this module costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scaleready.engine.risks import SHOWN_WEIGHT as STAGE_WEIGHT_SHOWN
from scaleready.errors import visible
from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import Assessment, Dora

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from scaleready.render.report.view import Findings

TOP_NOT_YET = 3

_LEVEL_STYLE = {"critical": "bold red", "high": "red", "medium": "yellow", "low": "green"}


def render_terminal(
    assessment: Assessment, questionnaire: Questionnaire, answers_path: str | None = None
) -> RenderableType:
    """The summary as one rich renderable (print it with any :class:`rich.console.Console`);
    ``answers_path`` makes its closing ``explain`` example one to copy."""
    from rich.console import Group
    from rich.text import Text

    from scaleready.render.explain import example_command

    # The same view of the findings the Markdown and HTML reports are drawn from, so every
    # format names the same risks, rules and recommendations.
    from scaleready.render.report.view import order_findings

    a = assessment
    findings = order_findings(a, questionnaire)
    parts: list[RenderableType] = [
        *_heading(a, questionnaire),
        *_stage_and_score(a),
        *_not_applicable(a),
        *_derived(a),
        *_risks(findings),
        *_recommendations(findings),
        *_claims(a, questionnaire),
        *_dora_and_warnings(a),
        safe_text(""),
        safe_text(
            "scaleready explain ANSWERS ID shows every number behind a finding (its id is in "
            "brackets); for the top one:",
            style="dim",
        ),
        # A command to copy, on a line of its own: never broken at a space, only folded at the edge.
        Text(f"  {visible(example_command(a, answers_path))}", no_wrap=True, overflow="fold"),
    ]
    return Group(*parts)


def safe_text(text: object, style: str = "") -> Text:
    """``text`` as a rich :class:`~rich.text.Text`, as :func:`~scaleready.errors.visible` shows
    it: answers and questionnaires cannot send escape sequences to the terminal, start a line of
    their own, or style it (a ``Text`` never reads ``[red]`` as markup, unlike a plain ``str``)."""
    from rich.text import Text

    return Text(visible(text), style=style)


def _indented(text: str, indent: int = 2) -> RenderableType:
    from rich.padding import Padding

    return Padding(safe_text(text), (0, 0, 0, indent), expand=False)


def _bullet(text: str | Text, indent: int = 2) -> RenderableType:
    """``- text``, indented, its wrapped lines hanging under the text rather than the dash; a
    ``str`` is made safe here, a :class:`~rich.text.Text` must be built safe already."""
    from rich.padding import Padding
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row("-", safe_text(text) if isinstance(text, str) else text)
    return Padding(grid, (0, 0, 0, indent), expand=False)


def _heading(a: Assessment, questionnaire: Questionnaire) -> list[RenderableType]:
    who = a.organisation or "this organisation"
    if a.respondent is not None and (a.respondent.name or a.respondent.role):
        by = ", ".join(x for x in (a.respondent.name, a.respondent.role) if x)
        who += f" (answered by {by})"
    return [
        safe_text(f"{questionnaire.title}: {who}", style="bold"),
        safe_text(f"questionnaire {a.questionnaire.id} {a.questionnaire.version}", style="dim"),
        safe_text(""),
    ]


def _stage_and_score(a: Assessment) -> list[RenderableType]:
    stage = safe_text("Stage: ", style="bold")
    stage.append(visible(f"{a.stage.name} ({a.stage.id})"))
    if a.stage.lateness is not None:
        stage.append(visible(f", {a.stage.position_name} {a.stage.lateness:.2f}"))
    if a.stage.assumed:
        stage.append(" - assumed: no stage signal could be evaluated")
    parts: list[RenderableType] = [stage]
    holding = [s.because.rstrip(".") for s in a.stage.signals if s.holds]
    if holding:
        parts.append(_indented(f"{a.stage.signals_heading}: " + "; ".join(holding)))
    score = safe_text("Readiness: ", style="bold")
    score.append(f"{a.score:g}/100", style="bold")
    score.append(visible(f" for the {a.stage.id} stage"))
    if a.readiness.confidence < 1:
        score.append(f" (confidence {a.readiness.confidence:.0%}: the share resting on answers)")
    from scaleready.render.coverage import coverage_counts

    coverage = safe_text(f"Coverage: {coverage_counts(a.coverage)}")
    return [*parts, score, coverage, safe_text("")]


def _not_applicable(a: Assessment) -> list[RenderableType]:
    """Every "not applicable" answer with its reason: each takes a question out of the scores,
    so each is a claim for the reader to check, shown in full (there are few)."""

    if not a.not_applicable:
        return []
    parts: list[RenderableType] = [safe_text("Not applicable", style="bold underline")]
    parts.append(
        safe_text("  Each takes a question out of every score: check the reasons.", style="dim")
    )
    parts += [_indented(f"- {na.question}: {na.reason}") for na in a.not_applicable]
    return [*parts, safe_text("")]


def _derived(a: Assessment) -> list[RenderableType]:
    """The questionnaire's derived values, each with its value and the answers it read."""
    if not a.derived:
        return []
    parts: list[RenderableType] = [safe_text("Derived values", style="bold underline")]
    parts.append(
        safe_text(
            "  Each is computed from the answers it reads, and is unknown when one of them is.",
            style="dim",
        )
    )
    for d in a.derived:
        value = "unknown" if d.value is None else str(d.value)
        reads = ", ".join(r.question for r in d.inputs) or "no answer"
        parts.append(_indented(f"- {d.name} ({d.id}): {value}; reads {reads}"))
    return [*parts, safe_text("")]


def _risks(findings: Findings) -> list[RenderableType]:
    from rich.table import Table

    parts: list[RenderableType] = [safe_text("Top risks", style="bold underline")]
    risks = findings.top_risks
    if not risks:
        parts.append(safe_text("  No relevant failure factor is at medium risk or above."))
        parts.append(safe_text(""))
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
            raised.append(
                f"{'/'.join(f.stages or (f.stage,))}-stage factor, weight {f.stage_weight:.2f} now"
            )
        name = safe_text(f.name)
        name.append(visible(f" [{f.id}]"), style="dim")
        if raised:
            name.append(visible(f" ({'; '.join(raised)})"), style="dim")
        table.add_row(
            safe_text(f.level.upper(), style=_LEVEL_STYLE[f.level]), f"{f.residual_risk:.2f}", name
        )
    return [*parts, table, safe_text("")]


def _recommendations(findings: Findings) -> list[RenderableType]:
    a = findings.a
    parts: list[RenderableType] = [safe_text("What to do first", style="bold underline")]
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
            safe_text(
                "  Nothing to recommend on so few answers: find out first."
                if a.readiness.find_out
                else "  Nothing to recommend: no relevant risk is left to mitigate."
            )
        )
    for r in recs:
        # The why already gives the score and the risk removed; the head stays one short line.
        head = safe_text(f"{r.rank}. {r.name}", style="bold")
        head.append(visible(f" [{r.capability}]"), style="dim")
        parts.append(head)
        parts.append(_indented(r.why, 3))
    if not a.not_yet:
        return parts
    parts += [safe_text(""), safe_text("Don't build this yet", style="bold underline")]
    measure = findings.q.wording.not_yet_measure
    for n in a.not_yet[:TOP_NOT_YET]:
        # One line each; the why (the answer, the reason, the figure) is in explain and the reports.
        parts.append(_bullet(f'{n.name}: "{n.answer}" ({measure} {n.strength:.2f})'))
    if len(a.not_yet) > TOP_NOT_YET:
        more = len(a.not_yet) - TOP_NOT_YET
        parts.append(safe_text(f"  and {more} more (see explain or the JSON report)"))
    return parts


def _claims(a: Assessment, questionnaire: Questionnaire) -> list[RenderableType]:
    """Each measured DORA figure beside what was claimed; a large gap is a finding, so it says so
    in words (and in colour where there is colour)."""
    from scaleready.render.claims import GAP_MEANING, claim_rows

    rows = claim_rows(a, questionnaire)
    if not rows:
        return []
    parts: list[RenderableType] = [
        safe_text(""),
        safe_text("Measured vs claimed", style="bold underline"),
    ]
    if any(r.large_gap for r in rows):
        parts.append(_indented(GAP_MEANING))
    for r in rows:
        line = safe_text(f"{r.name}: measured {r.measured}, claimed {r.claimed}")
        if r.large_gap:
            line.append(": LARGE GAP", style="bold red")
        parts.append(_bullet(line))
    return parts


def _dora_and_warnings(a: Assessment) -> list[RenderableType]:
    from scaleready.render.report.view import dora_notes

    parts: list[RenderableType] = []
    dora = a.outcomes.dora
    if dora is not None and dora.overall is not None:
        line = safe_text("DORA software delivery: ", style="bold")
        line.append(f"{dora.overall_shown}/10")
        for bench in dora.benchmarks:
            line.append(visible(f"; {bench.name} {bench.overall_shown}"))
        parts += [safe_text(""), line, safe_text(f"Source: {dora.source}", style="dim")]
        parts += [_indented(f"Note: {note}.", 0) for note in dora_notes(a)]
    if dora is not None and dora.capabilities:
        parts += _dora_capabilities(dora, credited=dora.overall is not None)
    if a.warnings:
        count = len(a.warnings)
        parts += [
            safe_text(""),
            safe_text(f"{count} warning{'s' if count != 1 else ''}:", style="bold"),
        ]
        parts += [_indented(f"- {w}") for w in a.warnings]
    return parts


def _dora_capabilities(dora: Dora, *, credited: bool) -> list[RenderableType]:
    """The Quick Check's capability scores, one line, credited unless the delivery line was."""
    line = safe_text("DORA Quick Check capabilities: ", style="bold")
    for i, c in enumerate(dora.capabilities):
        score = "not answered" if c.shown is None else f"{c.shown}/10"
        line.append(visible(f"{'; ' if i else ''}{c.name} {score} ({c.answered}/{c.total})"))
    parts: list[RenderableType] = [line]
    if not credited:
        parts.append(safe_text(f"Source: {dora.source}", style="dim"))
    return parts


def print_terminal(
    assessment: Assessment,
    questionnaire: Questionnaire,
    console: Console,
    answers_path: str | None = None,
) -> None:
    """Print the summary to ``console``."""
    console.print(render_terminal(assessment, questionnaire, answers_path))
