"""How loading, validating and scoring grow with the size of a questionnaire.

For each size (questions = rules), ``generate.py`` writes a questionnaire and an answers file; then
a fresh interpreter per run imports scaleready (not timed: ``startup.py`` measures that), and times

- load + validate: ``load_questionnaire`` (reading the YAML; then checking it: structure, ids
  and cross-references, every expression checked and compiled) and ``load_answers`` (the
  answers file read and checked against it), each step timed;
- score: ``assess`` and the result's JSON text.

Each size is run ``--runs`` times, interleaved with the other sizes so that noise from other work
on the machine spreads over all of them; the table shows medians. Peak memory comes from one
extra run per size under ``tracemalloc`` (Python's own allocations while loading and scoring;
tracing slows the run down, so its times are not used), and ``maxrss`` from the timed runs (the
whole process, interpreter and libraries included).

    python benchmarks/scale.py                      # sizes 250 500 1000 2000, 5 runs each
    python benchmarks/scale.py --sizes 2000 --runs 3
    python benchmarks/scale.py --gc-comparison     # also with the collector's pause turned off
"""

from __future__ import annotations

import argparse
import contextlib
import json
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run as a script: make ``benchmarks`` importable

from benchmarks.generate import write  # noqa: E402


def measure(
    questionnaire: Path, answers: Path, trace: bool, gc_pause: bool = True
) -> dict[str, float]:
    """Load, validate and score once in this process; return the phases' times in seconds.

    ``load_questionnaire`` is done in its two steps, so that reading the YAML and checking it
    are timed apart; together they are exactly what it does. The collector is paused around
    the work, as the command line pauses it around a command, unless ``gc_pause`` is false.
    """
    from scaleready.cli.gcpause import gc_paused

    with gc_paused() if gc_pause else contextlib.nullcontext():
        return _measure(questionnaire, answers, trace)


def _measure(questionnaire: Path, answers: Path, trace: bool) -> dict[str, float]:
    from scaleready.engine import assess
    from scaleready.errors import errors_only
    from scaleready.loading.answers import load_answers
    from scaleready.loading.questionnaire import check_questionnaire
    from scaleready.loading.yaml_source import load_yaml

    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    doc = load_yaml(questionnaire)
    read_at = time.perf_counter()
    loaded, problems = check_questionnaire(doc)
    checked_at = time.perf_counter()
    if loaded is None or errors_only(problems):
        raise SystemExit(f"{questionnaire} is not valid: {errors_only(problems)[:3]}")
    given = load_answers(answers, loaded)
    loaded_at = time.perf_counter()
    text = assess(loaded, given).to_json()
    end = time.perf_counter()
    figures = {
        "read": read_at - start,
        "check": checked_at - read_at,
        "answers": loaded_at - checked_at,
        "load": loaded_at - start,
        "score": end - loaded_at,
        "total": end - start,
        "json_bytes": float(len(text)),
        # ru_maxrss is in kilobytes on Linux.
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    if trace:
        figures["peak_mb"] = tracemalloc.get_traced_memory()[1] / 1024 / 1024
        tracemalloc.stop()
    return figures


def _run(
    questionnaire: Path, answers: Path, trace: bool = False, gc_pause: bool = True
) -> dict[str, float]:
    command = [sys.executable, __file__, "--measure", str(questionnaire), str(answers)]
    if trace:
        command.append("--trace")
    if not gc_pause:
        command.append("--no-gc-pause")
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    figures: dict[str, float] = json.loads(out)
    return figures


def main() -> None:
    """Command line: generate, measure every size, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "scaleready-scale"
    )
    parser.add_argument("--measure", type=Path, nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-gc-pause", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--gc-comparison",
        action="store_true",
        help="also run every size with scaleready's garbage-collector pause turned off",
    )
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    args = parser.parse_args()
    if args.measure:
        # Import everything first, so that only loading and scoring are timed.
        import scaleready.engine
        import scaleready.loading.answers
        import scaleready.loading.questionnaire  # noqa: F401

        questionnaire, answers = args.measure
        figures = measure(questionnaire, answers, trace=args.trace, gc_pause=not args.no_gc_pause)
        print(json.dumps(figures))
        return
    files = {size: write(args.out, size, size) for size in args.sizes}
    runs: dict[int, list[dict[str, float]]] = {size: [] for size in args.sizes}
    unpaused: dict[int, list[dict[str, float]]] = {size: [] for size in args.sizes}
    for _ in range(args.runs):
        for size in args.sizes:
            runs[size].append(_run(*files[size]))
            if args.gc_comparison:
                unpaused[size].append(_run(*files[size], gc_pause=False))
    peaks = {size: _run(*files[size], trace=True)["peak_mb"] for size in args.sizes}
    _print_tables(args, files, runs, unpaused, peaks)


def _print_tables(
    args: argparse.Namespace,
    files: dict[int, tuple[Path, Path]],
    runs: dict[int, list[dict[str, float]]],
    unpaused: dict[int, list[dict[str, float]]],
    peaks: dict[int, float],
) -> None:
    """The Markdown tables (and the raw figures, with ``--json``)."""
    print(
        f"python {platform.python_version()}, {platform.machine()}, "
        f"nproc {_nproc()}, {args.runs} runs per size, medians\n"
    )
    print(
        "| questions + rules | file | load + validate (YAML / checks / answers) | score "
        "| total | per question | peak (tracemalloc) | maxrss |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows: list[dict[str, Any]] = []
    for size in args.sizes:
        med = {
            key: statistics.median(r[key] for r in runs[size])
            for key in ("read", "check", "answers", "load", "score", "total", "maxrss_mb")
        }
        kb = files[size][0].stat().st_size / 1024
        rows.append({"size": size, "file_kb": kb, **med, "peak_mb": peaks[size]})
        ms = {key: f"{value * 1000:,.0f}" for key, value in med.items()}
        print(
            f"| {size:,} + {size:,} | {kb:,.0f} KB "
            f"| {ms['load']} ms ({ms['read']} / {ms['check']} / {ms['answers']}) "
            f"| {ms['score']} ms | {ms['total']} ms | {med['total'] / size * 1e6:,.0f} µs "
            f"| {peaks[size]:,.1f} MB | {med['maxrss_mb']:,.0f} MB |"
        )
    if args.gc_comparison:
        print(
            "\n| questions + rules | total, collector paused | total, collector running | ratio |"
        )
        print("|---:|---:|---:|---:|")
        for size in args.sizes:
            paused = statistics.median(r["total"] for r in runs[size])
            running = statistics.median(r["total"] for r in unpaused[size])
            print(
                f"| {size:,} + {size:,} | {paused * 1000:,.0f} ms | {running * 1000:,.0f} ms "
                f"| {running / paused:.2f}x |"
            )
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "runs": runs}, indent=2) + "\n")


def _nproc() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


if __name__ == "__main__":
    main()
