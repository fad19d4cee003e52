"""scaleready next to devops-maturity, an existing tool that scores a YAML file of answers.

devops-maturity (PyPI, ``dm``) turns yes/no answers about DevOps practices into a score, a level
and a badge; ``dm config --file devops-maturity.yml --format json`` is its counterpart of
``scaleready score answers.yaml --format json``. It must live in a virtualenv of its own (it
pulls in litellm, FastAPI, SQLAlchemy and more), by default /tmp/dm-venv:

    python -m venv /tmp/dm-venv && /tmp/dm-venv/bin/pip install devops-maturity==1.1.0
    python benchmarks/devops_maturity.py            # 15 runs of each, interleaved

Both commands run the same way as in ``startup.py`` (fresh interpreters, interleaved, two
warm-ups, bytecode cached under a private prefix). ``dm`` runs in a temporary directory, because
it writes every assessment into ``./devops_maturity.db``, with ``LITELLM_LOCAL_MODEL_COST_MAP=True``
so that importing litellm does not fetch its price list from the network. The answers it reads
are ``benchmarks/devops-maturity.yml``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from benchmarks.startup import (
    HERE,
    MINIMAL,
    ROOT,
    Command,
    machine,
    measure,
    scaleready_command,
    subprocess_env,
    table,
)

SCALEREADY = "scaleready score --format json"
DM = "dm config --format json"


def main() -> None:
    """Command line: time both tools and print a Markdown table with the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--venv", type=Path, default=Path(tempfile.gettempdir()) / "dm-venv")
    args = parser.parse_args()
    dm = args.venv / "bin" / "dm"
    if not dm.is_file():
        sys.exit(
            f"{dm} not found: python -m venv {args.venv} && "
            f"{args.venv}/bin/pip install devops-maturity==1.1.0"
        )
    with tempfile.TemporaryDirectory() as scratch:
        named = {
            MINIMAL: Command([sys.executable, str(HERE / "minimal_typer_app.py"), "--help"]),
            SCALEREADY: Command(
                [
                    *scaleready_command(),
                    "score",
                    str(ROOT / "examples" / "healthy-scale-up.yaml"),
                    "--format",
                    "json",
                ]
            ),
            DM: Command(
                [
                    str(dm),
                    "config",
                    "--file",
                    str(HERE / "devops-maturity.yml"),
                    "--format",
                    "json",
                ],
                env={"LITELLM_LOCAL_MODEL_COST_MAP": "True"},
                cwd=Path(scratch),
            ),
        }
        times = measure(named, args.runs, subprocess_env(bytecode_cache=True))
    print(f"{machine()}; {args.runs} runs of each command, interleaved; medians\n")
    print(table(named, times, targets={}))
    ratio = statistics.median(times[DM]) / statistics.median(times[SCALEREADY])
    print(f"\n`{DM}` / `{SCALEREADY}` = {ratio:.2f}x (ratio of medians)")


if __name__ == "__main__":
    main()
