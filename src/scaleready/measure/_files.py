"""Reading a deploy log and an incidents file: CSV with a header row, or JSON lines.

Deploy log fields: ``time`` (ISO 8601 or Unix seconds), ``commit`` (a sha or a ref),
``environment`` (optional; entries for other environments than the one measured are skipped) and
``status`` (optional: success, failure or rollback; a failed deployment never reached users, so
it is not a deployment), and ``repository`` (the repository's directory name; needed when several
repositories are measured). Incidents file fields: ``start`` (or ``time``) and ``resolved``
(optional: an open incident has no recovery time yet), and ``repository`` as in a deploy log. Every problem is a
:class:`UsageError` naming the file and line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scaleready.errors import UsageError
from scaleready.measure.model import Deployment, Incident

_SUCCESS = frozenset({"", "success", "succeeded", "successful", "ok", "deployed", "done"})
_FAILURE = frozenset({"failure", "failed", "error", "errored", "cancelled", "canceled"})
_ROLLBACK = frozenset({"rollback", "rolled back", "rolled-back", "rolledback"})


def _read(path: Path, option: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(f"{option} {path}: cannot read it: {reason}") from None


def _records(path: Path, option: str) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """Each record with its line number, from CSV (with a header) or JSON lines."""
    text = _read(path, option)
    if text.lstrip().startswith("{"):
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{path}:{number}: not a JSON object: {exc.msg}") from None
            if not isinstance(record, dict):
                raise UsageError(f"{path}:{number}: not a JSON object")
            yield number, {str(k).strip().lower(): v for k, v in record.items()}
        return
    reader = csv.DictReader(io.StringIO(text))
    for row in reader:
        yield (
            reader.line_num,
            {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()},
        )


def parse_time(text: object, where: str) -> datetime:
    """An ISO 8601 date or time (UTC when it has no offset), or Unix seconds."""
    value = str(text).strip()
    try:
        if value.isdigit():
            return datetime.fromtimestamp(int(value), tz=timezone.utc)
        parsed = datetime.fromisoformat(value)
    except (ValueError, OverflowError):
        raise UsageError(f"{where}: {value!r} is not a date or time (use ISO 8601)") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _field(record: Mapping[str, Any], where: str, *names: str) -> str:
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            return str(value).strip()
    raise UsageError(f"{where}: no {names[0]!r} field")


def read_deploys(path: Path, environment: str) -> list[Deployment]:
    """The deployments a deploy log lists for ``environment``, in time order (failed ones left
    out: they never reached users)."""
    out = []
    for number, record in _records(path, "--deploys"):
        where = f"{path}:{number}"
        env = str(record.get("environment") or "").strip()
        if env and env != environment:
            continue
        status = str(record.get("status") or "").strip().lower()
        if status not in _SUCCESS | _FAILURE | _ROLLBACK:
            known = "success, failure or rollback"
            raise UsageError(f"{where}: status {status!r} is not one of {known}")
        if status in _FAILURE:
            continue
        when = parse_time(_field(record, where, "time", "timestamp", "date"), where)
        commit = _field(record, where, "commit", "sha", "revision")
        repository = str(record.get("repository") or "").strip()
        out.append(
            Deployment(when, commit, where, f"{where} {commit}", status in _ROLLBACK, repository)
        )
    if not out:
        raise UsageError(f"--deploys {path}: no successful deployment to {environment!r} in it")
    out.sort(key=lambda d: d.time)
    return out


def read_incidents(path: Path) -> list[Incident]:
    """The incidents an incidents file lists, in order of start."""
    out = []
    for number, record in _records(path, "--incidents"):
        where = f"{path}:{number}"
        start = parse_time(_field(record, where, "start", "time", "created"), where)
        raw = record.get("resolved") or record.get("end")
        resolved = parse_time(raw, where) if raw not in (None, "") else None
        if resolved is not None and resolved < start:
            raise UsageError(f"{where}: resolved before it started")
        out.append(Incident(start, resolved, where, str(record.get("repository") or "").strip()))
    out.sort(key=lambda i: i.start)
    return out
