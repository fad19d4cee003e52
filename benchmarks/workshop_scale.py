"""A workshop of many participants: generated answers files, and the time it takes to load
them and run the workshop at several sizes (docs/performance.md and docs/workshop.md).

    .venv/bin/python benchmarks/workshop_scale.py                 # 4 sizes, up to 500
    .venv/bin/python benchmarks/workshop_scale.py 500 /tmp/w500   # write 500 files and keep them
    time .venv/bin/scaleready workshop /tmp/w500/*.yaml --format json > /dev/null
"""

from __future__ import annotations

import copy
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.questionnaire import load_questionnaire
from scaleready.workshop.core import run_workshop
from scaleready.workshop.load import load_responses

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "examples").glob("*.yaml"))
ROLES = ("cto", "engineering-manager", "engineer", "product-manager")


def bundled() -> Questionnaire:
    """The bundled questionnaire, loaded."""
    return load_questionnaire(REPO / "questionnaires" / "scaling-readiness.yaml")[0]


def mutate(questionnaire: Questionnaire, data: dict[str, Any], rng: random.Random) -> None:
    """Change about a third of the answers in ``data`` to other valid answers, in place."""
    answers = data["answers"]
    for qid in list(answers):
        question = questionnaire.question(qid)
        if question is None or rng.random() > 0.35:
            continue
        options = [o.key for o in questionnaire.options_of(question)]
        if question.type in ("choice", "scale"):
            answers[qid] = rng.choice(options)
        elif question.type == "multi":
            answers[qid] = rng.sample(options, rng.randint(1, min(3, len(options))))
        elif question.type == "boolean":
            answers[qid] = rng.random() < 0.5
        elif question.type == "number":
            low = question.min if question.min is not None else 0
            high = question.max if question.max is not None else 500
            value = rng.uniform(low, high)
            answers[qid] = round(value) if question.integer else round(value, 1)


def write_participants(folder: Path, count: int, seed: int = 8) -> list[Path]:
    """``count`` answers files in ``folder``, each an example persona with a third of its
    answers changed, a name and a role."""
    questionnaire = bundled()
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    bases = [yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in EXAMPLES]
    paths = []
    for i in range(count):
        data = copy.deepcopy(bases[i % len(bases)])
        data["respondent"] = {"name": f"Person {i}", "role": ROLES[i % len(ROLES)]}
        data["organisation"] = "Acme"
        mutate(questionnaire, data, rng)
        path = folder / f"person-{i:04}.yaml"
        text = yaml.dump(data, Dumper=yaml.CSafeDumper, sort_keys=False)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def timed(paths: list[Path]) -> tuple[float, float]:
    """Seconds to load and check the files, and to run the workshop on them."""
    start = time.perf_counter()
    questionnaire, responses = load_responses(paths)
    loaded = time.perf_counter()
    run_workshop(questionnaire, responses)
    return loaded - start, time.perf_counter() - loaded


def main(argv: list[str]) -> None:
    """With COUNT (and FOLDER): write COUNT generated answers files (kept in FOLDER) and time
    them. Without: time 4 sizes, best of 3 each, with the peak memory of the workshop step."""
    import tracemalloc

    sizes = [int(argv[0])] if argv else [62, 125, 250, 500]
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(argv[1]) if len(argv) > 1 else Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        files = write_participants(folder, max(sizes))
        print("participants  load+check s  workshop s  total s  ms/participant  peak MB")
        for size in sizes:
            best = min((timed(files[:size]) for _ in range(3)), key=sum)
            tracemalloc.start()
            timed(files[:size])
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            total = sum(best)
            print(
                f"{size:12}  {best[0]:11.2f}  {best[1]:10.2f}  {total:7.2f}  "
                f"{1000 * total / size:14.2f}  {peak:7.1f}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
