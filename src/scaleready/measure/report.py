"""A measurement as text for a terminal, and as data for JSON and YAML (pure)."""

from __future__ import annotations

from typing import Any

from scaleready.measure.answers import answers_of
from scaleready.measure.claims import Gap, gap_lines
from scaleready.measure.model import Measurement, Metric, RepoMeasurement


def as_data(measurement: Measurement, gaps: tuple[Gap, ...] | None = None) -> dict[str, Any]:
    """``{"answers": {question id: answer}, "metrics": {window, repositories, organisation}}``,
    and ``"gaps"`` (claimed beside measured) when there were claims to compare with."""
    data: dict[str, Any] = {
        "answers": answers_of(measurement),
        "metrics": measurement.model_dump(mode="json"),
    }
    if gaps is not None:
        data["gaps"] = [gap.model_dump(mode="json") for gap in gaps]
    return data


def _figure(metric: Metric) -> list[str]:
    """A metric in two lines (its figure, then the answer it gives and how sure), kept under
    80 columns so that it reads in any terminal and in a CI log."""
    if metric.status != "measured" or metric.value is None:
        return [f"  {metric.name}: not measured", f"    {metric.reason}"]
    days = ""
    if metric.unit.startswith("hours") and metric.value >= 48:
        days = f" = {metric.value / 24:.1f} days"
    band = f" (DORA band {metric.band})" if metric.band is not None else ""
    answer = f"answer {metric.answer}{band}; " if metric.answer is not None else ""
    return [
        f"  {metric.name}: {metric.value:g} {metric.unit}{days}",
        f"    {answer}n={metric.sample}, {metric.confidence} confidence",
    ]


def _block(repo: RepoMeasurement, evidence: bool) -> list[str]:
    lines = [f"{repo.repository}: {repo.deployments} deployments, {repo.changes} changes"]
    for metric in repo.metrics:
        lines.extend(_figure(metric))
        if evidence:
            lines.extend(f"    - {line}" for line in metric.evidence[:3])
            more = metric.evidence_total - min(3, len(metric.evidence))
            if more > 0:
                lines.append(f"    - ... and {more} more")
    lines.extend(f"  warning: {w}" for w in repo.warnings)
    return lines


def as_text(measurement: Measurement, gaps: tuple[Gap, ...] = ()) -> str:
    """The figures as plain lines: the window, each repository's metrics with a little of their
    evidence, then the organisation's, then the claims they contradict or bear out."""
    lines = [f"window: {measurement.since[:10]} to {measurement.until[:10]}"]
    for repo in measurement.repositories:
        lines.extend(["", *_block(repo, evidence=True)])
    if measurement.organisation is not None:
        lines.extend(["", *_block(measurement.organisation, evidence=False)])
    lines.extend(gap_lines(gaps))
    return "\n".join(lines) + "\n"
