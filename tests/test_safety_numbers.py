"""Issue 17, numbers: non-finite and out-of-range numbers are refused where a file is read (exit 2,
file:line:key), so nothing downstream (score, diff, workshop, reports) ever computes with them;
and ``--fail-under`` takes a score from 0 to 100."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from scaleready.cli import commands as cli
from tests.conftest import DATA

MINI = str(DATA / "mini.yaml")
BIG = "1" + "0" * 309  # 1e309, written out: a float would overflow
OUT_OF_RANGE = (
    "answers.engineers: a 310-digit number is out of range: numbers must be within -1e+15 to 1e+15"
)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def answers_with(tmp_path: Path, name: str = "a.yaml", **values: str) -> str:
    text = (DATA / "mini-answers.yaml").read_text(encoding="utf-8")
    for key, value in values.items():
        old = next(line for line in text.splitlines() if line.startswith(f"  {key}:"))
        text = text.replace(old, f"  {key}: {value}")
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("command", ["validate", "score", "workshop"])
def test_a_310_digit_integer_is_refused_by_every_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    path = answers_with(tmp_path, engineers=BIG)
    args = [command, path, "-q", MINI]
    if command == "workshop":
        args.insert(2, answers_with(tmp_path, "b.yaml"))
    code, _, err = run(capsys, *args)
    assert code == 2
    assert f"{path}:5:14: {OUT_OF_RANGE}\n" in err


def test_diff_refuses_a_huge_number_on_either_side(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = answers_with(tmp_path, engineers=BIG)
    code, _, err = run(capsys, "diff", str(DATA / "mini-answers.yaml"), path, "-q", MINI)
    assert (code, err) == (2, f"{path}:5:14: {OUT_OF_RANGE}\n")


@pytest.mark.parametrize(
    ("value", "shown"), [(".nan", "nan"), (".inf", "inf"), ("-.inf", "-inf"), (".NaN", "nan")]
)
def test_non_finite_numbers_are_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, value: str, shown: str
) -> None:
    path = answers_with(tmp_path, experiments=f"{{value: {value}}}")
    for command in (
        ["score", path, "-q", MINI, "-f", "md"],
        ["score", path, "-q", MINI, "-f", "html"],
    ):
        code, out, err = run(capsys, *command)
        assert (code, out) == (2, "")
        assert err == (
            f"{path}:8:24: answers.experiments.value: {shown} is not a number scaleready can "
            "use: give a finite number\n"
        )


def test_workshop_consensus_never_sees_a_nan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = answers_with(tmp_path, engineers=".nan")
    good = answers_with(tmp_path, "b.yaml")
    code, _, err = run(
        capsys, "workshop", good, bad, "-q", MINI, "--consensus", str(tmp_path / "c.yaml")
    )
    assert code == 2
    assert f"{bad}:5:14: answers.engineers: nan is not a number" in err
    assert not (tmp_path / "c.yaml").exists()


def test_a_400_digit_revenue_growth_in_the_bundled_questionnaire(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from tests.conftest import REPO

    text = (REPO / "examples" / "productivity-collapse.yaml").read_text(encoding="utf-8")
    path = tmp_path / "a.yaml"
    path.write_text(text.replace("revenue-growth: 35", "revenue-growth: " + "9" * 400))
    code, _, err = run(
        capsys, "workshop", str(path), str(REPO / "examples" / "healthy-scale-up.yaml")
    )
    assert code == 2
    assert "a.yaml:20:19: answers.revenue-growth: a 400-digit number is out of range" in err


def test_the_largest_allowed_number_still_scores(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # engineers has a min but no max: the bound applies, and 1e15 itself is allowed.
    path = answers_with(tmp_path, engineers="1000000000000000")
    assert run(capsys, "score", path, "-q", MINI, "-f", "json")[0] == 0
    path = answers_with(tmp_path, engineers="1000000000000001")
    code, _, err = run(capsys, "score", path, "-q", MINI)
    assert code == 2
    assert err.endswith(
        "answers.engineers: 1000000000000001 is out of range: numbers must be within -1e+15 to "
        "1e+15\n"
    )


def test_questionnaire_numbers_are_checked_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    q = (DATA / "mini.yaml").read_text(encoding="utf-8")
    q = q.replace("{upto: 15, score: 1.0}", "{upto: .inf, score: 1.0}").replace(
        "max: 100", "max: " + BIG
    )
    path = tmp_path / "q.yaml"
    path.write_text(q, encoding="utf-8")
    code, _, err = run(capsys, "validate", str(path))
    assert code == 2
    assert f"{path}:85:14: sections[1].questions[3].max: a 310-digit number is out of range" in err
    assert f"{path}:87:24: sections[1].questions[3].bands[0].upto: inf is not a number" in err


def test_a_result_file_with_a_huge_number_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "score", str(DATA / "mini-answers.yaml"), "-q", MINI, "-f", "json")
    data = json.loads(out)
    data["capabilities"][0]["answered"] = 10**400
    path = tmp_path / "r.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "diff", str(DATA / "mini-answers.yaml"), str(path), "-q", MINI)
    assert code == 2
    assert "capabilities[0].answered: a 401-digit number is out of range" in err


@pytest.mark.parametrize("threshold", ["nan", "NaN", "150", "100.5", "-1", "inf", "-inf"])
def test_fail_under_outside_0_to_100_is_refused(
    capsys: pytest.CaptureFixture[str], threshold: str
) -> None:
    code, out, err = run(
        capsys, "score", str(DATA / "mini-answers.yaml"), "-q", MINI, "--fail-under", threshold
    )
    shown = f"{float(threshold):g}"
    assert (code, out) == (2, "")
    assert err == f"scaleready: error: --fail-under takes a score from 0 to 100, not {shown}\n"


@pytest.mark.parametrize(("threshold", "code"), [("0", 0), ("100", 1), ("86.7", 0)])
def test_fail_under_at_the_ends_of_its_range(
    capsys: pytest.CaptureFixture[str], threshold: str, code: int
) -> None:
    args = ["score", str(DATA / "mini-answers.yaml"), "-q", MINI, "-f", "json"]
    assert run(capsys, *args, "--fail-under", threshold)[0] == code


def test_the_interview_refuses_a_number_beyond_the_bound() -> None:
    from scaleready.interview._commands import Invalid
    from scaleready.interview._typed import parse_value
    from scaleready.loading.inputs import open_questionnaire

    questionnaire = open_questionnaire(MINI)
    question = questionnaire.question("engineers")
    assert question is not None
    assert parse_value(questionnaire, question, "1000000000000001") == Invalid(
        "Type a whole number, 0 or more: 1000000000000001 is out of range."
    )
    assert parse_value(questionnaire, question, "1000000000000000") == 10**15
