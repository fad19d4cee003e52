"""A workshop's outputs: the terminal summary, Markdown, a self-contained HTML report for
presenting, and JSON. Every function returns text; nothing here prints or writes.

Markdown and HTML are rendered with the reports' one Jinja2 environment
(:func:`scaleready.render.report.environment.build_environment`: StrictUndefined, HTML autoescape,
Markdown escaping of every printed value) from ``report_templates/workshop.md.j2`` and
``workshop.html.j2``; the HTML charts are the reports' inline SVG charts
(:mod:`scaleready.render.report.charts`): no script, nothing fetched. rich and jinja2 are imported inside
the functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from scaleready.errors import UsageError
from scaleready.formats.questionnaire import Questionnaire
from scaleready.vocabulary import WORKSHOP_FORMATS, WorkshopFormat
from scaleready.workshop.model import (
    WorkshopAssessment,
)

if TYPE_CHECKING:
    pass

TEMPLATES = {"md": "workshop.md.j2", "html": "workshop.html.j2"}
FILE_WIDTH = 100
"""Terminal text written to a file (or a pipe) is laid out this wide."""


def workshop_format_for(requested: str | None, output: Path | None) -> WorkshopFormat:
    """The format to write: the one asked for, else ``output``'s suffix, else terminal."""
    if requested is not None and requested not in WORKSHOP_FORMATS:
        raise UsageError(
            f"unknown format {requested!r}; expected one of {', '.join(WORKSHOP_FORMATS)}"
        )
    from scaleready.render.outputs import output_format

    return cast(WorkshopFormat, output_format(requested, output, WORKSHOP_FORMATS))


def render_workshop(
    workshop: WorkshopAssessment,
    questionnaire: Questionnaire,
    fmt: WorkshopFormat,
    *,
    width: int = FILE_WIDTH,
    color: bool = False,
) -> str:
    """The workshop in ``fmt``. ``width`` and ``color`` only affect the terminal format."""
    if fmt == "json":
        return workshop.to_json()
    if fmt == "terminal":
        from scaleready.workshop._terminal import render_terminal_text

        return render_terminal_text(workshop, questionnaire, width=width, color=color)
    if fmt not in TEMPLATES:
        raise ValueError(f"unknown workshop format {fmt!r}")
    from scaleready.render.report.environment import build_environment
    from scaleready.workshop._view import build_view

    env = build_environment()
    view = build_view(workshop, questionnaire, html=fmt == "html")
    text = env.get_template(TEMPLATES[fmt]).render(w=workshop, view=view)
    return text.rstrip("\n") + "\n"
