"""Markdown and HTML reports of an assessment, rendered with Jinja2 templates.

Public API: :func:`render_report`. The templates live in the
top-level ``report_templates/`` folder (bundled in the wheel); ``--templates DIR`` puts a user's
own copies first.
"""

from scaleready.render.report.render import render_report
from scaleready.vocabulary import ReportFormat

__all__ = ["ReportFormat", "render_report"]
