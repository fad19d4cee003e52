"""A workshop of many generated participants (the timings live in benchmarks/workshop_scale.py:
performance is measured there, not asserted here)."""

from __future__ import annotations

from pathlib import Path

from benchmarks.workshop_scale import write_participants

from scaleready.workshop.core import run_workshop
from scaleready.workshop.load import load_responses


def test_thirty_generated_participants(tmp_path: Path) -> None:
    paths = write_participants(tmp_path, 30)
    questionnaire, responses = load_responses(paths)
    result = run_workshop(questionnaire, responses)
    assert len(result.participants) == 30
    assert result.agenda
    assert {p.role for p in result.participants} == {
        "cto",
        "engineering-manager",
        "engineer",
        "product-manager",
    }
