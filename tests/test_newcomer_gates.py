"""Every report of a CI run agrees with its exit code: JUnit failures and GitHub ``::error``
annotations exist exactly when ``score`` exits 1; rounding noise is no regression."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema

from scaleready.cli import commands as cli
from tests.conftest import DATA, REPO

COLLAPSE = REPO / "examples" / "productivity-collapse.yaml"
HEALTHY = REPO / "examples" / "healthy-scale-up.yaml"
JUNIT = xmlschema.XMLSchema(str(DATA / "junit.xsd"))


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def slower_deploys(tmp_path: Path) -> Path:
    """The collapse example with slower deploys: a real regression against it."""
    text = COLLAPSE.read_text()
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("  deploy-frequency:"))
    lines[index] = "  deploy-frequency: less-than-once-per-six-months"
    path = tmp_path / "answers.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


GATES = [
    (COLLAPSE, ()),
    (COLLAPSE, ("--fail-under", "50")),  # the case: passes, and no capability fails
    (COLLAPSE, ("--fail-under", "60")),
    (COLLAPSE, ("--fail-on-risk", "critical")),
    (HEALTHY, ("--fail-on-risk", "high")),
    ("slower", ("--baseline", COLLAPSE)),  # regressions reported, not a gate
    ("slower", ("--baseline", COLLAPSE, "--fail-on-regression")),
    ("slower", ("--baseline", COLLAPSE, "--fail-on-regression", "--fail-under", "10")),
]


@pytest.mark.parametrize(("answers", "gates"), GATES)
def test_junit_failures_exist_exactly_when_the_exit_code_is_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, answers: object, gates: tuple[object, ...]
) -> None:
    path = slower_deploys(tmp_path) if answers == "slower" else answers
    report = tmp_path / "junit.xml"
    code, _, _ = run(capsys, "score", path, *gates, "-o", report)
    assert code in (0, 1)
    JUNIT.validate(str(report))
    root = ET.parse(report).getroot()
    failed_cases = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert (int(root.get("failures", "")) > 0) == (code == 1) == bool(failed_cases)
    assert root.get("failures") == str(len(failed_cases))
    if gates:  # each gate given is a testcase of its own, failing exactly when the gate does
        suites = {s.get("name"): s for s in root.findall("testsuite")}
        gate_cases = suites["scaleready.gates"].findall("testcase")
        assert any(c.find("failure") is not None for c in gate_cases) == (code == 1)


def test_a_capability_below_fail_under_is_a_note_not_a_failure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    report = tmp_path / "junit.xml"
    code, _, err = run(capsys, "score", COLLAPSE, "--fail-under", "50", "-o", report)
    assert (code, err) == (0, f"wrote {report} (JUnit XML)\nscore 53.8 >= 50 -> PASS\n")
    root = ET.parse(report).getroot()
    assert root.get("failures") == "0"
    case = next(c for c in root.iter("testcase") if c.get("name", "").startswith("automate-toil"))
    assert case.findtext("system-out") == "score 8.7 < 50 (--fail-under gates the overall score)"


@pytest.mark.parametrize(("answers", "gates"), GATES)
def test_github_errors_exist_exactly_when_the_exit_code_is_1(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answers: object,
    gates: tuple[object, ...],
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    path = slower_deploys(tmp_path) if answers == "slower" else answers
    code, out, _ = run(capsys, "score", path, *gates, "-o", tmp_path / "r.json")
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    assert bool(errors) == (code == 1)
    if "60" in gates:  # the failed score gate itself, on the file as a whole
        assert errors[0].endswith(
            ",title=scaleready%3A score below --fail-under::score 53.8 < 60 -> FAIL"
        )
        assert ",line=" not in errors[0]


def shifted_baseline(capsys: pytest.CaptureFixture[str], tmp_path: Path, by: float) -> Path:
    """A result JSON of the collapse example in which one low risk was ``by`` lower and one
    capability ``by * 100`` points higher: against it, the example regressed by that much."""
    code, out, _ = run(capsys, "score", COLLAPSE, "-f", "json")
    assert code == 0
    result = json.loads(out)
    factor = next(f for f in result["failure_factors"] if f["id"] == "no-repeatable-model")
    assert (factor["residual_risk"], factor["level"]) == (0.21, "low")
    factor["residual_risk"] = round(factor["residual_risk"] - by, 3)
    capability = next(c for c in result["capabilities"] if c["id"] == "automate-toil")
    capability["score"] = round(capability["score"] + by * 100, 1)
    baseline = tmp_path / "main.json"
    baseline.write_text(json.dumps(result))
    return baseline


def test_rounding_noise_is_within_the_default_tolerance(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    baseline = shifted_baseline(capsys, tmp_path, 0.003)
    report = tmp_path / "junit.xml"
    args = ("--baseline", baseline, "--fail-on-regression", "-o", report)
    code, _, err = run(capsys, "score", COLLAPSE, *args)
    assert code == 0
    assert err == (
        f"wrote {report} (JUnit XML)\n"
        f"regressions: none beyond 0.5 against {baseline} -> PASS\n"
        "  within the tolerance of 0.5: capability automate-toil 9.0 -> 8.7\n"
        "  within the tolerance of 0.5: failure factor no-repeatable-model 0.207 -> 0.210 "
        "(low -> low)\n"
    )
    assert ET.parse(report).getroot().get("failures") == "0"
    code, _, err = run(capsys, "score", COLLAPSE, *args, "--regression-tolerance", "0")
    assert code == 1
    assert err.startswith(
        f"wrote {report} (JUnit XML)\nregressions: 2 against {baseline} -> FAIL\n"
    )
    assert ET.parse(report).getroot().get("failures") == "3"  # two findings and the gate


def test_a_move_beyond_the_tolerance_fails(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    baseline = shifted_baseline(capsys, tmp_path, 0.006)
    code, _, err = run(
        capsys, "score", COLLAPSE, "--baseline", baseline, "--fail-on-regression", "-f", "json"
    )
    assert code == 1
    assert "  failure factor no-repeatable-model 0.204 -> 0.210 (low -> low)\n" in err
    code, _, _ = run(
        capsys,
        "score",
        COLLAPSE,
        "--baseline",
        baseline,
        "--fail-on-regression",
        "--regression-tolerance",
        "1",
        "-f",
        "json",
    )
    assert code == 0


@pytest.mark.parametrize("value", ["-1", "nan", "inf"])
def test_the_tolerance_is_a_number_of_points_from_0(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    code, _, err = run(capsys, "score", COLLAPSE, "--regression-tolerance", value)
    assert code == 2
    assert "--regression-tolerance must be a number of points from 0" in err
