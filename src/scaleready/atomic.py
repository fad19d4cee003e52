"""Writing a file so that it is, at every moment, either the old one or the new one, complete."""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
import time
from collections.abc import Iterable
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


FOLLOW_SYMLINKS_FLAG = "--follow-symlinks"


def check_outputs(
    outputs: Iterable[Path],
    inputs: Iterable[Path | None] = (),
    *,
    follow_symlinks: bool = False,
    flag: str | None = FOLLOW_SYMLINKS_FLAG,
) -> None:
    """Refuse, with :class:`UsageError` and before anything is written, outputs that would
    destroy something: an output that is one of the ``inputs`` (or another output), and, unless
    ``follow_symlinks``, an output that is, or whose path goes through, a symbolic link (dangling
    or not) whose target leaves the folder the link is in.

    The one check every command that writes a file makes. Files are compared as the file system
    sees them (a symbolic link, ``sub/../``, a hard link all name the same file). A link is
    refused because in a CI job on a pull request its author chose where it points: a report
    written through ``report.md -> ~/.bashrc`` would replace that file. ``flag`` names the
    option that allows it, for the message.
    """
    given = [path for path in inputs if path is not None]
    written: list[Path] = []
    for path in outputs:
        for earlier, role in [(p, "an input") for p in given] + [
            (p, "already an output") for p in written
        ]:
            if _same_file(path, earlier):
                same = "" if str(path) == str(earlier) else f"the same file as {earlier}, "
                raise UsageError(
                    f"{path} is {same}{role} of this command; not overwriting it: write to "
                    "another file"
                )
        written.append(path)
        if not follow_symlinks:
            _refuse_outward_link(path, flag)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one does not exist (yet): then only the same path names the same file
        return os.path.realpath(a) == os.path.realpath(b)


def _refuse_outward_link(path: Path, flag: str | None) -> None:
    # Every link on the way counts, not only the file's own: with reports -> /home/runner/.ssh in
    # the checkout, -o reports/known_hosts would leave the folder just the same.
    for depth in range(1, len(path.parts) + 1):
        link = Path(*path.parts[:depth])
        if not link.is_symlink():
            continue
        folder = Path(os.path.realpath(link.parent))
        target = Path(os.path.realpath(link))
        if target.parent == folder or folder in target.parents:
            continue
        allow = f" (pass {flag} to allow it)" if flag else ""
        raise UsageError(
            f"{link} is a symbolic link to {target}, outside {link.parent}; not writing "
            f"through it{allow}"
        )
