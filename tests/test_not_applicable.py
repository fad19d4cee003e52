""" "Not applicable" is a claim: it needs a reason, and every one is shown wherever results go
(terminal, reports, JSON, JUnit, GitHub), and a changed one is a finding in ``diff`` and against a
baseline. Through the command line, with the exact words a user sees."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from scaleready.cli import commands as cli
from tests.conftest import DATA, REPO, Writer

JUNIT = xmlschema.XMLSchema(str(DATA / "junit.xsd"))

COLLAPSE = REPO / "examples" / "productivity-collapse.yaml"
BAD = "  customer-contact: rarely\n"
NA = '  customer-contact: {not_applicable: true, reason: "we sell to one buyer, the state"}\n'
NEEDS = '"not applicable" needs a reason (why does this not apply to you?)'


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def collapse(write: Writer, name: str, line: str) -> tuple[Path, int]:
    """productivity-collapse.yaml with its customer-contact line replaced by ``line``; the path
    and the line number of the replaced answer."""
    text = COLLAPSE.read_text(encoding="utf-8")
    assert BAD in text
    number = text[: text.index(BAD)].count("\n") + 1
    return write(name, text.replace(BAD, line)), number


@pytest.mark.parametrize("command", ["validate", "score", "workshop"])
@pytest.mark.parametrize(
    "line",
    [
        "  customer-contact: {not_applicable: true}\n",
        '  customer-contact: {not_applicable: true, reason: "  "}\n',
    ],
)
def test_not_applicable_without_a_reason_is_an_input_error(
    capsys: pytest.CaptureFixture[str], write: Writer, command: str, line: str
) -> None:
    path, number = collapse(write, "a.yaml", line)
    code, _, err = run(capsys, command, str(path))
    assert code == 2
    assert f"{path}:{number}:3: answers.customer-contact: {NEEDS}" in err


REASON = "we sell to one buyer, the state"
ROW_MD = (
    "| `customer-contact` When did a typical engineer last talk to a customer or watch one use "
    f"the product? | {REASON} |"
)


# --- listed wherever results go ----------------------------------------------------------------


def test_the_terminal_summary_lists_each_not_applicable_with_its_reason(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    path, _ = collapse(write, "a.yaml", NA)
    code, out, _ = run(capsys, "score", str(path))
    assert code == 0
    assert (
        "\nNot applicable\n"
        "  Each takes a question out of every score: check the reasons.\n"
        f"  - customer-contact: {REASON}\n\nTop risks\n"
    ) in out
    assert "Not applicable\n" not in run(capsys, "score", str(COLLAPSE))[1]


def test_the_json_result_lists_question_text_and_reason(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    path, _ = collapse(write, "a.yaml", NA)
    result = json.loads(run(capsys, "score", str(path), "-f", "json")[1])
    assert result["not_applicable"] == [
        {
            "question": "customer-contact",
            "text": "When did a typical engineer last talk to a customer or watch one use the "
            "product?",
            "reason": REASON,
        }
    ]
    assert json.loads(run(capsys, "score", str(COLLAPSE), "-f", "json")[1])["not_applicable"] == []


def test_the_reports_list_each_not_applicable_escaped(
    capsys: pytest.CaptureFixture[str], write: Writer, tmp_path: Path
) -> None:
    tricky = NA.replace(REASON, "one buyer | <b>the state</b> *x*")
    path, _ = collapse(write, "a.yaml", tricky)
    md, page = tmp_path / "r.md", tmp_path / "r.html"
    assert run(capsys, "score", str(path), "-o", str(md), "-o", str(page))[0] == 0
    assert (
        "### Not applicable\n\nEach of these answers takes its question out of every score: a "
        "claim for a reviewer to check.\n\n| Question | Reason |\n|---|---|\n"
        + ROW_MD.replace(REASON, r"one buyer \| &lt;b&gt;the state&lt;/b&gt; \*x\*")
    ) in md.read_text()
    assert (
        "<tr><td>When did a typical engineer last talk to a customer or watch one use the "
        "product? <code>customer-contact</code></td>"
        "<td>one buyer | &lt;b&gt;the state&lt;/b&gt; *x*</td></tr>"
    ) in page.read_text()


def test_junit_lists_each_not_applicable_as_a_passing_case_with_its_reason(
    capsys: pytest.CaptureFixture[str], write: Writer, tmp_path: Path
) -> None:
    path, _ = collapse(write, "a.yaml", NA)
    report = tmp_path / "junit.xml"
    assert run(capsys, "score", str(path), "-o", str(report))[0] == 0
    JUNIT.validate(str(report))
    suites = {s.get("name"): s for s in ET.parse(report).getroot().findall("testsuite")}
    claims = suites["scaleready.not-applicable"]
    assert (claims.get("tests"), claims.get("failures")) == ("1", "0")
    props = {p.get("name"): p.get("value") for p in claims.iter("property")}
    assert props["reason:customer-contact"] == REASON
    (case,) = claims.findall("testcase")
    assert case.get("name", "").startswith("customer-contact: When did a typical engineer")
    assert case.find("failure") is None
    assert case.findtext("system-out") == f"not applicable: {REASON}"
    # Without a "not applicable" answer, the report is as it was: two suites.
    assert run(capsys, "score", str(COLLAPSE), "-o", str(report))[0] == 0
    assert len(ET.parse(report).getroot().findall("testsuite")) == 2


def test_the_github_step_summary_lists_each_not_applicable(
    capsys: pytest.CaptureFixture[str],
    write: Writer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    path, number = collapse(write, "answers.yaml", NA)
    code, out, _ = run(capsys, "score", str(path), "--baseline", str(COLLAPSE))
    assert code == 0
    text = summary.read_text()
    assert ROW_MD in text
    assert (
        "### Not applicable: changes against the baseline\n\n- REGRESSION: answer "
        "customer-contact became not applicable (was answered): "
        f'"{REASON}"\n'
    ) in text
    assert (
        f"::warning file=answers.yaml,line={number},title=scaleready%3A regression in "
        "customer-contact::answer customer-contact became not applicable (was answered): "
        f'"{REASON}". Answers behind it: customer-contact (line {number}).'
    ) in out.splitlines()


# --- a changed "not applicable" is a finding ----------------------------------------------------

BECAME = f'answer customer-contact became not applicable (was answered): "{REASON}"'
ENDED = (
    f'answer customer-contact is no longer not applicable (now answered; the reason was "{REASON}")'
)
NEW_REASON = (
    f'answer customer-contact is not applicable for a new reason: "{REASON}" -> "no customers"'
)


def test_diff_shows_an_answer_that_became_not_applicable_as_a_regression(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    path, _ = collapse(write, "a.yaml", NA)
    code, out, _ = run(capsys, "diff", str(COLLAPSE), str(path))
    assert code == 0
    assert out.endswith(
        f"regressions: 1\n  REGRESSION {BECAME}\nanswers changed: 1\n"
        "  customer-contact: rarely -> not applicable\n"
        f"not applicable:\n  {BECAME}\n"
    )
    md = run(capsys, "diff", str(COLLAPSE), str(path), "-f", "md")[1]
    assert f"**Regressions: 1**\n\n- {BECAME}\n" in md
    assert md.endswith(
        "| not applicable | change | reason before | reason after |\n|---|---|---|---|\n"
        f"| `customer-contact` | became not applicable |  | {REASON} |\n"
    )
    delta = json.loads(run(capsys, "diff", str(COLLAPSE), str(path), "-f", "json")[1])
    assert delta["not_applicable"] == [
        {
            "question": "customer-contact",
            "change": "became",
            "old_status": "answered",
            "new_status": "not_applicable",
            "old_reason": None,
            "new_reason": REASON,
            "regression": True,
        }
    ]


def test_diff_shows_a_not_applicable_that_ended_or_changed_its_reason(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    path, _ = collapse(write, "a.yaml", NA)
    other, _ = collapse(write, "b.yaml", NA.replace(REASON, "no customers"))
    out = run(capsys, "diff", str(path), str(COLLAPSE))[1]
    assert out.endswith(
        f"regressions: none\nanswers changed: 1\n"
        "  customer-contact: not applicable -> rarely\n"
        f"not applicable:\n  {ENDED}\n"
    )
    out = run(capsys, "diff", str(path), str(other))[1]
    assert out.endswith(
        f"regressions: none\nanswers changed: none\nnot applicable:\n  {NEW_REASON}\n"
    )
    md = run(capsys, "diff", str(path), str(other), "-f", "md")[1]
    assert md.endswith(f"| `customer-contact` | new reason | {REASON} | no customers |\n")


def test_a_new_not_applicable_fails_the_regression_gate(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    path, _ = collapse(write, "a.yaml", NA)
    code, _, err = run(
        capsys,
        "score",
        str(path),
        "--baseline",
        str(COLLAPSE),
        "--fail-on-regression",
        "-f",
        "json",
    )
    assert code == 1
    assert err == f"regressions: 1 against {COLLAPSE} -> FAIL\n  {BECAME}\n"


def test_an_ended_or_reworded_not_applicable_is_printed_but_passes(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    path, _ = collapse(write, "a.yaml", NA)
    other, _ = collapse(write, "b.yaml", NA.replace(REASON, "no customers"))
    args = ("--fail-on-regression", "-f", "json")
    code, _, err = run(capsys, "score", str(other), "--baseline", str(path), *args)
    assert (code, err) == (
        0,
        f"regressions: none against {path} -> PASS\n  finding: {NEW_REASON}\n",
    )
    code, _, err = run(capsys, "score", str(COLLAPSE), "--baseline", str(path), *args)
    assert code == 0
    assert err.endswith(f"\n  finding: {ENDED}\n")


def test_a_result_baseline_carries_the_reasons(
    capsys: pytest.CaptureFixture[str], write: Writer, tmp_path: Path
) -> None:
    path, _ = collapse(write, "a.yaml", NA)
    other, _ = collapse(write, "b.yaml", NA.replace(REASON, "no customers"))
    saved = tmp_path / "main.json"
    assert run(capsys, "score", str(path), "-o", str(saved))[0] == 0
    code, _, err = run(capsys, "score", str(other), "--baseline", str(saved), "-f", "json")
    assert (code, err) == (
        0,
        f"regressions: none against {saved} -> PASS\n  finding: {NEW_REASON}\n",
    )
    # A result written before results listed them has no reasons to compare: no finding made up.
    old = json.loads(saved.read_text())
    del old["not_applicable"]
    saved.write_text(json.dumps(old))
    code, _, err = run(capsys, "score", str(other), "--baseline", str(saved), "-f", "json")
    assert (code, err) == (0, f"regressions: none against {saved} -> PASS\n")


def test_a_workshop_consensus_of_not_applicable_gives_how_many_said_it_as_the_reason(
    capsys: pytest.CaptureFixture[str], write: Writer, tmp_path: Path
) -> None:
    files = [str(collapse(write, f"p{i}.yaml", NA)[0]) for i in range(3)]
    consensus = tmp_path / "consensus.yaml"
    code, _, err = run(capsys, "workshop", *files, "--consensus", str(consensus), "-f", "json")
    assert (code, err) == (0, "")
    line = (
        '  customer-contact: {not_applicable: true, reason: "3 of 3 participants: not applicable"}'
    )
    assert line in consensus.read_text().splitlines()
    assert run(capsys, "validate", str(consensus))[0] == 0


def test_junit_fails_the_case_of_a_not_applicable_that_is_new_against_the_baseline(
    capsys: pytest.CaptureFixture[str], write: Writer, tmp_path: Path
) -> None:
    path, _ = collapse(write, "a.yaml", NA)
    report = tmp_path / "junit.xml"
    args = ("--baseline", str(COLLAPSE), "--fail-on-regression", "-o", str(report))
    assert run(capsys, "score", str(path), *args)[0] == 1
    JUNIT.validate(str(report))
    suites = {s.get("name"): s for s in ET.parse(report).getroot().findall("testsuite")}
    (case,) = suites["scaleready.not-applicable"].findall("testcase")
    failure = case.find("failure")
    assert failure is not None
    assert (failure.get("message"), failure.get("type")) == (
        f"regressed: {BECAME}",
        "not-applicable",
    )
    assert failure.text == 'A new "not applicable" takes the question out of every score.'
    assert case.findtext("system-out") == f"not applicable: {REASON}"
