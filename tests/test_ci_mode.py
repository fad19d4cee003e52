"""CI mode: gates and their exit codes, baselines and regressions, JUnit, GitHub, diff (history:
test_history.py)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from scaleready.cli import commands as cli
from tests.conftest import DATA, REPO, Writer

COLLAPSE = REPO / "examples" / "productivity-collapse.yaml"
HEALTHY = REPO / "examples" / "healthy-scale-up.yaml"
JUNIT = xmlschema.XMLSchema(str(DATA / "junit.xsd"))


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def edit(source: Path, target: Path, **answers: str) -> Path:
    """A copy of an answers file with some answers replaced (keys with '_' for '-')."""
    lines = source.read_text().splitlines()
    for key, value in answers.items():
        qid = key.replace("_", "-")
        index = next(i for i, line in enumerate(lines) if line.startswith(f"  {qid}:"))
        lines[index] = f"  {qid}: {value}"
    target.write_text("\n".join(lines) + "\n")
    return target


def test_fail_under_prints_its_verdict_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "score", COLLAPSE, "--fail-under", "60", "-f", "json")
    assert code == 1
    assert "score 53.8 < 60 -> FAIL\n" in err


def test_fail_under_passes_with_a_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "score", COLLAPSE, "--fail-under", "20", "-f", "json")
    assert code == 0
    assert err == "score 53.8 >= 20 -> PASS\n"
    assert json.loads(out)["score"] == 53.8  # the verdict never pollutes the JSON on stdout


def test_fail_on_risk(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "score", COLLAPSE, "--fail-on-risk", "critical", "-f", "json")
    assert code == 1
    assert err.startswith(
        "risk: 3 failure factor(s) at critical or above (feature-factory critical, "
        "productivity-drop critical, tech-debt-accumulation critical) -> FAIL\n"
    )
    code, _, err = run(capsys, "score", HEALTHY, "--fail-on-risk", "high", "-f", "json")
    assert (code, err) == (0, "risk: none at high or above -> PASS\n")


def test_a_regression_is_caught_even_when_the_overall_score_rises(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Deploys slow down (continuous delivery falls) while much else improves.
    new = edit(
        COLLAPSE,
        tmp_path / "new.yaml",
        deploy_frequency="less-than-once-per-six-months",
        tech_debt="continuous",
        toil="5",
        business_review="every-week-or-two",
        cross_team_dependencies="none",
        decision_rights="team",
        direction_understood="five",
    )
    code, out, err = run(
        capsys, "score", new, "--baseline", COLLAPSE, "--fail-on-regression", "-f", "json"
    )
    assert json.loads(out)["score"] > 53.8
    assert code == 1
    # slower deploys also lengthen the cycle time (and with it the productivity drop it is part of)
    # and widen the gap in engineering foundations that continuous delivery closes
    assert err == (
        f"regressions: 4 against {COLLAPSE} -> FAIL\n"
        "  capability continuous-delivery 15.8 -> 12.7\n"
        "  failure factor missing-foundations 0.686 -> 0.727 (high -> high)\n"
        "  failure factor productivity-drop 0.765 -> 0.771 (critical -> critical)\n"
        "  failure factor slow-cycle-time 0.735 -> 0.771 (high -> critical)\n"
    )


def test_regressions_without_the_gate_are_reported_but_pass(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    new = edit(COLLAPSE, tmp_path / "new.yaml", deploy_frequency="less-than-once-per-six-months")
    code, _, err = run(capsys, "score", new, "--baseline", COLLAPSE, "-f", "json")
    assert code == 0
    assert "(not a gate without --fail-on-regression)" in err


def test_baseline_can_be_a_result_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    baseline = tmp_path / "main.json"
    assert run(capsys, "score", HEALTHY, "-o", baseline)[0] == 0
    code, _, err = run(
        capsys, "score", COLLAPSE, "--baseline", baseline, "--fail-on-regression", "-f", "json"
    )
    assert code == 1
    assert "capability continuous-delivery" in err


def test_baselines_of_another_questionnaire_version_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    baseline = tmp_path / "old.json"
    assert run(capsys, "score", HEALTHY, "-o", baseline)[0] == 0
    baseline.write_text(baseline.read_text().replace('"version": "1.0.0"', '"version": "0.9.0"', 1))
    code, _, err = run(capsys, "score", HEALTHY, "--baseline", baseline, "-f", "json")
    assert code == 2
    assert err == (
        "scaleready: error: the baseline is for version 0.9.0 of 'scaling-readiness' and the "
        "answers for version 1.0.0; scores may not be comparable (pass --allow-version-change "
        "to compare anyway)\n"
    )
    code, _, err = run(
        capsys, "score", HEALTHY, "--baseline", baseline, "--allow-version-change", "-f", "json"
    )
    assert (code, err) == (0, f"regressions: none against {baseline} -> PASS\n")


def test_fail_on_regression_needs_a_baseline(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "score", HEALTHY, "--fail-on-regression")
    assert (code, err) == (2, "scaleready: error: --fail-on-regression needs --baseline FILE\n")


def test_a_broken_baseline_is_located(capsys: pytest.CaptureFixture[str], write: Writer) -> None:
    baseline = write("main.json", '{"stage": {}, "capabilities": [}\n')
    code, _, err = run(capsys, "score", HEALTHY, "--baseline", baseline)
    assert code == 2
    assert err.startswith(f"{baseline}:1:")


def test_junit_is_valid_and_fails_where_the_gates_say(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "junit.xml"
    code, _, _ = run(
        capsys, "score", COLLAPSE, "--fail-under", "30", "--fail-on-risk", "critical", "-o", report
    )
    assert code == 1
    JUNIT.validate(str(report))
    root = ET.parse(report).getroot()
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    capabilities, factors = suites["scaleready.capabilities"], suites["scaleready.failure-factors"]
    gates = suites["scaleready.gates"]
    # --fail-under gates the overall score (52.8 passes): no capability fails for it
    assert capabilities.get("failures") == "0"
    assert [(c.get("name"), c.find("failure") is not None) for c in gates][1:] == [
        ("score: --fail-under", False),
        ("risk: --fail-on-risk", True),
    ]
    result = json.loads(run(capsys, "score", COLLAPSE, "-f", "json")[1])
    assert len(capabilities.findall("testcase")) == len(result["capabilities"])
    relevant = [f for f in result["failure_factors"] if f["relevant"]]
    assert len(factors.findall("testcase")) == len(relevant)
    failed = {
        case.get("name", "").split(":")[0]
        for case in factors.iter("testcase")
        if case.find("failure") is not None
    }
    assert failed == {"productivity-drop", "tech-debt-accumulation", "feature-factory"}
    failure = next(
        c for c in factors.iter("testcase") if c.get("name", "").startswith("tech-debt")
    ).find("failure")
    assert failure is not None
    assert failure.get("message") == "critical risk 0.763 (fails from critical)"
    assert "Run `scaleready explain ANSWERS tech-debt-accumulation`" in (failure.text or "")
    assert root.get("failures") == str(
        int(capabilities.get("failures", ""))
        + int(factors.get("failures", ""))
        + int(gates.get("failures", ""))
    )


def test_junit_without_gates_passes_and_the_schema_can_fail() -> None:
    from scaleready.ci.score_run import Gates, run_score
    from scaleready.render.outputs import render

    text = render("junit", run_score(HEALTHY, None, Gates()))
    JUNIT.validate(text)
    assert "<failure" not in text
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        JUNIT.validate(text.replace('<testcase name="', '<testcase nome="', 1))


def test_several_outputs_in_one_run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    outputs = [tmp_path / name for name in ("r.md", "r.json", "r.xml", "r.html")]
    code, out, _ = run(capsys, "score", COLLAPSE, *[arg for p in outputs for arg in ("-o", p)])
    assert (code, out) == (0, "")
    assert outputs[0].read_text().startswith("# ")
    assert json.loads(outputs[1].read_text())["stage"]["id"] == "late"
    JUNIT.validate(str(outputs[2]))
    assert outputs[3].read_text().startswith("<!DOCTYPE html>")
    code, _, err = run(capsys, "score", COLLAPSE, "-f", "md", "-o", outputs[0], "-o", outputs[1])
    assert code == 2
    assert "--format applies to a single output" in err


@pytest.mark.parametrize("fmt", ["json", "junit", "md", "html", "terminal"])
def test_every_format_is_byte_identical_across_runs(
    capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    first = run(capsys, "score", COLLAPSE, "-f", fmt, "--fail-under", "10")
    second = run(capsys, "score", COLLAPSE, "-f", fmt, "--fail-under", "10")
    assert first == second


def test_github_annotations_point_at_the_answers_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    new = edit(
        COLLAPSE, tmp_path / "answers.yaml", deploy_frequency="less-than-once-per-six-months"
    )
    code, out, _ = run(capsys, "score", new, "--baseline", COLLAPSE, "--fail-on-regression")
    assert code == 1
    commands = [line for line in out.splitlines() if line.startswith(("::warning ", "::error "))]
    assert commands
    lines = new.read_text().splitlines()
    for command in commands:
        assert command.startswith(
            ("::warning file=answers.yaml,line=", "::error file=answers.yaml,line=")
        )
        line = int(command.split("line=")[1].split(",")[0])
        question = command.split("Answers behind it: ")[1].split(" (line")[0]
        assert lines[line - 1].startswith(f"  {question}:")
    regression = next(c for c in commands if "regression in continuous-delivery" in c)
    assert ",line=71," in regression  # the answers file gained span-of-control above it
    assert regression.startswith("::error ")  # it fails the job; the risks (no gate) only warn
    assert all(c.startswith("::warning ") for c in commands if "risk" in c.split("::")[1])
    text = summary.read_text()
    assert "regressions: 4 against" in text
    assert "# Tallyhub" in text


def test_at_most_ten_annotations_per_kind_the_rest_in_the_summary() -> None:
    from scaleready.ci.github import Annotation, split

    found = [Annotation("risk", f"r{i}", "m", i) for i in range(12)] + [
        Annotation("regression", "g", "m", 1)
    ]
    shown, rest = split(found)
    assert [a.title for a in shown] == [*(f"r{i}" for i in range(10)), "g"]
    assert [a.title for a in rest] == ["r10", "r11"]


def test_no_summary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert run(capsys, "score", COLLAPSE, "--no-summary")[0] == 0
    assert not summary.exists()


def test_annotation_escaping() -> None:
    from scaleready.ci.github import Annotation

    command = Annotation("risk", "a: b, c", "50% done\nnext", 3).command("dir/a,b.yaml")
    assert command == "::warning file=dir/a%2Cb.yaml,line=3,title=a%3A b%2C c::50%25 done%0Anext"


def test_diff_names_answers_scores_and_risks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    new = edit(COLLAPSE, tmp_path / "new.yaml", deploy_frequency="less-than-once-per-six-months")
    code, out, _ = run(capsys, "diff", COLLAPSE, new)
    assert code == 0
    assert "  REGRESSION capability continuous-delivery 15.8 -> " in out
    assert "  deploy-frequency: monthly-to-six-monthly -> less-than-once-per-six-months\n" in out
    code, out, _ = run(capsys, "diff", COLLAPSE, new, "-f", "json")
    delta = json.loads(out)
    assert [a["question"] for a in delta["answers"]] == ["deploy-frequency"]
    assert delta["answers_compared"] == "all"
    code, out, _ = run(capsys, "diff", COLLAPSE, new, "-f", "md")
    assert "| `deploy-frequency` | monthly-to-six-monthly | less-than-once-per-six-months |" in out


def test_pre_commit_hooks_are_declared() -> None:
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"] for h in hooks} == {"scaleready-validate", "scaleready-score"}
    for hook in hooks:
        assert hook["entry"].startswith("scaleready ")
        assert hook["language"] == "python"
