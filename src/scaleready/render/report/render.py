"""Render an assessment as a Markdown or a self-contained HTML report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scaleready.errors import InputError, Problem, UsageError
from scaleready.formats.answers import Answers
from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import Assessment
from scaleready.vocabulary import ReportFormat

if TYPE_CHECKING:
    from jinja2 import TemplateError


def render_report(
    assessment: Assessment,
    questionnaire: Questionnaire,
    answers: Answers,
    fmt: ReportFormat,
    *,
    templates: Path | None = None,
    date: str | None = None,
) -> str:
    """The report as text: ``md`` (GitHub-flavoured Markdown, short enough for a CI step summary)
    or ``html`` (one self-contained file: inline CSS and SVG, no script, nothing fetched).

    ``templates`` is a folder searched for templates before the bundled ones. ``date`` is printed
    in the report when given; nothing else varies between runs, so identical inputs give identical
    text.

    Raises ``ValueError`` for an unknown format; :class:`UsageError` when ``templates`` is not a
    folder; :class:`InputError` (file and line) when a template of the user's folder is broken
    (bad syntax, an undefined name). An error in a bundled template is a bug and propagates.
    """
    from jinja2 import TemplateError

    from scaleready.render.report.environment import TEMPLATE_NAMES, build_environment
    from scaleready.render.report.view import build_view

    if fmt not in TEMPLATE_NAMES:
        raise ValueError(f"unknown report format {fmt!r}; expected one of: md, html")
    if templates is not None and not templates.is_dir():
        raise UsageError(f"templates folder not found: {templates}")
    env = build_environment(templates)
    view = build_view(assessment, questionnaire, answers, fmt, date)
    try:
        template = env.get_template(TEMPLATE_NAMES[fmt])
        text = template.render(view=view, a=assessment, q=questionnaire, date=date)
    except TemplateError as exc:
        problem = _user_template_problem(exc, templates) if templates is not None else None
        if problem is None:
            raise
        raise InputError([problem]) from None
    # One newline at the end, whatever the template's last line does.
    return text.rstrip("\n") + "\n"


def _user_template_problem(exc: TemplateError, templates: Path) -> Problem | None:
    """The error located in the innermost frame that runs one of the user's templates, if any.

    Jinja2 rewrites tracebacks so that template frames carry the template's file and line; a
    syntax error names them itself.
    """
    from jinja2 import TemplateSyntaxError

    places: list[tuple[str, int]] = []
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        places.append((exc.filename, exc.lineno))
    tb = exc.__traceback__
    inner: list[tuple[str, int]] = []
    while tb is not None:
        inner.append((tb.tb_frame.f_code.co_filename, tb.tb_lineno))
        tb = tb.tb_next
    places += reversed(inner)
    root = templates.resolve()
    for filename, line in places:
        path = Path(filename)
        if path.is_file() and path.resolve().is_relative_to(root):
            message = f"report template: {exc.message or type(exc).__name__}"
            return Problem(str(path), line, 1, (), message)
    return None
