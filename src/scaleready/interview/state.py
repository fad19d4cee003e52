"""The interview as a pure state machine: which question is asked, what typed input means, and what
each command changes. Nothing here prints, prompts or saves; :mod:`scaleready.interview.session`
does, driven by the :class:`Step` that :func:`apply` returns. What typed input means is in
:mod:`._typed`, the commands in :mod:`._commands`, and the words the shell shows in :mod:`._prompts`;
the package exports them all.

The rules, in words:

- Only questions that currently apply are asked, counted and shown in the progress; applicability
  is recomputed after every answer, so conditional questions appear and disappear as answers change.
- Moving on goes to the next applicable question that has no response yet (a value, "don't know"
  or "not applicable"); in review every applicable question is visited. When nothing is left after
  the current question, a question earlier in the order that started to apply (and was not skipped
  in this session) is asked; otherwise the interview is finished.
- Back goes to the applicable question before the current one, whatever its state, so an answer
  can be changed; Enter keeps a question's current answer.
- A note stays with its question's answer, whatever the answer becomes; a reason belongs to
  "don't know" or "not applicable" and is dropped when a value replaces them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from scaleready.formats.answers import NA_REASON_QUESTION, Answer, Answers, QuestionnaireRef
from scaleready.formats.questionnaire import Option, Question, Questionnaire
from scaleready.interview._commands import (
    Back,
    Command,
    DontKnow,
    Give,
    Help,
    Jump,
    Keep,
    NotApplicable,
    Note,
    Skip,
)

# --- what applies --------------------------------------------------------------------------------


def applicable_ids(questionnaire: Questionnaire, answers: Mapping[str, Answer]) -> tuple[str, ...]:
    """The ids of the questions that apply to these answers, in the order they are asked.

    The engine decides, exactly as it does when scoring: the stage from the stage signals, then
    each section's and question's ``when``.
    """
    from scaleready.engine.facts import decide_facts, raw_values
    from scaleready.engine.stage import decide_stage

    checked = Answers(
        questionnaire=QuestionnaireRef(id=questionnaire.id, version=questionnaire.version),
        answers=dict(answers),
    )
    raw = raw_values(questionnaire, checked)
    stage, _ = decide_stage(questionnaire, checked, raw)
    facts = decide_facts(questionnaire, checked, stage.id, raw)
    return tuple(q.id for q in questionnaire.questions if facts.applicable.get(q.id, True))


def is_answered(answer: Answer | None) -> bool:
    """Whether a question has a response: a value, "don't know" or "not applicable" (a note
    alone is not one)."""
    if answer is None:
        return False
    if answer.status == "answered":
        return answer.value is not None
    return answer.status in ("dont_know", "not_applicable")


# --- options as typed -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """An option as shown: the number to type for it, and the option."""

    number: int
    option: Option


def choices(questionnaire: Questionnaire, question: Question) -> tuple[Choice, ...]:
    """A question's options, numbered for typing.

    When every option key is a whole number (a 1-7 agreement scale, say) the keys are the
    numbers, so that what is typed is what is written in the file; otherwise options are numbered
    1, 2, 3... in order.
    """
    options = questionnaire.options_of(question)
    keys = [o.key for o in options]
    if keys and all(type(k) is int for k in keys) and len(set(keys)) == len(keys):
        return tuple(Choice(int(o.key), o) for o in options)
    return tuple(Choice(i, o) for i, o in enumerate(options, start=1))


# --- the state ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InterviewState:
    """Where an interview is. Never changed in place: :func:`apply` returns a new one.

    ``current`` is the id of the question being asked (``None``: finished); ``applicable`` the
    ids of the questions that apply to ``answers``, in order; ``skipped`` the questions skipped
    in this session, which are not asked again before the interview ends.
    """

    questionnaire: Questionnaire
    answers: Mapping[str, Answer]
    current: str | None
    applicable: tuple[str, ...]
    review: bool = False
    skipped: frozenset[str] = frozenset()

    @property
    def finished(self) -> bool:
        """Whether every question to ask has been asked."""
        return self.current is None

    @property
    def question(self) -> Question | None:
        """The question being asked."""
        return None if self.current is None else self.questionnaire.question(self.current)

    def answer(self, question_id: str | None = None) -> Answer | None:
        """The answer to a question (by default the current one), if any."""
        qid = self.current if question_id is None else question_id
        return None if qid is None else self.answers.get(qid)

    def unanswered(self) -> tuple[str, ...]:
        """The applicable questions without a response, in order."""
        return tuple(qid for qid in self.applicable if not is_answered(self.answers.get(qid)))


def start(
    questionnaire: Questionnaire, answers: Mapping[str, Answer], *, review: bool = False
) -> InterviewState:
    """The state to begin with: the first applicable question without a response (resuming), or,
    to review, the first applicable question."""
    applicable = applicable_ids(questionnaire, answers)
    state = InterviewState(questionnaire, dict(answers), None, applicable, review)
    if review:
        return replace(state, current=applicable[0] if applicable else None)
    open_ = state.unanswered()
    return replace(state, current=open_[0] if open_ else None)


@dataclass(frozen=True)
class Step:
    """What a command did: the new state, and what the shell must do about it.

    ``save``: the answers changed and must be written; ``message``: a short line to show;
    ``show_help``: show the current question's help; ``quit``: stop (after saving).
    """

    state: InterviewState
    save: bool = False
    message: str | None = None
    show_help: bool = False
    quit: bool = False


def apply(state: InterviewState, command: Command) -> Step:
    """Apply one command to the current question and return what follows."""
    question = state.question
    if question is None:
        raise ValueError("the interview is finished; there is no question to apply a command to")
    current = state.answer()
    note = current.note if current is not None else None
    if isinstance(command, Give):
        return _answer(state, Answer(value=command.value, note=note))
    if isinstance(command, DontKnow):
        reason = current.reason if current is not None and current.status == "dont_know" else None
        return _answer(state, Answer(status="dont_know", note=note, reason=reason))
    if isinstance(command, NotApplicable):
        reason = command.reason
        if reason is None and current is not None and current.status == "not_applicable":
            reason = current.reason
        if not reason:  # the answers file would not load: "not applicable" must say why
            return Step(state, message=f'"Not applicable" needs a reason: {NA_REASON_QUESTION}')
        return _answer(state, Answer(status="not_applicable", note=note, reason=reason))
    if isinstance(command, Note):
        return _note(state, current, command.text)
    if isinstance(command, Keep):
        return _forward(state)
    if isinstance(command, Skip):
        if state.review or is_answered(current):
            return _forward(state)
        return _forward(replace(state, skipped=state.skipped | {question.id}))
    if isinstance(command, Back):
        before = _previous(state)
        if before is None:
            return Step(state, message="This is the first question.")
        return Step(replace(state, current=before))
    if isinstance(command, Help):
        return Step(state, show_help=True)
    if isinstance(command, Jump):
        return _jump(state, command.target)
    return Step(state, quit=True)


def _jump(state: InterviewState, target: str) -> Step:
    """Go to the question ``target`` names, or to the first question of the section it names,
    among the questions that apply; else stay, saying what the ids are."""
    if target in state.applicable:
        return Step(replace(state, current=target))
    for section in state.questionnaire.sections:
        if section.id == target:
            ids = {q.id for q in section.questions}
            first = next((qid for qid in state.applicable if qid in ids), None)
            if first is not None:
                return Step(replace(state, current=first))
            return Step(state, message=f"No question of section {target!r} applies to you.")
    sections = ", ".join(s.id for s in state.questionnaire.sections)
    return Step(
        state,
        message=f"No question or section {target!r} here. Sections: {sections}; ? shows this "
        "question's id.",
    )


def _answer(state: InterviewState, answer: Answer) -> Step:
    assert state.current is not None
    changed = state.answers.get(state.current) != answer
    answers = {**state.answers, state.current: answer}
    moved = replace(state, answers=answers, applicable=applicable_ids(state.questionnaire, answers))
    step = _forward(moved)
    return replace(step, save=changed)


def _note(state: InterviewState, current: Answer | None, text: str | None) -> Step:
    assert state.current is not None
    if current is None:
        current = Answer(status="unanswered")
    updated = current.model_copy(update={"note": text})
    answers = dict(state.answers)
    if updated.status == "unanswered" and updated.note is None and updated.reason is None:
        answers.pop(state.current, None)
    else:
        answers[state.current] = updated
    changed = state.answers.get(state.current) != answers.get(state.current)
    message = "Note removed." if text is None else "Note kept with this question."
    return Step(replace(state, answers=answers), save=changed, message=message)


def _order(state: InterviewState) -> list[str]:
    return [q.id for q in state.questionnaire.questions]


def _forward(state: InterviewState) -> Step:
    order = _order(state)
    applicable = set(state.applicable)
    here = order.index(state.current) if state.current is not None else -1
    later = [qid for qid in order[here + 1 :] if qid in applicable]
    if state.review:
        return Step(replace(state, current=later[0] if later else None))
    for qid in later:
        if not is_answered(state.answers.get(qid)):
            return Step(replace(state, current=qid))
    for qid in order[: here + 1]:
        wanted = qid in applicable and qid not in state.skipped
        if wanted and not is_answered(state.answers.get(qid)):
            message = "An earlier question now applies."
            return Step(replace(state, current=qid), message=message)
    return Step(replace(state, current=None))


def _previous(state: InterviewState) -> str | None:
    order = _order(state)
    applicable = set(state.applicable)
    here = order.index(state.current) if state.current is not None else len(order)
    before = [qid for qid in order[:here] if qid in applicable]
    return before[-1] if before else None


@dataclass(frozen=True)
class Progress:
    """``position``: the current question's number among the applicable ones (0 when finished);
    ``total``: how many apply; ``answered``: how many of those have a response."""

    position: int
    total: int
    answered: int


def progress(state: InterviewState) -> Progress:
    """How far along the interview is, counting only the questions that currently apply."""
    total = len(state.applicable)
    answered = total - len(state.unanswered())
    position = 0
    if state.current is not None and state.current in state.applicable:
        position = state.applicable.index(state.current) + 1
    return Progress(position, total, answered)


def describe_answer(questionnaire: Questionnaire, question: Question, answer: Answer | None) -> str:
    """An answer in words, as the interview shows it: ``3 = Somewhat disagree``, ``42 people``,
    ``don't know``, ``not applicable: no on-call yet``."""
    from scaleready.render.answer_text import INTERVIEW, answer_text

    if answer is None or not is_answered(answer):
        return answer_text(None, question, questionnaire, INTERVIEW)
    numbers = {c.option.key: c.number for c in choices(questionnaire, question)}
    return answer_text(
        answer.value,
        question,
        questionnaire,
        INTERVIEW,
        status=answer.status,
        reason=answer.reason,
        numbers=numbers,
    )


# --- another writer of the same file ------------------------------------------------------------


@dataclass(frozen=True)
class Merge:
    """Answers merged with those another writer saved to the file meanwhile (another ``assess``,
    an editor).

    ``answers``: the merged answers; ``theirs``: the questions whose answer came from the other
    writer; ``conflicts``: the questions both changed differently, with the other writer's
    answer (``None``: they removed it), which ``answers`` does not keep.
    """

    answers: dict[str, Answer]
    theirs: tuple[str, ...]
    conflicts: tuple[tuple[str, Answer | None], ...]


def merge_answers(
    questionnaire: Questionnaire,
    base: Mapping[str, Answer],
    ours: Mapping[str, Answer],
    theirs: Mapping[str, Answer],
) -> Merge:
    """A three-way merge from ``base`` (the answers as last read or saved): an answer only one
    side changed takes that side's; an answer both changed differently keeps ours, and is named
    in ``conflicts`` so that theirs is never dropped without a word. In questionnaire order."""
    merged: dict[str, Answer] = {}
    taken: list[str] = []
    conflicts: list[tuple[str, Answer | None]] = []
    known = [q.id for q in questionnaire.questions]
    extra = sorted((set(base) | set(ours) | set(theirs)) - set(known))
    for qid in [*known, *extra]:
        was, mine, other = base.get(qid), ours.get(qid), theirs.get(qid)
        if mine == other or other == was:
            chosen = mine
        elif mine == was:
            chosen = other
            taken.append(qid)
        else:
            chosen = mine
            conflicts.append((qid, other))
        if chosen is not None:
            merged[qid] = chosen
    return Merge(merged, tuple(taken), tuple(conflicts))


def with_answers(state: InterviewState, answers: Mapping[str, Answer]) -> InterviewState:
    """``state`` with other answers (merged from the file), and what applies recomputed."""
    applicable = applicable_ids(state.questionnaire, answers)
    return replace(state, answers=dict(answers), applicable=applicable)
