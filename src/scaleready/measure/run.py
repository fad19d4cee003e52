"""Measuring repositories: the window, the deployments, one walk per repository, the figures."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from scaleready.errors import UsageError
from scaleready.formats.questionnaire import Questionnaire
from scaleready.measure import _git
from scaleready.measure._files import parse_time, read_deploys, read_incidents
from scaleready.measure.answers import with_answers
from scaleready.measure.metrics import all_metrics
from scaleready.measure.model import (
    Change,
    Deployment,
    History,
    Incident,
    Measurement,
    Metric,
    RepoMeasurement,
    Settings,
)
from scaleready.measure.patterns import DEFAULT_WINDOW


def window(since: str | None, until: str | None, now: datetime) -> tuple[datetime, datetime]:
    """The window ``--since``/``--until`` ask for; by default the six months up to ``now``."""
    end = parse_time(until, "--until") if until else now.astimezone(timezone.utc)
    start = parse_time(since, "--since") if since else end - DEFAULT_WINDOW
    if start >= end:
        raise UsageError(f"--since {start:%Y-%m-%d} is not before --until {end:%Y-%m-%d}")
    return start, end


def compile_pattern(pattern: str, option: str) -> re.Pattern[str]:
    """A settable pattern, compiled; :class:`UsageError` naming the option if it is not a
    regular expression."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise UsageError(f"{option} {pattern!r} is not a regular expression: {exc}") from None


def _deploy_log(root: Path, settings: Settings, warnings: list[str]) -> list[Deployment]:
    assert settings.deploys is not None
    entries = read_deploys(Path(settings.deploys), settings.environment)
    resolved = _git.resolve_commits(root, sorted({d.commit for d in entries}))
    out = []
    for entry in entries:
        if entry.commit not in resolved:
            warnings.append(f"{entry.name}: commit {entry.commit} is not in {root}; skipped")
            continue
        commit = resolved[entry.commit]
        out.append(Deployment(entry.time, commit, entry.name, entry.source, entry.rollback))
    return out


def read_history(path: Path, settings: Settings) -> tuple[History, list[str], int, int]:
    """One repository's history over the window, the warnings about it, how many tags it has
    and how many deployments it has in all (before, in and after the window)."""
    root = _git.repository_root(path)
    warnings: list[str] = []
    tags = 0
    if settings.deploys is not None:
        deployments = _deploy_log(root, settings, warnings)
    else:
        release = compile_pattern(settings.release_tags, "--release-tags")
        rollback = compile_pattern(settings.rollback_tags, "--rollback-tags")
        deployments, tags = _git.read_tags(root, release, rollback, settings.branch)
        if not deployments:
            some = (
                "no tags" if tags == 0 else f"{tags} tags, none matching {settings.release_tags!r}"
            )
            warnings.append(f"no deployments: the repository has {some} (or give --deploys FILE)")
    before = [d for d in deployments if d.time < settings.since]
    inside = [d for d in deployments if settings.since <= d.time < settings.until]
    shallow = _git.is_shallow(root)
    if shallow:
        warnings.append(
            "a shallow clone: commits beyond its depth are missing, so some changes are not counted"
        )
    if not inside:
        return History((), (), {}, False, shallow), warnings, tags, len(deployments)
    remediation = compile_pattern(settings.remediation, "--remediation")
    base = before[-1].commit if before else None
    changes, fixes = _git.walk(root, inside, base, remediation)
    begins = None
    if base is None:
        warnings.append(
            f"{inside[0].source} is the first deployment: the changes it shipped have no "
            "earlier deployment to count their lead time from, so they are left out"
        )
        begins = _begins(changes, settings, shallow, warnings)
    history = History(tuple(inside), tuple(changes), fixes, base is None, shallow, begins)
    return history, warnings, tags, len(deployments)


def _begins(
    changes: Sequence[Change], settings: Settings, shallow: bool, warnings: list[str]
) -> int | None:
    """When a history with no deployment before the window begins, if inside the window: a
    repository two months old has two months of deployments, not six. (A shallow clone's
    oldest commit is where the clone stops, not where the history begins.)"""
    if shallow or not changes:
        return None
    first = min(change.authored for change in changes)
    if first <= settings.since.timestamp():
        return None
    day = datetime.fromtimestamp(first, tz=timezone.utc)
    warnings.append(
        f"the history begins on {day:%Y-%m-%d}, inside the window: deployment frequency counts "
        "from there"
    )
    return first


def measure_repos(
    paths: Sequence[Path], settings: Settings, questionnaire: Questionnaire | None = None
) -> Measurement:
    """Measure each repository over the settings' window, and the organisation (pooled) when
    there are several; with a questionnaire, each metric also carries the answer it gives."""
    if len(paths) > 1 and (settings.deploys or settings.incidents):
        raise UsageError("--deploys and --incidents describe one repository: give only one")
    incidents: list[Incident] | None = None
    if settings.incidents is not None:
        every = read_incidents(Path(settings.incidents))
        incidents = [i for i in every if settings.since <= i.start < settings.until]
    histories = []
    repos = []
    all_tags = matched = 0
    for path in paths:
        history, warnings, tags, found = read_history(path, settings)
        all_tags += tags
        matched += found
        histories.append(history)
        metrics = with_answers(all_metrics([history], settings, incidents), questionnaire)
        repos.append(_repo(str(path), [history], metrics, warnings))
    if settings.deploys is None and all_tags and not matched:
        raise UsageError(
            f"--release-tags {settings.release_tags!r} matches none of the {all_tags} tags of "
            f"{', '.join(str(p) for p in paths)}; set it to the tags your releases use"
        )
    organisation = None
    if len(paths) > 1:
        metrics = with_answers(all_metrics(histories, settings, incidents), questionnaire)
        organisation = _repo("organisation", histories, metrics, [])
    return Measurement(
        since=settings.since.isoformat(),
        until=settings.until.isoformat(),
        repositories=tuple(repos),
        organisation=organisation,
    )


def _repo(
    name: str, histories: Sequence[History], metrics: tuple[Metric, ...], warnings: Sequence[str]
) -> RepoMeasurement:
    return RepoMeasurement(
        repository=name,
        deployments=sum(len(h.deployments) for h in histories),
        changes=sum(len(h.changes) for h in histories),
        metrics=metrics,
        warnings=tuple(warnings),
    )
