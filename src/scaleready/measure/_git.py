"""Reading a repository with the git command line, streamed: tags in one ``for-each-ref``,
commits in one ``log`` walk, whatever the number of tags or commits.

The walk answers "which deployment first contains each commit" without a ``git tag --contains``
per commit nor a ``git log A..B`` per pair of tags (thousands of processes would cost seconds on
their own): one ``git log --topo-order`` from every deployment in the window, excluding what the
deployment before the window already shipped, lists each commit after all of its children, so a
commit's first deployment is the earliest of its children's, passed down as the walk goes. Only
the walk's frontier is held in memory, and the cost is linear in the commits in the window.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path

from scaleready.errors import UsageError
from scaleready.measure.model import Change, Deployment

_RECORD = "\x1e"
_FIELD = "\x1f"
_REVERTS = re.compile(r"This reverts commit ([0-9a-f]{40})")


def _git(root: Path, *args: str, stdin: str | None = None) -> str:
    try:
        done = subprocess.run(  # noqa: S603 - fixed git arguments, no shell
            ["git", *args],  # noqa: S607 - git from PATH is what a user runs too
            cwd=root,
            input=stdin,
            capture_output=True,
            check=False,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
    except FileNotFoundError:
        raise UsageError("git is not installed, and measure reads history with git") from None
    if done.returncode != 0:
        raise UsageError(f"{root}: git {args[0]} failed: {done.stderr.strip() or done.returncode}")
    return done.stdout


def _stream(root: Path, args: Sequence[str], stdin: str) -> Iterator[str]:
    """The lines git prints, as it prints them (the history is never held whole)."""
    # Errors go to a file, not a pipe: a pipe nobody reads while stdout is read could fill up
    # and stop git.
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as errors:
        process = subprocess.Popen(  # noqa: S603 - fixed git arguments, no shell
            ["git", *args],  # noqa: S607
            cwd=root,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        assert process.stdin is not None
        assert process.stdout is not None
        try:
            # git reads every revision from stdin before it prints anything, so writing them
            # all first cannot block on a full stdout.
            process.stdin.write(stdin)
            process.stdin.close()
            yield from process.stdout
        finally:
            process.stdout.close()
            if process.wait() != 0:
                errors.seek(0)
                raise UsageError(f"{root}: git {args[0]} failed: {errors.read().strip()}")


def repository_root(path: Path) -> Path:
    """The top of the repository ``path`` is in; :class:`UsageError` naming ``path`` if it is
    not a directory in a git repository."""
    if not path.is_dir():
        raise UsageError(f"{path}: not a directory (measure reads a git repository)")
    try:
        inside = _git(path, "rev-parse", "--is-inside-work-tree", "--git-dir").split()
    except UsageError:
        raise UsageError(f"{path} is not a git repository") from None
    if inside[0] != "true":  # a bare repository: its own directory is the root
        return path
    return Path(_git(path, "rev-parse", "--show-toplevel").strip())


def is_shallow(root: Path) -> bool:
    """Whether the repository is a shallow clone (its oldest commits are missing)."""
    return _git(root, "rev-parse", "--is-shallow-repository").strip() == "true"


def _time(seconds: str) -> datetime:
    return datetime.fromtimestamp(int(seconds), tz=timezone.utc)


def read_tags(
    root: Path, release: re.Pattern[str], rollback: re.Pattern[str], branch: str | None
) -> tuple[list[Deployment], int]:
    """The tags that are deployments (matching ``release`` or ``rollback``), in time order,
    and how many tags there are in all. A tag's time is its tagger date (an annotated tag) or
    its commit's date (a lightweight one)."""
    fields = "%(refname:strip=2)%1f%(objecttype)%1f%(objectname)%1f%(*objectname)%1f"
    fields += "%(creatordate:unix)"
    args = ["for-each-ref", f"--format={fields}", "refs/tags"]
    if branch is not None:
        _branch_exists(root, branch)
        args.insert(1, f"--merged={branch}")
    found: list[Deployment] = []
    total = 0
    for line in _git(root, *args).splitlines():
        name, kind, sha, peeled, when = line.split(_FIELD)
        total += 1
        commit = peeled if kind == "tag" else sha
        is_rollback = bool(rollback.search(name))
        if not (release.search(name) or is_rollback) or not when:
            continue
        found.append(Deployment(_time(when), commit, name, f"tag {name}", is_rollback))
    found.sort(key=lambda d: (d.time, d.name))
    return found, total


def _branch_exists(root: Path, branch: str) -> None:
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{branch}^{{commit}}")
    except UsageError:
        raise UsageError(f"--branch {branch}: no such branch in {root}") from None


def resolve_commits(root: Path, names: Sequence[str]) -> dict[str, str]:
    """Full commit ids of ``names`` (shas, short shas, refs) that exist, in one git call."""
    out = _git(
        root, "cat-file", "--batch-check=%(objectname) %(objecttype)", stdin="\n".join(names) + "\n"
    )
    resolved = {}
    for name, line in zip(names, out.splitlines(), strict=True):
        parts = line.split()
        if len(parts) == 2 and parts[1] == "commit":
            resolved[name] = parts[0]
    return resolved


def walk(
    root: Path, deployments: Sequence[Deployment], base: str | None, remediation: re.Pattern[str]
) -> tuple[list[Change], dict[int, str]]:
    """The non-merge commits the deployments shipped (each with the first deployment containing
    it), and the deployments that remediate an earlier one, with the commit that says so.

    A revert counts only when the commit it reverts was deployed earlier: reverting a change
    before it shipped remediates nothing.
    """
    labels: dict[str, int] = {}
    for index, deployment in enumerate(deployments):
        labels[deployment.commit] = min(labels.get(deployment.commit, index), index)
    revs = "".join(f"{d.commit}\n" for d in deployments) + (f"^{base}\n" if base else "")
    fmt = f"--format={_RECORD}%H{_FIELD}%P{_FIELD}%at{_FIELD}%s%n%b"
    changes: list[Change] = []
    fixes: dict[int, str] = {}
    reverts: dict[str, tuple[int, str]] = {}  # reverted sha -> the revert's deployment, evidence
    pending: tuple[int, str] | None = None  # a revert whose message is being read
    for line in _stream(root, ["log", "--topo-order", fmt, "--stdin"], revs):
        if not line.startswith(_RECORD):
            match = _REVERTS.search(line) if pending is not None else None
            if pending is not None and match:
                reverts[match.group(1)] = pending
                pending = None
            continue
        if pending is not None:  # a revert that does not say what it reverts counts as it is
            fixes.setdefault(*pending)
            pending = None
        sha, parents, when, subject = line[1:].rstrip("\n").split(_FIELD, 3)
        label = labels.pop(sha, len(deployments))
        for parent in parents.split():
            labels[parent] = min(labels.get(parent, label), label)
        if reverts.get(sha, (-1, ""))[0] == label:
            del reverts[sha]  # reverted within the deployment that shipped it
        if label == len(deployments):  # pragma: no cover - every commit walked is deployed
            continue
        if len(parents.split()) <= 1:
            changes.append(Change(sha, int(when), label))
        if remediation.search(subject):
            evidence = (label, f"{sha[:12]} {subject}")
            if subject.startswith("Revert "):
                pending = evidence
            else:
                fixes.setdefault(*evidence)
    if pending is not None:
        fixes.setdefault(*pending)
    for index, why in reverts.values():
        fixes.setdefault(index, why)
    return changes, fixes
