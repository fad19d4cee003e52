"""How long ``scaleready validate`` takes, and how much it prints, for an answers file with very
many problems: N unknown question ids (issue 17: a 10 MB file with 814,822 of them took 3 min 20 s
and printed 814k lines).

Each size runs in a fresh interpreter, ``--runs`` times; the median wall time, the lines printed
to standard error and the peak resident memory of the child are reported.

    .venv/bin/python benchmarks/many_problems.py --ids 10000 100000 814822

``--src DIR`` runs another checkout's ``src`` instead (a before/after): ``git archive HEAD~1 src
questionnaires report_templates | tar -x -C /tmp/before``, then ``--src /tmp/before/src``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCALEREADY = str(Path(sys.executable).parent / "scaleready")


def answers_file(folder: Path, ids: int) -> Path:
    """An answers file of the bundled questionnaire with ``ids`` unknown question ids."""
    path = folder / f"unknown-{ids}.yaml"
    lines = ["questionnaire: {id: scaling-readiness, version: 1.0.0}", "answers:"]
    lines += [f"  x{index:x}: 1" for index in range(ids)]  # short: 814,822 fit in 10 MB
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path: Path, src: str | None) -> tuple[float, int, int]:
    """Wall seconds, lines on standard error, and the child's peak RSS in MB."""
    command = [SCALEREADY] if src is None else [sys.executable, "-m", "scaleready"]
    env = None if src is None else {**os.environ, "PYTHONPATH": src}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own command, no shell
        [*command, "validate", str(path)], capture_output=True, text=True, check=False, env=env
    )
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, done.stderr.count("\n"), max(peak, before) // 1024


def main() -> None:
    """Run every size and print one line each."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ids", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--src", help="another checkout's src folder to run instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for ids in args.ids:
            path = answers_file(Path(folder), ids)
            results = [run(path, args.src) for _ in range(args.runs)]
            median = statistics.median(seconds for seconds, _, _ in results)
            size = path.stat().st_size / 1e6
            print(
                f"{ids:>9,} unknown ids ({size:.1f} MB): median {median:.2f} s over "
                f"{args.runs} runs, {results[0][1]:,} lines on stderr, peak RSS "
                f"{max(peak for _, _, peak in results)} MB (max over all children so far)"
            )


if __name__ == "__main__":
    main()
