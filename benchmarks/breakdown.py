"""Where the time goes when one generated questionnaire is loaded, validated and scored.

In one interpreter (imports first, not timed), each step is timed ``--runs`` times and the
median shown: reading the YAML, the structural validation (pydantic), all of the
questionnaire's checks, and within them the expressions (reading, checking and compiling
them all with ``expressions.check_all``; and Jinja's parser alone, its share of that), the
answers file, and scoring. The steps run with the collector paused, as the command line runs a
command.

    python benchmarks/breakdown.py                  # 2,000 questions and rules, 5 runs
    python benchmarks/breakdown.py --size 500
    python benchmarks/breakdown.py --files questionnaires/scaling-readiness.yaml \
        examples/healthy-scale-up.yaml
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from jinja2.parser import Parser

from benchmarks.generate import write
from scaleready.engine import assess
from scaleready.expressions import compiler as expressions
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import check_questionnaire
from scaleready.loading.structure import validate_model
from scaleready.loading.yaml_source import load_yaml

try:
    from scaleready.cli.gcpause import gc_paused
except ImportError:  # an older scaleready, which did not pause the collector
    gc_paused = contextlib.nullcontext  # type: ignore[assignment]


def sources(q: Questionnaire) -> list[tuple[str, tuple[str, ...]]]:
    """Every expression of ``q`` with the names it may use, as the loader checks them."""
    items: list[tuple[str, tuple[str, ...]]] = []
    everywhere = ("answers", "stage")
    for section in q.sections:
        if section.when is not None:
            items.append((section.when, everywhere))
        items += [(x.when, everywhere) for x in section.questions if x.when is not None]
    if q.stage is not None:
        items += [(s.when, ("answers",)) for s in q.stage.signals]
    items += [(r.when, everywhere) for r in q.rules]
    return items


def main() -> None:
    """Command line: time each step and print a Markdown table of medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--out", type=Path, default=Path(tempfile.gettempdir()) / "scaleready-scale"
    )
    parser.add_argument(
        "--files",
        type=Path,
        nargs=2,
        metavar=("QUESTIONNAIRE", "ANSWERS"),
        help="time these files instead of a generated questionnaire",
    )
    args = parser.parse_args()
    q_path, a_path = args.files or write(args.out, args.size, args.size)
    doc = load_yaml(q_path)
    loaded, _ = check_questionnaire(doc)
    assert loaded is not None
    items = sources(loaded)
    index = expressions.question_index(x.id for x in loaded.questions)
    env = expressions.environment()
    given = load_answers(a_path, loaded)

    def parse_all() -> None:
        for source, _ in items:
            Parser(env, source, state="variable").parse_expression()

    def check_all() -> None:
        if hasattr(expressions, "check_all"):
            expressions.check_all(items, index)
        else:  # an older scaleready (see --baseline-src in startup.py): one by one
            for source, names in items:
                expressions.check(source, index, names)

    steps: dict[str, Callable[[], Any]] = {
        "read the questionnaire's YAML": lambda: load_yaml(q_path),
        "structure (pydantic)": lambda: validate_model(doc, Questionnaire),
        "all checks (structure included)": lambda: check_questionnaire(doc),
        f"  of which: read, check and compile {len(items):,} expressions": check_all,
        f"  of which: Jinja's parser alone on the {len(items):,}": parse_all,
        "read and check the answers": lambda: load_answers(a_path, loaded),
        "score (assess + JSON)": lambda: assess(loaded, given).to_json(),
    }
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(args.runs):
        for name, step in steps.items():
            with gc_paused():
                start = time.perf_counter()
                step()
                times[name].append(time.perf_counter() - start)
    title = (
        f"{q_path.name} and {a_path.name}"
        if args.files
        else (f"{args.size:,} questions and {args.size:,} rules")
    )
    _print_table(f"{title}, {args.runs} runs, medians", times)


def _print_table(title: str, times: dict[str, list[float]]) -> None:
    print(f"{title}\n")
    print("| step | median |")
    print("|---|---:|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values) * 1000:,.0f} ms |")


if __name__ == "__main__":
    main()
