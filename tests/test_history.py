"""``scaleready history``: a row per commit from git, each version scored, every output format."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from scaleready.ci.history import History, Point, Version, render_history, score_versions
from tests.test_ci_mode import COLLAPSE, HEALTHY, edit, run


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout


def history_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "ci@example.com")
    git(repo, "config", "user.name", "CI")
    answers = repo / "answers.yaml"
    answers.write_text(COLLAPSE.read_text())
    git(repo, "add", "answers.yaml")
    git(repo, "commit", "-qm", "first answers")
    edit(answers, answers, deploy_frequency="daily-to-weekly")
    git(repo, "commit", "-qam", "deploy more often")
    edit(answers, answers, lead_time="one-day-to-one-week")
    git(repo, "commit", "-qam", "shorter lead time")
    return repo


def test_history_shows_one_row_per_commit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    repo = history_repo(tmp_path)
    code, out, _ = run(capsys, "history", repo / "answers.yaml", "-f", "json")
    assert code == 0
    points = json.loads(out)["points"]
    assert [p["subject"] for p in points] == [
        "first answers",
        "deploy more often",
        "shorter lead time",
    ]
    assert [p["score"] for p in points] == [53.8, 54.8, 55.7]
    assert {p["stage"] for p in points} == {"late"}
    code, out, _ = run(capsys, "history", repo / "answers.yaml", "-f", "md")
    assert out.count("| late |") == 3
    assert "xychart-beta" in out
    code, out, _ = run(capsys, "history", repo / "answers.yaml", "-f", "html")
    assert "<svg" in out
    assert "<polyline" in out


def test_history_in_a_shallow_clone_says_what_is_missing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    repo = history_repo(tmp_path)
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    code, out, _ = run(capsys, "history", clone / "answers.yaml")
    assert code == 0
    assert out.count("late") == 1
    assert "note: this is a shallow clone: history before" in out
    assert "git fetch --unshallow" in out


def test_history_outside_git(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(COLLAPSE.read_text())
    code, _, err = run(capsys, "history", answers)
    assert (code, err) == (2, f"scaleready: error: {answers} is not in a git repository\n")


HOSTILE_SUBJECT = "<b>\"bold\"</b> & 'quoted' | piped"


def hostile_history() -> History:
    """Three versions: scored, not loadable (not UTF-8), scored; in a shallow clone."""
    versions = [
        Version(
            "a" * 40, "2026-01-02T10:00:00+00:00", HOSTILE_SUBJECT, "x.yaml", COLLAPSE.read_bytes()
        ),
        Version(
            "b" * 40, "2026-01-03T10:00:00+00:00", "broken", "x.yaml", b"answers:\n  q: \xff\n"
        ),
        Version("c" * 40, "2026-01-04T10:00:00+00:00", "better", "x.yaml", HEALTHY.read_bytes()),
    ]
    return score_versions("<x>.yaml", versions, None, shallow=True)


def test_history_scores_each_version_and_notes_the_ones_it_cannot() -> None:
    history = hostile_history()
    assert [(p.score, p.stage) for p in history.points] == [
        (53.8, "late"),
        (None, None),
        (98.3, "late"),
    ]
    note = history.points[1].note
    assert note is not None
    assert note.startswith("not scored: ")
    assert "UTF-8" in note


def test_history_html_shows_every_text_as_text() -> None:
    from html.parser import HTMLParser

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []
            self.cells: list[str] = []
            self.texts: list[str] = []
            self.in_cell = False

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.tags.append(tag)
            self.in_cell = tag == "td"

        def handle_endtag(self, tag: str) -> None:
            self.in_cell = False

        def handle_data(self, data: str) -> None:
            self.texts.append(data)
            if self.in_cell:
                self.cells.append(data)

    page = render_history(hostile_history(), "html")
    seen = Cells()
    seen.feed(page)
    assert "b" not in seen.tags  # the subject's markup is shown, never applied
    assert seen.cells[:5] == ["aaaaaaa", "2026-01-02", "53.8", "late", HOSTILE_SUBJECT]
    assert seen.cells[5:9] == ["bbbbbbb", "2026-01-03", "-", "-"]
    assert seen.cells[10:] == ["ccccccc", "2026-01-04", "98.3", "late", "better"]
    assert "Readiness history of " in seen.texts
    assert "<x>.yaml" in seen.texts
    assert "aaaaaaa 53.8, ccccccc 98.3" in seen.texts  # the chart's description
    assert any("this is a shallow clone: history before aaaaaaa" in t for t in seen.texts)
    assert page.count("<polyline") == 1
    assert page.count("<circle") == 2


def test_history_markdown_keeps_a_subject_in_its_cell() -> None:
    page = render_history(hostile_history(), "md")
    row = next(line for line in page.splitlines() if line.startswith("| `aaaaaaa`"))
    assert row.count(" | ") == 4  # the subject's pipe is escaped
    assert "<b>" not in row
    linked = History(
        "a.yaml", (Point("d" * 40, "2026-01-05", "[see](javascript:x) *now*", 50.0, "late"),), False
    )
    row = render_history(linked, "md").splitlines()[-1]
    assert row.endswith(r"| \[see\](javascript:x) \*now\* |")
