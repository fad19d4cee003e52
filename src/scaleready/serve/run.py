"""Starting a session: the URLs and QR code printed for the room, then the uvicorn server until
Ctrl-C (uvicorn stops cleanly on SIGINT and SIGTERM; every answer is already on disk)."""

from __future__ import annotations

import io
import socket
from collections.abc import Callable
from pathlib import Path

from scaleready.serve.app import build_app, build_context
from scaleready.workshop.groups import DEFAULT_MIN_GROUP

LOCALHOST = "127.0.0.1"


def qr_text(url: str) -> str:
    """A QR code of ``url`` drawn with half-block characters, for a terminal."""
    import qrcode

    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_L)
    code.add_data(url)
    out = io.StringIO()
    code.print_ascii(out=out, invert=True)
    return out.getvalue()


def shown_host(host: str) -> str:
    """The host to print in URLs: this machine's address on the network when bound to every
    interface (``0.0.0.0``), so that a phone can reach it."""
    if host not in ("0.0.0.0", "::", ""):  # noqa: S104 - we name it, we don't bind it here
        return f"[{host}]" if ":" in host else host
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("192.0.2.1", 9))  # TEST-NET: no packet is sent for a UDP connect
            return str(probe.getsockname()[0])
    except OSError:
        return socket.gethostname()


def banner(host: str, port: int, join: str, facilitator: str, folder: Path) -> str:
    """What the command prints once the server is listening."""
    base = f"http://{shown_host(host)}:{port}"
    participants = f"{base}/j/{join}"
    lines = [
        f"scaleready serve: the workshop session in {folder}",
        "",
        f"Participants: {participants}",
        f"Facilitator (keep this one to yourself): {base}/f/{facilitator}",
        "",
        qr_text(participants),
    ]
    if host in (LOCALHOST, "localhost", "::1"):
        lines.append(
            "Reachable from this computer only; start with --host 0.0.0.0 for phones and laptops "
            "on the network."
        )
    else:
        lines.append(f"Reachable from the network on {host}: anyone with the link can join.")
    lines.append("Ctrl-C stops the server; start it again on the same folder to resume.")
    return "\n".join(lines)


def serve(
    folder: Path,
    questionnaire: str | None,
    *,
    host: str = LOCALHOST,
    port: int = 8000,
    organisation: str | None = None,
    min_group: int = DEFAULT_MIN_GROUP,
    anonymous: bool = False,
    echo: Callable[[str], None] = print,
) -> None:
    """Run a session in ``folder`` until interrupted."""
    import uvicorn

    context = build_context(
        folder, questionnaire, organisation=organisation, min_group=min_group, anonymous=anonymous
    )
    app = build_app(context)
    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", access_log=False, server_header=False
    )
    server = uvicorn.Server(config)
    state = context.session.state
    original_startup = server.startup

    async def startup(sockets: list[socket.socket] | None = None) -> None:
        await original_startup(sockets)
        if server.started:  # the port could be bound: now the URLs work
            bound = port
            if port == 0 and server.servers and server.servers[0].sockets:
                bound = server.servers[0].sockets[0].getsockname()[1]
            echo(banner(host, bound, state.join_token, state.facilitator_token, folder))

    server.startup = startup  # type: ignore[method-assign]
    server.run()
