"""Start-up time of scaleready's commands against a minimal typer app's ``--help``.

Every command runs in a fresh interpreter (the one running this script), timed from outside with
``time.perf_counter`` around ``subprocess.run``, so the figures include Python's own start-up,
imports and the work, as a user sees them. The commands are interleaved, in an order that
rotates from run to run, so that noise from other work on the machine falls on all of them alike;
each is run twice untimed first (to warm the file cache and the bytecode cache). The ratios are
of medians measured in the same run.

Two settings are measured, each in its own table:

- with bytecode cached, as an installed package runs (pip writes ``.pyc`` files when it
  installs; an editable install writes them on first use). The subprocesses get their own
  ``PYTHONPYCACHEPREFIX``, so nothing is written into the source tree, and
  ``PYTHONDONTWRITEBYTECODE`` is removed from their environment;
- without (``PYTHONDONTWRITEBYTECODE=1`` and no ``.pyc`` under the prefix, as on a machine that
  sets it, this one included): every module of scaleready is compiled from source at every run,
  while the site-packages keep the bytecode pip wrote for them.

    python benchmarks/startup.py                 # 15 runs of each command, both settings
    python benchmarks/startup.py --runs 31 --cached-only
    python benchmarks/startup.py --baseline-src /tmp/before/src   # before/after in one run
    python benchmarks/startup.py --env-variant PYDANTIC_DISABLE_PLUGINS=1
    python benchmarks/startup.py --cpu           # CPU time instead: steadier on a busy machine
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MINIMAL = "minimal typer app --help"
TARGETS = {"scaleready --help": 1.5, "scaleready score --format json": 2.5}


@dataclass(frozen=True)
class Command:
    """One command to time: its arguments, extra environment and working directory."""

    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path = ROOT

    def shown(self) -> str:
        """The command as the report prints it: ``python`` for this interpreter, paths short."""
        words = []
        for word in self.argv:
            if word == sys.executable:
                word = "python"
            elif word.startswith(str(ROOT) + os.sep):
                word = os.path.relpath(word, ROOT)
            words.append(word)
        settings = [f"{k}={v}" for k, v in self.env.items()]
        return " ".join([*settings, *words])


def scaleready_command() -> list[str]:
    """How to run the installed ``scaleready`` script with this interpreter."""
    script = Path(sys.executable).parent / "scaleready"
    if script.is_file():
        return [sys.executable, str(script)]
    return [sys.executable, "-m", "scaleready"]


def commands(
    baselines: list[Path] | None = None, variants: list[str] | None = None
) -> dict[str, Command]:
    """The commands measured, by the name the report uses; with ``baselines`` (the ``src``
    folders of other checkouts), the same scaleready commands run from each too, for a
    before/after (extract the current tree as well to compare both found by ``PYTHONPATH``)."""
    scaleready = scaleready_command()
    example = str(ROOT / "examples" / "healthy-scale-up.yaml")
    named = {
        MINIMAL: Command([sys.executable, str(HERE / "minimal_typer_app.py"), "--help"]),
        "scaleready --help": Command([*scaleready, "--help"]),
        "scaleready score --format json": Command(
            [*scaleready, "score", example, "--format", "json"]
        ),
    }
    for variant in variants or []:
        name, _, value = variant.partition("=")
        named[f"scaleready score --format json with {variant}"] = Command(
            [*scaleready, "score", example, "--format", "json"], {name: value}
        )
    for baseline in baselines or []:
        env = {"PYTHONPATH": str(baseline)}  # found before the installed (editable) package
        label = "baseline" if len(baselines or []) == 1 else f"{baseline}"
        named[f"{label}: scaleready --help"] = Command([*scaleready, "--help"], env)
        named[f"{label}: scaleready score --format json"] = Command(
            [*scaleready, "score", example, "--format", "json"], env
        )
    return named


def subprocess_env(bytecode_cache: bool) -> dict[str, str]:
    """The environment the timed commands run in (see the module's docstring)."""
    env = dict(os.environ)
    env.pop("PYTHONPYCACHEPREFIX", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if bytecode_cache:
        env["PYTHONPYCACHEPREFIX"] = str(Path(tempfile.gettempdir()) / "scaleready-bench-pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def time_once(command: Command, env: dict[str, str], cpu: bool = False) -> float:
    """Seconds one run of ``command`` takes (wall time, or with ``cpu`` the CPU time, user and
    system, of the process and its children); fail loudly if it does not succeed."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(  # noqa: S603 - our own commands
        command.argv,
        check=True,
        stdout=subprocess.DEVNULL,
        cwd=command.cwd,
        env={**env, **command.env},
    )
    if not cpu:
        return time.perf_counter() - start
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    return now.ru_utime - used.ru_utime + now.ru_stime - used.ru_stime


def measure(
    named: dict[str, Command], runs: int, env: dict[str, str], cpu: bool = False
) -> dict[str, list[float]]:
    """Run every command ``runs`` times, interleaved in a rotating order, after two warm-ups."""
    names = list(named)
    for _ in range(2):
        for name in names:
            time_once(named[name], env)
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(runs):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(time_once(named[name], env, cpu))
    return times


def table(
    named: dict[str, Command],
    times: dict[str, list[float]],
    base_name: str = MINIMAL,
    targets: dict[str, float] | None = None,
) -> str:
    """A Markdown table of medians, extremes and ratios to ``base_name``'s median."""
    targets = TARGETS if targets is None else targets
    base = statistics.median(times[base_name])
    lines = [
        f"| command | median | min | max | ratio to `{base_name}` | target |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, values in times.items():
        median = statistics.median(values)
        target = f"<= {targets[name]}x" if name in targets else ""
        lines.append(
            f"| `{named[name].shown()}` | {median * 1000:.0f} ms | {min(values) * 1000:.0f} ms "
            f"| {max(values) * 1000:.0f} ms | {median / base:.2f}x | {target} |"
        )
    return "\n".join(lines)


def machine() -> str:
    """What the figures were measured on."""
    return (
        f"python {platform.python_version()} ({platform.machine()}), "
        f"nproc {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()}"
    )


def main() -> None:
    """Command line: measure and print a Markdown table per setting."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--cached-only", action="store_true", help="skip the uncached setting")
    parser.add_argument("--json", type=Path, help="also write the raw times here")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="CPU time of each command instead of wall time (steadier on a busy machine)",
    )
    parser.add_argument(
        "--baseline-src",
        type=Path,
        action="append",
        metavar="DIR",
        help="also time scaleready from this src folder (e.g. `git archive` of an older commit; "
        "repeatable)",
    )
    parser.add_argument(
        "--env-variant",
        action="append",
        metavar="NAME=VALUE",
        help="also time `score` with this environment variable set (repeatable)",
    )
    args = parser.parse_args()
    named = commands(args.baseline_src, args.env_variant)
    settings = [("bytecode cached", True)]
    if not args.cached_only:
        settings.append(("bytecode not cached (PYTHONDONTWRITEBYTECODE=1)", False))
    raw: dict[str, dict[str, list[float]]] = {}
    clock = "CPU time" if args.cpu else "wall time"
    print(f"{machine()}; {args.runs} runs of each command, interleaved; {clock}, medians\n")
    for title, cached in settings:
        times = measure(named, args.runs, subprocess_env(cached), args.cpu)
        raw[title] = times
        print(f"{title}:\n\n{table(named, times)}\n")
    if args.json:
        args.json.write_text(json.dumps(raw, indent=2) + "\n")


if __name__ == "__main__":
    main()
