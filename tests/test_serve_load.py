"""The load test of ``serve`` (benchmarks/serve_load.py), small: 20 participants answering at
once over loopback, the server SIGKILLed half-way and started again; no confirmed answer lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from benchmarks.serve_load import parse, report, run_load

pytestmark = pytest.mark.slow  # starts two servers and sends a few hundred requests


def test_no_confirmed_answer_is_lost_across_a_sigkill(tmp_path: Path) -> None:
    args = parse(["--participants", "20", "--answers", "5", "--folder", str(tmp_path)])
    result = run_load(args)
    assert result.killed
    assert 0 < result.confirmed_before_kill < 100
    assert len(result.confirmed) == 100
    assert result.lost == [], report(args, result)
    assert len(list(tmp_path.glob("*.yaml"))) == 20
