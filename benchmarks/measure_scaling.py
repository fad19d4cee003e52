"""``scaleready measure`` on generated repositories of 10,000 to 100,000 commits with one
release tag every 50 commits (up to 2,000 tags), a hotfix before every tenth tag and a merged
side branch every 500 commits (docs/performance.md).

    .venv/bin/python benchmarks/measure_scaling.py                  # 4 sizes, 5 runs each
    .venv/bin/python benchmarks/measure_scaling.py --sizes 100000 --runs 5 --keep /tmp/m

Each repository is written with ``git fast-import`` (seconds, not minutes), then the whole
command runs in a fresh interpreter, as a user runs it, with the window covering the whole
history, so every commit is walked. Reported: the median wall time and CPU time (user and system,
git's included: steadier than wall time on a shared machine); the CPU time of the same command
over an empty window (start-up and reading the tags); their difference, the walk, per commit; and
each size and walk relative to the size before (linear cost keeps the two ratios alike, and
the time per commit flat).
"""

# Fixed git and interpreter commands, no shell: what a user runs.
# ruff: noqa: S603, S607

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

START = 1_577_836_800  # 2020-01-01T00:00:00Z
STEP = 600  # ten minutes between commits
EVERY = 50  # commits per release tag
SIDE = 500  # commits between merged side branches


def _data(text: str) -> str:
    return f"data {len(text.encode())}\n{text}\n"


def _commit(mark: int, parent: int | None, when: int, subject: str, merge: int | None) -> str:
    who = f"Dev <dev@example.com> {when} +0000"
    lines = [f"commit refs/heads/{'side' if merge == -1 else 'main'}", f"mark :{mark}"]
    lines += [f"author {who}", f"committer {who}", _data(subject).rstrip("\n")]
    if parent is not None:
        lines.append(f"from :{parent}")
    if merge is not None and merge > 0:
        lines.append(f"merge :{merge}")
    lines.append(f"M 644 inline f{mark % 97}.txt")
    lines.append(_data(f"{mark}\n").rstrip("\n"))
    return "\n".join(lines) + "\n\n"


def generate(path: Path, commits: int) -> int:
    """A repository of ``commits`` commits and their tags, written by fast-import; the number
    of tags."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(path)], check=True)
    out: list[str] = []
    tags = 0
    previous: int | None = None
    for mark in range(1, commits + 1):
        when = START + mark * STEP
        if mark % SIDE == 0 and previous is not None:
            # A side branch of one commit off main's previous commit, merged back here.
            out.append(_commit(mark + commits, previous, when - 1, "side work", -1))
            out.append(_commit(mark, previous, when, "Merge branch 'side'", mark + commits))
        else:
            subject = (
                f"hotfix: issue {mark}" if mark % (EVERY * 10) == EVERY - 1 else f"change {mark}"
            )
            out.append(_commit(mark, previous, when, subject, None))
        previous = mark
        if mark % EVERY == 0:
            tags += 1
            out.append(f"reset refs/tags/v1.{tags // 100}.{tags % 100}\nfrom :{mark}\n\n")
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=path, input="".join(out).encode(), check=True
    )
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=path, check=True)
    return tags


WHOLE = ("2019-01-01", "2030-01-01")  # every commit in the window
NONE = ("2000-01-01", "2000-01-02")  # no deployment in the window: start-up and tags only


def time_measure(path: Path, runs: int, window: tuple[str, str]) -> tuple[float, float]:
    """The median wall time and CPU time (user and system, git's included) of the whole
    ``measure`` command over ``runs`` runs."""
    command = [
        sys.executable, "-m", "scaleready", "measure", str(path),
        "--since", window[0], "--until", window[1], "--format", "json",
    ]  # fmt: skip
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    """Generate each size, time it, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 25_000, 50_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="Write the repositories here and keep them.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="scaleready-measure-") as scratch:
        where = args.keep or Path(scratch)
        print(f"{'commits':>8} {'tags':>5} {'generate s':>10} {'wall s':>7} {'cpu s':>6}"
              f" {'empty cpu s':>11} {'walk cpu s':>10} {'walk us/commit':>14} {'size x':>6}"
              f" {'walk x':>6}")  # fmt: skip
        previous: tuple[int, float] | None = None
        for size in args.sizes:
            path = where / f"repo-{size}"
            start = time.perf_counter()
            tags = generate(path, size)
            made = time.perf_counter() - start
            wall, cpu = time_measure(path, args.runs, WHOLE)
            _, empty = time_measure(path, args.runs, NONE)
            walk = cpu - empty  # what reading the window's history costs, start-up aside
            before = previous or (size, walk)
            previous = (size, walk)
            print(
                f"{size:>8} {tags:>5} {made:>10.1f} {wall:>7.2f} {cpu:>6.2f} {empty:>11.2f}"
                f" {walk:>10.2f} {walk / size * 1e6:>14.1f} {size / before[0]:>6.1f}"
                f" {walk / before[1]:>6.2f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
