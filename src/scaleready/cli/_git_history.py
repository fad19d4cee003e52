"""Reading an answers file's committed versions from git: the I/O of ``scaleready history``.

The versions are handed to :func:`scaleready.ci.history.score_versions`, which is pure.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from scaleready.ci.history import Version
from scaleready.errors import UsageError


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(  # noqa: S603 - fixed git arguments, no shell
            ["git", *args],  # noqa: S607 - git from PATH is what a user runs too
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError("git is not installed, and history is read from git") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip() or done.returncode
        raise UsageError(f"git {args[0]} failed: {reason}")
    return done.stdout


def _git_text(cwd: Path, *args: str) -> str:
    # git prints paths and commit subjects in UTF-8 unless configured otherwise.
    return _git(cwd, *args).decode("utf-8", "replace")


def git_versions(path: Path) -> tuple[list[Version], bool]:
    """Every committed version of ``path``, oldest first (following renames), and whether the
    repository is a shallow clone."""
    folder = path.resolve().parent
    try:
        top = Path(_git_text(folder, "rev-parse", "--show-toplevel").strip())
    except UsageError:
        raise UsageError(f"{path} is not in a git repository") from None
    relative = path.resolve().relative_to(top.resolve()).as_posix()
    log = _git_text(
        top, "log", "--follow", "--name-only", "--format=%x1e%H%x1f%cI%x1f%s", "--", relative
    )
    versions = []
    for record in log.split("\x1e")[1:]:
        head, _, names = record.partition("\n")
        commit, date, subject = head.split("\x1f", 2)
        name = next((n for n in names.splitlines() if n.strip()), relative)
        try:
            data = _git(top, "show", f"{commit}:{name}")
        except UsageError:
            continue  # the commit deleted the file
        # Where the file stood in the checkout: a questionnaire.path in it is relative to that.
        versions.append(Version(commit, date, subject, str(top / name), data))
    if not versions:
        raise UsageError(f"{path} has no committed versions (is it committed?)")
    shallow = _git_text(top, "rev-parse", "--is-shallow-repository").strip() == "true"
    return list(reversed(versions)), shallow
