"""A questionnaire with its own three segments (tests/data/westrum.yaml), scored through the CLI:
every format says the stage, the position and the signals in the questionnaire's words, groups
the failure factors by the stages they belong to, and nothing of the bundled model's stage
wording shows; don't-know on every signal weighs at the worst position.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from scaleready.cli import commands as cli
from tests.conftest import DATA, Writer

Q = str(DATA / "westrum.yaml")
ANSWERS = str(DATA / "westrum-answers.yaml")
STAGE_NAMES = ("Pathological culture", "Bureaucratic culture", "Generative culture")
BUNDLED_WORDS = ("lateness", "signs of scale", "late-stage", "early stage", "Early-stage")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _no_bundled_words(text: str) -> None:
    for word in BUNDLED_WORDS:
        assert word.lower() not in text.lower(), word


def test_the_terminal_says_the_stage_position_and_signals_in_the_questionnaires_words(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "score", "-q", Q, ANSWERS)
    assert code == 0
    assert "Stage: Bureaucratic culture (bureaucratic), culture position 0.50" in out
    assert "Generative signs: Information is actively sought" in out
    _no_bundled_words(out)


def test_the_json_lists_the_stages_and_each_factors_stages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "score", "-q", Q, ANSWERS, "--format", "json")
    assert code == 0
    result = json.loads(out)
    stage = result["stage"]
    assert (stage["id"], stage["lateness"], stage["assumed"]) == ("bureaucratic", 0.5, False)
    assert [(s["id"], s["name"], s["from"], s["at"]) for s in stage["stages"]] == [
        ("pathological", "Pathological culture", 0.0, 0.0),
        ("bureaucratic", "Bureaucratic culture", 0.25, 0.5),
        ("generative", "Generative culture", 0.75, 1.0),
    ]
    assert (stage["early_below"], stage["late_from"]) == (0.25, 0.75)
    assert stage["position_name"] == "culture position"
    factors = {f["id"]: f for f in result["failure_factors"]}
    # one stage, two stages, all stages, and an explicit relevance map
    assert factors["blame"]["stages"] == ["pathological"]
    assert factors["silos"]["stages"] == ["pathological", "bureaucratic"]
    assert factors["burnout"]["stages"] == ["pathological", "bureaucratic", "generative"]
    assert factors["drift"]["stages"] == ["bureaucratic", "generative"]
    weights = {fid: f["stage_weight"] for fid, f in factors.items()}
    assert weights == {
        "blame": 0.6,
        "silos": 1.0,
        "burnout": 1.0,
        "rulebound": 1.0,
        "drift": 1.0,
        "stagnation": 0.6,
    }
    caps = {c["id"]: c for c in result["capabilities"]}
    assert (caps["learning"]["stages"], caps["learning"]["in_stage"]) == (["generative"], False)
    assert (caps["process"]["stages"], caps["process"]["in_stage"]) == (["bureaucratic"], True)


def test_markdown_and_html_name_the_stages_and_group_the_factors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, md, _ = run(capsys, "score", "-q", Q, ANSWERS, "--format", "md")
    assert code == 0
    assert "for the **bureaucratic culture**" in md
    assert "culture position 0.50 = 1 of 2 signal weight holds (info-flows)" in md
    _no_bundled_words(md)
    code, html, _ = run(capsys, "score", "-q", Q, ANSWERS, "--format", "html")
    assert code == 0
    meter = re.search(r'<svg id="chart-stage".*?</svg>', html, re.S)
    assert meter is not None
    for name in STAGE_NAMES:
        assert f">{name}<" in meter.group(0)  # one zone per stage, by its name
    assert "Culture position is the weighted share of the culture statements that hold" in html
    assert "Generative signs in your answers:" in html
    assert '<p class="lede">Rule-oriented; information goes through channels.</p>' in html
    risks = re.search(r'<svg id="chart-risks".*?</svg>', html, re.S)
    assert risks is not None
    headings = re.findall(r'font-weight="600">([^<]*)<', risks.group(0))
    assert headings == [
        "Failure factors: Bureaucratic culture (your stage)",
        "Failure factors: Pathological culture, Bureaucratic culture (your stage)",
        "Failure factors: Bureaucratic culture, Generative culture (your stage)",
        "Failure factors of every stage (your stage)",
        "Failure factors: Pathological culture (your stage)",
        "Failure factors: Generative culture (your stage)",
    ]
    _no_bundled_words(html)


def test_explain_names_the_stages(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "explain", "-q", Q, ANSWERS, "stage")
    assert code == 0
    assert "stages: Pathological culture (pathological) from 0; Bureaucratic culture " in out
    assert "culture position 0.500 = sum(weight of signals that hold)" in out
    code, out, _ = run(capsys, "explain", "-q", Q, ANSWERS, "silos")
    assert "stages pathological, bureaucratic (shown: weighs 1.00 at the bureaucratic" in out
    _no_bundled_words(out)


def test_the_questionnaires_fixtures_pass(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", Q)
    assert code == 0
    assert "2 fixtures passed" in out


def test_dont_know_on_every_signal_weighs_at_the_worst_position(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    """The process capability is missing and learning is full: the bureaucratic factors are the
    exposed ones, so the worst position is the bureaucratic anchor, inside the range, and not
    the first stage that "early assumed" used to weigh at."""

    def score(information: str, messengers: str) -> dict[str, Any]:
        path = write(
            f"a-{information}-{messengers}.yaml".replace("{", "").replace("}", ""),
            "questionnaire: {id: westrum-lab, version: 1.0.0}\nanswers:\n"
            f"  information: {information}\n  messengers: {messengers}\n"
            "  safe: full\n  runbooks: none\n  retros: full\n  rotas: full\n",
        )
        code, out, _ = run(capsys, "score", "-q", Q, str(path), "--format", "json")
        assert code == 0
        result: dict[str, Any] = json.loads(out)
        return result

    at = {
        pos: score(i, m)["score"]
        for pos, (i, m) in {0: ("3", "3"), 0.5: ("6", "3"), 1: ("6", "6")}.items()
    }
    unknown = score("{dont_know: true}", "{dont_know: true}")
    stage = unknown["stage"]
    assert (stage["id"], stage["assumed"], stage["lateness"]) == ("pathological", True, None)
    assert at == {0: 90.3, 0.5: 85.6, 1: 95.2}
    assert unknown["score"] == min(at.values()) == at[0.5]
