"""Claimed beside measured: the answers file's ``claimed``, the engine's claims and large gaps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaleready.cli import commands as cli
from scaleready.engine.claims import LARGE_GAP, is_large_gap
from scaleready.errors import InputError
from scaleready.formats.answers import Answer
from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import ClaimGap
from scaleready.loading.answers import load_answers
from scaleready.loading.answers_file import entry_data, render_answers, update_answers
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA, Writer
from tests.test_dora import assessed
from tests.test_measure_cli import WINDOW, claims_file, run
from tests.test_measure_core import build_main
from tests.test_workshop_agenda import persona

HEAD = "questionnaire: {id: mini, version: 1.0.0}\nanswers:\n"


@pytest.fixture(scope="module")
def mini() -> Questionnaire:
    return load_questionnaire(DATA / "mini.yaml")[0]


def problems(write: Writer, mini: Questionnaire, text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        load_answers(write("a.yaml", text), mini, display="a.yaml")
    return [str(p) for p in info.value.problems]


def test_a_measured_answer_keeps_its_claim(write: Writer, mini: Questionnaire) -> None:
    body = "  deploy-frequency: {value: rarely, claimed: on-demand, note: measured}\n"
    answers = load_answers(write("a.yaml", HEAD + body), mini)
    assert answers.answers["deploy-frequency"] == Answer(
        value="rarely", claimed="on-demand", note="measured"
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "  deploy-frequency: {value: rarely, claimed: daily}\n",
            "a.yaml:3:46: answers.deploy-frequency.claimed: 'daily' is not one of the options "
            "(on-demand, weekly, rarely)",
        ),
        (
            "  engineers: {value: 3, claimed: -1}\n",
            "a.yaml:3:34: answers.engineers.claimed: -1 is below the minimum, 0",
        ),
        (
            "  deploy-frequency: {claimed: on-demand}\n",
            "a.yaml:3:31: answers.deploy-frequency.claimed: claimed needs the measured value "
            "beside it",
        ),
        (
            "  funded: {dont_know: true, claimed: true}\n",
            "a.yaml:3:38: answers.funded.claimed: claimed needs the measured value beside it",
        ),
        (
            "  funded: {value: true, claimd: false}\n",
            "a.yaml:3:25: answers.funded.claimd: unknown key 'claimd' (did you mean 'claimed'?)",
        ),
    ],
)
def test_a_bad_claim_is_reported_where_it_is(
    write: Writer, mini: Questionnaire, body: str, expected: str
) -> None:
    assert problems(write, mini, HEAD + body) == [expected]


def test_a_claim_is_written_after_the_value_and_read_back(mini: Questionnaire) -> None:
    answer = Answer(value="rarely", claimed="on-demand", note="n")
    assert entry_data(answer) == {"value": "rarely", "claimed": "on-demand", "note": "n"}
    assert entry_data(Answer(value=("hiring",), claimed=("releases",))) == {
        "value": ["hiring"],
        "claimed": ["releases"],
    }
    text = render_answers(mini, {"deploy-frequency": answer})
    assert '  deploy-frequency: {value: rarely, claimed: on-demand, note: "n"}\n' in text
    # Updated in place, a comment inside the entry stays.
    kept = HEAD + "  deploy-frequency:  # measured\n    value: weekly\n    claimed: on-demand\n"
    updated = update_answers(kept, mini, {"deploy-frequency": answer})
    assert "  deploy-frequency:  # measured\n" in updated
    assert "claimed: on-demand" in updated


def test_the_large_gap_rule_is_two_bands() -> None:
    assert LARGE_GAP == 0.3
    assert is_large_gap(0.6, 0.4 - 0.1)
    assert is_large_gap(0.6, 0.2 + 0.1)  # 0.3 apart in floating point
    assert not is_large_gap(0.6, 0.4)
    assert not is_large_gap(None, 0.0)


def test_the_engine_puts_each_claim_beside_its_measure_and_lists_large_gaps() -> None:
    d = assessed(
        {
            "deploy-frequency": {"value": "weekly", "claimed": "on-demand"},  # 0.4 vs 1.0
            "lead-time": {"value": "day-week", "claimed": "day-week"},
            "change-fail-rate": {"value": 33.3, "claimed": 5},  # unbanded: no health score
            "rework-rate": "low",
        }
    ).outcomes.dora
    assert d is not None
    claims = {m.metric: m.claimed for m in d.metrics}
    assert claims["rework"] is None
    deploys = claims["deployfreq"]
    assert deploys is not None
    assert (deploys.answer, deploys.input, deploys.score) == ("on-demand", 6.0, 10.0)
    assert (deploys.health, deploys.measured_health, deploys.large_gap) == (1.0, 0.4, True)
    failures = claims["changefailure"]
    assert failures is not None
    assert (failures.input, failures.score, failures.large_gap) == (5.0, 9.5, False)
    assert claims["leadtime"] is not None
    assert not claims["leadtime"].large_gap
    assert d.gaps == (
        ClaimGap(
            metric="deployfreq",
            name="Deployment frequency",
            question="deploy-frequency",
            measured="weekly",
            measured_input=3.0,
            claimed="on-demand",
            claimed_input=6.0,
        ),
    )


def test_answers_without_claims_have_no_gaps() -> None:
    d = assessed({"deploy-frequency": "weekly", "change-fail-rate": 40}).outcomes.dora
    assert d is not None
    assert [m.claimed for m in d.metrics] == [None, None]
    assert d.gaps == ()


# --- through the CLI: measure --into, then score ---------------------------------------------


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The claims of test_measure_cli (on demand, 5 %, ...) measured into their answers file."""
    tmp = tmp_path_factory.mktemp("claims")
    repo = build_main(tmp / "main")
    claims = claims_file(tmp)
    assert cli.main(["measure", str(repo.path), *WINDOW, "--into", str(claims)]) == 0
    return claims


def test_score_shows_each_measured_figure_beside_its_claim(
    capsys: pytest.CaptureFixture[str], measured: Path
) -> None:
    capsys.readouterr()
    code, out, _ = run(capsys, "score", str(measured))
    assert code == 0
    lines = [line.rstrip() for line in out.splitlines()]
    at = lines.index("Measured vs claimed")
    assert lines[at + 1 : at + 12] == [
        "  A large gap (two or more bands apart) is a finding of its own: the history",
        "  does not show what the team believes about its delivery.",
        "  - Lead time for changes: measured One day to one week (band 4), claimed One",
        "    day to one week (band 4)",
        "  - Deployment frequency: measured Between once per month and once every six",
        "    months (band 2), claimed On demand (multiple deploys per day) (band 6):",
        "    LARGE GAP",
        "  - Failed deployment recovery time: measured Less than one day (band 5),",
        "    claimed Less than one hour (band 6)",
        "  - Change fail rate: measured 33.3%, claimed 5%: LARGE GAP",
        "",
    ]


def test_the_reports_show_claims_and_large_gaps(
    capsys: pytest.CaptureFixture[str], measured: Path
) -> None:
    capsys.readouterr()
    code, out, _ = run(capsys, "score", str(measured), "-f", "md")
    assert code == 0
    assert (
        "| Deployment frequency | Between once per month and once every six months (band 2) "
        "| On demand (multiple deploys per day) (band 6) | **large** |\n"
    ) in out
    assert "| Lead time for changes | One day to one week (band 4) | One day to one week " in out
    assert "| Change fail rate | 33.3% | 5% | **large** |\n" in out
    assert "> [!IMPORTANT]\n> A large gap (two or more bands apart)" in out
    code, out, _ = run(capsys, "score", str(measured), "-f", "html")
    assert code == 0
    assert '<h3 id="claims">Measured vs claimed</h3>' in out
    assert "<tr><td>Change fail rate</td><td>33.3%</td><td>5%</td><td><strong>large</strong>" in out
    code, out, _ = run(capsys, "score", str(measured), "-f", "json")
    gaps = json.loads(out)["outcomes"]["dora"]["gaps"]
    assert [(g["question"], g["measured"], g["claimed"]) for g in gaps] == [
        ("deploy-frequency", "monthly-to-six-monthly", "on-demand"),
        ("change-fail-rate", 33.3, 5),
    ]


def test_without_measured_answers_the_reports_say_nothing_of_claims(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "score", str(claims_file(tmp_path)), "-f", "md")
    assert code == 0
    assert "Measured vs claimed" not in out


def test_the_workshop_puts_a_large_gap_on_the_agenda_with_both_figures(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    measured = {"value": "monthly-to-six-monthly", "claimed": "on-demand"}
    files = [
        str(persona(tmp_path, "a", {"release-process": "scheduled-release"})),
        str(persona(tmp_path, "b", {"release-process": "automatic", "deploy-frequency": measured})),
    ]
    both = "measured monthly-to-six-monthly (band 2), claimed on-demand (band 6)"
    code, out, _ = run(capsys, "workshop", *files, "-f", "md")
    assert code == 0
    item = next(line for line in out.splitlines() if line.startswith("| 1 | "))
    assert "(`deploy-frequency`)" in item
    assert f"; **large gap**: {both} |" in item
    code, out, _ = run(capsys, "workshop", *files, "-f", "html")
    assert f'<p class="callout"><strong>Large gap:</strong> {both}; the history' in out
    code, out, _ = run(capsys, "workshop", *files)
    assert "LARGE GAP: measured" in out
