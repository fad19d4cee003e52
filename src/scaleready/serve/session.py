"""A session's durable state: the facilitator's token, the join token, the CSRF secret, whether
answers are revealed or closed, and who the participants are (their resume tokens, roles, names
and answers files). It lives in ``.scaleready-session.json`` in the workshop folder, written
atomically on every change, so a server stopped (or killed) and started again on the same folder
resumes with the same links.
"""

from __future__ import annotations

import json
import re
import secrets
import threading
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from scaleready.atomic import write_atomic
from scaleready.errors import UsageError

STATE_FILE = ".scaleready-session.json"
STATE_VERSION = 1
TOKEN_BYTES = 32  # 256 bits: unguessable, whatever the network


def new_token() -> str:
    """An unguessable URL-safe token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def same_token(given: str, expected: str) -> bool:
    """Whether ``given`` is ``expected``, in constant time; any text can be given (a URL holds
    what anyone types), so it is compared as UTF-8 bytes."""
    return secrets.compare_digest(given.encode("utf-8", "replace"), expected.encode())


@dataclass(frozen=True)
class Participant:
    """One participant: the token of their resume link, their answers file (a name in the
    workshop folder), role, name (``None`` when the session is anonymous) and whether they said
    they were done."""

    token: str
    file: str
    role: str
    name: str | None = None
    finished: bool = False


@dataclass(frozen=True)
class SessionState:
    """What a session remembers between runs of the server."""

    facilitator_token: str
    join_token: str
    csrf_secret: str
    revealed: bool = False
    closed: bool = False
    participants: tuple[Participant, ...] = field(default_factory=tuple)

    def participant(self, token: str) -> Participant | None:
        """The participant whose resume token this is (compared in constant time)."""
        for p in self.participants:
            if same_token(token, p.token):
                return p
        return None


def fresh_state() -> SessionState:
    """A new session's state, with new tokens."""
    return SessionState(new_token(), new_token(), new_token())


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:30].strip("-")
    return slug or "participant"


class Session:
    """The state of one running session, shared by every request: changes are made under a lock
    and written to the state file before they are visible."""

    def __init__(self, folder: Path, state: SessionState) -> None:
        self.folder = folder
        self.state = state
        self._lock = threading.Lock()

    @classmethod
    def open(cls, folder: Path) -> Session:
        """The session kept in ``folder``, or a new one (whose state file is written now)."""
        if not folder.is_dir():
            raise UsageError(f"{folder} is not a folder; create it first (mkdir {folder})")
        path = folder / STATE_FILE
        if not path.exists():
            session = cls(folder, fresh_state())
            session._write(session.state)
            return session
        return cls(folder, _read_state(path))

    def _write(self, state: SessionState) -> None:
        data = {"version": STATE_VERSION, **asdict(state)}
        write_atomic(self.folder / STATE_FILE, json.dumps(data, indent=2) + "\n")
        self.state = state

    def join(self, role: str, name: str | None) -> Participant:
        """Add a participant with a new token and a new answers file named after the role (never
        after the name, which the file name would otherwise reveal)."""
        with self._lock:
            taken = {p.file for p in self.state.participants}
            number = len(self.state.participants) + 1
            file = f"{_slug(role)}-{number}.yaml"
            while file in taken or (self.folder / file).exists():
                number += 1
                file = f"{_slug(role)}-{number}.yaml"
            person = Participant(new_token(), file, role, name)
            self._write(replace(self.state, participants=(*self.state.participants, person)))
            return person

    def update(self, *, revealed: bool | None = None, closed: bool | None = None) -> None:
        """Set ``revealed`` or ``closed``."""
        with self._lock:
            state = self.state
            if revealed is not None:
                state = replace(state, revealed=revealed)
            if closed is not None:
                state = replace(state, closed=closed)
            self._write(state)

    def mark_finished(self, token: str, finished: bool = True) -> None:
        """Record that a participant said they were done (or took it back)."""
        with self._lock:
            people = tuple(
                replace(p, finished=finished) if p.token == token else p
                for p in self.state.participants
            )
            if people != self.state.participants:
                self._write(replace(self.state, participants=people))


def _read_state(path: Path) -> SessionState:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.pop("version", None) != STATE_VERSION:
            raise ValueError(f"expected version {STATE_VERSION}")
        people = tuple(Participant(**p) for p in data.pop("participants", []))
        state = SessionState(**data, participants=people)
        tokens = [state.facilitator_token, state.join_token, state.csrf_secret]
        tokens += [p.token for p in people]
        if not all(isinstance(t, str) and len(t) >= 16 for t in tokens):
            raise ValueError("a token is missing or too short")
        if not all(isinstance(p.file, str) and "/" not in p.file for p in people):
            raise ValueError("a participant's file is not a name in the folder")
    except (OSError, ValueError, TypeError) as exc:
        raise UsageError(
            f"{path} is not a scaleready session state file ({exc}); move it away to start a "
            "new session in this folder"
        ) from None
    return state
