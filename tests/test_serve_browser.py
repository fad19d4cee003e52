"""``scaleready serve`` in a real browser: Debian's headless Chromium driven by Selenium (the
report tests' :class:`~tests.test_report_browser.Browser`), against a real server on loopback.

A participant joins by keyboard, answers the bundled questionnaire section by section (several
question types, "don't know", a note), reloads mid-way and resumes from the personal link, and
finishes; the facilitator watches the progress, reveals the answers, opens the report and
downloads the consensus file. Every page loads without a console message (a CSP violation would
be one) and requests nothing but this server; at 375 pixels nothing scrolls sideways.

``SCALEREADY_UPDATE_SCREENSHOT=1`` also writes ``docs/images/serve-*.png`` (1280 and 375 wide).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.conftest import REPO
from tests.test_report_browser import MISSING, Browser
from tests.test_serve_support import Server, running

pytestmark = [
    pytest.mark.slow,  # starts a server and a browser
    pytest.mark.skipif(MISSING is not None, reason=MISSING or ""),
]
IMAGES = REPO / "docs" / "images"
UPDATE = bool(os.environ.get("SCALEREADY_UPDATE_SCREENSHOT"))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("workshop")
    with running(folder, "--organisation", "Acme") as started:
        yield started


def _shot(browser: Browser, name: str) -> None:
    browser.driver.execute_script("window.scrollTo(0, 0)")
    png = browser.screenshot()
    assert png.startswith(b"\x89PNG")
    if UPDATE:
        IMAGES.mkdir(parents=True, exist_ok=True)
        (IMAGES / f"serve-{name}.png").write_bytes(png)


def _clean(browser: Browser, port: int) -> None:
    assert browser.problems() == []
    local = f"http://127.0.0.1:{port}/"
    assert [u for u in browser.requests() if not u.startswith(local)] == []


def _click(browser: Browser, css: str) -> None:
    from selenium.webdriver.common.by import By

    browser.driver.find_element(By.CSS_SELECTOR, css).click()


def _submit(browser: Browser, css: str) -> None:
    """Click a button or link that loads a new page, and wait until it has."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    old = browser.driver.find_element(By.TAG_NAME, "html")
    try:
        browser.driver.find_element(By.CSS_SELECTOR, css).click()
    except WebDriverException as exc:
        # On a busy machine the new page can replace the button while chromedriver is still
        # finishing its click: the click happened; anything else is a real failure.
        if "does not belong to the document" not in str(exc):
            raise
    WebDriverWait(browser.driver, 20).until(lambda _: _gone(old))


def _gone(element: Any) -> bool:
    """Whether ``element`` belongs to a page that has been replaced. Chromedriver says so with
    a stale-element error or, on a busy machine, "does not belong to the document"."""
    from selenium.common.exceptions import WebDriverException

    try:
        element.is_enabled()
    except WebDriverException:
        return True
    return False


def _join_by_keyboard(browser: Browser, url: str, role: str, name: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    browser.open(url)
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    old = browser.driver.find_element(By.TAG_NAME, "html")
    keys = ActionChains(browser.driver)
    keys.send_keys(Keys.TAB, role, Keys.TAB, name, Keys.ENTER).perform()
    WebDriverWait(browser.driver, 20).until(lambda _: _gone(old))


def test_a_participant_answers_reloads_resumes_and_finishes(server: Server) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.wait import WebDriverWait

    browser = Browser(1280, 1000)
    try:
        browser.open(server.participants_url)
        _shot(browser, "join-1280")
        _clean(browser, server.port)
        _join_by_keyboard(browser, server.participants_url, "cto", "Ada")
        home = browser.driver.current_url
        assert "/p/" in home
        assert browser.driver.find_element(By.ID, "resume-link").text.endswith(home.split("/")[-1])
        _submit(browser, "#continue")
        # Section 1: a number, a choice, "don't know" and a note.
        browser.driver.find_element(By.ID, "a-engineers").send_keys("25")
        _click(browser, "input[name='a-organisation-size']")
        _click(browser, "input[name='x-hiring-plan'][value='dont_know']")
        _click(browser, "#q-industry details.note summary")
        browser.driver.find_element(By.ID, "n-industry").send_keys("health <care>")
        _shot(browser, "section-1280")
        _submit(browser, "#next")
        _clean(browser, server.port)
        if browser.driver.find_elements(By.ID, "more"):  # the answers made more questions apply
            assert browser.driver.current_url.endswith("/s/0")
            _submit(browser, "#next")
        assert not browser.driver.find_elements(By.ID, "errors")
        # Section 2: save, reload (nothing lost), then come back through the personal link.
        second = browser.driver.current_url
        assert second.endswith("/s/1")
        first_radio = "fieldset.question input[type='radio'][name^='a-']"
        _click(browser, first_radio)
        _submit(browser, "#save")
        browser.driver.refresh()
        assert browser.driver.find_element(By.CSS_SELECTOR, first_radio).is_selected()
        # The script saves a choice as it is made: leaving without "Save" keeps it.
        second_radio = "fieldset.question:nth-of-type(2) input[type='radio'][name^='a-']"
        _click(browser, second_radio)
        WebDriverWait(browser.driver, 20).until(
            lambda d: d.find_element(By.ID, "autosave").text == "Saved."
        )
        browser.open(home)
        browser.open(second)
        assert browser.driver.find_element(By.CSS_SELECTOR, second_radio).is_selected()
        _clean(browser, server.port)
        browser.open(home)
        assert "answered" in browser.driver.find_element(By.CSS_SELECTOR, ".progress-line").text
        _submit(browser, "#continue")
        # As the interview resumes: at the first question still without an answer.
        assert browser.driver.current_url.endswith("/s/0")
        # The rest: a multi answer on the way, every other section saved as it stands.
        for _ in range(20):
            if "/done" in browser.driver.current_url:
                break
            boxes = browser.driver.find_elements(By.CSS_SELECTOR, "input[type='checkbox']")
            if boxes:
                boxes[0].click()
            _submit(browser, "#next")
            _clean(browser, server.port)
        assert browser.driver.current_url.endswith("/done")
        _submit(browser, "#finish")
        assert browser.driver.find_element(By.ID, "finished").is_displayed()
    finally:
        browser.close()
    files = sorted(Path(server.output.split(" in ", 1)[1].split("\n", 1)[0]).glob("*.yaml"))
    data = yaml.safe_load(files[0].read_text())
    assert data["respondent"] == {"name": "Ada", "role": "cto"}
    assert data["organisation"] == "Acme"
    answers = data["answers"]
    assert answers["engineers"] == 25
    assert answers["hiring-plan"] == {"dont_know": True}
    assert answers["industry"] == {"note": "health <care>"}
    assert any(isinstance(v, list) for v in answers.values())  # the multi answer


def test_a_facilitator_watches_reveals_and_downloads(server: Server) -> None:
    from selenium.webdriver.common.by import By

    test_a_participant_answers_reloads_resumes_and_finishes  # noqa: B018 - runs first (file order)
    browser = Browser(1280, 1000)
    try:
        browser.open(server.facilitator_url)
        assert "cto" in browser.driver.find_element(By.ID, "participants").text
        assert "finished" in browser.driver.find_element(By.ID, "participants").text
        _shot(browser, "facilitator-1280")
        _submit(browser, "#reveal")
        assert "revealed" in browser.driver.find_element(By.ID, "state").text
        _clean(browser, server.port)
        href = browser.driver.find_element(By.ID, "download-consensus").get_attribute("href")
        _submit(browser, "#report")
        assert browser.problems() == []
        assert "Workshop" in browser.driver.title or browser.driver.title
        _shot(browser, "report-1280")
    finally:
        browser.close()
    assert href is not None
    consensus = httpx.get(href)
    assert consensus.status_code == 200
    assert yaml.safe_load(consensus.text)["answers"]["engineers"] == 25


def test_pages_fit_a_phone(server: Server) -> None:
    from selenium.webdriver.common.by import By

    browser = Browser(375, 812)
    browser.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 375, "height": 812, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        _join_by_keyboard(browser, server.participants_url, "engineer", "Bo")
        _submit(browser, "#continue")
        _shot(browser, "section-375")
        pages = [browser.driver.current_url, server.participants_url, server.facilitator_url]
        for url in pages:
            browser.open(url)
            width = browser.evaluate("document.documentElement.scrollWidth")
            assert width <= 375, (url, width)
            _clean(browser, server.port)
        browser.open(server.facilitator_url)
        _shot(browser, "facilitator-375")
        browser.open(server.participants_url)
        _shot(browser, "join-375")
        assert browser.driver.find_element(By.ID, "role").is_displayed()
    finally:
        browser.close()
