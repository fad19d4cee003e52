"""Measuring repositories: the window, the deployments, one walk per repository, the figures."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

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


_Item = TypeVar("_Item", Deployment, Incident)


@dataclass(frozen=True)
class _Files:
    """What the deploy log and the incidents file say, read once for every repository."""

    deploys: list[Deployment] | None
    incidents: list[Incident] | None
    several: bool


def _read_files(paths: Sequence[Path], settings: Settings) -> _Files:
    deploys = incidents = None
    if settings.deploys is not None:
        deploys = read_deploys(Path(settings.deploys), settings.environment)
    if settings.incidents is not None:
        every = read_incidents(Path(settings.incidents))
        incidents = [i for i in every if settings.since <= i.start < settings.until]
    return _Files(deploys, incidents, len(paths) > 1)


def _mine(items: Sequence[_Item], path: Path, several: bool, option: str) -> list[_Item]:
    """The lines of a file about the repository at ``path``: all of them when only one is
    measured, else those whose ``repository`` field names its directory."""
    if not several:
        return list(items)
    names = {str(path), path.name, path.resolve().name}
    for item in items:
        if not item.repository:
            where = item.name if isinstance(item, Deployment) else item.source
            raise UsageError(
                f"{where}: no 'repository' field; with several repositories, every line of "
                f"{option} must name the repository (its directory's name)"
            )
    return [item for item in items if item.repository in names]


def _deploy_log(root: Path, entries: Sequence[Deployment], warnings: list[str]) -> list[Deployment]:
    resolved = _git.resolve_commits(root, sorted({d.commit for d in entries}))
    out = []
    for entry in entries:
        if entry.commit not in resolved:
            warnings.append(f"{entry.name}: commit {entry.commit} is not in {root}; skipped")
            continue
        out.append(replace(entry, commit=resolved[entry.commit]))
    return out


def _deployments(
    root: Path, path: Path, settings: Settings, files: _Files, warnings: list[str]
) -> tuple[list[Deployment], int]:
    """The repository's deployments, from the deploy log or its tags, and how many tags it has
    (0 with a deploy log)."""
    if files.deploys is not None:
        mine = _mine(files.deploys, path, files.several, "--deploys")
        if not mine:
            warnings.append(f"no deployments: no line of {settings.deploys} is about it")
        return _deploy_log(root, mine, warnings), 0
    release = compile_pattern(settings.release_tags, "--release-tags")
    rollback = compile_pattern(settings.rollback_tags, "--rollback-tags")
    deployments, tags = _git.read_tags(root, release, rollback, settings.branch)
    if not deployments:
        some = "no tags" if tags == 0 else f"{tags} tags, none matching {settings.release_tags!r}"
        warnings.append(f"no deployments: the repository has {some} (or give --deploys FILE)")
    return deployments, tags


def read_history(
    path: Path, settings: Settings, files: _Files | None = None
) -> tuple[History, list[str], int, int]:
    """One repository's history over the window, the warnings about it, how many tags it has
    and how many deployments it has in all (before, in and after the window)."""
    files = files or _read_files([path], settings)
    root = _git.repository_root(path)
    warnings: list[str] = []
    deployments, tags = _deployments(root, path, settings, files, warnings)
    incidents = None
    if files.incidents is not None:
        incidents = tuple(_mine(files.incidents, path, files.several, "--incidents"))
    before = [d for d in deployments if d.time < settings.since]
    inside = [d for d in deployments if settings.since <= d.time < settings.until]
    shallow = _git.is_shallow(root)
    if shallow:
        warnings.append(
            "a shallow clone: commits beyond its depth are missing, so some changes are not counted"
        )
    if not inside:
        history = History((), (), {}, False, shallow, None, incidents)
        return history, warnings, tags, len(deployments)
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
    history = History(
        tuple(inside), tuple(changes), fixes, base is None, shallow, begins, incidents
    )
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
    files = _read_files(paths, settings)
    histories = []
    repos = []
    all_tags = matched = 0
    for path in paths:
        history, warnings, tags, found = read_history(path, settings, files)
        all_tags += tags
        matched += found
        histories.append(history)
        metrics = with_answers(all_metrics([history], settings), questionnaire)
        repos.append(_repo(str(path), [history], metrics, warnings))
    if settings.deploys is None and all_tags and not matched:
        raise UsageError(
            f"--release-tags {settings.release_tags!r} matches none of the {all_tags} tags of "
            f"{', '.join(str(p) for p in paths)}; set it to the tags your releases use"
        )
    organisation = None
    if len(paths) > 1:
        metrics = with_answers(all_metrics(histories, settings), questionnaire)
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
