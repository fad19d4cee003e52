"""The report's Jinja2 environment, escaping of everything a user typed, and the public API."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jinja2
import pytest
from markupsafe import Markup

from scaleready.engine import assess
from scaleready.errors import InputError, UsageError
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import load_answers
from scaleready.loading.bundled import bundled_dir
from scaleready.loading.questionnaire import load_questionnaire
from scaleready.render.outputs import format_for
from scaleready.render.report import render_report
from scaleready.render.report.environment import FILTERS, build_environment, template_dirs
from scaleready.render.report.markdown import (
    FlowNode,
    md_code,
    md_escape,
    mermaid_flowchart,
    mermaid_label,
)
from scaleready.vocabulary import REPORT_FORMATS

REPO = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def mini() -> Questionnaire:
    return load_questionnaire(DATA / "mini.yaml")[0]


def _hostile_answers(tmp_path: Path, text: str) -> Path:
    """The mini answers with ``text`` in every place a user can type words."""
    path = tmp_path / "hostile.yaml"
    quoted = json.dumps(text)  # a JSON string is a valid double-quoted YAML scalar
    path.write_text(
        "questionnaire: {id: mini, version: 1.0.0}\n"
        f"respondent: {{name: {quoted}, role: {quoted}}}\n"
        f"organisation: {quoted}\n"
        "answers:\n"
        "  engineers: 12\n"
        f"  deploy-frequency: {{value: weekly, note: {quoted}}}\n"
        f"  change-fail-rate: {{dont_know: true, reason: {quoted}}}\n"
        f"  notes: {quoted}\n",
        encoding="utf-8",
    )
    return path


def _render_hostile(mini: Questionnaire, tmp_path: Path, text: str, fmt: str) -> str:
    answers = load_answers(_hostile_answers(tmp_path, text), mini)
    return render_report(assess(mini, answers), mini, answers, fmt, date=text)  # type: ignore[arg-type]


# --- the environment ---------------------------------------------------------------------------


def test_undefined_names_raise(tmp_path: Path) -> None:
    (tmp_path / "broken.html.j2").write_text(
        "{{ view.no_such_thing }} {{ nope }}", encoding="utf-8"
    )
    env = build_environment(tmp_path)
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("broken.html.j2").render(view={})
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ nope }}").render()


def test_html_templates_are_autoescaped_and_markdown_templates_markdown_escaped(
    tmp_path: Path,
) -> None:
    (tmp_path / "t.html.j2").write_text("{{ s }}", encoding="utf-8")
    (tmp_path / "t.md.j2").write_text("{{ s }} {{ code|md_code }}", encoding="utf-8")
    env = build_environment(tmp_path)
    assert env.get_template("t.html.j2").render(s=IMG) == "&lt;img src=x onerror=alert(1)&gt;"
    md = env.get_template("t.md.j2").render(s="<b>*x*</b> | y", code="<b>*x*</b>")
    # Markup (a code span) passes through as written: inside backticks nothing is interpreted.
    assert md == "&lt;b&gt;\\*x\\*&lt;/b&gt; \\| y `<b>*x*</b>`"


def test_every_filter_is_registered_in_the_one_environment() -> None:
    env = build_environment()
    for name in FILTERS:
        assert env.filters[name] is FILTERS[name]
    assert env.undefined is jinja2.StrictUndefined


def test_user_templates_come_first_and_the_rest_stay_bundled(
    tmp_path: Path, mini: Questionnaire
) -> None:
    assert template_dirs(tmp_path) == [tmp_path, bundled_dir("report_templates")]
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "coverage.html.j2").write_text(
        '<section id="coverage"><h2>Our own coverage for {{ view.organisation }}</h2></section>\n',
        encoding="utf-8",
    )
    answers = load_answers(DATA / "mini-answers.yaml", mini)
    assessment = assess(mini, answers)
    html = render_report(assessment, mini, answers, "html", templates=tmp_path)
    assert "<h2>Our own coverage for Acme</h2>" in html
    assert '<h2 id="risks-h">Risks</h2>' in html  # the other partials are still the bundled ones
    assert "Our own coverage" not in render_report(assessment, mini, answers, "html")

    (tmp_path / "report.md.j2").write_text("# {{ view.organisation }} scored {{ a.score }}\n")
    assert render_report(assessment, mini, answers, "md", templates=tmp_path) == (
        f"# Acme scored {assessment.score}\n"
    )


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("fine\n{{ nope }}\n", 2, "report template: 'nope' is undefined"),
        ("{% if %}\n", 1, "report template: Expected an expression, got 'end of statement block'"),
    ],
)
def test_a_broken_user_template_is_bad_input_with_file_and_line(
    tmp_path: Path, mini: Questionnaire, text: str, line: int, message: str
) -> None:
    (tmp_path / "report.md.j2").write_text(text, encoding="utf-8")
    answers = load_answers(DATA / "mini-answers.yaml", mini)
    with pytest.raises(InputError) as caught:
        render_report(assess(mini, answers), mini, answers, "md", templates=tmp_path)
    (problem,) = caught.value.problems
    assert (Path(problem.file), problem.line, problem.message) == (
        tmp_path / "report.md.j2",
        line,
        message,
    )


def test_a_missing_templates_folder_is_a_usage_error(tmp_path: Path, mini: Questionnaire) -> None:
    answers = load_answers(DATA / "mini-answers.yaml", mini)
    with pytest.raises(UsageError, match="templates folder not found"):
        render_report(assess(mini, answers), mini, answers, "html", templates=tmp_path / "nope")


def test_bundled_templates_include_the_readme() -> None:
    folder = bundled_dir("report_templates")
    assert (folder / "report.md.j2").is_file()
    assert (folder / "report.html.j2").is_file()
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for template in sorted(folder.rglob("*.j2")):
        assert template.relative_to(folder).as_posix() in readme, template


# --- the public API --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("r.md", "md"),
        ("r.MARKDOWN", "md"),
        ("out/report.html", "html"),
        ("r.HTM", "html"),
        ("r.json", None),
        ("r.xml", None),
        ("report", None),
    ],
)
def test_report_format_for(name: str, fmt: str | None) -> None:
    if fmt is None:
        with pytest.raises(UsageError, match="cannot tell the format"):
            format_for(Path(name), REPORT_FORMATS)
    else:
        assert format_for(Path(name), REPORT_FORMATS) == fmt


def test_unknown_format_is_refused(mini: Questionnaire) -> None:
    answers = load_answers(DATA / "mini-answers.yaml", mini)
    with pytest.raises(ValueError, match="unknown report format 'pdf'"):
        render_report(assess(mini, answers), mini, answers, "pdf")  # type: ignore[arg-type]


@pytest.mark.slow  # a fresh Python
def test_report_module_imports_no_jinja2_at_import_time() -> None:
    import subprocess
    import sys

    code = "import sys, scaleready.render.report; print('jinja2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- everything a user typed is escaped ------------------------------------------------------------


@pytest.mark.parametrize("payload", [SCRIPT, IMG, "<img src=x onerror=\"document.title='pwned'\">"])
def test_html_shows_user_text_as_text(mini: Questionnaire, tmp_path: Path, payload: str) -> None:
    html = _render_hostile(mini, tmp_path, payload, "html")
    assert "<script" not in html
    assert "<img" not in html
    assert 'onerror="' not in html
    escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace('"', "&#34;").replace("'", "&#39;")
    # organisation (title, h1), respondent, date, a note, a reason, a text answer
    assert html.count(escaped) >= 7


@pytest.mark.parametrize("payload", [SCRIPT, IMG])
def test_markdown_shows_user_text_as_text(
    mini: Questionnaire, tmp_path: Path, payload: str
) -> None:
    md = _render_hostile(mini, tmp_path, payload, "md")
    assert "<script" not in md
    assert "<img" not in md
    assert md.count(payload.replace("<", "&lt;").replace(">", "&gt;")) >= 5


def test_markdown_neutralises_tables_links_and_maths(mini: Questionnaire, tmp_path: Path) -> None:
    md = _render_hostile(mini, tmp_path, "a | b [x](javascript:1) $1 *em* `c`\nnext line", "md")
    assert "a \\| b \\[x\\](javascript:1) \\$1 \\*em\\* \\`c\\` next line" in md
    assert "[x](" not in md


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        (SCRIPT, "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a|b", "a\\|b"),
        ("R&D <3", "R&amp;D &lt;3"),
        ("line one\nline two", "line one line two"),
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "&gt; not a quote"),
        ("- not a list", "\\- not a list"),
        ("1. not a list", "1\\. not a list"),
        ("24.4 stays as it is", "24.4 stays as it is"),
        ("snake_case and ~strike~ and $x$", "snake\\_case and \\~strike\\~ and \\$x\\$"),
        ("back\\slash", "back\\\\slash"),
        (" spaces kept ", " spaces kept "),
    ],
)
def test_md_escape(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped


def test_md_code() -> None:
    assert md_code("lead-time") == "`lead-time`"
    assert md_code("a`b") == "``a`b``"
    assert md_code("`x`") == "`` `x` ``"
    assert md_code("a|b") == "a\\|b"


def test_mermaid_labels_and_ids_are_safe() -> None:
    assert mermaid_label('say "hi" <b> [x] {y} end;') == (
        "say #34;hi#34; #60;b#62; #91;x#93; #123;y#125; end#59;"
    )
    assert mermaid_label("x" * 100, 20).endswith("#8230;")
    nodes = [
        FlowNode("mechanism:end", "end", "mechanism"),
        FlowNode("value:graph", 'A "quoted" value', "value"),
        FlowNode("mechanism:end", "duplicate", "mechanism"),
    ]
    block = str(
        mermaid_flowchart(nodes, [("mechanism:end", "value:graph"), ("value:graph", "nowhere")])
    )
    lines = block.splitlines()
    assert lines[:2] == ["```mermaid", "flowchart LR"]
    assert lines[-1] == "```"
    assert '  n1["end"]:::mechanism' in lines
    assert '  n2["A #34;quoted#34; value"]:::value' in lines
    assert "  n1 --> n2" in lines
    assert len([line for line in lines if "-->" in line]) == 1
    for line in lines[2:-1]:
        assert re.fullmatch(
            r'  (n\d+\["[^"]*"\]:::[a-z]+|n\d+ --> n\d+|classDef [a-z]+ [a-z0-9:#,-]+)', line
        ), line


@pytest.mark.parametrize(
    ("questionnaire_path", "ref"),
    [
        (DATA / "mini.yaml", "{id: mini, version: 1.0.0}"),
        (
            REPO / "questionnaires" / "scaling-readiness.yaml",
            "{id: scaling-readiness, version: 1.0.0}",
        ),
    ],
)
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_renders_with_no_answers_at_all(
    tmp_path: Path, questionnaire_path: Path, ref: str, fmt: str
) -> None:
    """Nothing answered: no score, stage or benchmark to show, and still a whole report."""
    questionnaire = load_questionnaire(questionnaire_path)[0]
    path = tmp_path / "empty.yaml"
    path.write_text(f"questionnaire: {ref}\nanswers: {{}}\n", encoding="utf-8")
    answers = load_answers(path, questionnaire)
    text = render_report(assess(questionnaire, answers), questionnaire, answers, fmt)  # type: ignore[arg-type]
    assert "Your organisation" in text
    assert "Coverage" in text


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_view_is_built_once_and_cannot_change(mini: Questionnaire, fmt: str) -> None:
    # Templates (a user's own too) see one immutable view: one part of a report cannot change
    # what a later part shows.
    import dataclasses

    from scaleready.render.report.view import build_view

    answers = load_answers(DATA / "mini-answers.yaml", mini)
    view = build_view(assess(mini, answers), mini, answers, fmt, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.date = "2026-01-01"  # type: ignore[misc]
    with pytest.raises(TypeError):
        view.charts["stage"] = Markup("")  # type: ignore[index]
    with pytest.raises(TypeError):
        view.names["x"] = "y"  # type: ignore[index]
    assert (fmt == "html") == ("stage" in view.charts)
    assert (fmt == "md") == bool(view.mermaid)
