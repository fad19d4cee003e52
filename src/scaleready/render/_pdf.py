"""The HTML report printed to PDF by the system's Chromium, headless, when one is installed.

No Python PDF library is needed: the report's print stylesheet already lays it out for paper
(``report_templates/html/style.css.j2``), so the browser that shows it prints it. Chromium runs
with a throwaway profile and its networking switched off; the report loads nothing anyway (its
Content-Security-Policy forbids every request).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from scaleready.errors import UsageError

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
"""The Chromium executables looked for on ``PATH``, in this order."""

TIMEOUT = 120.0  # seconds; a report prints in a few, a hung browser must not hang a CI job
_FLAGS = (
    "--headless",
    "--no-sandbox",  # root in a container has no user namespace for the sandbox
    "--disable-gpu",
    "--no-pdf-header-footer",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
)


def find_chromium() -> str:
    """The path of a Chromium to print with; raise :class:`UsageError`, saying how else to get a
    PDF, when there is none."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found is not None:
            return found
    raise UsageError(
        "a PDF report needs Chromium, and none was found on PATH (looked for "
        + ", ".join(BROWSERS)
        + "). Install it (Debian and Ubuntu: apt-get install chromium), or write the HTML "
        "report (-o report.html), open it in a browser and print it to PDF."
    )


def write_pdf(path: Path, html: str) -> None:
    """Print ``html`` to a PDF at ``path``, replacing any older file only once the new one is
    complete (printed to a temporary file beside it, then renamed over it)."""
    browser = find_chromium()
    target = Path(os.path.realpath(path))  # a symbolic link stays a link, as for every output
    with tempfile.TemporaryDirectory(prefix="scaleready-pdf-") as work:
        page = Path(work) / "report.html"
        page.write_text(html, encoding="utf-8")
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        try:
            _print(browser, page, Path(tmp), Path(work) / "profile")
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def _print(browser: str, page: Path, out: Path, profile: Path) -> None:
    """Run Chromium to print ``page`` to ``out``; raise :class:`UsageError` if it fails."""
    command = [
        browser,
        *_FLAGS,
        f"--user-data-dir={profile}",
        f"--print-to-pdf={out}",
        page.as_uri(),
    ]
    try:
        done = subprocess.run(  # noqa: S603 - our own arguments, no shell
            command, capture_output=True, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise UsageError(f"{browser} did not print the report within {TIMEOUT:g} s") from None
    except OSError as exc:
        raise UsageError(f"could not run {browser}: {exc.strerror or exc}") from None
    with out.open("rb") as handle:
        printed = handle.read(5) == b"%PDF-"
    if done.returncode != 0 or not printed:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise UsageError(
            f"{browser} could not print the report to PDF (exit {done.returncode})"
            + (f": {tail[0]}" if tail else "")
        )
