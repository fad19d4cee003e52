"""THE Jinja2 environment of the Markdown and HTML reports, built in one place.

- ``StrictUndefined``: a template that names something the context does not have fails loudly
  instead of printing an empty string into a report someone will act on.
- Escaping by default in both formats. Templates whose name ends in ``.md.j2`` are Markdown; every
  other template (``.html.j2``, the CSS partial) is autoescaped for HTML. Markdown has no
  autoescape of its own, so ``finalize`` does it: every ``{{ expression }}`` in a Markdown template
  that yields plain text goes through :func:`~scaleready.render.report.markdown.md_escape`, and only
  :class:`~markupsafe.Markup` (Markdown the report built on purpose: code spans, the Mermaid block)
  passes through. A user's own template therefore cannot forget to escape a note.
- Templates are looked up in the user's ``--templates`` folder first, then in the bundled folder,
  so a user can override one template (or one partial) and keep the rest.
- Every filter and global is registered here, together, so a template author reads one list.
- Templates are not trusted to run code: a ``--templates`` folder may come from a pull request,
  and the same templates render ``GITHUB_STEP_SUMMARY`` in CI. Every template renders in Jinja's
  immutable sandbox (no ``__globals__``, no private attributes, no methods that change data), and
  a template file is only read if it resolves inside its folder (a symbolic link to
  ``/etc/passwd`` is refused, not included). The bundled templates need neither, and render the
  same inside them.

jinja2 is imported inside the functions: the CLI imports this package only for ``md``/``html``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaleready.errors import visible
from scaleready.render.coverage import coverage_counts
from scaleready.render.report import markdown
from scaleready.render.report.format import (
    dora_number,
    level_word,
    number,
    out_of_100,
    percent,
    plural,
    risk_number,
    score_number,
)

if TYPE_CHECKING:
    from jinja2 import BaseLoader, Environment
    from jinja2.nodes import EvalContext

MARKDOWN_SUFFIX = ".md.j2"
TEMPLATE_NAMES = {"md": "report.md.j2", "html": "report.html.j2"}

FILTERS: dict[str, Callable[..., Any]] = {
    "md": markdown.md_escape,
    "md_code": markdown.md_code,
    "score": score_number,
    "of100": out_of_100,
    "risk": risk_number,
    "dora": dora_number,
    "num": number,
    "percent": percent,
    "level_word": level_word,
    "plural": plural,
    "coverage_counts": coverage_counts,
}


def is_html_template(name: str | None) -> bool:
    """Whether a template is autoescaped for HTML: everything but ``*.md.j2``."""
    return name is None or not name.endswith(MARKDOWN_SUFFIX)


def _finalize(eval_ctx: EvalContext, value: Any) -> Any:
    """Escape plain text printed by a Markdown template (HTML templates are autoescaped, after
    :func:`~scaleready.errors.visible`: an HTML report on stdout carries no escape sequence nor a
    line GitHub Actions would read as a command)."""
    if not isinstance(value, str) or hasattr(value, "__html__"):
        return value
    if eval_ctx.autoescape:
        return visible(value)
    return markdown.md_escape(value)


def template_dirs(templates: Path | None) -> list[Path]:
    """The folders searched for templates, first match wins: the user's, then the bundled one."""
    from scaleready.loading.bundled import bundled_dir

    dirs = [templates] if templates is not None else []
    return [*dirs, bundled_dir("report_templates")]


def build_environment(templates: Path | None = None) -> Environment:
    """The one environment every report is rendered with (see the module docstring)."""
    from jinja2 import ChoiceLoader, StrictUndefined, pass_eval_context
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    loader = ChoiceLoader([_confined_loader(d) for d in template_dirs(templates)])
    env = ImmutableSandboxedEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        # HTML-autoescape every template but *.md.j2, which _finalize escapes for Markdown.
        autoescape=is_html_template,
        finalize=pass_eval_context(_finalize),
        # Templates are laid out for people to read; these keep that layout out of the output.
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Reports are rendered once per run; re-reading a template file is never needed.
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    return env


def _confined_loader(folder: Path) -> BaseLoader:
    """A loader of the templates in ``folder`` that refuses, with :class:`UsageError`, a template
    whose file resolves outside it (through a symbolic link): not found would fall back on the
    bundled template of that name, hiding the problem."""
    import os

    from jinja2 import FileSystemLoader

    from scaleready.errors import UsageError

    root = Path(os.path.realpath(folder))

    class ConfinedLoader(FileSystemLoader):
        def get_source(
            self, environment: Environment, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            # Checked before reading: the file is opened only if it is in the folder.
            for searchpath in self.searchpath:
                candidate = Path(searchpath, *template.split("/"))
                real = Path(os.path.realpath(candidate))
                if candidate.is_file() and root not in real.parents:
                    raise UsageError(
                        f"template {candidate} resolves to {real}, outside the templates "
                        f"folder {folder}; not reading it"
                    )
            return super().get_source(environment, template)

    return ConfinedLoader(str(folder))
