"""The values of the measure layer: what is asked for (:class:`Settings`), what is read
(:class:`Deployment`, :class:`Change`), and what is reported (:class:`Metric`,
:class:`RepoMeasurement`, :class:`Measurement`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from pydantic import Field

from scaleready.formats.frozen import Frozen
from scaleready.measure.patterns import (
    DEFAULT_RELEASE_TAGS,
    DEFAULT_REMEDIATION,
    DEFAULT_ROLLBACK_TAGS,
)

Confidence = Literal["low", "medium", "high"]
MetricStatus = Literal["measured", "not measured"]


@dataclass(frozen=True)
class Settings:
    """What to measure: the window, where deployments come from, and the patterns.

    ``since``/``until`` bound the window (``until`` exclusive); ``release_tags``,
    ``remediation`` and ``rollback_tags`` are regular expressions (``re.search``).
    """

    since: datetime
    until: datetime
    release_tags: str = DEFAULT_RELEASE_TAGS
    remediation: str = DEFAULT_REMEDIATION
    rollback_tags: str = DEFAULT_ROLLBACK_TAGS
    branch: str | None = None
    deploys: str | None = None
    incidents: str | None = None
    environment: str = "production"


@dataclass(frozen=True)
class Deployment:
    """One deployment: when, which commit, and where it was read (a tag, a deploy log line)."""

    time: datetime
    commit: str
    name: str
    source: str
    rollback: bool = False
    repository: str = ""  # a deploy log's repository field, when it has one


@dataclass(frozen=True)
class Change:
    """One non-merge commit and the deployment that first contains it (an index into the
    deployments, in time order)."""

    sha: str
    authored: int  # Unix seconds: a hundred thousand datetimes cost a tenth of a second
    deployment: int


@dataclass(frozen=True)
class Incident:
    """An incident from an incidents file: start, resolution (if resolved) and where it was
    read."""

    start: datetime
    resolved: datetime | None
    source: str
    repository: str = ""


@dataclass(frozen=True)
class History:
    """What one repository's history says over the window: its deployments in time order, the
    changes they shipped, which deployments remediate an earlier one, and why."""

    deployments: tuple[Deployment, ...]
    changes: tuple[Change, ...]
    remediations: dict[int, str] = field(default_factory=dict)
    baseline: bool = False
    shallow: bool = False
    begins: int | None = None  # Unix seconds of the first change, when the history has no start
    incidents: tuple[Incident, ...] | None = None  # from an incidents file, if one was given


class Metric(Frozen):
    """One delivery metric: its value, DORA band, the answer it gives, how sure, and why."""

    id: str
    name: str
    status: MetricStatus
    value: float | None = None
    unit: str
    band: int | None = None
    question: str | None = Field(default=None, description="The question this metric answers")
    answer: str | float | None = None
    sample: int = 0
    confidence: Confidence | None = None
    reason: str | None = None
    evidence: tuple[str, ...] = ()
    evidence_total: int = 0


class RepoMeasurement(Frozen):
    """One repository's (or the organisation's pooled) figures."""

    repository: str
    deployments: int
    changes: int
    metrics: tuple[Metric, ...]
    warnings: tuple[str, ...] = ()


class Measurement(Frozen):
    """The whole result: the window, each repository's figures, and the organisation's when
    there are several."""

    since: str
    until: str
    repositories: tuple[RepoMeasurement, ...]
    organisation: RepoMeasurement | None = None

    @property
    def overall(self) -> RepoMeasurement:
        """The figures that answer the questionnaire: the organisation's, or the only
        repository's."""
        return self.organisation or self.repositories[0]
