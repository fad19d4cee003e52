"""``measure`` on repositories built with known histories: every metric against figures worked
out by hand (the comments show the arithmetic)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from scaleready.errors import UsageError
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.inputs import open_questionnaire
from scaleready.measure.model import Measurement, Metric, Settings
from scaleready.measure.run import measure_repos, window

SINCE = datetime(2026, 1, 1, tzinfo=timezone.utc)
UNTIL = datetime(2026, 7, 1, tzinfo=timezone.utc)  # 181 days


class Repo:
    """A git repository whose every commit and tag has an exact time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.count = 0

    def git(self, *args: str, when: str = "2026-01-01T00:00:00Z", author: str | None = None) -> str:
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": "Ada",
            "GIT_AUTHOR_EMAIL": "ada@example.com",
            "GIT_COMMITTER_NAME": "Ada",
            "GIT_COMMITTER_EMAIL": "ada@example.com",
            "GIT_AUTHOR_DATE": author or when,
            "GIT_COMMITTER_DATE": when,
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
        }
        done = subprocess.run(
            ["git", *args], cwd=self.path, env=env, capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    def commit(self, subject: str, when: str, body: str = "", author: str | None = None) -> str:
        """A commit adding one file; returns its sha."""
        self.count += 1
        name = f"file{self.count}.txt"  # one file each, so that branches merge cleanly
        (self.path / name).write_text(f"{subject}\n", encoding="utf-8")
        self.git("add", name, when=when)
        message = subject + (f"\n\n{body}" if body else "")
        self.git("commit", "-q", "-m", message, when=when, author=author)
        return self.git("rev-parse", "HEAD")

    def tag(self, name: str, when: str, annotated: bool = True) -> None:
        """A tag on HEAD; an annotated one is dated ``when``, a lightweight one its commit."""
        if annotated:
            self.git("tag", "-a", name, "-m", name, when=when)
        else:
            self.git("tag", name, when=when)


def day(text: str) -> str:
    return f"2026-{text}Z"


def build_main(path: Path) -> Repo:
    """The main history: a base release before the window, six deployments in it (a hotfix, a
    revert before release, a revert after release, a merge), one after it, and a tag that is no
    release."""
    repo = Repo(path)
    repo.commit("start", "2025-12-01T00:00:00Z")
    repo.tag("v0.1.0", "2025-12-01T00:00:00Z", annotated=False)  # the base, before the window
    repo.commit("feat a", day("01-10T00:00:00"))  # lead 48 h
    repo.commit("feat b", day("01-11T00:00:00"))  # lead 24 h
    repo.tag("v0.2.0", day("01-12T00:00:00"))  # D0
    repo.commit("feat c", day("01-20T00:00:00"))  # lead 12 h
    repo.tag("v0.3.0", day("01-20T12:00:00"))  # D1: failed
    repo.commit("hotfix: crash on start", day("01-21T00:00:00"))  # lead 6 h
    repo.tag("v0.3.1", day("01-21T06:00:00"))  # D2: remediates D1 after 18 h
    d = repo.commit("feat d", day("02-01T00:00:00"))  # lead 48 h
    repo.commit('Revert "feat d"', day("02-01T02:00:00"), f"This reverts commit {d}.")  # 46 h
    e = repo.commit("feat e", day("02-02T00:00:00"))  # lead 24 h
    repo.tag("v0.4.0", day("02-03T00:00:00"))  # D3: failed (the revert of d was before release)
    repo.commit('Revert "feat e"', day("02-04T00:00:00"), f"This reverts commit {e}.")  # 1 h
    repo.tag("v0.4.1", day("02-04T01:00:00"))  # D4: remediates D3 after 25 h
    repo.git("checkout", "-q", "-b", "feature")
    repo.commit("feat f", day("02-10T00:00:00"))  # lead 72 h
    repo.git("checkout", "-q", "main")
    repo.commit("docs", day("02-11T00:00:00"))  # lead 48 h
    repo.git(
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge branch 'feature'",
        "feature",
        when=day("02-12T00:00:00"),
    )  # a merge is not a change of its own
    repo.tag("v0.5.0", day("02-13T00:00:00"))  # D5
    repo.tag("nightly-2026-02-14", day("02-14T00:00:00"))
    repo.commit("later", day("07-05T00:00:00"))
    repo.tag("v0.6.0", day("07-05T00:00:00"))  # after the window
    return repo


def settings(**changes: Any) -> Settings:
    return dataclasses.replace(Settings(since=SINCE, until=UNTIL), **changes)


def metrics(measurement: Measurement, index: int = 0) -> dict[str, Metric]:
    repo = measurement.repositories[index] if index >= 0 else measurement.overall
    return {m.id: m for m in repo.metrics}


@pytest.fixture(scope="module")
def main_repo(tmp_path_factory: pytest.TempPathFactory) -> Repo:
    return build_main(tmp_path_factory.mktemp("measure") / "main")


@pytest.fixture(scope="module")
def questionnaire() -> Questionnaire:
    return open_questionnaire(None)


def test_every_metric_of_the_main_history(main_repo: Repo, questionnaire: Questionnaire) -> None:
    measured = measure_repos([main_repo.path], settings(), questionnaire)
    got = metrics(measured)
    # Lead times 48 24 12 6 48 46 24 1 72 48: sorted, the middle two are 24 and 46.
    assert (got["lead-time"].value, got["lead-time"].sample) == (35.0, 10)
    assert (got["lead-time"].band, got["lead-time"].answer) == (4, "one-day-to-one-week")
    assert got["lead-time"].confidence == "medium"
    # Six deployments in 181 days: 0.0331 a day, under once a month (1/30 = 0.0333).
    assert got["deploy-frequency"].value == round(6 / 181 * 7, 2)
    assert (got["deploy-frequency"].band, got["deploy-frequency"].answer) == (
        2,
        "monthly-to-six-monthly",
    )
    assert got["deploy-frequency"].sample == 6
    # D1 and D3 failed: 2 of 6.
    assert (got["change-fail-rate"].value, got["change-fail-rate"].answer) == (33.33, 33.3)
    first, second = got["change-fail-rate"].evidence
    assert first.startswith("tag v0.3.0, fixed by tag v0.3.1: ")
    assert first.endswith(" hotfix: crash on start")
    assert second.startswith("tag v0.4.0, fixed by tag v0.4.1: ")
    assert second.endswith(' Revert "feat e"')
    # D2 and D4 were remediations: 2 of 6.
    assert (got["rework-rate"].value, got["rework-rate"].sample) == (33.33, 6)
    # Restored after 18 h and 25 h.
    assert (got["recovery-time"].value, got["recovery-time"].sample) == (21.5, 2)
    assert got["recovery-time"].answer == "less-than-one-day"
    assert got["recovery-time"].evidence == (
        "tag v0.3.0 -> tag v0.3.1: 18.0 h",
        "tag v0.4.0 -> tag v0.4.1: 25.0 h",
    )
    repo = measured.repositories[0]
    assert (repo.deployments, repo.changes, repo.warnings) == (6, 10, ())


def test_an_empty_window_measures_nothing_and_says_why(main_repo: Repo) -> None:
    empty = settings(since=datetime(2026, 3, 1, tzinfo=timezone.utc))
    got = metrics(measure_repos([main_repo.path], empty))
    for metric in got.values():
        assert metric.status == "not measured"
        assert metric.value is None
        assert metric.reason
    assert got["deploy-frequency"].reason == "no deployment in the window"


def test_the_window_cuts_deployments_and_keeps_the_base(main_repo: Repo) -> None:
    # From Jan 15: D1..D5 (5 deployments); D0 (v0.2.0) is the base, so "feat c" counts.
    cut = settings(since=datetime(2026, 1, 15, tzinfo=timezone.utc))
    got = metrics(measure_repos([main_repo.path], cut))
    # Lead times 12 6 48 46 24 1 72 48: middle two 24 and 46.
    assert (got["lead-time"].value, got["lead-time"].sample) == (35.0, 8)
    assert got["change-fail-rate"].value == 40.0  # D1 and D3 of 5


def test_a_first_release_in_the_window_is_the_baseline(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit("one", day("01-02T00:00:00"))
    repo.tag("v1.0.0", day("01-03T00:00:00"))
    repo.commit("two", day("01-04T00:00:00"))
    repo.tag("v1.1.0", day("01-04T10:00:00"))
    measured = measure_repos([repo.path], settings())
    got = metrics(measured)
    # Only "two" counts (10 h): v1.0.0 has nothing before it to count from.
    assert (got["lead-time"].value, got["lead-time"].sample) == (10.0, 1)
    assert got["lead-time"].confidence == "low"
    assert "tag v1.0.0 is the first deployment" in measured.repositories[0].warnings[0]
    # The history begins on Jan 2: two deployments in the 180 days from there.
    assert measured.repositories[0].warnings[1] == (
        "the history begins on 2026-01-02, inside the window: deployment frequency counts from "
        "there"
    )
    assert got["deploy-frequency"].value == round(2 / 180 * 7, 2)


def test_a_repository_without_tags_is_not_measured(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit("one", day("01-02T00:00:00"))
    measured = measure_repos([repo.path], settings())
    assert all(m.status == "not measured" for m in measured.repositories[0].metrics)
    assert "no tags" in measured.repositories[0].warnings[0]


def test_a_pattern_that_matches_no_tag_is_an_error(main_repo: Repo) -> None:
    with pytest.raises(UsageError, match=r"--release-tags '\^release-' matches none of the 9"):
        measure_repos([main_repo.path], settings(release_tags="^release-"))


def test_a_pattern_that_is_no_regex_is_an_error(main_repo: Repo) -> None:
    with pytest.raises(UsageError, match="--release-tags '\\(' is not a regular expression"):
        measure_repos([main_repo.path], settings(release_tags="("))


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="is not a git repository"):
        measure_repos([tmp_path], settings())
    with pytest.raises(UsageError, match="not a directory"):
        measure_repos([tmp_path / "missing"], settings())


def test_rebased_changes_count_from_their_authoring(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit("base", "2025-12-01T00:00:00Z")
    repo.tag("v1.0.0", "2025-12-01T00:00:00Z")
    # Authored on Jan 10, rebased (committed again) on Jan 15, released on Jan 16.
    repo.commit("rebased", day("01-15T00:00:00"), author=day("01-10T00:00:00"))
    repo.tag("v1.1.0", day("01-16T00:00:00"))
    got = metrics(measure_repos([repo.path], settings()))
    assert got["lead-time"].value == 144.0  # 6 days, not 1


def test_rollback_tags_and_open_failures(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit("base", "2025-12-01T00:00:00Z")
    repo.tag("v1.0.0", "2025-12-01T00:00:00Z")
    repo.commit("feature", day("01-10T00:00:00"))
    repo.tag("v1.1.0", day("01-10T00:00:00"))  # D0: failed
    repo.git("checkout", "-q", "v1.0.0")
    repo.tag("rollback-2026-01-10", day("01-10T04:00:00"))  # D1: a rollback, restores D0 in 4 h
    repo.git("checkout", "-q", "main")
    repo.commit("feature again", day("02-01T00:00:00"))
    repo.tag("v1.2.0", day("02-01T00:00:00"))  # D2: failed, and never restored
    repo.commit("hotfix: again", day("02-02T00:00:00"))
    repo.tag("v1.2.1-hotfix", day("02-02T00:00:00"))  # D3: a hotfix tag, but it fails too
    repo.commit("Hotfix the hotfix", day("02-03T00:00:00"))
    repo.tag("v1.2.2", day("02-03T00:00:00"))  # D4: restores D2 and D3
    got = metrics(measure_repos([repo.path], settings()))
    assert got["rework-rate"].value == 60.0  # D1, D3, D4 of 5
    assert got["change-fail-rate"].value == 60.0  # D0, D2, D3 of 5
    # D0 -> D1 4 h; D2 -> D4 48 h; D3 -> D4 24 h: median 24 h.
    assert (got["recovery-time"].value, got["recovery-time"].sample) == (24.0, 3)


def test_branch_keeps_the_tags_on_it(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit("base", "2025-12-01T00:00:00Z")
    repo.tag("v1.0.0", "2025-12-01T00:00:00Z")
    repo.git("checkout", "-q", "-b", "other")
    repo.commit("elsewhere", day("01-05T00:00:00"))
    repo.tag("v9.0.0", day("01-05T00:00:00"))
    repo.git("checkout", "-q", "main")
    repo.commit("here", day("01-06T00:00:00"))
    repo.tag("v1.1.0", day("01-06T01:00:00"))
    assert metrics(measure_repos([repo.path], settings()))["deploy-frequency"].sample == 2
    on_main = metrics(measure_repos([repo.path], settings(branch="main")))
    assert on_main["deploy-frequency"].sample == 1
    assert on_main["lead-time"].value == 1.0
    with pytest.raises(UsageError, match="--branch nope: no such branch"):
        measure_repos([repo.path], settings(branch="nope"))


def test_a_shallow_clone_is_measured_with_a_warning(main_repo: Repo, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        [
            "git",
            "clone",
            "-q",
            "--depth",
            "4",
            "--single-branch",
            f"file://{main_repo.path}",
            str(clone),
        ],
        check=True,
        capture_output=True,
    )
    measured = measure_repos([clone], settings())
    warnings = measured.repositories[0].warnings
    assert any("shallow clone" in w for w in warnings)
    # Four commits deep from main: "later", the merge, "docs" and "feat f", and the revert of
    # e, which v0.4.1 tags. So v0.4.1 is the first deployment the clone knows (nothing to count
    # its changes from), and v0.5.0 shipped "feat f" (72 h) and "docs" (48 h).
    got = metrics(measured)
    assert got["deploy-frequency"].sample == 2
    assert (got["lead-time"].value, got["lead-time"].sample) == (60.0, 2)


def test_several_repositories_pool_into_the_organisation(main_repo: Repo, tmp_path: Path) -> None:
    other = Repo(tmp_path / "other")
    other.commit("base", "2025-12-01T00:00:00Z")
    other.tag("v1.0.0", "2025-12-01T00:00:00Z")
    other.commit("one", day("03-01T00:00:00"))
    other.tag("v1.1.0", day("03-01T02:00:00"))  # lead 2 h
    measured = measure_repos([main_repo.path, other.path], settings())
    org = metrics(measured, -1)
    assert measured.organisation is not None
    assert (measured.organisation.deployments, measured.organisation.changes) == (7, 11)
    # Lead times 1 2 6 12 24 24 46 48 48 48 72: the middle one is 24.
    assert (org["lead-time"].value, org["lead-time"].sample) == (24.0, 11)
    assert org["change-fail-rate"].value == round(200 / 7, 2)
    assert metrics(measured, 1)["change-fail-rate"].value == 0.0


def test_window_defaults_to_six_months_up_to_now() -> None:
    now = datetime(2026, 7, 1, 12, tzinfo=timezone.utc)
    start, end = window(None, None, now)
    assert (start.isoformat(), end) == ("2025-12-31T12:00:00+00:00", now)
    assert window("2026-01-01", "2026-02-01", now)[0] == SINCE
    with pytest.raises(UsageError, match="--since: '2026-13-01' is not a date"):
        window("2026-13-01", None, now)
    with pytest.raises(UsageError, match="is not before --until"):
        window("2026-03-01", "2026-02-01", now)


def test_reverts_that_do_not_say_what_they_revert_count_as_they_are(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit("base", "2025-12-01T00:00:00Z")
    repo.tag("v1.0.0", "2025-12-01T00:00:00Z")
    repo.commit("feature", day("01-10T00:00:00"))
    repo.tag("v1.1.0", day("01-10T00:00:00"))  # D0: failed
    repo.commit('Revert "feature"', day("01-11T00:00:00"))  # no "This reverts commit" line
    repo.commit("Revert the config change", day("01-11T01:00:00"))
    repo.tag("v1.1.1", day("01-11T02:00:00"))  # D1: remediates D0 in 26 h
    got = metrics(measure_repos([repo.path], settings()))
    assert got["change-fail-rate"].value == 50.0
    assert got["recovery-time"].value == 26.0
    # Whichever the walk met first is the evidence; both are reverts.
    assert "Revert" in got["rework-rate"].evidence[0]


def test_a_revert_as_the_oldest_commit_walked(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit("base", "2025-12-01T00:00:00Z")
    repo.tag("v1.0.0", "2025-12-01T00:00:00Z")
    repo.commit('Revert "base"', day("01-10T00:00:00"))
    repo.tag("v1.0.1", day("01-10T01:00:00"))  # D0: remediates v1.0.0, before the window
    got = metrics(measure_repos([repo.path], settings()))
    assert (got["rework-rate"].value, got["change-fail-rate"].value) == (100.0, 0.0)


def test_a_fix_that_fails_does_not_restore(tmp_path: Path) -> None:
    repo = Repo(tmp_path / "r")
    repo.commit("base", "2025-12-01T00:00:00Z")
    repo.tag("v1.0.0", "2025-12-01T00:00:00Z")
    repo.commit("feature", day("01-10T00:00:00"))
    repo.tag("v1.1.0", day("01-10T00:00:00"))  # D0: failed
    repo.commit("hotfix: one", day("01-11T00:00:00"))
    repo.tag("v1.1.1", day("01-11T00:00:00"))  # D1: a fix that fails in its turn
    repo.commit("hotfix: two", day("01-12T00:00:00"))
    repo.tag("v1.1.2", day("01-12T00:00:00"))  # D2: the fix that holds
    got = metrics(measure_repos([repo.path], settings()))
    assert got["change-fail-rate"].value == round(200 / 3, 2)  # D0 and D1 of 3
    assert got["rework-rate"].value == round(200 / 3, 2)  # D1 and D2 of 3
    # D0 -> D2 48 h, D1 -> D2 24 h.
    assert got["recovery-time"].evidence == (
        "tag v1.1.0 -> tag v1.1.2: 48.0 h",
        "tag v1.1.1 -> tag v1.1.2: 24.0 h",
    )
    assert got["recovery-time"].value == 36.0


def test_a_bare_repository_is_measured(main_repo: Repo, tmp_path: Path) -> None:
    bare = tmp_path / "bare.git"
    subprocess.run(
        ["git", "clone", "-q", "--bare", str(main_repo.path), str(bare)],
        check=True,
        capture_output=True,
    )
    got = metrics(measure_repos([bare], settings()))
    assert (got["lead-time"].value, got["deploy-frequency"].sample) == (35.0, 6)
