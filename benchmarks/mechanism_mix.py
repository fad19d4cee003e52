"""Which mechanisms the top-3 advice names, across the persona panel (issue 14, point 7).

For every persona of the panel (``examples/expectations/panel.yaml``) this reads the top-3
recommendations' why, takes the mechanisms named after "Mechanisms to adopt first:", and counts
them. It prints each persona's top 3 with the mechanisms named, then the count of every mechanism
and the share of the three that used to crowd the advice (bi-weekly metrics review, ADRs, PR/FAQ).

    .venv/bin/python benchmarks/mechanism_mix.py

The why is read as text, not from a field, so that the same script measures an engine that had
no structured "to adopt" list (the figure before the change).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

import yaml

from scaleready.engine import assess
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire

ROOT = Path(__file__).resolve().parent.parent
CROWD = ("bi-weekly-metrics-review", "architecture-decision-records", "pr-faq")
LEAD = "Mechanisms to adopt first: "


def named(why: str, names: dict[str, str]) -> list[str]:
    """The mechanism ids named in ``why``'s "to adopt first" sentence, in order."""
    if LEAD not in why:
        return []
    sentence = why.split(LEAD, 1)[1].split(".", 1)[0]
    found: list[tuple[int, str]] = []
    for mid, name in sorted(names.items(), key=lambda x: -len(x[1])):
        at = sentence.find(name + " (")
        if at >= 0:
            found.append((at, mid))
            sentence = sentence.replace(name + " (", "#" * (len(name) + 2), 1)
    return [mid for _, mid in sorted(found)]


def main() -> int:
    """Print the mix; return 0."""
    q, _ = load_questionnaire(ROOT / "questionnaires" / "scaling-readiness.yaml")
    names = {m.id: m.name for m in q.model.mechanisms}
    panel = yaml.safe_load((ROOT / "examples/expectations/panel.yaml").read_text("utf-8"))
    counts: Counter[str] = Counter()
    for persona in panel["personas"]:
        result = assess(q, load_answers(ROOT / persona["file"], q))
        print(persona["file"])
        for r in result.recommendations[:3]:
            mechs = named(r.why, names)
            counts.update(mechs)
            print(f"  {r.rank}. {r.capability}: {', '.join(mechs) or '-'}")
    total = sum(counts.values())
    crowd = sum(counts[m] for m in CROWD)
    print()
    for mid, n in counts.most_common():
        print(f"{n:3d}  {mid}")
    print(f"\n{crowd} of {total} mentions are {', '.join(CROWD)}; {len(counts)} mechanisms named")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
