"""Markdown and HTML reports of an assessment, rendered with Jinja2 templates.

Public API: :func:`render_report` and :func:`report_format_for`. The templates live in the
top-level ``report_templates/`` folder (bundled in the wheel); ``--templates DIR`` puts a user's
own copies first.
"""

from scaleready.render.report.render import ReportFormat, render_report, report_format_for

__all__ = ["ReportFormat", "render_report", "report_format_for"]
