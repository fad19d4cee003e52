"""The five delivery metrics from what the history says (pure: no git, no files).

Each metric is computed over one or several repositories' :class:`History` at once, so that the
organisation's figure is the pooled one (all deployments, all changes), not a mean of means.
Definitions, in words, are in ``docs/measure.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from statistics import median

from scaleready.measure.model import Confidence, History, Incident, Metric, Settings

HOUR = 3600.0
DAY = 24.0  # hours
EVIDENCE_LIMIT = 20
"""At most this many evidence lines per metric (``evidence_total`` says how many there were)."""

# DORA's duration bands (lead time, recovery time): upper bounds in hours, best band first.
_DURATION_BANDS = ((1.0, 6), (DAY, 5), (7 * DAY, 4), (30 * DAY, 3), (182.5 * DAY, 2))
# DORA's deployment frequency bands: lower bounds in deployments per day, best band first.
_FREQUENCY_BANDS = ((2.0, 6), (1.0, 5), (1 / 7, 4), (1 / 30, 3), (1 / 182.5, 2))

NAMES = {
    "deploy-frequency": "Deployment frequency",
    "lead-time": "Lead time for changes",
    "change-fail-rate": "Change fail rate",
    "recovery-time": "Failed deployment recovery time",
    "rework-rate": "Deployment rework rate",
}


def confidence(sample: int) -> Confidence:
    """How far a figure can be trusted from how many observations it rests on."""
    if sample < 10:
        return "low"
    return "medium" if sample < 30 else "high"


def duration_band(hours: float) -> int:
    """DORA's band (1-6) for a lead or recovery time."""
    return next((band for bound, band in _DURATION_BANDS if hours < bound), 1)


def frequency_band(per_day: float) -> int:
    """DORA's band (1-6) for a deployment rate."""
    return next((band for bound, band in _FREQUENCY_BANDS if per_day >= bound), 1)


def _metric(
    metric_id: str, unit: str, value: float, sample: int, evidence: Sequence[str], band: int | None
) -> Metric:
    return Metric(
        id=metric_id,
        name=NAMES[metric_id],
        status="measured",
        value=round(value, 2),
        unit=unit,
        band=band,
        sample=sample,
        confidence=confidence(sample),
        evidence=tuple(evidence[:EVIDENCE_LIMIT]),
        evidence_total=len(evidence),
    )


def not_measured(metric_id: str, unit: str, reason: str, evidence: Sequence[str] = ()) -> Metric:
    """A metric the data cannot give, and why (never a 0 that would read as a figure)."""
    return Metric(
        id=metric_id,
        name=NAMES[metric_id],
        status="not measured",
        unit=unit,
        reason=reason,
        evidence=tuple(evidence[:EVIDENCE_LIMIT]),
        evidence_total=len(evidence),
    )


def _stamp(time: datetime) -> str:
    return time.strftime("%Y-%m-%d %H:%M")


def deploy_frequency(histories: Sequence[History], since: datetime, until: datetime) -> Metric:
    """Deployments per week over the window, or over the part of it since the histories began
    when they all began inside it."""
    unit = "deployments per week"
    count = sum(len(h.deployments) for h in histories)
    if count == 0:
        return not_measured("deploy-frequency", unit, "no deployment in the window")
    evidence = [f"{d.source} ({_stamp(d.time)})" for h in histories for d in h.deployments]
    start = min(max(h.begins or 0, since.timestamp()) for h in histories)
    # At least a day: two deployments an hour after a repository began are no 48 a day.
    days = max(1.0, (until.timestamp() - start) / (DAY * HOUR))
    per_day = count / days
    return _metric("deploy-frequency", unit, per_day * 7, count, evidence, frequency_band(per_day))


def lead_time(histories: Sequence[History]) -> Metric:
    """The median time from a change's authoring to the first deployment that contains it."""
    unit = "hours (median)"
    hours: list[float] = []
    evidence = []
    for history in histories:
        per_deployment: dict[int, list[float]] = {}
        shipped = [d.time.timestamp() for d in history.deployments]
        for change in history.changes:
            if history.baseline and change.deployment == 0:
                continue  # the first deployment ever: what it shipped has no start to count from
            # A clock set wrong can date a commit after its release: that is no negative lead.
            lead = max(0.0, (shipped[change.deployment] - change.authored) / HOUR)
            per_deployment.setdefault(change.deployment, []).append(lead)
        for index in sorted(per_deployment):
            leads = per_deployment[index]
            hours.extend(leads)
            source = history.deployments[index].source
            evidence.append(f"{source}: {len(leads)} changes, median {median(leads):.1f} h")
    if not hours:
        why = "no change shipped by a deployment in the window"
        if any(h.baseline for h in histories):
            why += " (the first deployment ever has nothing before it to count from)"
        return not_measured("lead-time", unit, why)
    value = median(hours)
    return _metric("lead-time", unit, value, len(hours), evidence, duration_band(value))


def _remediations(history: History) -> dict[int, str]:
    found = dict(history.remediations)
    for index, deployment in enumerate(history.deployments):
        if deployment.rollback:
            found.setdefault(index, "a rollback")
    return found


def failed(history: History) -> dict[int, str]:
    """The deployments that failed, with why: from incidents (the last deployment before each
    incident began), or else the deployment before each remediation."""
    out: dict[int, str] = {}
    incidents = history.incidents
    if incidents is not None:
        times = [d.time for d in history.deployments]
        for incident in incidents:
            before = [i for i, t in enumerate(times) if t <= incident.start]
            if before:
                out.setdefault(before[-1], f"{incident.source}: incident")
        return out
    for index, why in sorted(_remediations(history).items()):
        if index > 0:  # the first one remediates a deployment before the window
            broken, fix = history.deployments[index - 1], history.deployments[index]
            out.setdefault(index - 1, f"{broken.source}, fixed by {fix.source}: {why}")
    return out


def change_fail_rate(histories: Sequence[History]) -> Metric:
    """The percentage of deployments that failed (needed remediation)."""
    unit = "% of deployments"
    count = sum(len(h.deployments) for h in histories)
    if count == 0:
        return not_measured("change-fail-rate", unit, "no deployment in the window")
    evidence = [why for h in histories for _, why in sorted(failed(h).items())]
    return _metric("change-fail-rate", unit, 100 * len(evidence) / count, count, evidence, None)


def rework_rate(histories: Sequence[History]) -> Metric:
    """The percentage of deployments that were unplanned: a revert, a hotfix or a rollback."""
    unit = "% of deployments"
    count = sum(len(h.deployments) for h in histories)
    if count == 0:
        return not_measured("rework-rate", unit, "no deployment in the window")
    evidence = [
        f"{h.deployments[i].source}: {why}"
        for h in histories
        for i, why in sorted(_remediations(h).items())
    ]
    return _metric("rework-rate", unit, 100 * len(evidence) / count, count, evidence, None)


def recovery_time(histories: Sequence[History]) -> Metric:
    """The median time from a failure to the deployment (or incident resolution) that restored
    service."""
    unit = "hours (median)"
    hours: list[float] = []
    evidence: list[str] = []
    for history in histories:
        if history.incidents is not None:
            _incident_recoveries(history.incidents, hours, evidence)
        else:
            _deployment_recoveries(history, hours, evidence)
    if not hours:
        why = "no failed deployment in the window, so nothing to recover from"
        if evidence:  # only incidents can still be open
            why = "no incident in the window was resolved yet"
        return not_measured("recovery-time", unit, why, evidence)
    value = median(hours)
    return _metric("recovery-time", unit, value, len(hours), evidence, duration_band(value))


def _incident_recoveries(
    incidents: Sequence[Incident], hours: list[float], evidence: list[str]
) -> None:
    for incident in incidents:
        if incident.resolved is None:
            evidence.append(f"{incident.source}: not resolved")
            continue
        took = (incident.resolved - incident.start).total_seconds() / HOUR
        hours.append(took)
        evidence.append(f"{incident.source}: {took:.1f} h")


def _deployment_recoveries(history: History, hours: list[float], evidence: list[str]) -> None:
    broken = failed(history)
    for index in sorted(broken):
        # The deployment after a failed one remediates it; if that fix failed in its turn, the
        # next one remediates it, and so on: service is restored by the first fix that held.
        restored = index + 1
        while restored in broken:
            restored += 1
        start, end = history.deployments[index], history.deployments[restored]
        took = (end.time - start.time).total_seconds() / HOUR
        hours.append(took)
        evidence.append(f"{start.source} -> {end.source}: {took:.1f} h")


def all_metrics(histories: Sequence[History], settings: Settings) -> tuple[Metric, ...]:
    """The five metrics, in the questionnaire's order."""
    return (
        lead_time(histories),
        deploy_frequency(histories, settings.since, settings.until),
        recovery_time(histories),
        change_fail_rate(histories),
        rework_rate(histories),
    )
