"""Writing a file so that it is, at every moment, either the old one or the new one, complete."""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from pathlib import Path

from scaleready.errors import UsageError


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text``, durably, even if the process is killed or power is lost.

    A temporary file in the same directory (a rename is only atomic within one file system) is
    written, flushed and fsynced, then renamed over ``path``; the directory is then fsynced so the
    rename itself is durable. A symbolic link is followed, so the link stays a link. Raise
    :class:`UsageError` if anything fails; the previous file is then untouched. Temporary files
    an earlier write left behind (killed with ``kill -9`` between writing and renaming) are
    removed.
    """
    target = Path(os.path.realpath(path))
    existed = target.exists()
    _remove_stale(target)
    tmp: str | None = None
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if existed else _default_mode()
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        intact = "the previous file is intact" if existed else "nothing was written"
        reason = exc.strerror or str(exc)
        raise UsageError(f"cannot save {path}: {reason}; {intact}") from None
    finally:
        # Also on KeyboardInterrupt: never leave a stray temporary file behind.
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _fsync_directory(target.parent)


STALE_AFTER = 60.0
"""Seconds after which another write's temporary file is left over, not in progress: a write
takes milliseconds."""


def _remove_stale(target: Path) -> None:
    # Only this file's own temporary files (mkstemp adds 8 characters), and only old ones, so
    # that a write still in progress elsewhere is never disturbed.
    pattern = f".{glob.escape(target.name)}.{'[!.]' * 8}.tmp"
    now = time.time()
    for stale in target.parent.glob(pattern):
        with contextlib.suppress(OSError):
            if now - stale.lstat().st_mtime > STALE_AFTER:
                stale.unlink()


def _fsync_directory(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return  # some platforms cannot open a directory; the rename is still atomic there
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _default_mode() -> int:
    # mkstemp creates files readable by the owner only; a new file gets the usual mode.
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
