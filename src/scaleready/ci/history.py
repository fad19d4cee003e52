"""``scaleready history``: the score and stage of an answers file at each commit that changed it.

Pure: the command reads the versions from git (:mod:`scaleready.cli._git_history`) and hands
them here to be scored (:func:`score_versions`) and rendered (:func:`render_history`); the HTML
page is a template of the report environment, with its chart from
:mod:`scaleready.render.report.charts`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from scaleready.errors import InputError, UsageError, visible
from scaleready.formats.questionnaire import Questionnaire

_BARS = "▁▂▃▄▅▆▇█"
HTML_TEMPLATE = "history.html.j2"
Row = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class Version:
    """The answers file as one commit left it."""

    commit: str
    date: str
    subject: str
    path: str
    data: bytes


@dataclass(frozen=True)
class Point:
    """One commit's score and stage, or why it could not be scored."""

    commit: str
    date: str
    subject: str
    score: float | None
    stage: str | None
    note: str | None = None


@dataclass(frozen=True)
class History:
    """The points, oldest first, and whether older history is missing (a shallow clone)."""

    file: str
    points: tuple[Point, ...]
    shallow: bool

    @property
    def note(self) -> str | None:
        """What a reader must know about missing history, if anything."""
        if not self.shallow:
            return None
        oldest = self.points[0].commit[:7] if self.points else "the first commit fetched"
        return (
            f"this is a shallow clone: history before {oldest} is missing; fetch it with "
            "`git fetch --unshallow` (on GitHub Actions: `fetch-depth: 0` in actions/checkout)"
        )


def score_versions(
    file: str, versions: Sequence[Version], questionnaire: Questionnaire | None, shallow: bool
) -> History:
    """Score each version; one that does not load (an old questionnaire version, a broken
    file) is kept with a note saying why it has no score."""
    from scaleready.engine import assess
    from scaleready.errors import valid_or_raise
    from scaleready.loading.answers import check_answers
    from scaleready.loading.inputs import questionnaire_for
    from scaleready.loading.yaml_source import parse_bytes

    points = []
    for version in versions:
        try:
            doc = parse_bytes(version.data, f"{version.path}@{version.commit[:7]}")
            chosen = questionnaire_for(doc, questionnaire)
            answers = valid_or_raise(*check_answers(doc, chosen))
        except (InputError, UsageError) as exc:
            first = (
                exc.problems[0].message
                if isinstance(exc, InputError) and exc.problems
                else str(exc)
            )
            points.append(
                Point(
                    version.commit,
                    version.date,
                    version.subject,
                    None,
                    None,
                    f"not scored: {first}",
                )
            )
            continue
        result = assess(chosen, answers)
        points.append(
            Point(version.commit, version.date, version.subject, result.score, result.stage.id)
        )
    return History(file, tuple(points), shallow)


def sparkline_text(history: History) -> str:
    """A one-line sparkline of the scores (a gap where a version has none)."""
    return "".join(
        " " if p.score is None else _BARS[min(len(_BARS) - 1, int(p.score / 100 * len(_BARS)))]
        for p in history.points
    )


def _rows(history: History) -> list[Row]:
    return [
        (
            p.commit[:7],
            p.date[:10],
            "-" if p.score is None else f"{p.score:g}",
            p.stage or "-",
            p.note or p.subject,
        )
        for p in history.points
    ]


def render_history(history: History, fmt: str) -> str:
    """The history as terminal text, Markdown, HTML or JSON."""
    if fmt == "json":
        data = {
            "file": history.file,
            "shallow": history.shallow,
            "note": history.note,
            "points": [asdict(p) for p in history.points],
        }
        return json.dumps(data, indent=2) + "\n"
    rows = _rows(history)
    if fmt == "terminal":
        # Commit subjects and past stages are shown, never obeyed, on a terminal.
        rows = [(r[0], visible(r[1]), r[2], visible(r[3]), visible(r[4])) for r in rows]
    if fmt == "md":
        return _markdown(history, rows)
    if fmt == "html":
        return _html(history, rows)
    widths = [
        max(len(r[i]) for r in [("commit", "date", "score", "stage", "subject"), *rows])
        for i in range(4)
    ]
    lines = [f"{visible(history.file)}: {sparkline_text(history)}"]
    for row in [("commit", "date", "score", "stage", "subject"), *rows]:
        lines.append(
            "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4]
        )
    if history.note:
        lines.append(f"note: {visible(history.note)}")
    return "\n".join(lines) + "\n"


def _markdown(history: History, rows: list[Row]) -> str:
    from scaleready.render.report.markdown import md_code, md_escape

    out = [
        f"## Readiness history of {md_code(history.file)}",
        "",
        f"`{sparkline_text(history)}`",
        "",
    ]
    scored = [p for p in history.points if p.score is not None]
    if scored:
        # GitHub draws Mermaid charts but strips inline SVG from Markdown, so the chart is Mermaid.
        labels = ", ".join(f'"{p.commit[:7]}"' for p in scored)
        values = ", ".join(f"{p.score:g}" for p in scored)
        out += [
            "```mermaid",
            "xychart-beta",
            '    title "Readiness score"',
            f"    x-axis [{labels}]",
            '    y-axis "score" 0 --> 100',
            f"    line [{values}]",
            "```",
            "",
        ]
    out += ["| commit | date | score | stage | change |", "|---|---|---:|---|---|"]
    # A commit's subject, or why it was not scored, is shown as typed (the report's escaping).
    out += [
        f"| `{r[0]}` | {md_escape(r[1])} | {r[2]} | {md_escape(r[3])} | {md_escape(r[4])} |"
        for r in rows
    ]
    if history.note:
        out += ["", f"> Note: {md_escape(history.note)}"]
    return "\n".join(out) + "\n"


def _html(history: History, rows: list[Row]) -> str:
    from scaleready.render.report.charts import score_line
    from scaleready.render.report.environment import build_environment

    chart = score_line(
        "chart-history",
        [(p.commit[:7], p.score) for p in history.points],
        title="Readiness score over time",
    )
    template = build_environment().get_template(HTML_TEMPLATE)
    return template.render(history=history, rows=rows, chart=chart)
