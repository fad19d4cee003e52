"""What guards a session on a shared network: CSRF tokens, the response headers every page
carries, and the request size limit.

- CSRF: every form carries a token derived (HMAC-SHA256) from the session's secret and the page's
  own token (a participant's, the facilitator's, or the join token), checked on every POST: a
  page on another site can neither read nor compute it.
- Headers: a Content-Security-Policy that allows nothing but this server's own style sheet and
  script file (no inline or remote script or style, no frames; forms and the script's saves go
  only here), no referrer (the URLs hold tokens), no caching, no MIME sniffing.
- Size: a request body over :data:`MAX_BODY` bytes is refused with 413 before it is read whole.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException

MAX_BODY = 64 * 1024
PAGE_POLICY = (
    "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
# The workshop report is the CLI's self-contained HTML file: its styles and charts are inline,
# and it has no script, so none is allowed there either.
REPORT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
}

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def csrf_token(secret: str, context: str) -> str:
    """The CSRF token of forms on pages reached with ``context`` (a token of the session)."""
    return hmac.new(secret.encode(), context.encode(), hashlib.sha256).hexdigest()


def csrf_ok(secret: str, context: str, given: str) -> bool:
    """Whether a submitted CSRF token is the one for ``context`` (constant time)."""
    return hmac.compare_digest(
        csrf_token(secret, context).encode(), given.encode("utf-8", "replace")
    )


class Guard:
    """ASGI middleware: the security headers on every response, and the request size limit."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _content_length(scope)
        if length is not None and length > self.max_body:
            await _too_large(send)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _TooLarge()
            return message

        async def secured_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers += [(k.encode(), v.encode()) for k, v in HEADERS.items()]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", PAGE_POLICY.encode()))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, limited_receive, secured_send)
        except _TooLarge:
            if not started:
                await _too_large(send)


class _TooLarge(HTTPException):
    """The body went over the limit while it was being read: an HTTP error, so that a page
    reading its form answers 413 through the application's error pages."""

    def __init__(self) -> None:
        super().__init__(status_code=413, detail="Request too large.")


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(send: Send) -> None:
    body = b"Request too large.\n"
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *[(k.encode(), v.encode()) for k, v in HEADERS.items()],
        (b"content-security-policy", PAGE_POLICY.encode()),
    ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
