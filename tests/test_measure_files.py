"""``measure`` from a deploy log and an incidents file, against figures worked out by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaleready.errors import UsageError
from scaleready.measure.run import measure_repos
from tests.test_measure_core import Repo, day, metrics, settings


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Repo, list[str]]:
    built = Repo(tmp_path / "r")
    shas = [
        built.commit("base", "2025-12-01T00:00:00Z"),
        built.commit("a", day("01-10T00:00:00")),
        built.commit("b", day("01-11T00:00:00")),
        built.commit("c", day("01-20T00:00:00")),
    ]
    return built, shas


def rows(shas: list[str]) -> list[tuple[str, str, str, str]]:
    c0, _, c2, c3 = shas
    return [
        ("2025-12-02T00:00:00Z", c0, "production", "success"),  # the base, before the window
        ("2026-01-11T12:00:00Z", c2, "staging", "success"),  # another environment
        ("2026-01-12T00:00:00Z", c2, "production", "success"),  # D0: a 48 h, b 24 h
        ("2026-01-20T06:00:00Z", c3, "production", "failure"),  # never reached users
        ("2026-01-21T00:00:00Z", c3, "production", "success"),  # D1: c 24 h; failed
        ("2026-01-21T03:00:00Z", c2, "production", "rollback"),  # D2: restores D1 in 3 h
        ("2026-01-22T00:00:00Z", c3[:10], "production", ""),  # D3: c again, nothing new
    ]


def csv_log(path: Path, shas: list[str]) -> Path:
    lines = ["time,commit,environment,status", *(",".join(r) for r in rows(shas))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def check_deploy_figures(got: dict) -> None:  # type: ignore[type-arg]
    assert got["deploy-frequency"].sample == 4
    # 48, 24, 24 hours: the median is 24, a day: the "one day to one week" band.
    assert (got["lead-time"].value, got["lead-time"].sample, got["lead-time"].band) == (24.0, 3, 4)
    assert got["change-fail-rate"].value == 25.0  # D1 of 4
    assert got["rework-rate"].value == 25.0  # D2 of 4
    assert (got["recovery-time"].value, got["recovery-time"].band) == (3.0, 5)


def test_a_csv_deploy_log(repo: tuple[Repo, list[str]], tmp_path: Path) -> None:
    built, shas = repo
    log = csv_log(tmp_path / "deploys.csv", shas)
    got = metrics(measure_repos([built.path], settings(deploys=str(log))))
    check_deploy_figures(got)
    assert got["deploy-frequency"].evidence[0] == f"{log}:4 {shas[2]} (2026-01-12 00:00)"
    assert got["rework-rate"].evidence == (f"{log}:7 {shas[2]}: a rollback",)
    assert got["change-fail-rate"].evidence == (
        f"{log}:6 {shas[3]}, fixed by {log}:7 {shas[2]}: a rollback",
    )


def test_a_json_lines_deploy_log(repo: tuple[Repo, list[str]], tmp_path: Path) -> None:
    built, shas = repo
    log = tmp_path / "deploys.jsonl"
    keys = ("time", "commit", "environment", "status")
    log.write_text(
        "\n".join(json.dumps(dict(zip(keys, r, strict=True))) for r in rows(shas)) + "\n\n",
        encoding="utf-8",
    )
    check_deploy_figures(metrics(measure_repos([built.path], settings(deploys=str(log)))))


def test_an_incidents_file_decides_failures_and_recovery(
    repo: tuple[Repo, list[str]], tmp_path: Path
) -> None:
    built, shas = repo
    log = csv_log(tmp_path / "deploys.csv", shas)
    incidents = tmp_path / "incidents.csv"
    incidents.write_text(
        "start,resolved\n"
        "2026-01-21T01:00:00Z,2026-01-21T05:00:00Z\n"  # after D1: 4 h
        "2026-01-25T00:00:00Z,\n"  # after D3: still open
        "2025-12-15T00:00:00Z,2025-12-16T00:00:00Z\n",  # before the window
        encoding="utf-8",
    )
    got = metrics(measure_repos([built.path], settings(deploys=str(log), incidents=str(incidents))))
    assert got["change-fail-rate"].value == 50.0  # D1 and D3 of 4
    assert (got["recovery-time"].value, got["recovery-time"].sample) == (4.0, 1)
    assert got["recovery-time"].evidence == (
        f"{incidents}:2: 4.0 h",
        f"{incidents}:3: not resolved",
    )


def test_an_unknown_commit_is_skipped_with_a_warning(
    repo: tuple[Repo, list[str]], tmp_path: Path
) -> None:
    built, shas = repo
    log = tmp_path / "d.csv"
    log.write_text(
        f"time,commit\n2026-01-12T00:00:00Z,{shas[2]}\n2026-01-13T00:00:00Z,{'f' * 40}\n",
        encoding="utf-8",
    )
    measured = measure_repos([built.path], settings(deploys=str(log)))
    assert measured.repositories[0].deployments == 1
    assert measured.repositories[0].warnings[0] == (
        f"{log}:3: commit {'f' * 40} is not in {built.path}; skipped"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("time,commit,status\n2026-01-12,abc,exploded\n", "d.csv:2: status 'exploded' is not"),
        ("time,commit\nyesterday,abc\n", "d.csv:2: 'yesterday' is not a date"),
        ("time\n2026-01-12\n", "d.csv:2: no 'commit' field"),
        ('{"time": "2026-01-12", "commit": "abc"}\n[1]\n', "d.csv:2: not a JSON object"),
        ('{"time": "2026-01-12", \n', "d.csv:1: not a JSON object"),
        ("time,commit,environment\n2026-01-12,abc,staging\n", "no successful deployment"),
    ],
)
def test_a_bad_deploy_log_names_file_and_line(
    repo: tuple[Repo, list[str]], tmp_path: Path, text: str, message: str
) -> None:
    log = tmp_path / "d.csv"
    log.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        measure_repos([repo[0].path], settings(deploys=str(log)))


def test_unreadable_files_are_named(repo: tuple[Repo, list[str]], tmp_path: Path) -> None:
    missing = tmp_path / "nope.csv"
    with pytest.raises(UsageError, match=f"--deploys {missing}: cannot read it"):
        measure_repos([repo[0].path], settings(deploys=str(missing)))
    with pytest.raises(UsageError, match=f"--incidents {missing}: cannot read it"):
        measure_repos([repo[0].path], settings(incidents=str(missing)))
    bad = tmp_path / "i.csv"
    bad.write_text("start,resolved\n2026-01-02,2026-01-01\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"i\.csv:2: resolved before it started"):
        measure_repos([repo[0].path], settings(incidents=str(bad)))


def test_several_repositories_share_a_deploy_log_by_name(
    repo: tuple[Repo, list[str]], tmp_path: Path
) -> None:
    built, shas = repo
    other = Repo(tmp_path / "s")
    other.commit("base", "2025-12-01T00:00:00Z")
    one = other.commit("one", day("03-01T00:00:00"))
    lines = ["time,commit,environment,status,repository"]
    lines += [",".join((*r, "r")) for r in rows(shas)]
    lines += [f"2025-12-02T00:00:00Z,{'x'},production,success,elsewhere"]  # neither: ignored
    lines += [f"2026-03-01T05:00:00Z,{one},production,success,s"]  # s's first: no lead time
    log = tmp_path / "deploys.csv"
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    incidents = tmp_path / "incidents.csv"
    incidents.write_text(
        "start,resolved,repository\n"
        "2026-01-21T01:00:00Z,2026-01-21T05:00:00Z,r\n"  # r's D1: 4 h
        "2026-03-01T06:00:00Z,2026-03-01T08:00:00Z,s\n",  # s's only deployment: 2 h
        encoding="utf-8",
    )
    measured = measure_repos(
        [built.path, other.path], settings(deploys=str(log), incidents=str(incidents))
    )
    assert [r.deployments for r in measured.repositories] == [4, 1]
    check_deploy_figures_without_failures(metrics(measured, 0))
    assert metrics(measured, 1)["change-fail-rate"].value == 100.0
    org = metrics(measured, -1)
    assert org["deploy-frequency"].sample == 5
    assert org["change-fail-rate"].value == 40.0  # r's D1 and s's D0 of 5
    assert (org["recovery-time"].value, org["recovery-time"].sample) == (3.0, 2)  # 4 h and 2 h


def check_deploy_figures_without_failures(got: dict) -> None:  # type: ignore[type-arg]
    assert got["deploy-frequency"].sample == 4
    assert (got["lead-time"].value, got["lead-time"].sample) == (24.0, 3)
    assert got["change-fail-rate"].value == 25.0  # D1, from the incident


def test_several_repositories_need_the_repository_field(
    repo: tuple[Repo, list[str]], tmp_path: Path
) -> None:
    log = csv_log(tmp_path / "deploys.csv", repo[1])
    with pytest.raises(UsageError, match=r"deploys\.csv:2: no 'repository' field; with several"):
        measure_repos([repo[0].path, repo[0].path], settings(deploys=str(log)))


def test_open_incidents_only_are_not_a_recovery_time(
    repo: tuple[Repo, list[str]], tmp_path: Path
) -> None:
    built, shas = repo
    log = csv_log(tmp_path / "deploys.csv", shas)
    incidents = tmp_path / "incidents.jsonl"
    incidents.write_text('{"start": "2026-01-25T00:00:00Z"}\n', encoding="utf-8")
    got = metrics(measure_repos([built.path], settings(deploys=str(log), incidents=str(incidents))))
    assert got["change-fail-rate"].value == 25.0  # D3 of 4
    assert got["recovery-time"].reason == "no incident in the window was resolved yet"
    assert got["recovery-time"].evidence == (f"{incidents}:1: not resolved",)
