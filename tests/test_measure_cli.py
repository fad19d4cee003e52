"""``scaleready measure`` through the entry point: formats, ``--into``, and bad input (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from scaleready.cli import commands as cli
from scaleready.loading.answers import load_answers
from scaleready.loading.inputs import open_questionnaire
from tests.test_measure_core import Repo, build_main

WINDOW = ("--since", "2026-01-01", "--until", "2026-07-01")
ANSWERS = {
    "lead-time": "one-day-to-one-week",
    "deploy-frequency": "monthly-to-six-monthly",
    "recovery-time": "less-than-one-day",
    "change-fail-rate": 33.3,
    "rework-rate": 33.3,
}


@pytest.fixture(scope="module")
def main_repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    return build_main(tmp_path_factory.mktemp("measure-cli") / "main")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_gives_answers_and_metrics(
    capsys: pytest.CaptureFixture[str], main_repo: Repo
) -> None:
    code, out, err = run(capsys, "measure", str(main_repo.path), *WINDOW, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["answers"] == ANSWERS
    repo = data["metrics"]["repositories"][0]
    assert (repo["deployments"], repo["changes"]) == (6, 10)
    assert data["metrics"]["since"] == "2026-01-01T00:00:00+00:00"


def test_yaml_says_the_same(capsys: pytest.CaptureFixture[str], main_repo: Repo) -> None:
    code, out, _ = run(capsys, "measure", str(main_repo.path), *WINDOW, "-f", "yaml")
    assert code == 0
    assert yaml.safe_load(out)["answers"] == ANSWERS


def test_terminal_shows_figures_and_evidence(
    capsys: pytest.CaptureFixture[str], main_repo: Repo, tmp_path: Path
) -> None:
    other = Repo(tmp_path / "other")
    other.commit("one", "2026-03-01T00:00:00Z")
    code, out, _ = run(capsys, "measure", str(main_repo.path), str(other.path), *WINDOW)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "window: 2026-01-01 to 2026-07-01"
    assert f"{main_repo.path}: 6 deployments, 10 changes" in lines
    at = lines.index("  Lead time for changes: 35 hours (median)")
    assert lines[at + 1] == "    answer one-day-to-one-week (DORA band 4); n=10, medium confidence"
    assert "  Failed deployment recovery time: 21.5 hours (median)" in lines
    assert "    - tag v0.3.0 -> tag v0.3.1: 18.0 h" in lines
    assert "organisation: 6 deployments, 10 changes" in lines
    assert "  Change fail rate: 33.33 % of deployments" in lines
    assert "    answer 33.3; n=6, low confidence" in lines
    assert "    no deployment in the window" in lines
    assert max(len(line) for line in lines if "/" not in line) <= 80  # paths aside


def test_into_a_new_answers_file(
    capsys: pytest.CaptureFixture[str], main_repo: Repo, tmp_path: Path
) -> None:
    target = tmp_path / "answers.yaml"
    code, _, err = run(capsys, "measure", str(main_repo.path), *WINDOW, "--into", str(target))
    assert code == 0
    assert err == f"wrote {target}: 5 measured answers\n"
    loaded = load_answers(target, open_questionnaire(None))
    assert {k: a.value for k, a in loaded.answers.items()} == ANSWERS
    note = loaded.answers["lead-time"].note or ""
    assert note.startswith("measured by scaleready measure from ")
    assert "35 hours (median) (n=10, medium confidence); evidence: tag v0.2.0" in note


def test_into_keeps_every_other_answer_comment_and_note(
    capsys: pytest.CaptureFixture[str], main_repo: Repo, tmp_path: Path
) -> None:
    target = tmp_path / "answers.yaml"
    target.write_text(
        "# our team's answers\n"
        "questionnaire: {id: scaling-readiness, version: "
        f"{open_questionnaire(None).version}}}\n"
        "organisation: Acme\n"
        "answers:\n"
        "  engineers: 42  # counted in March\n"
        "  deploy-frequency: {value: on-demand, note: we ship all the time}\n"
        "  lead-time: less-than-one-hour\n",
        encoding="utf-8",
    )
    assert run(capsys, "measure", str(main_repo.path), *WINDOW, "--into", str(target))[0] == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# our team's answers\n")
    assert "  engineers: 42  # counted in March\n" in text
    loaded = load_answers(target, open_questionnaire(None))
    assert loaded.organisation == "Acme"
    frequency = loaded.answers["deploy-frequency"]
    assert frequency.value == "monthly-to-six-monthly"
    assert (frequency.note or "").endswith(" (claimed before: on-demand; we ship all the time)")
    assert frequency.claimed == "on-demand"
    assert loaded.answers["rework-rate"].claimed is None  # nobody had answered it
    # Measured again: the claim stays, once.
    assert run(capsys, "measure", str(main_repo.path), *WINDOW, "--into", str(target))[0] == 0
    lead = load_answers(target, open_questionnaire(None)).answers["lead-time"]
    assert (lead.note or "").count("(claimed before: less-than-one-hour)") == 1
    assert lead.claimed == "less-than-one-hour"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--since", "2026-13-01"), "--since: '2026-13-01' is not a date"),
        (("--release-tags", "^release-"), "--release-tags '^release-' matches none of the 9"),
        (("--deploys", "missing.csv"), "--deploys missing.csv: cannot read it"),
        (("--branch", "nope"), "--branch nope: no such branch"),
    ],
)
def test_bad_input_exits_2_naming_it(
    capsys: pytest.CaptureFixture[str], main_repo: Repo, args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, "measure", str(main_repo.path), *args)
    assert (code, out) == (2, "")
    assert err.startswith("scaleready: error: ")
    assert message in err
    assert "Traceback" not in err


def test_not_a_repository_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "measure", str(tmp_path))
    assert code == 2
    assert err == f"scaleready: error: {tmp_path} is not a git repository\n"


def test_a_questionnaire_answers_only_the_questions_it_has(
    capsys: pytest.CaptureFixture[str], main_repo: Repo
) -> None:
    mini = str(Path(__file__).parent / "data" / "mini.yaml")
    code, out, _ = run(capsys, "measure", str(main_repo.path), *WINDOW, "-q", mini, "-f", "json")
    assert code == 0
    data = json.loads(out)
    assert data["answers"] == {"change-fail-rate": 33.3}  # mini asks no other DORA question
    assert data["metrics"]["repositories"][0]["metrics"][0]["value"] == 35.0


def test_answers_go_to_the_questions_benchmarks_dora_names(
    capsys: pytest.CaptureFixture[str], main_repo: Repo, tmp_path: Path
) -> None:
    mini = (Path(__file__).parent / "data" / "mini.yaml").read_text(encoding="utf-8")
    renamed = tmp_path / "renamed.yaml"
    renamed.write_text(mini.replace("change-fail-rate", "failures"), encoding="utf-8")
    code, out, err = run(
        capsys, "measure", str(main_repo.path), *WINDOW, "-q", str(renamed), "-f", "json"
    )
    assert (code, err) == (0, "")
    assert json.loads(out)["answers"] == {"failures": 33.3}


CLAIMS = (
    "questionnaire: {id: scaling-readiness, version: VERSION}\n"
    "answers:\n"
    "  deploy-frequency: on-demand\n"  # score 1.0; measured monthly-to-six-monthly, 0.2
    "  lead-time: one-day-to-one-week\n"  # as measured
    "  change-fail-rate: 5\n"  # score 1.0; measured 33.3 %, 0.2
    "  recovery-time: less-than-one-hour\n"  # score 1.0; measured less than a day, 0.8
)


def claims_file(tmp_path: Path) -> Path:
    path = tmp_path / "claims.yaml"
    version = open_questionnaire(None).version
    path.write_text(CLAIMS.replace("VERSION", version), encoding="utf-8")
    return path


def test_compare_shows_each_claim_beside_the_measure(
    capsys: pytest.CaptureFixture[str], main_repo: Repo, tmp_path: Path
) -> None:
    claims = claims_file(tmp_path)
    args = ("measure", str(main_repo.path), *WINDOW, "--compare", str(claims))
    code, out, _ = run(capsys, *args, "-f", "json")
    assert code == 0
    gaps = {
        g["question"]: (g["claimed"], g["measured"], g["large"]) for g in json.loads(out)["gaps"]
    }
    assert gaps == {
        "lead-time": ("one-day-to-one-week", "one-day-to-one-week", False),
        "deploy-frequency": ("on-demand", "monthly-to-six-monthly", True),
        "recovery-time": ("less-than-one-hour", "less-than-one-day", False),
        "change-fail-rate": (5, 33.3, True),
    }
    code, out, _ = run(capsys, *args)
    lines = out.splitlines()
    at = lines.index("  Deployment frequency: a large gap")
    assert lines[at + 1] == (
        "    claimed on-demand, measured monthly-to-six-monthly (0.23 deployments per week, n=6)"
    )
    assert "  Lead time for changes: consistent" in lines


def test_into_compares_with_the_answers_it_replaces(
    capsys: pytest.CaptureFixture[str], main_repo: Repo, tmp_path: Path
) -> None:
    claims = claims_file(tmp_path)
    code, out, _ = run(capsys, "measure", str(main_repo.path), *WINDOW, "--into", str(claims))
    assert code == 0
    assert "  Change fail rate: a large gap" in out.splitlines()
    # Measured answers are no claims: measured again, there is nothing left to compare.
    code, out, _ = run(capsys, "measure", str(main_repo.path), *WINDOW, "--into", str(claims))
    assert "claimed vs measured:" not in out
    code, out, _ = run(capsys, "measure", str(main_repo.path), *WINDOW, "-f", "json")
    assert "gaps" not in json.loads(out)


def test_an_invalid_answers_file_stops_before_measuring(
    capsys: pytest.CaptureFixture[str], main_repo: Repo, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("questionnaire: {id: nope, version: 1.0.0}\nanswers: {}\n", encoding="utf-8")
    for option in ("--into", "--compare"):
        code, out, err = run(capsys, "measure", str(main_repo.path), option, str(bad))
        assert (code, out) == (2, "")
        assert "bad.yaml" in err
    assert bad.read_text(encoding="utf-8").startswith("questionnaire: {id: nope")
