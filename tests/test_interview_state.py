"""The interview's state machine, without any I/O: moves, applicability, progress, resuming and
reviewing (typed input and what is shown: test_interview_input.py)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from scaleready import interview as st
from scaleready.formats.answers import Answer
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.questionnaire import load_questionnaire
from tests import test_interview_input as shared
from tests.conftest import Writer

# The interview questionnaire and its helpers, defined once beside the typed-input tests.
q, question, value = shared.q, shared.question, shared.value


def run(state: st.InterviewState, *commands: st.Command) -> st.InterviewState:
    for command in commands:
        state = st.apply(state, command).state
    return state


def answers(**given: object) -> dict[str, Answer]:
    return {k.replace("_", "-"): Answer(value=v) for k, v in given.items()}


# --- moving through the interview ----------------------------------------------------------------


def test_a_new_interview_starts_at_the_first_question(q: Questionnaire) -> None:
    state = st.start(q, {})
    assert state.current == "engineers"
    assert state.applicable == (
        "engineers",
        "has-platform",
        "deploys",
        "retros",
        "rituals",
        "comment",
    )
    assert st.progress(state) == st.Progress(position=1, total=6, answered=0)
    assert st.resume_message(state) is None


def test_answering_moves_on_and_asks_to_save(q: Questionnaire) -> None:
    step = st.apply(st.start(q, {}), st.Give(12))
    assert step.save
    assert step.state.answers == {"engineers": Answer(value=12)}
    assert step.state.current == "has-platform"
    assert st.progress(step.state) == st.Progress(position=2, total=6, answered=1)


def test_a_question_appears_and_disappears_with_an_earlier_answer(q: Questionnaire) -> None:
    state = run(st.start(q, {}), st.Give(12), st.Give(True))
    assert state.current == "platform-size"
    assert "platform-size" in state.applicable
    assert st.progress(state) == st.Progress(position=3, total=7, answered=2)
    state = run(state, st.Back(), st.Give(False))
    assert "platform-size" not in state.applicable
    assert state.current == "deploys"
    assert st.progress(state).total == 6


def test_a_section_appears_with_the_stage(q: Questionnaire) -> None:
    state = st.apply(st.start(q, {}), st.Give(80)).state
    assert state.applicable[-1] == "layers"
    assert st.progress(state).total == 7
    state = run(state, st.Back(), st.Give(8))
    assert "layers" not in state.applicable


def test_back_goes_to_the_previous_applicable_question_and_keeps_its_answer(
    q: Questionnaire,
) -> None:
    state = run(st.start(q, {}), st.Give(12), st.Give(False))
    assert state.current == "deploys"
    state = run(state, st.Back())
    assert state.current == "has-platform"  # platform-size does not apply, so it is passed
    assert state.answer() == Answer(value=False)
    state = run(state, st.Back())
    assert state.current == "engineers"
    step = st.apply(state, st.Back())
    assert step.state.current == "engineers"
    assert step.message == "This is the first question."
    assert not step.save


def test_enter_after_back_moves_on_to_the_next_open_question(q: Questionnaire) -> None:
    state = run(st.start(q, {}), st.Give(12), st.Give(False), st.Back(), st.Back())
    step = st.apply(state, st.Keep())
    assert not step.save
    assert step.state.current == "deploys"  # has-platform is answered: it is not asked again


def test_changing_an_answer_after_back(q: Questionnaire) -> None:
    state = run(st.start(q, {}), st.Give(12), st.Give(False), st.Back(), st.Back(), st.Give(13))
    assert state.answers["engineers"] == Answer(value=13)
    assert state.current == "deploys"


def test_skip_leaves_a_question_open_and_it_is_not_asked_again(q: Questionnaire) -> None:
    state = run(st.start(q, {}), st.Give(12), st.Skip())
    assert state.current == "deploys"
    assert "has-platform" not in state.answers
    assert state.skipped == {"has-platform"}
    state = run(state, st.Give("daily"), st.Give(2), st.Give(()), st.Give("fine"))
    assert state.finished
    assert state.unanswered() == ("has-platform",)
    assert st.progress(state) == st.Progress(position=0, total=6, answered=5)


def test_skip_then_back_asks_the_skipped_question_again(q: Questionnaire) -> None:
    state = run(st.start(q, {}), st.Give(12), st.Skip(), st.Back())
    assert state.current == "has-platform"
    assert run(state, st.Give(True)).current == "platform-size"


def test_dont_know(q: Questionnaire) -> None:
    state = run(st.start(q, {}), st.Give(12), st.DontKnow())
    assert state.answers["has-platform"] == Answer(status="dont_know")
    assert state.current == "deploys"
    assert st.progress(state).answered == 2


def test_not_applicable_with_and_without_a_reason(q: Questionnaire) -> None:
    state = run(st.start(q, {}), st.NotApplicable("no team yet"))
    assert state.answers["engineers"] == Answer(status="not_applicable", reason="no team yet")
    state = run(state, st.Back(), st.NotApplicable(None))
    assert state.answers["engineers"].reason == "no team yet"  # Enter keeps the reason
    state = run(state, st.Back(), st.Give(3))
    assert state.answers["engineers"] == Answer(value=3)  # a value replaces the reason


def test_a_note_stays_on_the_question_and_with_its_answer(q: Questionnaire) -> None:
    start = st.start(q, {})
    step = st.apply(start, st.Note("roughly"))
    assert step.save
    assert step.state.current == "engineers"
    assert step.message == "Note kept with this question."
    assert step.state.answers["engineers"] == Answer(status="unanswered", note="roughly")
    assert st.progress(step.state).answered == 0  # a note alone is not an answer
    state = run(step.state, st.Give(12))
    assert state.answers["engineers"] == Answer(value=12, note="roughly")
    state = run(state, st.Back(), st.NotApplicable("none"))
    assert state.answers["engineers"] == Answer(
        status="not_applicable", reason="none", note="roughly"
    )
    state = run(state, st.Back(), st.DontKnow())
    assert state.answers["engineers"] == Answer(status="dont_know", note="roughly")


def test_removing_a_note(q: Questionnaire) -> None:
    state = run(st.start(q, {}), st.Note("roughly"))
    step = st.apply(state, st.Note(None))
    assert step.save
    assert step.message == "Note removed."
    assert "engineers" not in step.state.answers
    state = run(step.state, st.Give(4), st.Back(), st.Note("x"), st.Note(None))
    assert state.answers["engineers"] == Answer(value=4)


def test_the_same_answer_again_does_not_save(q: Questionnaire) -> None:
    state = run(st.start(q, {}), st.Give(12), st.Back())
    step = st.apply(state, st.Give(12))
    assert not step.save
    assert step.state.current == "has-platform"


def test_help_and_quit_change_nothing(q: Questionnaire) -> None:
    state = st.start(q, {})
    assert st.apply(state, st.Help()) == st.Step(state, show_help=True)
    assert st.apply(state, st.Quit()) == st.Step(state, quit=True)


def test_a_finished_interview_takes_no_commands(q: Questionnaire) -> None:
    done = st.start(
        q, answers(engineers=1, has_platform=False, deploys="b", retros=1, rituals=(), comment="-")
    )
    assert done.finished
    with pytest.raises(ValueError, match="finished"):
        st.apply(done, st.Give(1))


# --- resuming and reviewing ----------------------------------------------------------------------


def test_resume_at_the_first_open_applicable_question(q: Questionnaire) -> None:
    given = answers(engineers=12, has_platform=False, retros=1)
    state = st.start(q, given)
    assert state.current == "deploys"
    assert st.resume_message(state) == ("Resuming: 3 of 6 answered. Next: How often do you deploy?")
    state = run(state, st.Give("daily"))
    assert state.current == "rituals"  # retros was answered before


def test_resume_counts_responses_not_notes(q: Questionnaire) -> None:
    given = {
        "engineers": Answer(status="not_applicable"),
        "has-platform": Answer(status="dont_know"),
        "deploys": Answer(status="unanswered", note="ask ops"),
    }
    state = st.start(q, given)
    assert state.current == "deploys"
    assert st.progress(state) == st.Progress(position=3, total=6, answered=2)


def test_an_earlier_question_that_starts_to_apply_is_asked_before_the_end(
    write: Writer,
) -> None:
    path = write(
        "later.yaml",
        """
id: later
version: 1.0.0
title: Later
sections:
  - id: s
    title: S
    questions:
      - {id: detail, text: Tell us more., help: h, type: text, when: "answers.flag"}
      - {id: middle, text: Middle?, help: h, type: text}
      - {id: flag, text: Flag?, help: h, type: boolean}
""",
    )
    later, _ = load_questionnaire(path)
    state = st.start(later, {})
    assert (state.current, state.applicable) == ("middle", ("middle", "flag"))
    state = run(state, st.Give("m"))
    step = st.apply(state, st.Give(True))
    assert step.state.current == "detail"
    assert step.message == "An earlier question now applies."
    assert st.apply(step.state, st.Give("d")).state.finished
    # A question skipped in this session is not asked again at the end.
    state = run(st.start(later, {}), st.Give("m"), st.Give(True), st.Skip())
    assert state.finished
    assert state.unanswered() == ("detail",)


def test_nothing_left_to_ask(q: Questionnaire) -> None:
    given = answers(
        engineers=12, has_platform=False, deploys="b", retros=1, rituals=(), comment="ok"
    )
    state = st.start(q, given)
    assert state.finished
    assert st.progress(state) == st.Progress(position=0, total=6, answered=6)
    assert st.resume_message(state) is None


def test_review_visits_every_applicable_question(q: Questionnaire) -> None:
    given = answers(
        engineers=12, has_platform=False, deploys="b", retros=1, rituals=(), comment="ok"
    )
    state = st.start(q, given, review=True)
    assert state.current == "engineers"
    assert st.resume_message(state) is None
    visited: list[str | None] = []
    while not state.finished:
        visited.append(state.current)
        state = st.apply(state, st.Keep()).state
    assert visited == list(state.applicable)


def test_review_changes_one_answer_and_goes_on_in_order(q: Questionnaire) -> None:
    given = answers(
        engineers=12, has_platform=False, deploys="b", retros=1, rituals=(), comment="ok"
    )
    state = run(st.start(q, given, review=True), st.Keep(), st.Give(True))
    assert state.current == "platform-size"  # now applies, and review visits it
    assert state.answers["has-platform"] == Answer(value=True)
    state = run(state, st.Skip(), st.Keep())
    assert state.current == "retros"
    assert state.skipped == frozenset()  # skipping in review is only moving on


def test_review_of_unanswered_questions(q: Questionnaire) -> None:
    state = st.start(q, {}, review=True)
    assert state.current == "engineers"
    assert st.parse_input(q, question(q, "engineers"), "", None, review=True) == st.Keep()
    assert run(state, st.Keep()).current == "has-platform"


def test_the_bundled_questionnaire_asks_every_question_at_every_stage() -> None:
    # Stage is a weight, never a switch (docs/design.md, "Scoring"): a question of one stage is
    # asked at both, and counts for less at the other.
    from scaleready.loading.bundled import resolve_questionnaire

    bundled, _ = load_questionnaire(resolve_questionnaire("scaling-readiness"))
    # A yes to the opt-in DORA Quick Check statements, which are asked only after one.
    small: Mapping[str, Answer] = {
        "engineers": Answer(value=8),
        "team-count": Answer(value=1),
        "dora-quick-check": Answer(value=True),
    }
    large: Mapping[str, Answer] = {
        "dora-quick-check": Answer(value=True),
        "engineers": Answer(value=400),
        "management-layers": Answer(value=4),
        "funding-stage": Answer(value="growth"),
    }
    every = tuple(q.id for q in bundled.questions)
    assert st.applicable_ids(bundled, small) == every
    assert st.applicable_ids(bundled, large) == every


def test_not_applicable_without_a_reason_is_refused(q: Questionnaire) -> None:
    start = st.start(q, {})
    step = st.apply(start, st.NotApplicable(None))
    assert (step.state, step.save) == (start, False)
    assert step.message == '"Not applicable" needs a reason: why does this not apply to you?'


def test_jump_goes_to_a_question_or_the_first_of_a_section(q: Questionnaire) -> None:
    answers = {"engineers": Answer(value=12), "has-platform": Answer(value=False)}
    state = st.start(q, answers, review=True)
    assert run(state, st.Jump("retros")).current == "retros"
    assert run(state, st.Jump("practice")).current == "deploys"
    # platform-size does not apply (no platform team): the interview stays, saying why.
    step = st.apply(state, st.Jump("platform-size"))
    assert (step.state, step.message) == (
        state,
        "No question or section 'platform-size' here. Sections: profile, practice, scale; ? shows "
        "this question's id.",
    )
    assert st.parse_input(q, question(q, "engineers"), "g retros") == st.Jump("retros")
    assert st.parse_input(q, question(q, "engineers"), "go  scale ") == st.Jump("scale")
