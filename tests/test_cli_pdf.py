"""``score -o report.pdf``: the HTML report printed to PDF by the system's Chromium, and a clear
message, before any work, when there is no Chromium or the PDF would go to standard output."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scaleready.cli import commands as cli
from scaleready.render._pdf import BROWSERS
from tests.conftest import REPO

COLLAPSE = str(REPO / "examples" / "productivity-collapse.yaml")
HAVE_CHROMIUM = any(shutil.which(name) for name in BROWSERS)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.slow  # starts a browser
@pytest.mark.skipif(not HAVE_CHROMIUM, reason="no Chromium on PATH (apt-get install chromium)")
def test_score_writes_a_real_pdf(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    pdf, page = tmp_path / "report.pdf", tmp_path / "report.html"
    code, _, _ = run(capsys, "score", COLLAPSE, "-o", str(pdf), "-o", str(page))
    assert code == 0
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    assert 5 <= pages <= 18  # the print stylesheet's layout, not one page per part
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # Nothing is left beside it: Chromium printed to a temporary file, renamed over the target.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.pdf"]


def test_without_chromium_says_how_to_get_a_pdf(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "")
    pdf, page = tmp_path / "report.pdf", tmp_path / "report.html"
    code, out, err = run(capsys, "score", COLLAPSE, "-o", str(page), "-o", str(pdf))
    assert (code, out) == (2, "")
    assert err.startswith("scaleready: error: a PDF report needs Chromium, and none was found")
    assert "apt-get install chromium" in err
    assert "open it in a browser and print it to PDF" in err
    assert list(tmp_path.iterdir()) == []  # checked before anything was written


def test_a_pdf_goes_to_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", COLLAPSE, "--format", "pdf")
    assert (code, out) == (2, "")
    assert err == "scaleready: error: a PDF report goes to a file: pass --output report.pdf\n"


def test_a_browser_that_fails_leaves_no_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "chromium"
    fake.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, _, err = run(capsys, "score", COLLAPSE, "-o", str(out_dir / "report.pdf"))
    assert code == 2
    assert err == (
        f"scaleready: error: {fake} could not print the report to PDF (exit 3): "
        "cannot open display\n"
    )
    assert list(out_dir.iterdir()) == []
