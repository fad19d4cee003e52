"""The HTML report in a real browser: headless Chromium, driven over the DevTools protocol.

Chromium is launched with ``--remote-debugging-pipe`` and driven with the standard library only
(JSON messages, NUL-separated, on file descriptors 3 and 4), so the test sees every console
message, uncaught exception, CSP violation and network request of the page, rather than scraping
log lines. Skipped, with the reason, when Chromium is not installed (CI installs Debian's
``chromium``).

``SCALEREADY_UPDATE_SCREENSHOT=1`` also writes ``docs/report-screenshot.png`` (the top of the
productivity-collapse persona's report, 1280x2000).
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import itertools
import json
import os
import select
import shutil
import subprocess
import time
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
CHROMIUM = next(
    (
        p
        for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
        if p and Path(p).is_file()
    ),
    None,
)
# Everything that would make Chromium talk to the network or keep state on its own.
CHROMIUM_FLAGS = (
    "--headless",
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
    "--remote-debugging-pipe",
)
PAYLOADS = (
    "<script>document.title='pwned'</script>",
    "<img src=x onerror=\"document.title='pwned'\">",
)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed (apt-get install -y chromium); the browser tests need it",
)


class Browser:
    """A headless Chromium and one page, driven over ``--remote-debugging-pipe``."""

    def __init__(self, profile: Path, width: int = 1280, height: int = 2000) -> None:
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def fds_3_and_4() -> None:  # in the child: Chromium reads fd 3 and writes fd 4
            r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)
            w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(r, 3)
            os.dup2(w, 4)

        assert CHROMIUM is not None
        self.process = subprocess.Popen(
            [
                CHROMIUM,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # the pipes are dup'ed to 3 and 4; everything else is close-on-exec
            preexec_fn=fds_3_and_4,  # safe here: the test process runs no other threads
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("Chromium did not answer in time")
            ready, _, _ = select.select([self._from_chrome], [], [], left)
            if ready:
                chunk = os.read(self._from_chrome, 1 << 20)
                if not chunk:
                    raise RuntimeError("Chromium closed the DevTools pipe")
                self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def call(
        self, method: str, *, session: bool = False, timeout: float = 15.0, **params: Any
    ) -> Any:
        """Send one command and wait for its result, keeping the events that arrive meanwhile."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for(self, event: str, timeout: float = 15.0) -> dict[str, Any]:
        """Wait for an event of the page (or return it if it already came)."""
        for seen in self.events:
            if seen.get("method") == event:
                return seen
        deadline = time.monotonic() + timeout
        while True:
            message = self._read_message(deadline)
            if "method" in message:
                self.events.append(message)
                if message["method"] == event:
                    return message

    def open(self, url: str) -> None:
        """Load ``url`` and wait until it has loaded; forget the events of earlier pages."""
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (the test's own, not the report's)."""
        result = self.call(
            "Runtime.evaluate", session=True, expression=expression, returnByValue=True
        )
        return result["result"].get("value")

    def screenshot(self, full_page: bool = False) -> bytes:
        """A PNG of the viewport (or of the whole page)."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
            size = self.call("Page.getLayoutMetrics", session=True)["cssContentSize"]
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": size["width"],
                "height": size["height"],
                "scale": 1,
            }
        return base64.b64decode(self.call("Page.captureScreenshot", session=True, **params)["data"])

    def problems(self) -> list[str]:
        """Console messages, uncaught exceptions and log entries at warning level or above."""
        found = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(f"exception: {params['exceptionDetails'].get('text')}")
            elif method == "Runtime.consoleAPICalled":
                found.append(f"console.{params.get('type')}: {params.get('args')}")
            elif method == "Log.entryAdded" and params["entry"]["level"] in ("warning", "error"):
                found.append(f"log {params['entry']['level']}: {params['entry'].get('text')}")
        return found

    def requests(self) -> list[str]:
        """The URLs the page requested, the page itself included."""
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
        ]

    def close(self) -> None:
        """Ask Chromium to quit; kill it if it does not."""
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.call("Browser.close", timeout=5)
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


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
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    b = Browser(tmp_path_factory.mktemp("chromium-profile"))
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
    browser.call("Emulation.setEmulatedMedia", session=True, media="print")
    try:
        # The print stylesheet hides the contents bar and each part starts a new page.
        assert browser.evaluate("getComputedStyle(document.querySelector('nav.toc')).display") == (
            "none"
        )
        assert (
            browser.evaluate("getComputedStyle(document.querySelector('#risks')).breakBefore")
            == "page"
        )
        pdf = base64.b64decode(
            browser.call("Page.printToPDF", session=True, printBackground=False)["data"]
        )
    finally:
        browser.call("Emulation.setEmulatedMedia", session=True, media="")
    assert pdf.startswith(b"%PDF")
    assert browser.problems() == []
