"""``scaleready serve`` as a person runs it: a real uvicorn server in a subprocess on a free
loopback port, its printed URLs and QR code, answers over HTTP, Ctrl-C, and a restart on the same
folder that resumes with the same links and answers."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
import yaml

from tests.test_serve_support import MINI, csrf_of, hidden_fields, running

pytestmark = pytest.mark.slow  # starts servers


def _join(client: httpx.Client, url: str) -> str:
    page = client.get(url)
    response = client.post(url, data={"csrf": csrf_of(page.text), "role": "cto", "name": "Ada"})
    assert response.status_code == 303
    return str(response.headers["location"])


def test_serve_prints_urls_and_a_qr_code_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    with running(tmp_path, "-q", MINI) as server:
        assert server.participants_url.startswith(f"http://127.0.0.1:{server.port}/j/")
        assert "Reachable from this computer only" in server.output
        assert "\u2588" in server.output or "\u2580" in server.output  # the QR code's blocks
        with httpx.Client(base_url=f"http://127.0.0.1:{server.port}") as client:
            base = _join(client, server.participants_url)
            page = client.get(f"{base}/s/0").text
            response = client.post(
                f"{base}/s/0", data={**hidden_fields(page), "a-engineers": "9", "go": "next"}
            )
            assert response.status_code == 303
            assert client.get(server.facilitator_url).status_code == 200
        assert server.stop() == 130  # interrupted, as every command: the answers are saved
        assert "Traceback" not in server.output
    files = list(tmp_path.glob("*.yaml"))
    assert yaml.safe_load(files[0].read_text())["answers"] == {"engineers": 9}
    port = server.port
    with running(tmp_path, "-q", MINI, port=port) as again:
        assert again.participants_url == server.participants_url
        assert again.facilitator_url == server.facilitator_url
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            page = client.get(f"{base}/s/0").text
            assert re.search(r'name="a-engineers" value="9"', page)


def test_serve_on_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "scaleready", "serve", str(tmp_path / "nope"), "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "not a folder" in done.stderr
