"""Writing answers files: canonical rendering, round-trip updates that keep comments and notes,
and atomic writes that never leave a broken file."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as hs

from scaleready.atomic import write_atomic
from scaleready.errors import InputError, UsageError
from scaleready.formats.answers import Answer, Respondent
from scaleready.formats.blank import blank_answers
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import check_answers, load_answers
from scaleready.loading.answers_file import (
    AnswersFile,
    entry_data,
    render_answers,
    update_answers,
)
from scaleready.loading.questionnaire import load_questionnaire
from scaleready.loading.yaml_source import parse_yaml
from tests.conftest import DATA, Writer

MINI_ANSWERS = DATA / "mini-answers.yaml"


@pytest.fixture(scope="module")
def mini() -> Questionnaire:
    loaded, _ = load_questionnaire(DATA / "mini.yaml")
    return loaded


@pytest.fixture(scope="module")
def every_kind(mini: Questionnaire) -> dict[str, Answer]:
    """mini-answers.yaml: a value of every type, a note, don't know, not applicable."""
    return dict(load_answers(MINI_ANSWERS, mini).answers)


def read_back(text: str, questionnaire: Questionnaire) -> dict[str, Answer]:
    loaded, problems = check_answers(parse_yaml(text, "t.yaml"), questionnaire)
    assert problems == []
    assert loaded is not None
    return dict(loaded.answers)


def test_entry_shapes() -> None:
    assert entry_data(None) is None
    assert entry_data(Answer(value=3)) == 3
    assert entry_data(Answer(value=("a", "b"))) == ["a", "b"]
    assert entry_data(Answer(value="weekly", note="n")) == {"value": "weekly", "note": "n"}
    assert entry_data(Answer(status="dont_know")) == {"dont_know": True}
    assert entry_data(Answer(status="not_applicable", reason="r", note="n")) == {
        "not_applicable": True,
        "reason": "r",
        "note": "n",
    }
    assert entry_data(Answer(status="unanswered", note="n")) == {"note": "n"}
    assert entry_data(Answer(status="unanswered")) is None


def test_canonical_rendering(mini: Questionnaire, every_kind: dict[str, Answer]) -> None:
    text = render_answers(mini, every_kind, Respondent(name="Ada", role="cto"), "Acme")
    assert text == (
        "# Answers to 'Mini readiness' (mini 1.0.0), written by scaleready assess.\n"
        "# Resume with: scaleready assess --answers FILE; score with: scaleready score FILE\n"
        "questionnaire: {id: mini, version: 1.0.0}\n"
        "respondent: {name: Ada, role: cto}\n"
        "organisation: Acme\n"
        "answers:\n"
        "  engineers: 12\n"
        "  funded: false\n"
        '  notes: {not_applicable: true, reason: "nothing to add"}\n'
        '  deploy-frequency: {value: weekly, note: "every Tuesday"}\n'
        "  experiments: 3\n"
        "  founder-approves: [hiring]\n"
        "  change-fail-rate: {dont_know: true}\n"
    )


def test_round_trip(mini: Questionnaire, every_kind: dict[str, Answer], tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(render_answers(mini, every_kind, Respondent(name="Ada")), encoding="utf-8")
    loaded = load_answers(path, mini)
    assert dict(loaded.answers) == every_kind
    assert loaded.respondent == Respondent(name="Ada")


def test_rendering_is_deterministic(mini: Questionnaire, every_kind: dict[str, Answer]) -> None:
    items = list(reversed(every_kind.items()))
    assert render_answers(mini, dict(items)) == render_answers(mini, every_kind)
    assert render_answers(mini, every_kind) == render_answers(mini, every_kind)


def test_an_empty_file(mini: Questionnaire) -> None:
    text = render_answers(mini, {})
    assert text.endswith("questionnaire: {id: mini, version: 1.0.0}\nanswers: {}\n")
    assert read_back(text, mini) == {}


def test_words_that_yaml_would_misread_are_quoted(mini: Questionnaire) -> None:
    tricky = ["yes", "no", "on", "null", "~", "12", "1e3", "0x1F", "1_000", "2001-01-01", ""]
    tricky += ['say "hi"', "a: b", "# not a comment", "- item", "[x]", "{y}", "tab\there"]
    tricky += ["line\nbreak", "\u2028", "nel\x85", "bom\ufeff", "emoji \U0001f680", "\\"]
    for word in tricky:
        given = {"notes": Answer(value=word, note=word)}
        if word.strip():  # a blank reason is refused: "not applicable" must say why
            given["funded"] = Answer(status="not_applicable", reason=word)
        assert read_back(render_answers(mini, given, Respondent(name=word or None)), mini) == given


def test_numbers_read_back_as_numbers(mini: Questionnaire) -> None:
    for number in (0, 7, 12.5, 1e-7, 99.99999999999999, 100.0):
        given = {"change-fail-rate": Answer(value=number)}
        assert read_back(render_answers(mini, given), mini) == given
    # YAML 1.1 reads 1e+15 as text; the file must say the number (the largest one allowed).
    text = update_answers(MINI_ANSWERS.read_text(), mini, {"engineers": Answer(value=10**15)})
    assert "engineers: 1000000000000000" in text


@pytest.mark.slow  # 150 rewrites: about two seconds
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=hs.text(), word=hs.text(min_size=1))
def test_any_text_survives_a_rewrite(mini: Questionnaire, note: str, word: str) -> None:
    given_answers = {
        "notes": Answer(value=word, note=note),
        "deploy-frequency": Answer(status="dont_know", reason=note),
    }
    # Both writers check what they wrote reads back the same, and raise if it does not.
    text = render_answers(mini, given_answers, Respondent(name=word))
    assert read_back(text, mini) == given_answers
    updated = update_answers(MINI_ANSWERS.read_text(), mini, given_answers)
    assert {k: v for k, v in read_back(updated, mini).items() if k in given_answers} == (
        given_answers
    )


# --- updating a file a person wrote ------------------------------------------------------------


def test_updating_an_init_file_keeps_every_comment(mini: Questionnaire) -> None:
    blank = blank_answers(mini)
    answers = {
        "engineers": Answer(value=12),
        "experiments": Answer(value=3, note="only pricing"),
        "notes": Answer(status="not_applicable", reason="none"),
    }
    text = update_answers(blank, mini, answers, Respondent(name="Ada", role="cto"))
    assert read_back(text, mini) == answers
    comments = [line.strip() for line in blank.splitlines() if line.strip().startswith("#")]
    assert [line.strip() for line in text.splitlines() if line.strip().startswith("#")] == comments
    assert "  engineers: 12\n" in text
    assert '  experiments: {value: 3, note: "only pricing"}\n' in text
    assert "respondent:\n  name: Ada\n  role: cto\n" in text
    # Every line but the ones answered is exactly as it was.
    changed = [
        (old, new)
        for old, new in zip(blank.splitlines(), text.splitlines(), strict=True)
        if old != new
    ]
    assert [old for old, _ in changed] == [
        "  name:",
        "  role:",
        "  engineers:",
        "  notes:",
        "  experiments:",
    ]


HAND_WRITTEN = """\
# Our answers, reviewed with the team on Monday.
questionnaire: {id: mini, version: 1.0.0}
organisation: Acme   # the parent company
answers:
  engineers: 12   # rough, ask HR
  deploy-frequency:
    value: weekly   # Tuesdays
    note: "every Tuesday"
  # experiments: we are not sure yet
  notes: {not_applicable: true, reason: "nothing to add"}
  change-fail-rate: {note: "measure this"}
"""


def test_updating_keeps_comments_notes_and_untouched_entries(mini: Questionnaire) -> None:
    answers = read_back(HAND_WRITTEN, mini)
    answers["engineers"] = Answer(value=15)
    answers["deploy-frequency"] = Answer(value="on-demand", note="every Tuesday")
    answers["funded"] = Answer(value=True)
    answers["experiments"] = Answer(value=2)
    text = update_answers(HAND_WRITTEN, mini, answers)
    assert read_back(text, mini) == answers
    assert text == (
        "# Our answers, reviewed with the team on Monday.\n"
        "questionnaire: {id: mini, version: 1.0.0}\n"
        "organisation: Acme   # the parent company\n"
        "answers:\n"
        "  engineers: 15   # rough, ask HR\n"
        "  funded: true\n"
        "  deploy-frequency:\n"
        "    value: on-demand # Tuesdays\n"
        '    note: "every Tuesday"\n'
        "  # experiments: we are not sure yet\n"
        "  experiments: 2\n"
        '  notes: {not_applicable: true, reason: "nothing to add"}\n'
        '  change-fail-rate: {note: "measure this"}\n'
    )


def test_a_note_on_a_blank_entry_and_a_changed_shape(mini: Questionnaire) -> None:
    answers = read_back(HAND_WRITTEN, mini)
    answers["change-fail-rate"] = Answer(value=20, note="measure this")
    answers["notes"] = Answer(value="all good")
    answers["deploy-frequency"] = Answer(status="dont_know", note="every Tuesday")
    text = update_answers(HAND_WRITTEN, mini, answers)
    assert read_back(text, mini) == answers
    assert '  change-fail-rate: {value: 20, note: "measure this"}\n' in text
    assert '  notes: "all good"\n' in text
    assert "  deploy-frequency:\n    dont_know: true\n" in text


def test_updating_a_canonical_file_gives_the_canonical_file(
    mini: Questionnaire, every_kind: dict[str, Answer]
) -> None:
    first = {k: v for k, v in every_kind.items() if k in ("engineers", "experiments")}
    text = render_answers(mini, first)
    assert update_answers(text, mini, every_kind) == render_answers(mini, every_kind)


def test_removing_a_note_blanks_the_entry(mini: Questionnaire) -> None:
    text = update_answers(HAND_WRITTEN, mini, {"change-fail-rate": Answer(status="unanswered")})
    assert "  change-fail-rate:\n" in text
    assert "change-fail-rate" not in read_back(text, mini)


def test_a_new_respondent_block(mini: Questionnaire) -> None:
    text = update_answers(HAND_WRITTEN, mini, {}, Respondent(role="cto"))
    assert "questionnaire: {id: mini, version: 1.0.0}\nrespondent: {role: cto}\n" in text


# --- opening and saving --------------------------------------------------------------------------


def test_open_a_new_file(mini: Questionnaire, tmp_path: Path) -> None:
    path = tmp_path / "new.yaml"
    file, loaded = AnswersFile.open(path, mini)
    assert loaded is None
    file.save({"engineers": Answer(value=3)}, Respondent(name="Ada"))
    assert load_answers(path, mini).answers == {"engineers": Answer(value=3)}
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()


def test_open_an_existing_file_updates_it_in_place(mini: Questionnaire, write: Writer) -> None:
    path = write("hand.yaml", HAND_WRITTEN)
    file, loaded = AnswersFile.open(path, mini)
    assert loaded is not None
    assert file.organisation == "Acme"
    answers = {**loaded.answers, "engineers": Answer(value=13)}
    file.save(answers, None)
    assert path.read_text() == HAND_WRITTEN.replace("engineers: 12", "engineers: 13")


def test_an_invalid_file_is_refused_and_left_alone(mini: Questionnaire, write: Writer) -> None:
    bad = HAND_WRITTEN.replace("engineers: 12", "engineers: many")
    path = write("bad.yaml", bad)
    with pytest.raises(InputError) as caught:
        AnswersFile.open(path, mini)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:5:14: answers.engineers: expected a number, got 'many'"
    ]
    assert path.read_text() == bad


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_atomic_write_keeps_the_old_file_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old\n")

    def fail(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(UsageError) as caught:
        write_atomic(path, "new\n")
    assert str(caught.value) == (
        f"cannot save {path}: No space left on device; the previous file is intact"
    )
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]  # no temporary file left


def test_atomic_write_when_nothing_existed(tmp_path: Path) -> None:
    path = tmp_path / "missing" / "a.yaml"
    with pytest.raises(UsageError, match=r"cannot save .*a\.yaml: .*; nothing was written"):
        write_atomic(path, "new\n")


def test_atomic_write_when_the_directory_refuses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old\n")

    def refuse(**kwargs: object) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(UsageError) as caught:
        write_atomic(path, "new\n")
    assert str(caught.value) == (
        f"cannot save {path}: Permission denied; the previous file is intact"
    )
    assert path.read_text() == "old\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only directory")
def test_atomic_write_into_a_read_only_directory(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old\n")
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(UsageError, match="the previous file is intact"):
            write_atomic(path, "new\n")
    finally:
        tmp_path.chmod(0o755)
    assert path.read_text() == "old\n"


def test_atomic_write_keeps_the_mode_and_follows_a_link(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old\n")
    real.chmod(0o640)
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_atomic(link, "new\n")
    assert link.is_symlink()
    assert real.read_text() == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_interrupted_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("old\n")

    def interrupt(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new\n")
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]
