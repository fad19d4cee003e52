"""DORA's Quick Check "help me prioritize" capabilities: the opt-in section of the bundled
questionnaire in DORA's words, scored as PrioritizationResult.svelte does, and shown in every
report; skipped, it changes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from scaleready.cli import commands as cli
from scaleready.engine import dora
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import REPO, Writer

BUNDLED = REPO / "questionnaires" / "scaling-readiness.yaml"
EXAMPLE = REPO / "examples" / "quick-check-capabilities.yaml"
PERSONA = REPO / "examples" / "late-tangled-web.yaml"

# DORA's capability_prioritization_questions.json (dora-team/dora.dev at fcaf07b4, CC BY 4.0).
STATEMENTS = {
    "ci": [
        "Code commits result in an automated build of the software.",
        "Code commits result in a series of automated tests being run.",
        "Automated builds and tests are executed successfully every day.",
        "Current builds are available to testers for exploratory testing.",
        "Developers get feedback from the acceptance and performance tests every day.",
    ],
    "arch": [
        "On my team, we can make large-scale changes to the design of our system without "
        "creating significant work for other teams.",
        "To complete my own work, I don't need to communicate and coordinate with people outside "
        "my team.",
        "My team can deploy and release our product or service on demand, independently of other "
        "services it depends upon.",
        "We can do most of our testing on demand, without requiring an integrated test "
        "environment.",
        "On my team, we can make large-scale changes to the design of our system without "
        "depending on other teams to make changes in their systems.",
        "On my team, we perform deployments during normal business hours with negligible downtime.",
    ],
    "culture": [
        "Information is actively sought.",
        "Messengers are not punished when they deliver news of failures or other bad news.",
        "Responsibilities are shared.",
        "Cross-functional collaboration is encouraged and rewarded.",
        "Failures are treated primarily as opportunities to improve the system.",
        "New ideas are welcomed.",
    ],
}
LABELS = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def persona_answers() -> dict[str, Any]:
    answers: dict[str, Any] = yaml.safe_load(PERSONA.read_text(encoding="utf-8"))
    return answers


def answers_file(write: Writer, extra: dict[str, Any]) -> str:
    data = persona_answers()
    data["answers"] = {**data["answers"], **extra}
    return str(write("answers.yaml", yaml.safe_dump(data, sort_keys=False)))


def capabilities(capsys: pytest.CaptureFixture[str], path: str) -> list[dict[str, Any]]:
    code, out, err = run(capsys, "score", path, "--format", "json")
    assert (code, err) == (0, "")
    found: list[dict[str, Any]] = json.loads(out)["outcomes"]["dora"].get("capabilities", [])
    return found


@pytest.mark.parametrize(
    ("answers", "score", "shown"),
    [
        ([5, 4, 4, 3, 2], 6.5, "6.5"),  # 10, 7.5, 7.5, 5, 2.5
        ([1, 1, 1, 1, 1], 0.0, "0.0"),
        ([5, 5, 5, 5, 5, 5], 10.0, "10.0"),
        ([3, 4], 6.25, "6.3"),  # an exact tie: toFixed rounds it up
        ([4, 4, 5, 4, 4, 5], 25 / 3, "8.3"),
    ],
)
def test_a_capability_is_the_mean_of_its_answers_recoded_to_0_10(
    answers: list[float], score: float, shown: str
) -> None:
    value = dora.capability_score(answers)
    assert value is not None
    assert value == pytest.approx(score)
    assert dora.quick_check_text(value) == shown


def test_no_answer_is_no_score_rather_than_the_app_s_zero() -> None:
    assert dora.capability_score([]) is None


def test_the_section_is_the_last_one_in_dora_s_words_on_its_scale() -> None:
    q, _ = load_questionnaire(BUNDLED)
    section = q.sections[-1]
    assert section.id == "dora-capabilities"
    assert section.opt_in == "dora-quick-check"
    gate, *statements = section.questions
    assert (gate.id, gate.type) == ("dora-quick-check", "boolean")
    assert q.benchmarks is not None
    linked = q.benchmarks.dora_capabilities
    assert linked is not None
    by_id = {question.id: question for question in statements}
    for short, texts in STATEMENTS.items():
        ids = getattr(linked, short)
        assert [by_id[i].text for i in ids] == texts
    assert len(statements) == 17
    for question in statements:
        assert question.when is not None
        assert "dora_quick_check" in question.when
        scale = q.scales[question.scale or ""]
        assert [o.label for o in scale] == LABELS
        assert [o.value for o in scale] == [1, 2, 3, 4, 5]
        # Modest evidence: a short self-report beside the questionnaire's own questions.
        assert all(m.weight <= 0.3 for m in question.measures)
    targets = {m.target for question in statements for m in question.measures}
    assert targets == {
        "continuous-delivery",
        "loose-coupling",
        "autonomous-teams",
        "generative-culture",
    }


def test_the_example_scores_as_the_quick_check(capsys: pytest.CaptureFixture[str]) -> None:
    found = capabilities(capsys, str(EXAMPLE))
    assert [
        (c["id"], c["name"], c["score"], c["shown"], c["answered"], c["total"]) for c in found
    ] == [
        # 5, 4, 4, 3, 2 -> 10, 7.5, 7.5, 5, 2.5 -> 32.5 / 5
        ("ci", "Continuous Integration", 6.5, "6.5", 5, 5),
        # 2, 2, 4, 1, 3 and a don't know -> 2.5, 2.5, 7.5, 0, 5 -> 17.5 / 5
        ("arch", "Loosely Coupled Teams", 3.5, "3.5", 5, 6),
        # 4, 5, 4, 4, 5, 4 -> 7.5, 10, 7.5, 7.5, 10, 7.5 -> 50 / 6
        ("culture", "Generative Organizational Culture", 8.33, "8.3", 6, 6),
    ]


def test_partial_answers_score_what_was_answered(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    path = answers_file(write, {"dora-quick-check": True, "qc-ci-build": 3, "qc-ci-tests": 4})
    found = capabilities(capsys, path)
    assert [(c["id"], c["score"], c["shown"], c["answered"], c["total"]) for c in found] == [
        ("ci", 6.25, "6.3", 2, 5),  # (5 + 7.5) / 2, printed as toFixed(1) does
        ("arch", None, None, 0, 6),
        ("culture", None, None, 0, 6),
    ]
    code, out, _ = run(capsys, "score", path, "--format", "md")
    assert code == 0
    assert "| Continuous Integration | 6.3 / 10 | 2/5 |" in out
    assert "| Loosely Coupled Teams | n/a | 0/6 |" in out


# Unanswered is the personas' case: their snapshots and results are unchanged by the section.
@pytest.mark.parametrize(
    ("gate", "status"), [(False, "answered"), ({"dont_know": True}, "dont_know")]
)
def test_not_opting_in_changes_nothing_but_the_gate_s_own_count(
    capsys: pytest.CaptureFixture[str], write: Writer, gate: Any, status: str
) -> None:
    code, out, _ = run(capsys, "score", answers_file(write, {}), "--format", "json")
    assert code == 0
    theirs = json.loads(out)
    code, out, _ = run(
        capsys, "score", answers_file(write, {"dora-quick-check": gate}), "--format", "json"
    )
    assert code == 0
    mine = json.loads(out)
    # The answer given counts (the interview saves it); the 17 statements count nowhere.
    assert mine["coverage"]["applicable"] == theirs["coverage"]["applicable"] + 1
    assert mine["coverage"][status] == theirs["coverage"][status] + 1
    assert mine["coverage"]["not_asked"] == theirs["coverage"]["not_asked"] == 0
    del mine["coverage"], theirs["coverage"]
    assert mine == theirs
    assert "capabilities" not in mine["outcomes"]["dora"]
    code, out, _ = run(
        capsys, "score", answers_file(write, {"dora-quick-check": gate}), "--format", "md"
    )
    assert "Quick Check capabilities" not in out


def test_md_and_html_show_the_scores_with_dora_s_names_and_credit(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, md, _ = run(capsys, "score", str(EXAMPLE), "--format", "md")
    assert code == 0
    assert "| Continuous Integration | 6.5 / 10 | 5/5 |" in md
    assert "| Loosely Coupled Teams | 3.5 / 10 | 5/6 |" in md
    assert "| Generative Organizational Culture | 8.3 / 10 | 6/6 |" in md
    block = md[md.index("DORA Quick Check capabilities") :]
    assert "CC BY 4.0" in block[: block.index("\n\n", block.index("| Generative")) + 300]
    code, html, _ = run(capsys, "score", str(EXAMPLE), "--format", "html")
    assert code == 0
    part = html[html.index("<h3>DORA's Quick Check capabilities</h3>") :]
    part = part[: part.index("</section>")]
    assert (
        '<tr><td>Loosely Coupled Teams</td><td class="num">3.5 / 10</td><td class="num">5/6</td></tr>'
        in part
    )
    assert "dora.dev" in part
    assert "CC BY 4.0" in part
    code, text, _ = run(capsys, "score", str(EXAMPLE), "--format", "terminal")
    assert code == 0
    assert "Continuous Integration 6.5/10 (5/5)" in " ".join(text.split())


def test_opt_in_must_name_a_boolean_question_of_its_section(
    capsys: pytest.CaptureFixture[str], write: Writer
) -> None:
    text = BUNDLED.read_text(encoding="utf-8").replace(
        "opt_in: dora-quick-check", "opt_in: qc-ci-build", 1
    )
    code, out, err = run(capsys, "validate", str(write("q.yaml", text)))
    assert code == 2
    assert "opt_in" in err + out
    assert "Traceback" not in err
