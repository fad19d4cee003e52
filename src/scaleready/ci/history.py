"""``scaleready history``: the score and stage of an answers file at each commit that changed it.

Reading git is the only I/O (:func:`git_versions`); scoring the versions and rendering them are
pure (:func:`score_versions`, :func:`render_history`).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from scaleready.errors import InputError, UsageError
from scaleready.formats.questionnaire import Questionnaire

HISTORY_FORMATS = ("terminal", "md", "html", "json")
_BARS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class Version:
    """The answers file as one commit left it."""

    commit: str
    date: str
    subject: str
    path: str
    text: str


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


def _git(cwd: Path, *args: str) -> str:
    try:
        done = subprocess.run(  # noqa: S603 - fixed git arguments, no shell
            ["git", *args],  # noqa: S607 - git from PATH is what a user runs too
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("git is not installed, and history is read from git") from None
    if done.returncode != 0:
        raise UsageError(f"git {args[0]} failed: {done.stderr.strip() or done.returncode}")
    return done.stdout


def git_versions(path: Path) -> tuple[list[Version], bool]:
    """Every committed version of ``path``, oldest first (following renames), and whether the
    repository is a shallow clone."""
    folder = path.resolve().parent
    try:
        top = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    except UsageError:
        raise UsageError(f"{path} is not in a git repository") from None
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    log = _git(
        top, "log", "--follow", "--name-only", "--format=%x1e%H%x1f%cI%x1f%s", "--", relative
    )
    versions = []
    for record in log.split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        commit, date, subject = head.split("\x1f", 2)
        name = next((n for n in names.splitlines() if n.strip()), relative)
        try:
            text = _git(top, "show", f"{commit}:{name}")
        except UsageError:
            continue  # the commit deleted the file
        versions.append(Version(commit, date, subject, name, text))
    if not versions:
        raise UsageError(f"{path} has no committed versions (is it committed?)")
    shallow = _git(top, "rev-parse", "--is-shallow-repository").strip() == "true"
    return list(reversed(versions)), shallow


def score_versions(
    file: str, versions: Sequence[Version], questionnaire: Questionnaire | None, shallow: bool
) -> History:
    """Score each version; one that does not load (an old questionnaire version, a broken
    file) is kept with a note saying why it has no score."""
    from scaleready.engine import assess
    from scaleready.errors import valid_or_raise
    from scaleready.loading.answers import check_answers
    from scaleready.loading.inputs import questionnaire_for
    from scaleready.loading.yaml_source import parse_yaml

    points = []
    for version in versions:
        try:
            doc = parse_yaml(version.text, f"{version.path}@{version.commit[:7]}")
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


def sparkline_svg(history: History, width: int = 240, height: int = 48) -> str:
    """The scores as a small inline SVG line chart, 0-100 bottom to top."""
    scored = [(i, p.score) for i, p in enumerate(history.points) if p.score is not None]
    step = width / max(1, len(history.points) - 1)
    points = " ".join(f"{i * step:.1f},{height - s / 100 * height:.1f}" for i, s in scored)
    summary = ", ".join(
        f"{p.commit[:7]} {p.score:g}" for p in history.points if p.score is not None
    )
    dots = "".join(
        f'<circle cx="{i * step:.1f}" cy="{height - s / 100 * height:.1f}" r="2.5" fill="#0072B2"/>'
        for i, s in scored
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="-4 -4 {width + 8} {height + 8}"><title>Readiness score over time</title>'
        f"<desc>{_escape(summary)}</desc>"
        f'<polyline fill="none" stroke="#0072B2" stroke-width="2" points="{points}"/>{dots}</svg>'
    )


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


def _rows(history: History) -> list[tuple[str, str, str, str, str]]:
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
    if fmt == "md":
        return _markdown(history, rows)
    if fmt == "html":
        return _html(history, rows)
    widths = [
        max(len(r[i]) for r in [("commit", "date", "score", "stage", "subject"), *rows])
        for i in range(4)
    ]
    lines = [f"{history.file}: {sparkline_text(history)}"]
    for row in [("commit", "date", "score", "stage", "subject"), *rows]:
        lines.append(
            "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4]
        )
    if history.note:
        lines.append(f"note: {history.note}")
    return "\n".join(lines) + "\n"


def _md_cell(text: str) -> str:
    return _escape(text).replace("|", "\\|")


def _markdown(history: History, rows: list[tuple[str, str, str, str, str]]) -> str:
    out = [f"## Readiness history of `{history.file}`", "", f"`{sparkline_text(history)}`", ""]
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
    out += [f"| `{r[0]}` | {r[1]} | {r[2]} | {r[3]} | {_md_cell(r[4])} |" for r in rows]
    if history.note:
        out += ["", f"> Note: {history.note}"]
    return "\n".join(out) + "\n"


def _html(history: History, rows: list[tuple[str, str, str, str, str]]) -> str:
    body = "".join(
        "<tr>" + "".join(f"<td>{_escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    note = f"<p><strong>Note:</strong> {_escape(history.note)}</p>" if history.note else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>Readiness history of {_escape(history.file)}</title>"
        "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#1a1a1a}"
        "table{border-collapse:collapse}td,th{border-bottom:1px solid #ccc;padding:.3rem .6rem;text-align:left}</style>"
        f"</head><body><h1>Readiness history of <code>{_escape(history.file)}</code></h1>"
        f"{sparkline_svg(history)}{note}<table><caption>Score and stage at each commit</caption>"
        "<thead><tr><th>commit</th><th>date</th><th>score</th><th>stage</th><th>change</th></tr></thead>"
        f"<tbody>{body}</tbody></table></body></html>\n"
    )
