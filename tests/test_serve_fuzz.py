"""A seeded fuzz of ``serve``'s HTTP endpoints: random methods, paths, tokens, forms, content
types and sizes, over real forms mutated as well as noise. Whatever comes in, the answer is a
page or a 4xx, never a 5xx, and every answers file in the folder still loads."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire
from scaleready.serve.security import MAX_BODY
from tests.test_serve_support import MINI, Session, hidden_fields, make_session

METHODS = ("GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")
WORDS = (
    "",
    "0",
    "-1",
    "1e309",
    "nan",
    "9" * 400,
    "yes",
    "dont_know",
    "not_applicable",
    "answer",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "\x00\x01\x1b[2J",
    "\udcff".encode("utf-8", "surrogateescape").decode("latin-1"),
    "é" * 50,
    "%00",
    "a,b,,c",
    "-",
    "1,2,-",
    " 3 ",
    "{x: 1}",
    "*anchor",
    "!!python/object:os.system",
)
CONTENT_TYPES = (
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=xyz",
    "multipart/form-data",
    "application/json",
    "text/plain",
    "",
)


def _token(rng: random.Random, session: Session, valid: list[str]) -> str:
    choice = rng.random()
    if choice < 0.4 and valid:
        return rng.choice(valid)
    if choice < 0.6:
        return "".join(rng.choice("abcXYZ-_09") for _ in range(rng.choice((0, 1, 43, 300))))
    return rng.choice(WORDS) or "x"


def _path(rng: random.Random, session: Session) -> str:
    state = session.context.session.state
    participants = [p.token for p in state.participants]
    kind = rng.randrange(7)
    if kind == 0:
        return f"/j/{_token(rng, session, [state.join_token])}"
    if kind in (1, 2):
        token = _token(rng, session, participants)
        tail = rng.choice(("", "/done", "/s/0", "/s/1", "/s/2", "/s/x", "/s/999999999999", "/s/"))
        return f"/p/{token}{tail}"
    if kind == 3:
        token = _token(rng, session, [state.facilitator_token])
        tail = rng.choice(
            (
                "",
                "/report",
                "/reveal",
                "/close",
                "/reopen",
                "/hide",
                "/download/consensus.yaml",
                "/download/workshop.json",
                "/download/../x",
                "/nope",
            )
        )
        return f"/f/{token}{tail}"
    if kind == 4:
        return rng.choice(
            ("/", "/static/serve.css", "/static/../app.py", "/static/", "//", "/%2e%2e/")
        )
    return "/" + "/".join(
        rng.choice(WORDS).replace("/", "") or "x" for _ in range(rng.randrange(1, 4))
    )


def _form(rng: random.Random, session: Session, path: str) -> dict[str, Any]:
    form: dict[str, Any] = {}
    if rng.random() < 0.6:
        page = session.client.get(path.rsplit("/", 2)[0] if path.endswith("/reveal") else path)
        form.update(hidden_fields(page.text) if page.status_code == 200 else {})
    questions = [
        "engineers",
        "funded",
        "notes",
        "deploy-frequency",
        "experiments",
        "founder-approves",
        "change-fail-rate",
        "nope",
    ]
    for _ in range(rng.randrange(0, 12)):
        name = rng.choice(("a-", "x-", "r-", "n-", "h-", "v0-", "x0-", "")) + rng.choice(questions)
        if rng.random() < 0.1:
            name = rng.choice(("shown", "go", "csrf", "role", "name"))
        value: Any = rng.choice(WORDS)
        if rng.random() < 0.2:
            value = [rng.choice(WORDS) for _ in range(rng.randrange(1, 4))]
        if rng.random() < 0.1:
            value = "x" * rng.choice((100, 5000, 40000))
        form[name] = value
    return form


def _request(rng: random.Random, session: Session) -> Any:
    method = rng.choice(METHODS)
    # Percent-encoded as a browser would send it: the server sees the characters decoded.
    path = quote(_path(rng, session), safe="/%")
    if method != "POST":
        return session.client.request(method, path)
    roll = rng.random()
    if roll < 0.7:
        return session.client.post(path, data=_form(rng, session, path))
    size = rng.choice((0, 10, 1000, MAX_BODY - 10, MAX_BODY + 10, 3 * MAX_BODY))
    body = bytes(rng.randrange(256) for _ in range(min(size, 2000))) * max(1, size // 2000)
    headers = {"content-type": rng.choice(CONTENT_TYPES)}
    return session.client.post(path, content=body[:size], headers=headers)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_request_gets_a_5xx(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - a reproducible fuzz, not a secret
    session = make_session(tmp_path)
    for role in ("cto", "engineer"):
        session.join(role)
    statuses: dict[int, int] = {}
    for _ in range(250):
        response = _request(rng, session)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        assert response.status_code < 500, (response.request.method, response.request.url)
    assert set(statuses) & {200, 303}  # the fuzz reached real pages too
    assert set(statuses) & {403, 404, 405}
    questionnaire = load_questionnaire(Path(MINI))[0]
    for path in tmp_path.glob("*.yaml"):
        load_answers(path, questionnaire)
