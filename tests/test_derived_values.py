"""Derived values (issue 15, spec section 2), through the command line on tests/data/derived.yaml:
in the result JSON, explain and every report; unknown when an answer they read is; a load error
naming the circle when they read each other round; and mechanisms that apply a capability."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from scaleready.cli import commands as cli
from tests.conftest import DATA

QUESTIONNAIRE = str(DATA / "derived.yaml")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def answers(tmp_path: Path, name: str = "a.yaml", **given: str) -> str:
    lines = ["questionnaire: {id: derived-demo, version: 1.0.0}", "answers:", "  size: 10"]
    lines += [f"  {k.replace('_', '-')}: {v}" for k, v in given.items()]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def result(capsys: pytest.CaptureFixture[str], path: str) -> dict[str, Any]:
    code, out, err = run(capsys, "score", path, "-q", QUESTIONNAIRE, "--format", "json")
    assert code == 0, err
    data: dict[str, Any] = json.loads(out)
    return data


def by_id(items: Any) -> dict[str, dict[str, Any]]:
    assert isinstance(items, list)
    return {item["id"]: item for item in items}


def test_derived_values_are_listed_with_their_value_and_inputs(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = result(capsys, answers(tmp_path, w_info="3", w_messenger="2", health="green"))
    derived = by_id(data["derived"])
    assert derived["culture-mean"]["value"] == 2.5
    assert derived["culture-mean"]["score"] == 0.5
    assert derived["culture-high"]["value"] is True  # reads another derived value
    inputs = [(r["question"], r["value"]) for r in derived["culture-mean"]["inputs"]]
    assert inputs == [("w-info", 3), ("w-messenger", 2)]
    # As a measure it is evidence named derived:ID, scored by its bands.
    culture = by_id(data["capabilities"])["culture"]
    assert [e["question"] for e in culture["evidence"]] == ["derived:culture-mean"]
    assert culture["score"] == 50.0


def test_a_derived_value_over_a_dont_know_never_raises_readiness(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    worst = result(capsys, answers(tmp_path, "w.yaml", w_info="1", w_messenger="1"))
    unknown = result(
        capsys, answers(tmp_path, "u.yaml", w_info="1", w_messenger="{dont_know: true}")
    )
    best = result(capsys, answers(tmp_path, "b.yaml", w_info="1", w_messenger="3"))
    assert by_id(unknown["derived"])["culture-mean"]["value"] is None
    culture = by_id(unknown["capabilities"])["culture"]
    assert [g["question"] for g in culture["gaps"]] == ["derived:culture-mean"]
    assert unknown["score"] <= worst["score"] < best["score"]
    # The rule on the mean still fires: the unknown answer could make it hold.
    silos = by_id(unknown["failure_factors"])["silos"]
    assert silos["triggered_by"]["rules"] == ["poor-culture"]


def test_explain_and_every_report_show_derived_values(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = answers(tmp_path, w_info="1", w_messenger="{dont_know: true}")
    code, out, _ = run(capsys, "explain", path, "culture-mean", "-q", QUESTIONNAIRE)
    assert code == 0
    assert "Derived value culture-mean: Culture (mean of two statements)" in out
    assert "value: unknown (an answer it reads is unknown)" in out
    assert "w-info = 1 (Disagree): score 0.000" in out
    assert "w-messenger: don't know" in out
    code, out, _ = run(capsys, "score", path, "-q", QUESTIONNAIRE)
    assert code == 0
    assert "Derived values" in re.sub(r"\s+", " ", out)
    md, html = tmp_path / "r.md", tmp_path / "r.html"
    assert run(capsys, "score", path, "-q", QUESTIONNAIRE, "-o", str(md), "-o", str(html))[0] == 0
    assert (
        "| Culture (mean of two statements) `culture-mean` | unknown | `w-info`, `w-messenger` |"
        in md.read_text()
    )
    page = html.read_text()
    assert '<h3 id="derived-values">Derived values</h3>' in page
    assert "<td>unknown</td><td><code>w-info</code>, <code>w-messenger</code></td>" in page


def test_a_circle_of_derived_values_is_a_load_error_naming_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (DATA / "derived.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "\"mean([answers['w-info'], answers['w-messenger']])\"",
        "\"derived['culture-high'] and mean([answers['w-info'], answers['w-messenger']])\"",
    )
    bad = tmp_path / "q.yaml"
    bad.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 2
    line = (
        text.splitlines().index(
            next(ln for ln in text.splitlines() if "derived['culture-high'] and" in ln)
        )
        + 1
    )
    assert re.search(
        rf"q\.yaml:{line}:\d+: derived\[0\]\.expression: derived values go round in a circle: "
        r"culture-mean -> culture-high -> culture-mean",
        out + err,
    ), out + err


def test_an_unknown_derived_id_is_a_load_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (DATA / "derived.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "q.yaml"
    bad.write_text(text.replace("derived['culture-mean'] < 2", "derived['culture-men'] < 2"))
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 2
    assert (
        "rules[0].when: unknown derived value 'culture-men' (did you mean 'culture-mean'?)"
        in out + err
    )


def test_a_mechanism_applying_a_capability_is_in_its_advice_and_chains(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = answers(tmp_path, w_info="1", w_messenger="1", blockers="[approvals]", health="green")
    data = result(capsys, path)
    flow = next(r for r in data["recommendations"] if r["capability"] == "flow")
    links = {m["id"]: (m["link"], tuple(m["applies"])) for m in flow["mechanisms"]}
    assert links == {
        "retros": ("addresses", ("openness", "flow")),
        "pairing": ("values", ("flow",)),
    }
    md, html = tmp_path / "r.md", tmp_path / "r.html"
    assert run(capsys, "score", path, "-q", QUESTIONNAIRE, "-o", str(md), "-o", str(html))[0] == 0
    # Markdown: in the flow chain, the mechanism points at the value and at the capability.
    chart = md.read_text().split("```mermaid", 1)[1].split("```", 1)[0]
    group = chart.split('subgraph g1["1. Smooth flow"]', 1)[1].split("end", 1)[0]
    node = {label: key for key, label in re.findall(r"(n\d+)\[\"([^\"(]+) \(", group)}
    mech, value, cap = node["Blameless retrospectives"], node["Openness"], node["Smooth flow"]
    assert f"{mech} --> {value}" in chart
    assert f"{mech} --> {cap}" in chart
    # HTML: an arrow from the mechanisms' column to the capability's, over the values'.
    svg = html.read_text().split('<svg id="chart-chain-1"', 1)[1].split("</svg>", 1)[0]
    arrows = [
        (float(a), float(b))
        for a, b in re.findall(r'd="M([\d.]+),[\d.]+ C[^"]* ([\d.]+),[\d.]+"', svg)
    ]
    starts = sorted({a for a, _ in arrows})
    to_capability = next(b for a, b in arrows if a == starts[1])  # value -> capability
    assert (starts[0], to_capability) in arrows


def test_derived_values_serve_stage_signals_prerequisites_and_conditions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (DATA / "derived.yaml").read_text(encoding="utf-8")
    text = text.replace(
        '    - {id: big, when: "answers.size >= 50", because: Fifty or more people}\n',
        '    - {id: big, when: "answers.size >= 50", because: Fifty or more people}\n'
        '    - {id: open, when: "derived.culture_high", because: An open culture}\n',
    )
    text = text.replace(
        "    - {id: pairing, name: Pair programming, applies: [flow]}\n",
        "    - id: pairing\n      name: Pair programming\n      applies: [flow]\n"
        "      requires: \"derived['culture-mean'] >= 2\"\n      requires_because: Trust first\n",
    )
    text = text.replace(
        "        help: Tick every blocker.\n",
        "        help: Tick every blocker.\n        when: \"not derived['culture-high']\"\n",
    )
    q = tmp_path / "q.yaml"
    q.write_text(text, encoding="utf-8")
    assert run(capsys, "validate", str(q))[0] == 0

    def score(path: str) -> dict[str, Any]:
        code, out, err = run(capsys, "score", path, "-q", str(q), "--format", "json")
        assert code == 0, err
        data: dict[str, Any] = json.loads(out)
        return data

    high = score(answers(tmp_path, "h.yaml", w_info="3", w_messenger="3", blockers="[approvals]"))
    signal = by_id(high["stage"]["signals"])["open"]
    assert signal["holds"] is True
    assert [r["question"] for r in signal["answers"]] == ["w-info", "w-messenger"]
    assert high["coverage"]["not_asked"] == 1  # blockers: asked only when culture is not high
    low = score(answers(tmp_path, "l.yaml", w_info="1", w_messenger="1", blockers="[approvals]"))
    assert by_id(low["stage"]["signals"])["open"]["holds"] is False
    flow = next(r for r in low["recommendations"] if r["capability"] == "flow")
    pairing = next(m for m in flow["mechanisms"] if m["id"] == "pairing")
    assert pairing["waits_for"] == "Trust first"
    unknown = score(answers(tmp_path, "u.yaml", w_info="3", w_messenger="{dont_know: true}"))
    assert by_id(unknown["stage"]["signals"])["open"]["holds"] is None


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "  - id: culture-high\n",
            "  - id: culture_mean\n",
            "derived[1].id: duplicate derived id 'culture_mean' ('culture-mean' at line",
        ),
        (
            "bands: [{upto: 1.5, score: 0.0}, {upto: 2.5, score: 0.5}, {score: 1.0}]",
            "bands: [{upto: 2.5, score: 0.0}, {upto: 1.5, score: 0.5}, {upto: 3, score: 1.0}]",
            "derived[0].bands[1].upto: bands must rise: 1.5 is not above 2.5",
        ),
        (
            "bands: [{upto: 1.5, score: 0.0}, {upto: 2.5, score: 0.5}, {score: 1.0}]",
            "bands: [{score: 0.0}, {score: 1.0}]",
            "derived[0].bands[0].upto: only the last band may leave out upto",
        ),
        (
            "bands: [{upto: 1.5, score: 0.0}, {upto: 2.5, score: 0.5}, {score: 1.0}]",
            "bands: [{upto: 1.5, score: 0.0}]",
            "derived[0].bands: the last band must cover every other value",
        ),
        (
            "bands: [{upto: 1.5, score: 0.0}, {upto: 2.5, score: 0.5}, {score: 1.0}]",
            "bands: []",
            "derived[0].bands: give at least one band",
        ),
        (
            "    bands: [{upto: 1.5, score: 0.0}, {upto: 2.5, score: 0.5}, {score: 1.0}]\n",
            "",
            "derived[0].measures: a derived value that measures something needs bands",
        ),
        (
            "measures: [{capability: culture}]",
            "measures: [{capability: culture, negative: true}]",
            "derived[0].measures[0].negative: negative applies to the measures of an option only",
        ),
        (
            "measures: [{value: openness}]",
            "measures: [{value: openness, negative: true}]",
            "sections[0].questions[1].measures[0].negative: negative applies to the measures of",
        ),
        (
            "expression: \"derived['culture-mean'] >= 2.5\"",
            "expression: \"derived['culture-mean'] >= 2.5 and stage == 'early'\"",
            "derived[1].expression: 'stage' cannot be used here",
        ),
    ],
)
def test_derived_values_are_checked_at_load(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, old: str, new: str, message: str
) -> None:
    text = (DATA / "derived.yaml").read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "q.yaml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 2
    assert message in out + err, out + err
