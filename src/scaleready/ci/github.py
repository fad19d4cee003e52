"""GitHub Actions integration: annotations on the answers-file lines behind each regression and
high risk, and the job summary. What fails the job is an ``::error`` (a finding behind a failed
gate, or the failed score gate itself); everything else is a ``::warning``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from scaleready.ci._gates import case_key, move_key
from scaleready.engine.compare import Delta, Move, describe
from scaleready.engine.risks import ranked_risks
from scaleready.errors import visible
from scaleready.formats.answers import Answers
from scaleready.formats.result import Assessment, FactorResult
from scaleready.vocabulary import Level, at_or_above

if TYPE_CHECKING:
    from scaleready.ci.score_run import ScoreRun

MAX_PER_KIND = 10


@dataclass(frozen=True)
class Annotation:
    """One annotation: a finding, and the answer line it points at (None: the file itself)."""

    kind: str
    title: str
    message: str
    line: int | None
    key: str = ""  # the finding's case key (scaleready.ci._gates.case_key)
    level: str = "warning"  # or "error", which fails the job

    def command(self, file: str) -> str:
        """The workflow command line that makes GitHub show this annotation."""
        where = f"file={_property(file)}" + (f",line={self.line}" if self.line else "")
        return f"::{self.level} {where},title={_property(self.title)}::{_data(self.message)}"


def is_github_actions(environ: Mapping[str, str] = os.environ) -> bool:
    """Whether we run as a GitHub Actions step."""
    return environ.get("GITHUB_ACTIONS") == "true"


def workspace_path(path: str, environ: Mapping[str, str] = os.environ) -> str:
    """``path`` as GitHub expects in annotations: relative to the repository's workspace."""
    workspace = environ.get("GITHUB_WORKSPACE")
    absolute = os.path.abspath(path)
    if workspace and absolute.startswith(os.path.abspath(workspace) + os.sep):
        return os.path.relpath(absolute, workspace)
    return path


def run_annotations(run: ScoreRun) -> list[Annotation]:
    """Every annotation for a scored run, an ``::error`` exactly where a gate failed: the
    findings behind a failed gate, and a failed score gate on the file itself."""
    # A finding fails the job through its own gate only: a factor that regressed and is high
    # fails through its regression annotation, not its risk one, unless --fail-on-risk says so.
    failing = {(v.gate, f.key) for v in run.verdicts for f in v.findings if f.fails}
    risk_from: Level = "high"
    if run.gates.fail_on_risk is not None and at_or_above("high", run.gates.fail_on_risk):
        risk_from = run.gates.fail_on_risk
    found = [
        replace(a, level="error") if (a.kind, a.key) in failing else a
        for a in collect_annotations(
            run.result, run.answers, run.delta, regressions=run.regressions, risk_from=risk_from
        )
    ]
    for verdict in run.verdicts:
        if verdict.gate == "score" and not verdict.passed:
            title = "scaleready: score below --fail-under"
            found.insert(0, Annotation("gate", title, verdict.line, None, "gate:score", "error"))
    return found


def collect_annotations(
    result: Assessment,
    answers: Answers,
    delta: Delta | None,
    *,
    regressions: tuple[Move, ...] | None = None,
    risk_from: Level = "high",
) -> list[Annotation]:
    """Every annotation for a run, as warnings: the ``regressions`` (by default all of
    ``delta``'s) first, then risks from ``risk_from`` up, each kind in its own order (not yet cut
    to :data:`MAX_PER_KIND`)."""
    lines = answers.lines
    found: list[Annotation] = []
    if delta is not None:
        changed = {m.question for m in delta.answers}
        for move in delta.regressions if regressions is None else regressions:
            # The answers that changed are the ones behind the regression; else any that count.
            behind = [q for q in move.questions if q in changed] or list(move.questions)
            found.append(
                Annotation(
                    "regression",
                    f"scaleready: regression in {move.id}",
                    f"{describe(move)}. {_answers_note(behind, lines)}",
                    _first_line(behind, lines),
                    move_key(move),
                )
            )
    for factor in ranked_risks(result.failure_factors, risk_from):
        behind = _symptoms_by_weight(factor)
        found.append(
            Annotation(
                "risk",
                f"scaleready: {factor.level} risk {factor.id}",
                f"{factor.name}: residual risk {factor.residual_risk:.3f} ({factor.level}). "
                f"{_answers_note(behind, lines)} Run `scaleready explain` on this file with "
                f"{factor.id} for every number behind it.",
                _first_line(behind, lines),
                case_key("failure-factor", factor.id),
            )
        )
    return found


def split(found: Iterable[Annotation]) -> tuple[list[Annotation], list[Annotation]]:
    """At most :data:`MAX_PER_KIND` annotations of each kind; the rest go to the job summary."""
    shown: list[Annotation] = []
    rest: list[Annotation] = []
    counts: dict[str, int] = {}
    for annotation in found:
        counts[annotation.kind] = counts.get(annotation.kind, 0) + 1
        (shown if counts[annotation.kind] <= MAX_PER_KIND else rest).append(annotation)
    return shown, rest


def _symptoms_by_weight(factor: FactorResult) -> list[str]:
    """The questions behind a factor, the one adding most exposure first."""
    scored = sorted(
        factor.symptoms,
        key=lambda ref: (-(1 - (ref.score or 0.0)) * (ref.weight or 1.0), ref.question),
    )
    ordered = [ref.question for ref in scored]
    return ordered + [q for q in factor.triggered_by.questions if q not in ordered]


def _first_line(questions: list[str], lines: Mapping[str, int]) -> int | None:
    return next((lines[q] for q in questions if q in lines), None)


def _answers_note(questions: list[str], lines: Mapping[str, int]) -> str:
    if not questions:
        return "No single answer is behind it."
    shown = [f"{q} (line {lines[q]})" if q in lines else q for q in questions[:5]]
    more = f" and {len(questions) - 5} more" if len(questions) > 5 else ""
    return f"Answers behind it: {', '.join(shown)}{more}."


def _data(text: str) -> str:
    """GitHub's escaping of a workflow command's data; the other control characters (an ESC, a
    NUL-free C1) are then shown as escapes, so the log shows what the file says."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def summary_markdown(run: ScoreRun, rest: list[Annotation], templates: Path | None) -> str:
    """What the job summary shows: the verdicts, the Markdown report, and the annotations that
    did not fit."""
    from scaleready.render.outputs import render

    parts = []
    if run.verdicts:
        from scaleready.render.report.markdown import md_code

        parts.append("\n".join(f"- {md_code(v.line)}" for v in run.verdicts) + "\n")
    if run.delta is not None and run.delta.not_applicable:
        parts.append(_not_applicable_changes(run.delta))
    parts.append(render("md", run, templates=templates))
    if rest:
        from scaleready.render.report.markdown import md_escape

        listed = "\n".join(f"- {md_escape(a.title)}: {md_escape(a.message)}" for a in rest)
        parts.append(f"### More findings than annotations\n\n{listed}\n")
    return "\n".join(parts)


def _not_applicable_changes(delta: Delta) -> str:
    """The "not applicable" answers that changed against the baseline, each with its reasons: a
    reviewer must see them even where they pass."""
    from scaleready.render.report.markdown import md_escape

    lines = [
        f"- {'REGRESSION: ' if m.regression else ''}{md_escape(describe(m))}"
        for m in delta.not_applicable
    ]
    return "### Not applicable: changes against the baseline\n\n" + "\n".join(lines) + "\n"


def append_summary(
    run: ScoreRun,
    rest: list[Annotation],
    templates: Path | None,
    environ: Mapping[str, str] = os.environ,
) -> None:
    """Append the summary to ``$GITHUB_STEP_SUMMARY`` (GitHub's protocol is to append)."""
    target = environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(summary_markdown(run, rest, templates))
    except OSError as exc:
        from scaleready.errors import UsageError

        raise UsageError(f"cannot append to GITHUB_STEP_SUMMARY {target}: {exc.strerror}") from None
