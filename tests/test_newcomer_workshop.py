"""Workshop rough edges: answer charts scaled to the room, the terminal agenda's answers whole
with their counts first, and the consensus shown beside what most said when they differ."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scaleready.cli import commands as cli
from scaleready.workshop._view import people_axis
from tests.test_workshop_cli import MINI, participant

FREQUENCIES = ["on-demand", "on-demand", "rarely", "weekly"]


def room(folder: Path) -> list[Path]:
    """Four participants: two deploy on demand, the others weekly and rarely."""
    return [
        participant(
            folder, f"p{i}", {"engineers": 10 + i, "deploy-frequency": f}, f"P{i}", "engineer"
        )
        for i, f in enumerate(FREQUENCIES)
    ]


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main(["workshop", *(str(a) for a in args)])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("people", "maximum", "steps"),
    [(1, 1, 1), (4, 4, 4), (5, 5, 5), (8, 8, 8), (10, 10, 10), (12, 12, 6), (23, 25, 5)],
)
def test_the_answer_axis_counts_whole_people_up_to_the_room(
    people: int, maximum: int, steps: int
) -> None:
    assert people_axis(people) == {"maximum": float(maximum), "steps": steps}


def test_the_html_answer_charts_end_at_the_number_of_participants(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "w.html"
    assert run(capsys, "-q", MINI, *room(tmp_path), "-o", page)[0] == 0
    chart = page.read_text().split('id="dist-deploy-frequency"', 1)[1].split("</svg>", 1)[0]
    ticks = re.findall(r'text-anchor="middle"[^>]*>(\d+)</text>', chart)
    assert ticks == ["0", "1", "2", "3", "4"]  # four participants: 0 to 4, not 0 to 8


def test_the_consensus_says_what_most_said_when_it_is_another_answer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "-q", MINI, *room(tmp_path), "-f", "md")
    assert code == 0
    lines = out.splitlines()
    row = next(r for r in lines if r.startswith("| How often do you deploy?"))
    assert row.endswith("| Weekly (the middle answer; most said On demand: 2 of 4) |")


def test_the_terminal_agenda_lists_whole_answers_with_their_counts_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "-q", MINI, *room(tmp_path))
    assert code == 0
    agenda = out.split("Discuss first", 1)[1].split("\n\n", 1)[0]
    assert "…" not in agenda
    assert re.search(r"\b2 On demand\s*\n", agenda)
    assert re.search(r"\b1 Weekly\s*\n", agenda)
