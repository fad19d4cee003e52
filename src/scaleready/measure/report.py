"""A measurement as text for a terminal, and as data for JSON and YAML (pure)."""

from __future__ import annotations

from typing import Any

from scaleready.measure.answers import answers_of
from scaleready.measure.model import Measurement, Metric, RepoMeasurement


def as_data(measurement: Measurement) -> dict[str, Any]:
    """``{"answers": {question id: answer}, "metrics": {window, repositories, organisation}}``."""
    data = measurement.model_dump(mode="json")
    return {"answers": answers_of(measurement), "metrics": data}


def _figure(metric: Metric) -> str:
    if metric.status != "measured":
        return f"not measured: {metric.reason}"
    band = f", DORA band {metric.band}" if metric.band is not None else ""
    answer = f" -> {metric.answer}" if metric.answer is not None else ""
    return (
        f"{metric.value:g} {metric.unit}{answer} (n={metric.sample}, "
        f"{metric.confidence} confidence{band})"
    )


def _block(repo: RepoMeasurement, evidence: bool) -> list[str]:
    lines = [f"{repo.repository}: {repo.deployments} deployments, {repo.changes} changes"]
    width = max(len(m.name) for m in repo.metrics)
    for metric in repo.metrics:
        lines.append(f"  {metric.name:<{width}}  {_figure(metric)}")
        if evidence:
            lines.extend(f"  {'':<{width}}    {line}" for line in metric.evidence[:3])
            more = metric.evidence_total - min(3, len(metric.evidence))
            if more > 0:
                lines.append(f"  {'':<{width}}    ... and {more} more")
    lines.extend(f"  warning: {w}" for w in repo.warnings)
    return lines


def as_text(measurement: Measurement) -> str:
    """The figures as plain lines: the window, each repository's metrics with a little of their
    evidence, then the organisation's."""
    lines = [f"window: {measurement.since[:10]} to {measurement.until[:10]}"]
    for repo in measurement.repositories:
        lines.extend(["", *_block(repo, evidence=True)])
    if measurement.organisation is not None:
        lines.extend(["", *_block(measurement.organisation, evidence=False)])
    return "\n".join(lines) + "\n"
