"""Issue 17, injection: text from answers files and questionnaires stays inert in every output.

A hostile value (newlines, carriage returns, ESC and C1 sequences, BEL, rich markup, Markdown,
HTML and workflow commands) goes into every printed field; no output may carry an escape to the
terminal, a forged GitHub workflow command, live Markdown or XML that does not parse.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scaleready.cli import commands as cli
from tests.conftest import DATA

HOSTILE = (
    "x\n::add-mask::secret\r\n::error file=a::forged\x1b]0;title\x07\x1b[2J\x9b31m"
    "[red]red[/red] <b>&amp;</b> [l](http://e) ![i](http://e/i.png) `c` \x01\x0b\ufffe|*_#"
    " \u2028::warning::w\x85::notice::n"
)
# HOSTILE as the reports' Markdown shows it: one line, every mark escaped, colons kept apart.
HOSTILE_MD = (
    "x :\u2060:add-mask:\u2060:secret :\u2060:error file=a:\u2060:forged\\\\x1b\\]0;title"
    "\\\\x07\\\\x1b\\[2J\\\\x9b31m\\[red\\]red\\[/red\\] &lt;b&gt;&amp;amp;&lt;/b&gt; \\[l\\](http://e) "
    "!\\[i\\](http://e/i.png) \\`c\\` \\\\x01 \ufffe\\|\\*\\_# :\u2060:warning:\u2060:w "
    ":\u2060:notice:\u2060:n"
)
# Whatever reaches a terminal: ESC, CSI, BEL, C1 and the other C0 controls but newline.
TERMINAL_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# GitHub's runner reads a line as a workflow command when it starts with "::" after blanks.
COMMAND = re.compile(r"^\s*::", re.MULTILINE)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def hostile_questionnaire(tmp_path: Path, text: str = HOSTILE) -> Path:
    """The mini questionnaire with ``text`` as its title, factor and capability names."""
    quoted = json.dumps(text)  # a JSON string is a YAML double-quoted scalar
    q = (DATA / "mini.yaml").read_text(encoding="utf-8")
    for plain in (
        "name: Building without problem/solution fit",
        "name: Systematic experimentation",
        "title: Mini readiness",
    ):
        q = q.replace(plain, plain.split(":")[0] + ": " + quoted)
    path = tmp_path / "q.yaml"
    path.write_text(q, encoding="utf-8")
    return path


def hostile_answers(tmp_path: Path, text: str = HOSTILE, name: str = "a.yaml") -> Path:
    """The mini answers with ``text`` as organisation, name, role, a note and an N/A reason."""
    quoted = json.dumps(text)
    a = (DATA / "mini-answers.yaml").read_text(encoding="utf-8")
    a = a.replace("name: Ada, role: cto", f"name: {quoted}, role: {quoted}")
    a = a.replace("organisation: Acme", f"organisation: {quoted}")
    a = a.replace('"every Tuesday"', quoted).replace('"nothing to add"', quoted)
    path = tmp_path / name
    path.write_text(a, encoding="utf-8")
    return path


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[str, str]:
    return str(hostile_answers(tmp_path)), str(hostile_questionnaire(tmp_path))


def only_our_commands(text: str) -> None:
    """Every line a runner would read as a workflow command is an annotation we emitted (a
    warning, or an error behind a failed gate; the runner splits lines as .NET's ReadLine does:
    on \\n, \\r and \\r\\n only)."""
    for line in re.split(r"\r\n|\r|\n", text):
        if COMMAND.match(line):
            assert line.startswith(("::warning file=", "::error file=")), line
            assert "\n" not in line.split("::", 2)[2]


def test_github_workflow_commands_cannot_be_forged_from_answers_or_questionnaire(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    hostile: tuple[str, str],
) -> None:
    answers, questionnaire = hostile
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    for fmt in ("terminal", "md", "json", "junit", "html"):
        code, out, err = run(
            capsys, "score", answers, "-q", questionnaire, "-f", fmt, "--fail-on-risk", "low"
        )
        assert code == 1, err
        only_our_commands(out)
        only_our_commands(err)
    # The --fail-on-risk verdict names the factor on one line, its colons kept apart.
    assert (
        err.splitlines().count(
            "  no-problem-solution-fit 0.133 (low): x :\u2060:add-mask:\u2060:secret  :\u2060:error "
            "file=a:\u2060:forged\\x1b]0;title\\x07\\x1b[2J\\x9b31m[red]red[/red] <b>&amp;</b> "
            "[l](http://e) ![i](http://e/i.png) `c` \\x01 \ufffe|*_#  :\u2060:warning:\u2060:w "
            ":\u2060:notice:\u2060:n"
        )
        == 1
    )


def test_annotation_data_and_properties_use_githubs_escaping() -> None:
    from scaleready.ci.github import Annotation

    command = Annotation("risk", "a:\nb,c", "50%\r\n::error::x\x1b", 3).command("d/a,b.yaml")
    assert command == (
        "::warning file=d/a%2Cb.yaml,line=3,title=a%3A%0Ab%2Cc::50%25%0D%0A:\u2060:error:\u2060:x\\x1b"
    )


@pytest.mark.parametrize("fmt", ["terminal", "txt"])
def test_score_sends_no_escape_to_the_terminal_or_a_text_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, hostile: tuple[str, str], fmt: str
) -> None:
    answers, questionnaire = hostile
    if fmt == "txt":
        code, _, _ = run(
            capsys, "score", answers, "-q", questionnaire, "-o", str(tmp_path / "r.txt")
        )
        out = (tmp_path / "r.txt").read_text(encoding="utf-8")
    else:
        code, out, _ = run(capsys, "score", answers, "-q", questionnaire)
    assert code == 0
    assert not TERMINAL_CONTROL.search(out)
    assert "\\x1b]0;title\\x07\\x1b[2J\\x9b31m[red]red[/red]" in out  # shown, not obeyed


def test_score_on_a_colour_terminal_sends_only_its_own_styles(hostile: tuple[str, str]) -> None:
    from io import StringIO

    from rich.console import Console

    from scaleready.engine import assess
    from scaleready.loading.inputs import load_inputs
    from scaleready.render.terminal import print_terminal

    questionnaire, answers = load_inputs(Path(hostile[0]), hostile[1])
    buffer = StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="standard", width=100)
    print_terminal(assess(questionnaire, answers), questionnaire, console)
    out = buffer.getvalue()
    assert re.findall(r"\x1b\[[0-9;]*m", out)  # styled
    assert not TERMINAL_CONTROL.search(re.sub(r"\x1b\[[0-9;]*m", "", out))
    assert "[red]red[/red]" in out  # rich markup in a name stays text


def test_workshop_and_explain_send_no_escape(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, hostile: tuple[str, str]
) -> None:
    answers, questionnaire = hostile
    other = str(hostile_answers(tmp_path, name="b.yaml"))
    code, out, err = run(capsys, "workshop", answers, other, "-q", questionnaire)
    assert code == 0, err
    assert not TERMINAL_CONTROL.search(out)
    only_our_commands(out)
    code, out, err = run(capsys, "explain", answers, "no-problem-solution-fit", "-q", questionnaire)
    assert code == 0, err
    assert out.splitlines()[0].startswith("Failure factor no-problem-solution-fit: x :\u2060:add")
    assert not TERMINAL_CONTROL.search(out)


def test_interview_notes_print_no_escape() -> None:
    from io import StringIO

    from rich.console import Console

    from scaleready.interview._terminal import Printer

    buffer = StringIO()
    Printer(Console(file=buffer, width=60)).say(f"Note: {HOSTILE}", indent=2)
    out = buffer.getvalue()
    assert not TERMINAL_CONTROL.search(out)
    assert "\\x1b]0;title\\x07" in out


def test_junit_parses_whatever_the_questionnaire_and_answers_hold(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, hostile: tuple[str, str]
) -> None:
    answers, questionnaire = hostile
    code, out, _ = run(capsys, "score", answers, "-q", questionnaire, "-f", "junit")
    assert code == 0
    root = ET.fromstring(out.encode("utf-8"))
    names = [case.get("name", "") for case in root.iter("testcase")]
    assert "experimentation: x :\u2060:add-mask:\u2060:secret  :\u2060:error" in "".join(names)
    assert "\\x01 \ufffd|" in "".join(names)  # \x01 shown, U+FFFE (not XML) replaced


@pytest.mark.parametrize("bad", ["\x01", "\x0b", "\x1b", "\ufffe", "\uffff", "\ud800"])
def test_junit_of_a_questionnaire_name_with_a_character_xml_forbids(bad: str) -> None:
    from scaleready.render._junit import xml_text

    shown = xml_text(f"a{bad}b")
    ET.fromstring(f"<x a='{shown}'>{shown}</x>".encode("utf-8", "surrogatepass"))
    assert bad not in shown


def hostile_results(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> tuple[str, str]:
    """Two result JSON files whose capability and factor ids and names are hostile, the second
    with the capability's score lower."""
    code, out, _ = run(
        capsys,
        "score",
        str(DATA / "mini-answers.yaml"),
        "-q",
        str(DATA / "mini.yaml"),
        "-f",
        "json",
    )
    assert code == 0
    old = out.replace('"experimentation"', json.dumps(f"exp`{HOSTILE}")).replace(
        '"Systematic experimentation"', json.dumps(HOSTILE)
    )
    data = json.loads(old)
    data["capabilities"][0]["score"] = 10.0
    paths = tmp_path / "old.json", tmp_path / "new.json"
    paths[0].write_text(old, encoding="utf-8")
    paths[1].write_text(json.dumps(data), encoding="utf-8")
    return str(paths[0]), str(paths[1])


def test_diff_markdown_escapes_ids_and_names_from_a_result_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old, new = hostile_results(capsys, tmp_path)
    code, out, err = run(capsys, "diff", old, new, "-f", "md")
    assert code == 0, err
    row = next(line for line in out.splitlines() if line.startswith("| x "))
    assert row == f"| {HOSTILE_MD} (exp\\`{HOSTILE_MD}) | 83.3 | 10.0 |"
    assert f"- capability exp\\`{HOSTILE_MD} 83.3 -> 10.0" in out.splitlines()


def test_diff_text_shows_hostile_names_on_their_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old, new = hostile_results(capsys, tmp_path)
    code, out, _ = run(capsys, "diff", old, new)
    assert code == 0
    assert not TERMINAL_CONTROL.search(out)
    only_our_commands(out)
    assert "  REGRESSION capability exp`x :\u2060:add-mask:\u2060:secret  :\u2060:error" in out


def test_history_escapes_commit_subjects(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "ci@example.com")
    git("config", "user.name", "CI")
    answers = tmp_path / "answers.yaml"
    answers.write_text((DATA / "mini-answers.yaml").read_text(encoding="utf-8"))
    git("add", "answers.yaml")
    git("commit", "-qm", "[l](http://e) <img src=x> `c` *e* \x1b]0;t\x07\x9b2J ::error::x")
    code, out, err = run(capsys, "history", str(answers), "-q", str(DATA / "mini.yaml"), "-f", "md")
    assert code == 0, err
    assert out.splitlines()[-1].endswith(
        r"| 86.7 | early | \[l\](http://e) &lt;img src=x&gt; \`c\` \*e\* \\x1b\]0;t\\x07\\x9b2J "
        ":\u2060:error:\u2060:x |"
    )
    code, out, err = run(capsys, "history", str(answers), "-q", str(DATA / "mini.yaml"))
    assert code == 0, err
    assert out.splitlines()[-1].endswith(
        "86.7   early  [l](http://e) <img src=x> `c` *e* \\x1b]0;t\\x07\\x9b2J :\u2060:error:\u2060:x"
    )


@pytest.mark.slow  # starts the CLI in a pseudo-terminal
def test_the_interview_shows_a_hostile_note_without_obeying_it(tmp_path: Path) -> None:
    import os
    import sys

    import pexpect

    (tmp_path / "a.yaml").write_text(
        "questionnaire: {id: interview, version: 1.0.0}\nanswers:\n"
        '  engineers: {value: 12, note: "\\e]0;pwned\\a\\e[2J\\x9b31m ::add-mask::x"}\n',
        encoding="utf-8",
    )
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", "COLUMNS": "80", "LINES": "40"}
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        env.pop(name, None)
    child = pexpect.spawn(
        str(Path(sys.executable).parent / "scaleready"),
        ["assess", "--answers", "a.yaml", "--questionnaire", str(DATA / "interview.yaml")],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=10,
        dimensions=(40, 80),
    )
    child.expect_exact("\n> ")
    child.sendline("b")  # back to the first question, which shows its note
    child.expect_exact("\n> ")
    shown = str(child.before)
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "  Note: \\x1b]0;pwned\\x07\\x1b[2J\\x9b31m :\u2060:add-mask:\u2060:x\r\n" in shown
    assert not TERMINAL_CONTROL.search(shown.replace("\r", ""))


def test_json_writes_c1_controls_as_escapes(
    capsys: pytest.CaptureFixture[str], hostile: tuple[str, str]
) -> None:
    answers, questionnaire = hostile
    code, out, _ = run(capsys, "score", answers, "-q", questionnaire, "-f", "json")
    assert code == 0
    assert not TERMINAL_CONTROL.search(out)
    assert (
        '"organisation": "x\\n::add-mask::secret\\r\\n::error file=a::forged\\u001b]0;title' in out
    )
    assert "\\u001b[2J\\u009b31m[red]" in out  # the same data, read back by any JSON reader
    assert json.loads(out)["organisation"] == HOSTILE
