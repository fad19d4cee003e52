"""A question's own labels for its scale's options (issue 15, spec section 2): shown in the
interview and the reports instead of the scale's, and their keys checked at load."""

from __future__ import annotations

from pathlib import Path

import pytest

from scaleready.cli import commands as cli
from tests.conftest import DATA
from tests.test_interview_pty import finish, send, skip_who, spawn

QUESTIONNAIRE = str(DATA / "derived.yaml")
AWESOME = "Awesome: we ship when we like"


def test_labels_replace_the_scales_in_the_html_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(
        "questionnaire: {id: derived-demo, version: 1.0.0}\nanswers:\n  size: 10\n  health: green\n",
        encoding="utf-8",
    )
    html = tmp_path / "r.html"
    assert cli.main(["score", str(path), "-q", QUESTIONNAIRE, "-o", str(html)]) == 0
    page = html.read_text(encoding="utf-8")
    assert AWESOME in page
    assert ">Green<" not in page


def test_a_label_for_a_key_the_scale_lacks_is_a_load_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (DATA / "derived.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "q.yaml"
    bad.write_text(text.replace("labels: {green:", "labels: {gren:"), encoding="utf-8")
    assert cli.main(["validate", str(bad)]) == 2
    out, err = capsys.readouterr()
    assert (
        "sections[0].questions[4].labels.gren: 'gren' is not an option of scale 'traffic-light' "
        "(did you mean 'green'?) (its options: green, red)"
    ) in out + err


@pytest.mark.slow
def test_labels_are_shown_in_the_interview(tmp_path: Path) -> None:
    child = spawn(tmp_path, "--name", "Ada", "--role", "cto", questionnaire=QUESTIONNAIRE)
    skip_who(child, "organisation")
    send(child, "10", "Information is actively sought.")
    send(child, "s", "Messengers are not punished.")
    send(child, "s", "What blocks your work?")
    send(child, "-", "How easy is releasing?")
    child.expect_exact(f"1  {AWESOME}")
    child.expect_exact("2  Crappy: we wait for a window")
    send(child, "1", f"saved: 1 = {AWESOME}")
    assert finish(child) == 0
    assert "health: green" in (tmp_path / "a.yaml").read_text(encoding="utf-8")


def test_labels_are_shown_by_init_and_in_serve_forms(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from scaleready.loading.questionnaire import load_questionnaire
    from scaleready.serve.forms import question_view

    target = tmp_path / "blank.yaml"
    assert cli.main(["init", str(target), "-q", QUESTIONNAIRE]) == 0
    blank = target.read_text(encoding="utf-8")
    assert f"#   green: {AWESOME}" in blank
    assert "#   red: Crappy: we wait for a window" in blank
    questionnaire, _ = load_questionnaire(DATA / "derived.yaml")
    health = questionnaire.question("health")
    assert health is not None
    view = question_view(questionnaire, health, None)
    assert [o.label for o in view.options] == [AWESOME, "Crappy: we wait for a window"]
    # The shared scale keeps its own labels for every other question.
    assert [o.label for o in questionnaire.scales["traffic-light"]] == ["Green", "Red"]


def test_labels_need_a_scale(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (DATA / "derived.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "q.yaml"
    bad.write_text(
        text.replace(
            "        help: Tick every blocker.\n",
            "        help: Tick every blocker.\n        labels: {approvals: Waiting}\n",
        ),
        encoding="utf-8",
    )
    assert cli.main(["validate", str(bad)]) == 2
    out, err = capsys.readouterr()
    assert (
        "sections[0].questions[3].labels: labels replace a scale's labels: give them with scale"
        in out + err
    )
