"""Unknown DORA industry and organisation-size keys fail ``validate`` (and ``--strict``) and say
which keys DORA has (issue 15, item 3); in answers they stay a warning at ``score``."""

from __future__ import annotations

import json

import pytest

from scaleready.cli import commands as cli
from tests.conftest import Writer

QUESTIONNAIRE = """\
id: t
version: 1.0.0
title: T
model:
  capabilities:
    - {id: cap, name: Cap}
  failure_factors:
    - {id: ff, name: FF, stage: late, mitigated_by: {cap: 0.5}}
sections:
  - id: s
    title: S
    questions:
      - id: q1
        text: Q1?
        help: Why.
        type: choice
        options: [{key: a, label: A, score: 1.0}, {key: b, label: B, score: 0.0}]
        measures: [{capability: cap}, {failure_factor: ff}]
      - id: industry
        text: Industry?
        help: Why.
        type: choice
        options: [{key: technology, label: Tech}, {key: retail, label: Retail}]
      - {id: size, text: Size?, help: Why., type: choice, scale: sizes}
      - {id: sector, text: Sector?, help: Why., type: text}
      - {id: cfr, text: Change fail rate (%)?, help: Why., type: number, min: 0, max: 100}
scales:
  sizes: [{key: 10_to_99, label: 10 to 99}, {key: fewer_than_100, label: Fewer than 100}]
benchmarks:
  dora: {changefailure: cfr}
  industry_question: industry
  organisation_size_question: size
"""

INDUSTRIES = (
    "all, consumer, media_entertainment, non_profit, technology, telecommunications, other, "
    "education, financial_services, healthcare_pharmaceuticals, energy, government, insurance, "
    "industrials_manufacturing"
)
SIZES = (
    "all, solo, fewer_than_10, fewer_than_100, fewer_than_500, fewer_than_1000, "
    "fewer_than_5000, fewer_than_10000, more_than_9999"
)


def validate(
    capsys: pytest.CaptureFixture[str], write: Writer, text: str, *flags: str
) -> tuple[int, list[str]]:
    path = write("q.yaml", text)
    code = cli.main(["validate", *flags, str(path)])
    return code, capsys.readouterr().err.replace(str(path), "q.yaml").splitlines()


@pytest.mark.parametrize("flags", [(), ("--strict",)])
def test_unknown_industry_and_size_keys_fail_validate_listing_doras_keys(
    capsys: pytest.CaptureFixture[str], write: Writer, flags: tuple[str, ...]
) -> None:
    assert validate(capsys, write, QUESTIONNAIRE, *flags) == (
        2,
        [
            "q.yaml:23:57: sections[0].questions[1].options[1].key: 'retail' is not one of "
            f"DORA's industry keys: benchmarks.industry_question 'industry' may offer {INDUSTRIES}",
            "q.yaml:28:17: scales.sizes[0].key: '10_to_99' is not one of DORA's "
            "organisation-size keys: benchmarks.organisation_size_question 'size' may offer "
            f"{SIZES}",
        ],
    )


def test_a_near_miss_gets_a_hint(capsys: pytest.CaptureFixture[str], write: Writer) -> None:
    text = QUESTIONNAIRE.replace("key: retail", "key: insurence").replace(
        "key: 10_to_99", "key: solo"
    )
    code, err = validate(capsys, write, text)
    assert code == 2
    assert err == [
        "q.yaml:23:57: sections[0].questions[1].options[1].key: 'insurence' is not one of "
        "DORA's industry keys (did you mean 'insurance'?): benchmarks.industry_question "
        f"'industry' may offer {INDUSTRIES}"
    ]


def test_doras_keys_pass(capsys: pytest.CaptureFixture[str], write: Writer) -> None:
    text = QUESTIONNAIRE.replace("key: retail", "key: consumer").replace(
        "key: 10_to_99", "key: solo"
    )
    assert validate(capsys, write, text, "--strict") == (0, [])


def test_a_text_question_is_free_and_its_unknown_answer_warns_at_score(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    text = (
        QUESTIONNAIRE.replace("key: retail", "key: consumer")
        .replace("key: 10_to_99", "key: solo")
        .replace("industry_question: industry", "industry_question: sector")
    )
    questionnaire = write("q.yaml", text)
    assert validate(capsys, write, text, "--strict") == (0, [])
    answers = write(
        "a.yaml",
        "questionnaire: {id: t, version: 1.0.0}\nanswers: {q1: a, cfr: 10, sector: retail}\n",
    )
    assert cli.main(["score", "-q", str(questionnaire), str(answers), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "DORA has no 2025 benchmark for industry 'retail'" in json.loads(out)["warnings"]


def test_a_choice_answer_outside_the_options_is_refused_as_before(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    text = QUESTIONNAIRE.replace("key: retail", "key: consumer").replace(
        "key: 10_to_99", "key: solo"
    )
    questionnaire = write("q.yaml", text)
    answers = write(
        "a.yaml", "questionnaire: {id: t, version: 1.0.0}\nanswers: {industry: retail}\n"
    )
    assert cli.main(["validate", str(questionnaire), str(answers)]) == 2
    assert capsys.readouterr().err == (
        f"{answers}:2:21: answers.industry: 'retail' is not one of the options "
        "(technology, consumer)\n"
    )
