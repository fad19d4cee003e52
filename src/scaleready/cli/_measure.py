"""The ``measure`` command: delivery metrics from repositories, and ``--into`` an answers file."""

from __future__ import annotations

from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from scaleready.cli._app import OptionalPath, OptionalStr, QuestionnaireOption, app
from scaleready.measure.patterns import (
    DEFAULT_RELEASE_TAGS,
    DEFAULT_REMEDIATION,
    DEFAULT_ROLLBACK_TAGS,
)

if TYPE_CHECKING:
    from scaleready.formats.answers import Answer, Answers
    from scaleready.formats.questionnaire import Questionnaire
    from scaleready.loading.answers_file import AnswersFile
    from scaleready.measure.claims import Gap
    from scaleready.measure.model import Measurement, Settings


class MeasureFormat(str, Enum):
    """How ``measure`` prints its figures."""

    terminal = "terminal"
    json = "json"
    yaml = "yaml"


@app.command(
    epilog="Example: scaleready measure ../shop --since 2026-01-01 --into answers.yaml",
)
def measure(
    repos: Annotated[
        list[Path], typer.Argument(metavar="REPO...", help="Local git repositories (clones).")
    ],
    since: Annotated[OptionalStr, typer.Option(metavar="DATE", help="Window start.")] = None,
    until: Annotated[
        OptionalStr, typer.Option(metavar="DATE", help="Window end (default: now).")
    ] = None,
    deploys: Annotated[
        OptionalPath,
        typer.Option(metavar="FILE", help="Deploy log (CSV or JSON lines) instead of tags."),
    ] = None,
    incidents: Annotated[
        OptionalPath, typer.Option(metavar="FILE", help="Incidents (CSV or JSON lines).")
    ] = None,
    release_tags: Annotated[
        str, typer.Option(metavar="REGEX", help="Tags that are deployments.")
    ] = DEFAULT_RELEASE_TAGS,
    rollback_tags: Annotated[
        str, typer.Option(metavar="REGEX", help="Tags that are rollbacks or hotfixes.")
    ] = DEFAULT_ROLLBACK_TAGS,
    remediation: Annotated[
        str, typer.Option(metavar="REGEX", help="Commit subjects that remediate.")
    ] = DEFAULT_REMEDIATION,
    branch: Annotated[
        OptionalStr, typer.Option(metavar="NAME", help="Only tags on this branch.")
    ] = None,
    environment: Annotated[
        str, typer.Option(metavar="ENV", help="The deploy log's environment to measure.")
    ] = "production",
    fmt: Annotated[MeasureFormat, typer.Option("--format", "-f")] = MeasureFormat.terminal,
    into: Annotated[
        OptionalPath,
        typer.Option(metavar="ANSWERS", help="Write the measured answers into this file."),
    ] = None,
    compare: Annotated[
        OptionalPath,
        typer.Option(
            metavar="ANSWERS",
            help="Show each measured answer beside this file's claimed one (default: --into's).",
        ),
    ] = None,
    questionnaire: QuestionnaireOption = None,
) -> None:
    """Measure DORA's delivery metrics from repositories' history (by default, the last 6 months)."""
    from scaleready.loading.inputs import open_questionnaire
    from scaleready.measure.model import Settings
    from scaleready.measure.run import window

    start, end = window(since, until, datetime.now(timezone.utc))
    settings = Settings(
        since=start,
        until=end,
        release_tags=release_tags,
        remediation=remediation,
        rollback_tags=rollback_tags,
        branch=branch,
        deploys=str(deploys) if deploys is not None else None,
        incidents=str(incidents) if incidents is not None else None,
        environment=environment,
    )
    _run(repos, settings, open_questionnaire(questionnaire), fmt, into, compare)


def _run(
    repos: list[Path],
    settings: Settings,
    loaded: Questionnaire,
    fmt: MeasureFormat,
    into: Path | None,
    compare: Path | None,
) -> None:
    from scaleready.measure.run import measure_repos

    # The answers files are read (and checked) before anything is measured, so that an invalid
    # one stops the command before its work; --into's answers are the claims by default.
    target = _open_into(into, loaded) if into is not None else None
    claims = _claims(compare, loaded) if compare is not None else None
    measurement = measure_repos(repos, settings, loaded)
    if claims is None and target is not None and target[1] is not None:
        claims = dict(target[1].answers)
    gaps = None
    if claims is not None:
        from scaleready.measure.claims import compare_claims

        gaps = compare_claims(measurement, claims, loaded)
    typer.echo(_render(measurement, gaps, fmt), nl=False)
    if target is not None:
        _write_into(target, measurement)


def _claims(path: Path, questionnaire: Questionnaire) -> dict[str, Answer]:
    from scaleready.loading.answers import load_answers

    return dict(load_answers(path, questionnaire).answers)


def _render(measurement: Measurement, gaps: tuple[Gap, ...] | None, fmt: MeasureFormat) -> str:
    import json

    from scaleready.measure.report import as_data, as_text

    if fmt is MeasureFormat.terminal:
        return as_text(measurement, gaps or ())
    data = as_data(measurement, gaps)
    if fmt is MeasureFormat.json:
        return json.dumps(data, indent=2, sort_keys=False) + "\n"
    import yaml

    return str(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def _open_into(path: Path, questionnaire: Questionnaire) -> tuple[AnswersFile, Answers | None]:
    from scaleready.loading.answers_file import AnswersFile

    return AnswersFile.open(path, questionnaire)


def _write_into(target: tuple[AnswersFile, Answers | None], measurement: Measurement) -> None:
    from scaleready.measure.answers import measured_entries

    file, loaded = target
    previous = dict(loaded.answers) if loaded is not None else {}
    entries = measured_entries(measurement, previous)
    file.save(entries, loaded.respondent if loaded is not None else None)
    count = sum(1 for k in entries if entries[k] != previous.get(k))
    typer.echo(f"wrote {file.path}: {count} measured answers", err=True)
