"""The HTML report in a real browser: Debian's headless Chromium, driven by Selenium.

Selenium talks to Debian's ``/usr/bin/chromedriver`` and starts ``/usr/bin/chromium``, both given
by path so that Selenium Manager never looks for (or downloads) a driver or a browser. Chrome's
browser log gives every console message, uncaught exception and failed load of the page, and its
performance log every network request. Skipped, with the reason, when either is missing (CI
installs Debian's ``chromium`` and ``chromium-driver``).

``SCALEREADY_UPDATE_SCREENSHOT=1`` also writes ``docs/report-screenshot.png`` (the top of the
productivity-collapse persona's report, 1280x2000).
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scaleready.engine import assess
from scaleready.formats.answers import Answer, Answers
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire
from scaleready.render.report import render_report

REPO = Path(__file__).parent.parent
QUESTIONNAIRE = REPO / "questionnaires" / "scaling-readiness.yaml"
SCREENSHOT = REPO / "docs" / "report-screenshot.png"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Everything that would make Chromium talk to the network or keep state on its own.
CHROMIUM_FLAGS = (
    "--headless=new",
    "--no-sandbox",  # root in a container has no user namespace for the sandbox
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--metrics-recording-only",
    "--hide-scrollbars",
)
PAYLOADS = (
    "<script>document.title='pwned'</script>",
    "<img src=x onerror=\"document.title='pwned'\">",
)


def _missing() -> str | None:
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not path.is_file():
            return (
                f"{path} is not installed (apt-get install -y {package}); the browser tests need it"
            )
    return None


MISSING = _missing()
pytestmark = [
    pytest.mark.slow,  # starts a browser
    pytest.mark.skipif(MISSING is not None, reason=MISSING or ""),
]


class Browser:
    """A headless Chromium with one page, and what that page logged and requested."""

    def __init__(self, width: int = 1280, height: int = 2000) -> None:
        # Imported here so that collecting the fast loop, which leaves these tests out, skips it.
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        service = Service(executable_path=str(CHROMEDRIVER), log_output=subprocess.DEVNULL)
        self.driver = webdriver.Chrome(service=service, options=options)
        # The viewport itself, not the window around it, so the screenshot is exactly this size.
        self.driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )
        self._logs: list[dict[str, Any]] = []
        self._requests: list[str] = []

    def _drain(self) -> None:
        # Chrome hands each log entry out once: keep what arrived since the last look. (Selenium
        # leaves get_log unannotated.)
        self._logs.extend(self.driver.get_log("browser"))  # type: ignore[no-untyped-call]
        for entry in self.driver.get_log("performance"):  # type: ignore[no-untyped-call]
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                self._requests.append(message["params"]["request"]["url"])

    def open(self, url: str) -> None:
        """Load ``url`` and wait until it has loaded; forget the logs of earlier pages."""
        self._drain()
        self._logs.clear()
        self._requests.clear()
        self.driver.get(url)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (the test's own, not the report's)."""
        return self.driver.execute_script(f"return {expression};")

    def screenshot(self) -> bytes:
        """A PNG of the viewport."""
        return self.driver.get_screenshot_as_png()

    def emulate_media(self, media: str) -> None:
        """Style the page for ``media`` ("print", or "" for the screen again)."""
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})

    def pdf(self) -> bytes:
        """The page printed to PDF, the way the browser's print dialog would."""
        return base64.b64decode(self.driver.print_page())

    def problems(self) -> list[str]:
        """Console messages, uncaught exceptions and log entries at warning level or above."""
        self._drain()
        found = []
        for entry in self._logs:
            source, level, text = entry.get("source"), entry["level"], entry["message"]
            if source == "javascript":
                found.append(f"exception: {text}")
            elif source == "console-api":
                found.append(f"console.{level.lower()}: {text}")
            elif level in ("WARNING", "SEVERE"):
                found.append(f"log {level.lower()}: {text}")
        return found

    def requests(self) -> list[str]:
        """The URLs the page requested, the page itself included."""
        self._drain()
        return list(self._requests)

    def close(self) -> None:
        """Quit the browser and its driver."""
        self.driver.quit()


def _report(questionnaire: Questionnaire, persona: str, notes: dict[str, str] | None = None) -> str:
    answers = load_answers(REPO / "examples" / f"{persona}.yaml", questionnaire)
    if notes:
        changed = dict(answers.answers)
        for qid, note in notes.items():
            old = changed.get(qid, Answer(status="unanswered"))
            changed[qid] = old.model_copy(update={"note": note})
        answers = Answers(
            questionnaire=answers.questionnaire,
            respondent=answers.respondent,
            organisation=answers.organisation,
            answers=changed,
        )
    return render_report(assess(questionnaire, answers), questionnaire, answers, "html")


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return load_questionnaire(QUESTIONNAIRE)[0]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    b = Browser()
    yield b
    b.close()


def test_report_loads_without_errors_or_requests(
    browser: Browser, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    page = tmp_path / "report.html"
    page.write_text(_report(questionnaire, "healthy-scale-up"), encoding="utf-8")
    browser.open(page.as_uri())
    assert browser.problems() == []
    assert browser.requests() == [page.as_uri()]
    assert browser.evaluate("document.title") == "Brightwave Health: Scaling readiness"
    assert browser.evaluate("document.documentElement.lang") == "en"
    # Every chart is an accessible image with a title and a description.
    charts = browser.evaluate(
        "[...document.querySelectorAll('svg')].map(s => [s.getAttribute('role'),"
        " !!s.querySelector(':scope > title'), !!s.querySelector(':scope > desc')])"
    )
    assert charts
    assert all(c == ["img", True, True] for c in charts)
    # Headings go h1, h2, h3 without skipping a level.
    levels = browser.evaluate(
        "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"
    )
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels))


def test_screenshot(browser: Browser, questionnaire: Questionnaire, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(_report(questionnaire, "productivity-collapse"), encoding="utf-8")
    browser.open(page.as_uri())
    png = browser.screenshot()
    assert png.startswith(b"\x89PNG")
    assert browser.problems() == []
    if os.environ.get("SCALEREADY_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.write_bytes(png)


def test_injected_notes_are_text_not_markup(
    browser: Browser, questionnaire: Questionnaire, tmp_path: Path
) -> None:
    notes = {"engineers": PAYLOADS[0], "lead-time": PAYLOADS[1], "hiring-plan": " ".join(PAYLOADS)}
    page = tmp_path / "report.html"
    page.write_text(_report(questionnaire, "productivity-collapse", notes), encoding="utf-8")
    browser.open(page.as_uri())
    assert browser.evaluate("document.title") == "Tallyhub: Scaling readiness"
    assert browser.evaluate("document.querySelectorAll('script, img, [onerror]').length") == 0
    text = browser.evaluate("document.body.innerText")
    for payload in PAYLOADS:
        assert payload in text
    assert browser.problems() == []
    assert browser.requests() == [page.as_uri()]


def test_the_harness_sees_scripts_errors_and_requests(browser: Browser, tmp_path: Path) -> None:
    """A control: a page that does misbehave is caught, so the checks above are not vacuous."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html lang=en><title>bad</title>"
        "<img src='http://127.0.0.1:9/pixel.png'>"
        "<script>console.error('boom'); document.title = 'pwned'; undefinedFunction();</script>",
        encoding="utf-8",
    )
    browser.open(page.as_uri())
    assert browser.evaluate("document.title") == "pwned"
    assert "http://127.0.0.1:9/pixel.png" in browser.requests()
    problems = browser.problems()
    assert any("boom" in p for p in problems)
    assert any(p.startswith("exception:") for p in problems)


def test_prints_to_pdf(browser: Browser, questionnaire: Questionnaire, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(_report(questionnaire, "healthy-early-team"), encoding="utf-8")
    browser.open(page.as_uri())
    browser.emulate_media("print")
    try:
        # The print stylesheet hides the contents bar; parts follow one another, the appendix
        # starts a new page, and no chart is split (test_report_layout.py counts the pages).
        assert browser.evaluate("getComputedStyle(document.querySelector('nav.toc')).display") == (
            "none"
        )
        assert (
            browser.evaluate("getComputedStyle(document.querySelector('#answers')).breakBefore")
            == "page"
        )
        assert (
            browser.evaluate("getComputedStyle(document.querySelector('figure')).breakInside")
            == "avoid"
        )
        pdf = browser.pdf()
    finally:
        browser.emulate_media("")
    assert pdf.startswith(b"%PDF")
    assert browser.problems() == []
