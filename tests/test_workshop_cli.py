"""``scaleready workshop`` end to end, through ``cli.main``: formats, anonymity, version
mismatches, the consensus file and determinism."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from scaleready.cli import commands as cli
from scaleready.cli._anonymous_option import normalise_anonymous
from scaleready.engine import assess
from scaleready.loading.answers import load_answers
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import DATA

MINI = DATA / "mini.yaml"

# Names, roles and file stems that must never appear in an anonymous output.
PEOPLE = (
    ("Ada Lovelace", "chief-wizard", "ada-lovelace"),
    ("Grace Hopper", "engineer", "grace-hopper"),
    ("Edsger Dijkstra", "engineer", "edsger-dijkstra"),
)
SECRETS = ("Lovelace", "Hopper", "Dijkstra", "ada-lovelace", "grace-hopper", "edsger-dijkstra")


def participant(
    folder: Path,
    stem: str,
    answers: dict[str, Any],
    name: str | None = None,
    role: str | None = None,
    version: str = "1.0.0",
) -> Path:
    """Write an answers file to the mini questionnaire."""
    data: dict[str, Any] = {"questionnaire": {"id": "mini", "version": version}}
    if name or role:
        data["respondent"] = {k: v for k, v in (("name", name), ("role", role)) if v}
    data["organisation"] = "Acme"
    data["answers"] = answers
    path = folder / f"{stem}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def team(folder: Path) -> list[Path]:
    """Three participants who disagree about experiments; their words name each other."""
    folder.mkdir(parents=True, exist_ok=True)
    answers: list[dict[str, Any]] = [
        {
            "engineers": 12,
            "funded": True,
            "notes": "Ada Lovelace wrote this; ask Grace Hopper",
            "deploy-frequency": {"value": "on-demand", "note": "says Lovelace"},
            "experiments": 3,
            "founder-approves": ["hiring"],
        },
        {
            "engineers": 14,
            "funded": False,
            "notes": "Hopper here",
            "deploy-frequency": "weekly",
            "experiments": 1,
            "founder-approves": ["hiring", "releases"],
        },
        {
            "engineers": 15,
            "funded": True,
            "deploy-frequency": {"dont_know": True, "reason": "ask Dijkstra"},
            "experiments": 2,
        },
    ]
    return [
        participant(folder, stem, given, name, role)
        for (name, role, stem), given in zip(PEOPLE, answers, strict=True)
    ]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(["workshop", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_terminal_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    files = team(tmp_path / "answers")
    code, out, err = run(capsys, *map(str, files), "-q", str(MINI))
    assert (code, err) == (0, "")
    assert "Discuss first" in out
    assert "experiments" in out
    assert "Ada Lovelace (chief-wizard)" not in out  # nothing was left unanswered by her...
    assert "Edsger Dijkstra (engineer): " in out  # ...but Dijkstra skipped questions
    assert "chief-wizard" in out


@pytest.mark.parametrize("level", ["--anonymous", "--anonymous=names", "--anonymous=all"])
def test_anonymous_outputs_name_nobody(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, level: str
) -> None:
    files = team(tmp_path / "answers")
    texts: dict[str, str] = {}
    # One chief wizard and two engineers: each role is below the minimum group of 3, together
    # they reach it, so with names hidden they are shown as one group.
    merged = (
        ""
        if level == "--anonymous=all"
        else "--anonymous: fewer than 3 people each hold chief-wizard, engineer: shown together "
        'as "other roles"\n'
    )
    for fmt in ("terminal", "md", "html", "json"):
        code, out, err = run(capsys, level, *map(str, files), "-q", str(MINI), "--format", fmt)
        assert (code, err) == (0, merged), fmt
        texts[fmt] = out
    consensus = tmp_path / "out" / "consensus.yaml"
    consensus.parent.mkdir()
    report = tmp_path / "out" / "report.html"
    code, _, _ = run(
        capsys, level, *map(str, files), "-q", str(MINI), "-o", str(report), "--consensus",
        str(consensus),
    )  # fmt: skip
    assert code == 0
    texts["file"] = report.read_text(encoding="utf-8")
    texts["consensus"] = consensus.read_text(encoding="utf-8")
    for fmt, text in texts.items():
        for secret in (*SECRETS, str(tmp_path)):
            assert secret.lower() not in text.lower(), (fmt, secret)
        assert "chief-wizard" not in text, fmt
        if level != "--anonymous=all" and fmt != "consensus":
            assert "other roles" in text, fmt
    data = json.loads(texts["json"])
    assert [p["id"] for p in data["participants"]] == ["P1", "P2", "P3"]
    assert all(p["name"] is None and p["file"] is None for p in data["participants"])
    assert data["missing"] == []
    if level == "--anonymous=all":
        assert data["roles"] == []
        assert data["role_gaps"] == []


def test_min_group_decides_which_roles_are_shown_apart(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = [str(f) for f in team(tmp_path / "answers")]
    code, out, err = run(capsys, "--anonymous", "--min-group", "1", *files, "-q", str(MINI))
    assert (code, err) == (0, "")
    assert "chief-wizard" in out
    # Two people, two roles: too few even together, so no role is shown at all.
    code, out, err = run(capsys, "--anonymous", *files[:2], "-q", str(MINI), "-f", "json")
    assert code == 0
    assert err == (
        "--anonymous: fewer than 3 people each hold chief-wizard, engineer: too few even "
        "together, so no role is shown (as --anonymous=all)\n"
    )
    assert json.loads(out)["roles"] == []
    code, _, err = run(capsys, "--anonymous", "--min-group", "0", *files, "-q", str(MINI))
    assert code == 2
    assert "--min-group" in err


def test_participants_are_numbered_by_content_not_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = team(tmp_path / "a")
    renamed = []
    for i, path in enumerate(reversed(files)):
        target = tmp_path / "b" / f"z{i}.yaml"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(path.read_bytes())
        renamed.append(target)
    outputs = []
    for paths in (files, renamed):
        code, out, _ = run(capsys, "--anonymous", *map(str, paths), "-q", str(MINI), "-f", "json")
        assert code == 0
        outputs.append(out)
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("fmt", ["terminal", "md", "html", "json"])
def test_same_files_in_another_order_give_the_same_bytes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    files = [str(f) for f in team(tmp_path)]
    outputs = set()
    for order in (files, files[::-1], [files[1], files[2], files[0]]):
        code, out, _ = run(capsys, *order, "-q", str(MINI), "--format", fmt)
        assert code == 0
        outputs.add(out)
    assert len(outputs) == 1


def test_mismatched_versions_exit_2_naming_each_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    old = participant(tmp_path, "old", {"engineers": 3}, version="1.0.0")
    new = participant(tmp_path, "new", {"engineers": 4}, version="1.1.0")
    code, out, err = run(capsys, str(old), str(new), "-q", str(MINI))
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{old}:3:")
    assert "questionnaire.version: this file answers mini version 1.0.0" in lines[0]
    assert lines[1].startswith(f"{new}:3:")
    assert "this file answers mini version 1.1.0" in lines[1]
    assert "(given: mini 1.0.0 in 1 file; mini 1.1.0 in 1 file)" in lines[1]
    assert "Traceback" not in err


def test_mismatched_questionnaire_ids_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    mini = participant(tmp_path, "one", {"engineers": 3})
    bundled = Path(__file__).parent.parent / "examples" / "productivity-collapse.yaml"
    code, _, err = run(capsys, str(mini), str(bundled))
    assert code == 2
    assert "questionnaire.id: this file answers mini version 1.0.0" in err
    assert "questionnaire.id: this file answers scaling-readiness version 1.0.0" in err


def test_invalid_answers_are_all_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = participant(tmp_path, "bad", {"engineers": "many"})
    worse = participant(tmp_path, "worse", {"experiments": 9})
    code, _, err = run(capsys, str(bad), str(worse), "-q", str(MINI))
    assert code == 2
    assert "bad.yaml" in err
    assert "worse.yaml" in err


def test_consensus_file_validates_and_scores(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = team(tmp_path / "answers")
    consensus = tmp_path / "consensus.yaml"
    code, _, _ = run(capsys, *map(str, files), "-q", str(MINI), "--consensus", str(consensus))
    assert code == 0
    questionnaire = load_questionnaire(MINI)[0]
    answers = load_answers(consensus, questionnaire)
    assert answers.respondent is not None
    assert (answers.respondent.name, answers.respondent.role) == ("consensus", "workshop")
    assert answers.answers["experiments"].value == 2  # the median of 1, 2, 3
    assert answers.answers["experiments"].note is not None
    assert "notes" not in answers.answers  # free text stays personal
    result = assess(questionnaire, answers)
    assert 0 <= result.score <= 100
    assert cli.main(["validate", str(MINI), str(consensus)]) == 0
    assert cli.main(["score", str(consensus), "-q", str(MINI), "--format", "json"]) == 0
    capsys.readouterr()


def test_consensus_of_the_bundled_examples_scores(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    examples = sorted(str(p) for p in (Path(__file__).parent.parent / "examples").glob("*.yaml"))
    consensus = tmp_path / "consensus.yaml"
    code, _, _ = run(capsys, *examples, "--consensus", str(consensus), "-f", "json")
    assert code == 0
    assert cli.main(["score", str(consensus)]) == 0
    capsys.readouterr()


def test_format_from_the_output_suffix(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    files = [str(f) for f in team(tmp_path / "answers")]
    for name, start in (("w.html", "<!DOCTYPE html>"), ("w.md", "# Acme"), ("w.json", "{")):
        code, out, _ = run(capsys, *files, "-q", str(MINI), "-o", str(tmp_path / name))
        assert (code, out) == (0, "")
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)
    code, _, err = run(capsys, *files, "-q", str(MINI), "-o", str(tmp_path / "w.pdf"))
    assert code == 2
    assert "cannot tell the format" in err


def test_anonymous_takes_only_all_or_names(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = [str(f) for f in team(tmp_path)]
    code, _, err = run(capsys, "--anonymous=everyone", *files, "-q", str(MINI))
    assert code == 2
    assert "everyone" in err


def test_anonymous_spellings_are_rewritten_before_parsing() -> None:
    assert normalise_anonymous(["--anonymous=all", "a.yaml", "--anonymous=names"]) == [
        "--anonymous-all",
        "a.yaml",
        "--anonymous",
    ]
    # After "--" everything is a file name.
    assert normalise_anonymous(["--", "--anonymous=all"]) == ["--", "--anonymous=all"]


def test_no_files_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys)
    assert code == 2
    assert "Missing argument" in err or "ANSWERS" in err


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "Example: scaleready workshop" in " ".join(out.split())


def test_html_is_self_contained_and_escapes_user_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    hostile = "<script>alert(1)</script>|x"
    files = [
        participant(tmp_path, "a", {"experiments": 3}, name=hostile, role=hostile),
        participant(tmp_path, "b", {"experiments": 1}, name="B", role="engineer"),
    ]
    for path in files:
        path.write_text(
            path.read_text(encoding="utf-8").replace("Acme", "'<img src=x onerror=alert(2)>'"),
            encoding="utf-8",
        )
    code, html, _ = run(capsys, *map(str, files), "-q", str(MINI), "-f", "html")
    assert code == 0
    assert "<script" not in html
    assert "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for fetch in ("http://", "https://", "@import", "url("):
        assert fetch not in html
    assert not re.search(r"<[^>]*\s(?:src|href)=(?!\"#)", html)  # only links within the page
    code, md, _ = run(capsys, *map(str, files), "-q", str(MINI), "-f", "md")
    assert code == 0
    assert "<script" not in md
    assert "&lt;script&gt;" in md
    assert "\\|x" in md  # a pipe would end a table cell


def test_the_terminal_report_fits_the_terminal_it_is_given(tmp_path: Path) -> None:
    # The command probes the terminal; the workshop's steps are given its width.
    from scaleready.workshop.run import workshop_texts

    paths = team(tmp_path / "answers")
    narrow = workshop_texts(paths, str(MINI), None, None, "none", False, terminal_width=60)
    plain = workshop_texts(paths, str(MINI), None, None, "none", False, terminal_width=None)
    assert "\x1b[" in narrow.report  # a terminal gets colour
    assert "\x1b[" not in plain.report
    shown = re.sub(r"\x1b\[[0-9;]*m", "", narrow.report)
    assert max(len(line) for line in shown.splitlines()) <= 60
    assert max(len(line) for line in plain.report.splitlines()) > 60
    into_file = workshop_texts(
        paths, str(MINI), None, tmp_path / "w.txt", "none", False, terminal_width=60
    )
    assert into_file.report == plain.report  # a file is never shaped by the terminal
