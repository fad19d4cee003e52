"""Helpers shared by the ``serve`` tests: a session in a temporary folder behind Starlette's
TestClient, a participant who fills in forms the way a browser does, and a real server (uvicorn
in a subprocess on a free loopback port). No tests here."""

from __future__ import annotations

import html
import os
import re
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaleready.serve.app import Context, build_app, build_context
from tests.conftest import DATA

MINI = str(DATA / "mini.yaml")
_HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')

with warnings.catch_warnings():
    # Starlette suggests httpx2 for its TestClient; httpx is what is installed and works.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def hidden_fields(page: str) -> dict[str, str]:
    """The hidden fields of a page's form, as a browser would send them back."""
    return {name: html.unescape(value) for name, value in _HIDDEN.findall(page)}


def csrf_of(page: str) -> str:
    """The CSRF token in a page's form."""
    match = _CSRF.search(page)
    assert match, page[:500]
    return match.group(1)


@dataclass
class Session:
    """A session in ``folder`` served by a TestClient."""

    folder: Path
    context: Context
    client: TestClient
    people: list[str] = field(default_factory=list)

    @property
    def facilitator(self) -> str:
        return f"/f/{self.context.session.state.facilitator_token}"

    @property
    def join_url(self) -> str:
        return f"/j/{self.context.session.state.join_token}"

    def join(self, role: str = "cto", name: str | None = "Ada") -> str:
        """Join; return the participant's base URL (``/p/TOKEN``)."""
        page = self.client.get(self.join_url)
        assert page.status_code == 200
        data = {"csrf": csrf_of(page.text), "role": role}
        if name is not None:
            data["name"] = name
        response = self.client.post(self.join_url, data=data, follow_redirects=False)
        assert response.status_code == 303, response.text
        base = str(response.headers["location"])
        self.people.append(base)
        return base

    def section(self, base: str, index: int) -> str:
        page = self.client.get(f"{base}/s/{index}")
        assert page.status_code == 200, page.text
        return str(page.text)

    def answer(
        self,
        base: str,
        index: int,
        values: dict[str, Any],
        go: str = "next",
        page: str | None = None,
    ) -> Any:
        """Submit section ``index`` with ``values`` (field name -> value or list of values) over
        the form's hidden fields, as a browser does; return the response (not followed)."""
        page = page if page is not None else self.section(base, index)
        data: dict[str, Any] = {**hidden_fields(page), **values, "go": go}
        return self.client.post(f"{base}/s/{index}", data=data, follow_redirects=False)

    def facilitator_post(self, action: str) -> Any:
        page = self.client.get(self.facilitator)
        return self.client.post(
            f"{self.facilitator}/{action}",
            data={"csrf": csrf_of(page.text)},
            follow_redirects=False,
        )


def make_session(folder: Path, questionnaire: str | None = MINI, **options: Any) -> Session:
    context = build_context(folder, questionnaire, **options)
    client = TestClient(build_app(context), raise_server_exceptions=False)
    return Session(folder, context, client)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A real ``scaleready serve`` in a subprocess: its URLs, as printed, and the process."""

    process: subprocess.Popen[str]
    port: int
    participants_url: str
    facilitator_url: str
    output: str

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> int:
        """Ctrl-C, as a person would; the exit code, with what it printed since starting added
        to :attr:`output`."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                rest, _ = self.process.communicate(timeout=20)
                self.output += rest
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return int(self.process.returncode)


def start_server(folder: Path, *args: str, port: int | None = None, timeout: float = 30) -> Server:
    """Start ``scaleready serve folder`` on a free loopback port; wait for its URLs."""
    port = port or free_port()
    command = [sys.executable, "-m", "scaleready", "serve", str(folder), "--port", str(port), *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    assert process.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line)
        if line.startswith("Ctrl-C stops"):
            break
    text = "".join(lines)
    found = dict(re.findall(r"^(Participants|Facilitator)[^:]*: (\S+)$", text, re.MULTILINE))
    if len(found) != 2:
        process.kill()
        raise AssertionError(f"the server did not start:\n{text}")
    return Server(process, port, found["Participants"], found["Facilitator"], text)


@contextmanager
def running(folder: Path, *args: str, port: int | None = None) -> Iterator[Server]:
    server = start_server(folder, *args, port=port)
    try:
        yield server
    finally:
        if server.process.poll() is None:
            server.stop()
