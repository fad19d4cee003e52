"""Issue 17, the property: generated hostile text in every printed field (organisation,
respondent name and role, notes, "not applicable" reasons, the questionnaire's title and the
names of its factors and capabilities) stays inert in every output."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaleready.cli import commands as cli
from tests.test_safety_injection import (
    TERMINAL_CONTROL,
    hostile_answers,
    hostile_questionnaire,
    only_our_commands,
)

FRAGMENTS = [
    "\n",
    "\r",
    "\r\n",
    "\x0b",
    "\x0c",
    "\x85",
    "\u2028",
    "\t",
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x9b31m",
    "\x1bP",
    "\x07",
    "\x01",
    "\x7f",
    "\x9c",
    "::error file=a::forged",
    "::add-mask::",
    "::warning::",
    "::stop-commands::t",
    "[red]",
    "[/]",
    "[link=http://e]x[/link]",
    "<blink>",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "&amp;",
    "]]>",
    "-->",
    "[l](http://e)",
    "![i](http://e/i.png)",
    "`",
    "``",
    "|",
    "*",
    "_",
    "~",
    "$",
    "# ",
    "> ",
    "- ",
    "1. ",
    "\\",
    "'",
    '"',
    "\ufffe",
    "\u202e",
    "%0A",
    "%",
]
hostile_text = st.lists(
    st.sampled_from(FRAGMENTS) | st.text(alphabet="ab :", max_size=3), min_size=1, max_size=8
).map(lambda parts: "x" + "".join(parts))


def tags(html: str) -> set[str]:
    from html.parser import HTMLParser

    found: set[str] = set()

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: object) -> None:
            found.add(tag)

    Tags().feed(html)
    return found


@pytest.mark.slow  # every output of 25 generated files: about 40 seconds
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers_text=hostile_text, questionnaire_text=hostile_text)
def test_any_hostile_text_in_any_printed_field_stays_inert(
    answers_text: str, questionnaire_text: str
) -> None:
    import os
    import tempfile
    from io import StringIO
    from unittest import mock

    from markdown_it import MarkdownIt
    from rich.console import Console

    from scaleready.engine import assess
    from scaleready.loading.inputs import load_inputs
    from scaleready.render.terminal import print_terminal

    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        answers = str(hostile_answers(tmp, answers_text))
        other = str(hostile_answers(tmp, answers_text, "b.yaml"))
        questionnaire = str(hostile_questionnaire(tmp, questionnaire_text))
        outputs: dict[str, tuple[str, str]] = {}
        env = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(tmp / "summary.md")}
        with mock.patch.dict(os.environ, env), _captured() as read:
            for fmt in ("terminal", "md", "html", "junit", "json"):
                code = cli.main(
                    ["score", answers, "-q", questionnaire, "-f", fmt, "--fail-on-risk", "low"]
                )
                assert code == 1, read()
                outputs[fmt] = read()
            assert cli.main(["workshop", answers, other, "-q", questionnaire]) == 0, read()
            outputs["workshop"] = read()
            assert (
                cli.main(["explain", answers, "no-problem-solution-fit", "-q", questionnaire]) == 0
            )
            outputs["explain"] = read()
        summary = (tmp / "summary.md").read_text(encoding="utf-8")
        chosen, given = load_inputs(Path(answers), questionnaire)
        buffer = StringIO()
        console = Console(file=buffer, force_terminal=True, color_system="standard", width=80)
        print_terminal(assess(chosen, given), chosen, console)
    for name, (out, err) in outputs.items():
        only_our_commands(out)
        only_our_commands(err)
        if name in ("terminal", "workshop", "explain", "md", "json"):
            assert not TERMINAL_CONTROL.search(out + err), name
    assert not TERMINAL_CONTROL.search(re.sub(r"\x1b\[[0-9;]*m", "", buffer.getvalue()))
    for markdown in (outputs["md"][0], summary):
        rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(markdown)
        assert 'href="http://e' not in rendered
        assert 'src="http://e' not in rendered
        assert not {"blink", "img", "script"} & tags(rendered)
    assert not {"blink", "img", "script"} & tags(outputs["html"][0])
    ET.fromstring(outputs["junit"][0].encode("utf-8"))
    json.loads(outputs["json"][0])


class _captured:
    """Captures what the CLI writes to stdout and stderr (hypothesis runs without capsys)."""

    def __enter__(self) -> Callable[[], tuple[str, str]]:
        import contextlib
        import io

        self.out, self.err = io.StringIO(), io.StringIO()
        self.stack = contextlib.ExitStack()
        self.stack.enter_context(contextlib.redirect_stdout(self.out))
        self.stack.enter_context(contextlib.redirect_stderr(self.err))

        def read() -> tuple[str, str]:
            got = self.out.getvalue(), self.err.getvalue()
            for stream in (self.out, self.err):
                stream.seek(0)
                stream.truncate()
            return got

        return read

    def __exit__(self, *exc: object) -> None:
        self.stack.close()
