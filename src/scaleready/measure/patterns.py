"""The default patterns and window of ``measure``: plain constants, imported by the CLI when it
starts (so nothing heavy here)."""

from __future__ import annotations

from datetime import timedelta

DEFAULT_RELEASE_TAGS = r"^v?\d+(\.\d+)+$"
"""Version tags: ``v1.2.3``, ``1.2``, ``2.0.0.1`` (a leading ``v`` is optional)."""
DEFAULT_REMEDIATION = r"(?i)^(revert\b|hotfix\b|hot-fix\b|rollback\b|roll back\b)|\bhotfix\b"
"""Commit subjects that remediate a deployment: ``Revert "..."``, ``hotfix: ...``,
``rollback ...``, or ``hotfix`` anywhere (case-insensitive)."""
DEFAULT_ROLLBACK_TAGS = r"(?i)(rollback|hotfix|revert)"
"""Tags that mark a remediation deployment (``v1.4.1-hotfix``, ``rollback-2026-03-02``)."""
DEFAULT_WINDOW = timedelta(days=182)
"""The default window: the last six months, as DORA's questions ask."""
