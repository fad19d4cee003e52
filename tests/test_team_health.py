"""The bundled team-health questionnaire (docs/team-health.md): it validates with its fixtures, its
examples name it by path and score, a workshop of one team reads as itself, and its interview reads
naturally. That no score, explain, workshop or serve output of it speaks of the scaling-readiness
model is tests/test_neutral_wording.py's, which holds every questionnaire to that bar."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from scaleready.cli import commands as cli
from tests.conftest import REPO
from tests.test_interview_pty import PROMPT, finish, send, skip_who, spawn
from tests.test_neutral_wording import FORBIDDEN, STAGE_WORDS, _html_text, _json_text, _leaks

TEAM_HEALTH = REPO / "questionnaires" / "team-health.yaml"
EXAMPLES = sorted((REPO / "examples" / "team-health").glob("*.yaml"))
# The examples answered in full (four teams), and four members of one team before a workshop.
ANSWERED = [p for p in EXAMPLES if p.stem != "new-lead-dont-know"]
ONE_TEAM = sorted((REPO / "examples" / "team-health" / "workshop").glob("*.yaml"))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def fixtures() -> list[dict[str, object]]:
    loaded = yaml.safe_load(TEAM_HEALTH.read_text(encoding="utf-8"))
    tests: list[dict[str, object]] = loaded["tests"]
    return tests


def test_there_are_at_least_four_examples() -> None:
    assert len(ANSWERED) >= 4


def test_validate_strict_passes_and_runs_every_fixture(capsys: pytest.CaptureFixture[str]) -> None:
    files = [TEAM_HEALTH, *EXAMPLES, *ONE_TEAM]
    code, out, err = run(capsys, "validate", "--strict", *map(str, files))
    assert (code, err) == (0, ""), out
    assert f"{len(fixtures())} fixtures passed" in out


def test_listed_with_the_bundled_questionnaires(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "questionnaires")
    assert code == 0
    assert re.search(r"team-health\s+1\.0\.0\s+Team health check\s+\d+", out), out


@pytest.mark.parametrize(
    "example", EXAMPLES + ONE_TEAM, ids=lambda p: str(p.relative_to(REPO / "examples"))
)
def test_each_example_names_the_questionnaire_by_path(example: Path) -> None:
    text = example.read_text(encoding="utf-8")
    assert text.startswith("# "), "a short comment says which team this is"
    ref = yaml.safe_load(text)["questionnaire"]
    assert (ref["id"], ref["version"]) == ("team-health", "1.0.0")
    assert (example.parent / ref["path"]).resolve() == TEAM_HEALTH.resolve()


def test_fixtures_are_the_examples_verbatim() -> None:
    by_answers = {json.dumps(t["answers"], sort_keys=True): t["name"] for t in fixtures()}
    for example in EXAMPLES:
        answers = yaml.safe_load(example.read_text(encoding="utf-8"))["answers"]
        assert json.dumps(answers, sort_keys=True) in by_answers, example.name


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_each_example_scores_without_naming_the_questionnaire(
    capsys: pytest.CaptureFixture[str], example: Path
) -> None:
    code, out, err = run(capsys, "score", str(example), "--format", "json")
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["questionnaire"]["id"] == "team-health"
    expected = next(
        t["expect"]
        for t in fixtures()
        if t["answers"] == yaml.safe_load(example.read_text(encoding="utf-8"))["answers"]
    )
    assert isinstance(expected, dict)
    if "stage" in expected:
        assert result["stage"]["id"] == expected["stage"]


@pytest.mark.parametrize("fmt", ["terminal", "md", "html", "json"])
def test_a_workshop_of_one_team_reads_as_itself(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    code, out, err = run(capsys, "workshop", *map(str, ONE_TEAM), "--format", fmt)
    assert (code, err) == (0, "")  # one organisation: no warning
    text = out
    if fmt == "html":
        text = _html_text(out)
    elif fmt == "json":
        text = "\n".join(_json_text(json.loads(out)))
    assert _leaks({f"workshop {fmt}": text}, {**FORBIDDEN, **STAGE_WORDS}) == []
    assert "Bureaucratic culture" in text


def test_a_team_that_answers_no_culture_statement_is_weighed_at_its_worst(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Issue 15, item 2: with every culture statement unknown the culture is not known, and the
    # factors that matter most in a pathological culture are flagged, not left out.
    example = REPO / "examples" / "team-health" / "new-lead-dont-know.yaml"
    code, out, _ = run(capsys, "score", str(example), "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert result["stage"]["assumed"] is True
    flagged = {f["id"] for f in result["failure_factors"] if f["level"] != "low"}
    assert {"information-does-not-flow", "blame-and-fear", "silos"} <= flagged


@pytest.mark.slow  # the installed command in a pseudo-terminal
def test_the_interview_reads_naturally(tmp_path: Path) -> None:
    child = spawn(tmp_path, questionnaire="team-health")
    child.expect_exact("Team health check (team-health 1.0.0)")
    skip_who(child)
    child.expect_exact("== Your team (section 1 of 5) ==")
    child.expect_exact("How many people are on the team, you included?")
    send(child, "7", "saved: 7 people")
    child.expect_exact("How long has the team existed in roughly its current form?")
    child.expect_exact("  4  More than two years")
    send(child, "4", "saved: 4 = More than two years")
    child.expect_exact("What kind of team is it?")
    send(child, "1", "saved: 1 = A product team")
    child.expect_exact("Which of DORA's organisation-size bands is the whole company in?")
    send(child, "4", "saved: 4 = 100 to 499 employees")
    send(child, "2", "saved: 2 = Financial Services")
    child.expect_exact("== How the team works together (section 2 of 5) ==")
    child.expect_exact("Six statements from Ron Westrum's research on culture")
    child.expect_exact("On my team, information is actively sought.")
    child.expect_exact("  7  Strongly agree")
    send(child, "6", "saved: 6 = Agree")
    child.expect_exact("On my team, messengers are not punished")
    child.expect_exact(PROMPT)
    child.sendline("q")
    child.expect_exact("Saved 6 of")
    assert finish(child) == 0
    saved = yaml.safe_load((tmp_path / "a.yaml").read_text(encoding="utf-8"))
    assert saved["questionnaire"]["id"] == "team-health"
    assert saved["answers"]["westrum-information"] == 6
    assert saved["answers"]["team-age"] == "over-two-years"


@pytest.mark.slow  # the installed command in a pseudo-terminal
def test_the_interview_shows_each_indicators_own_cards(tmp_path: Path) -> None:
    # Answers up to the health indicators, so the interview resumes at the first of them.
    answers = yaml.safe_load(
        (REPO / "examples" / "team-health" / "generative-payments-team.yaml").read_text()
    )
    given = dict(list(answers["answers"].items())[:16])
    bundled = {"id": "team-health", "version": "1.0.0"}  # its path is relative to the example
    (tmp_path / "a.yaml").write_text(
        yaml.safe_dump({**answers, "questionnaire": bundled, "answers": given}, sort_keys=False),
        encoding="utf-8",
    )
    child = spawn(tmp_path, questionnaire="team-health")
    child.expect_exact("Easy to release: how does releasing feel for the team?")
    child.expect_exact("Green (awesome): releasing is simple, safe, painless and mostly automated")
    child.expect_exact("Amber: there are problems, but it is not a disaster")
    child.expect_exact("Red (crappy): releasing is risky, painful")
    send(child, "1", "saved: 1 = Green (awesome)")
    child.expect_exact("Suitable process: does the team's way of working fit it?")
    child.expect_exact("Green (awesome): our way of working fits us perfectly")
    child.expect_exact(PROMPT)
    child.sendline("q")
    assert finish(child) == 0
