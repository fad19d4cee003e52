"""Whether each performance device pays its way: the same work with and without it, in one run.

Four workloads, each timed in a fresh interpreter after the imports (start-up is measured by
``startup.py``), so that every run is a command's first and only load, as on the command line:

- ``bundled``: the bundled questionnaire loaded and checked, then every ``examples/*.yaml``
  loaded, checked and scored (``assess`` and the JSON text);
- ``gen200``: the same for a generated questionnaire of 200 questions and 200 rules
  (``generate.py``) and its answers file;
- ``workshop500``: ``load_responses`` and ``run_workshop`` over 500 generated answers files
  (``workshop_scale.py``);
- ``validate7``: ``validate_files`` of the seven ``examples/*.yaml``, each checked against the
  bundled questionnaire it names (as ``scaleready validate examples/*.yaml``).

Each run's figure is the CPU time of the work (``time.process_time``). Each variant turns
one device off (``--variants`` picks some); the runs of all variants are interleaved so that
the machine's noise falls on all of them alike, and the table gives medians, minima and each
variant's ratio to the devices all on (above 1.00x: the device saves that much), three ways: of
the medians, of the minima (interference only ever adds time), and the median of each round's
ratio.

    python benchmarks/devices.py                       # 9 runs, every workload and variant
    python benchmarks/devices.py --runs 5 --workloads workshop500
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))  # run as a script: make ``benchmarks`` importable

WORKLOADS = ("bundled", "gen200", "workshop500", "validate7")


def _variants() -> dict[str, Callable[[], None]]:
    """Each variant: a function that turns one device off in this process."""
    from scaleready.loading import _yaml_events, questionnaire

    read_plain = _yaml_events.read_plain

    def no_event_reader() -> None:
        _yaml_events.read_plain = lambda loader, scalars: None  # type: ignore[assignment]

    def no_scalar_cache() -> None:
        _yaml_events._SCALARS_LIMIT = 0  # type: ignore[attr-defined]

    def per_document_cache() -> None:
        _yaml_events.read_plain = lambda loader, scalars: read_plain(loader, {})  # type: ignore[assignment]

    def no_questionnaire_cache() -> None:
        questionnaire._checked = questionnaire._checked.__wrapped__  # type: ignore[attr-defined]

    return {
        "all on": lambda: None,
        "no event reader": no_event_reader,
        "no GC pause": lambda: None,  # _measure leaves the collector running
        "no scalar cache": no_scalar_cache,
        "per-document scalar cache": per_document_cache,
        "no questionnaire cache": no_questionnaire_cache,
    }


def _work(workload: str, files: list[Path]) -> Callable[[], None]:
    """The work to time, with everything it needs imported."""
    if workload == "validate7":
        from scaleready.ci.validate import validate_files

        def validate() -> None:
            validate_files(files)

        return validate
    if workload == "workshop500":
        from scaleready.workshop.core import run_workshop
        from scaleready.workshop.load import load_responses

        def workshop() -> None:
            questionnaire, responses = load_responses(files)
            run_workshop(questionnaire, responses)

        return workshop

    from scaleready.engine import assess
    from scaleready.loading.answers import load_answers
    from scaleready.loading.questionnaire import load_questionnaire

    def score() -> None:
        questionnaire = load_questionnaire(files[0])[0]
        for path in files[1:]:
            assess(questionnaire, load_answers(path, questionnaire)).to_json()

    return score


def _measure(workload: str, variant: str, files: list[Path]) -> float:
    """In a fresh interpreter: the variant's device off, then the work once; its CPU seconds.

    CPU time of this process, not wall time: the other work on a shared machine then delays
    a run without counting in it (the cores are shared, the caches still are).
    """
    from scaleready.cli.gcpause import gc_paused

    work = _work(workload, files)
    _variants()[variant]()
    # The collector paused around the work, as the command line pauses it around a command.
    pause = contextlib.nullcontext() if variant == "no GC pause" else gc_paused()
    start = time.process_time()
    with pause:
        work()
    return time.process_time() - start


def _files(workload: str, out: Path) -> list[Path]:
    if workload == "bundled":
        examples = sorted((REPO / "examples").glob("*.yaml"))
        return [REPO / "questionnaires" / "scaling-readiness.yaml", *examples]
    if workload == "validate7":
        return sorted((REPO / "examples").glob("*.yaml"))
    if workload == "gen200":
        from benchmarks.generate import write

        return list(write(out / "gen200", 200, 200))
    folder = out / "workshop500"
    existing = sorted(folder.glob("person-*.yaml"))
    if len(existing) >= 500:
        return existing[:500]
    from benchmarks.workshop_scale import write_participants

    folder.mkdir(parents=True, exist_ok=True)
    return write_participants(folder, 500)


def main() -> None:
    """Command line: every workload with every variant, interleaved; a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--workloads", nargs="+", choices=WORKLOADS, default=list(WORKLOADS))
    parser.add_argument("--variants", nargs="+", default=None, help="default: all")
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "scaleready-devices"
    )
    parser.add_argument("--json", type=Path, help="also write every run's figure here")
    parser.add_argument("--measure", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--files", type=Path, nargs="*", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(_measure(args.measure[0], args.measure[1], args.files)))
        return
    variants = args.variants or list(_variants())
    if "all on" not in variants:
        variants.insert(0, "all on")
    files = {w: _files(w, args.out) for w in args.workloads}
    times: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.runs):
        for workload in args.workloads:
            for variant in variants:
                command = [sys.executable, __file__, "--measure", workload, variant, "--files"]
                command += [str(p) for p in files[workload]]
                out = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
                times.setdefault((workload, variant), []).append(json.loads(out.stdout))
    print(f"{args.runs} runs of each, interleaved, fresh interpreters; CPU time\n")
    print(
        "| workload | variant | median | min | ratio of medians | ratio of minima "
        "| median of the runs' ratios |"
    )
    print("|---|---|---:|---:|---:|---:|---:|")
    for workload in args.workloads:
        base = times[(workload, "all on")]
        for variant in variants:
            runs = times[(workload, variant)]
            # Each run's ratio to the all-on run of the same round: noise that lasts a round
            # (another job on the machine) falls on both.
            paired = statistics.median(r / b for r, b in zip(runs, base, strict=True))
            print(
                f"| {workload} | {variant} | {statistics.median(runs) * 1000:,.1f} ms "
                f"| {min(runs) * 1000:,.1f} ms "
                f"| {statistics.median(runs) / statistics.median(base):.2f}x "
                f"| {min(runs) / min(base):.2f}x | {paired:.2f}x |"
            )
    if args.json:
        raw = {f"{w} / {v}": t for (w, v), t in times.items()}
        args.json.write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
