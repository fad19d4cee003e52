"""The interview as a pure state machine: which question is asked, what typed input means, and what
each command changes. Nothing here prints, prompts or saves; :mod:`scaleready.interview.session`
does, driven by the :class:`Step` that :func:`apply` returns.

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

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace

from scaleready.formats.answers import Answer, Answers, AnswerValue, QuestionnaireRef
from scaleready.formats.questionnaire import Option, Question, Questionnaire, Section

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


# --- choices and typed input ---------------------------------------------------------------------


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


@dataclass(frozen=True)
class Invalid:
    """Typed input that means nothing here; ``message`` says what to type instead."""

    message: str


def clean_text(text: str) -> str:
    """Typed words as they are kept: trimmed, without control characters (a stray escape sequence
    from an arrow key) or undecodable bytes, which have no faithful place in a YAML file."""
    kept = "".join(c for c in text if c == "\t" or unicodedata.category(c) not in ("Cc", "Cs"))
    return kept.strip()


def parse_value(
    questionnaire: Questionnaire, question: Question, text: str
) -> AnswerValue | Invalid:
    """What ``text`` answers ``question``: an option key, a tuple of keys (``multi``), a number,
    a boolean or text; or :class:`Invalid` with a short message saying what to type."""
    typed = text.strip()
    kind = question.type
    if kind in ("choice", "scale", "multi"):
        numbered = choices(questionnaire, question)
        if kind != "multi":
            option = _match(numbered, typed)
            return option.key if option is not None else Invalid(_choose_hint(numbered))
        if typed.lower() in ("-", "none"):
            return ()
        picked: list[str | int] = []
        for token in (t for t in re.split(r"[,\s]+", typed) if t):
            option = _match(numbered, token)
            if option is None:
                return Invalid(f"{token!r} is not an option. {_choose_hint(numbered, multi=True)}")
            picked.append(option.key)
        if not picked:
            return Invalid(_choose_hint(numbered, multi=True))
        return tuple(c.option.key for c in numbered if c.option.key in picked)
    if kind == "number":
        return _parse_number(question, typed)
    if kind == "boolean":
        word = typed.lower()
        if word in ("y", "yes", "true"):
            return True
        if word in ("n", "no", "false"):
            return False
        return Invalid("Type y for yes or n for no.")
    words = clean_text(typed)
    return words if words else Invalid("Type your answer, or s to skip.")


def _match(numbered: tuple[Choice, ...], token: str) -> Option | None:
    try:
        number = int(token)
    except ValueError:
        pass
    else:
        return next((c.option for c in numbered if c.number == number), None)
    exact = [c.option for c in numbered if str(c.option.key) == token]
    if exact:
        return exact[0]
    folded = [c.option for c in numbered if str(c.option.key).casefold() == token.casefold()]
    return folded[0] if len(folded) == 1 else None


def _choose_hint(numbered: tuple[Choice, ...], *, multi: bool = False) -> str:
    if not numbered:
        return "This question has no options."
    low, high = min(c.number for c in numbered), max(c.number for c in numbered)
    if multi:
        return (
            f"Type the numbers of every option that applies ({low} to {high}), separated by "
            "commas or spaces, or - for none."
        )
    return f"Type a number from {low} to {high}."


def describe_range(question: Question) -> str:
    """What a number question takes, in words: ``a whole number, 0 or more (people)``."""
    what = "a whole number" if question.integer else "a number"
    low, high = question.min, question.max
    if low is not None and high is not None:
        what += f" from {low:g} to {high:g}"
    elif low is not None:
        what += f", {low:g} or more"
    elif high is not None:
        what += f", {high:g} or less"
    return what + (f" ({question.unit})" if question.unit else "")


def _parse_number(question: Question, typed: str) -> AnswerValue | Invalid:
    raw = typed
    unit = question.unit
    if unit and raw.casefold().endswith(unit.casefold()):
        raw = raw[: -len(unit)].strip()  # "30%" or "12 people" mean the number
    hint = f"Type {describe_range(question)}"
    value: int | float
    try:
        value = int(raw)
    except ValueError:
        try:
            value = float(raw)
        except ValueError:
            return Invalid(f"{hint}, like {_example(question)}.")
        if not math.isfinite(value):
            return Invalid(f"{hint}.")
        if question.integer:
            if not value.is_integer():
                return Invalid(f"{hint}: {typed} is not a whole number.")
            value = int(value)
    if (question.min is not None and value < question.min) or (
        question.max is not None and value > question.max
    ):
        return Invalid(f"{hint}: {typed} is out of range.")
    return value


def _example(question: Question) -> str:
    low = question.min if question.min is not None else -math.inf
    high = question.max if question.max is not None else math.inf
    for candidate in (42, 12, 5, 1, question.min, question.max):
        if candidate is not None and low <= candidate <= high:
            return f"{candidate:g}"
    return "42"


# --- commands ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Give:
    """Answer the current question with ``value``."""

    value: AnswerValue


@dataclass(frozen=True)
class Keep:
    """Keep the current answer (Enter) and move on."""


@dataclass(frozen=True)
class Help:
    """Show the question's help."""


@dataclass(frozen=True)
class Back:
    """Go back to the previous applicable question."""


@dataclass(frozen=True)
class Skip:
    """Move on without answering."""


@dataclass(frozen=True)
class DontKnow:
    """Answer "don't know"."""


@dataclass(frozen=True)
class NotApplicable:
    """Answer "not applicable", with an optional reason (``None`` keeps a reason given before)."""

    reason: str | None = None


@dataclass(frozen=True)
class Note:
    """Attach ``text`` as the current question's note; ``None`` removes the note."""

    text: str | None


@dataclass(frozen=True)
class Quit:
    """Save and stop; a later ``assess`` resumes."""


@dataclass(frozen=True)
class AskReason:
    """``x`` was typed: the shell asks for an optional reason, then applies :class:`NotApplicable`."""


@dataclass(frozen=True)
class AskNote:
    """``n`` was typed: the shell asks for the note's text, then applies :class:`Note`."""


Command = Give | Keep | Help | Back | Skip | DontKnow | NotApplicable | Note | Quit
Parsed = Command | AskReason | AskNote | Invalid


def parse_input(
    questionnaire: Questionnaire,
    question: Question,
    text: str,
    current: Answer | None = None,
    *,
    review: bool = False,
) -> Parsed:
    """What a line typed at a question's prompt asks for.

    Keys (case does not matter): ``?`` help, ``b`` back, ``s`` skip, ``u`` don't know, ``x`` not
    applicable, ``n`` note (``note`` for yes/no questions, where ``n`` means no), ``q`` save and
    quit, Enter keeps the current answer; anything else is an answer. A key wins over an option
    with the same key; the option's number still chooses it.
    """
    typed = text.strip()
    word = typed.casefold()
    if not typed:
        if review or is_answered(current):
            return Keep()
        return Invalid("Type an answer, or s to skip (? for help).")
    if word in ("?", "help"):
        return Help()
    if word in ("b", "back"):
        return Back()
    if word in ("s", "skip"):
        return Skip()
    if word in ("q", "quit"):
        return Quit()
    if word == "note" or (word == "n" and question.type != "boolean"):
        return AskNote()
    if word in ("u", "don't know", "dont know"):
        if not question.dont_know:
            return Invalid('This question does not offer "don\'t know".')
        return DontKnow()
    if word in ("x", "n/a", "na"):
        if not question.not_applicable:
            return Invalid('This question does not offer "not applicable".')
        return AskReason()
    value = parse_value(questionnaire, question, typed)
    return value if isinstance(value, Invalid) else Give(value)


# --- the state -----------------------------------------------------------------------------------


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
    return Step(state, quit=True)


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


# --- what the shell shows ------------------------------------------------------------------------


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


def progress_bar(done: int, total: int, width: int = 20) -> str:
    """``[#####---------------]``: plain characters, so it reads without colour or Unicode."""
    filled = 0 if total == 0 else round(width * done / total)
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def section_of(questionnaire: Questionnaire, question_id: str) -> tuple[int, Section]:
    """The section a question is in, with its index among the questionnaire's sections."""
    for index, section in enumerate(questionnaire.sections):
        if any(q.id == question_id for q in section.questions):
            return index, section
    raise KeyError(question_id)


def resume_message(state: InterviewState) -> str | None:
    """``Resuming: 23 of 87 answered. Next: ...`` when earlier answers were loaded, else ``None``."""
    p = progress(state)
    question = state.question
    if state.review or p.answered == 0 or question is None:
        return None
    return f"Resuming: {p.answered} of {p.total} answered. Next: {question.text}"


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


_MEASURE_WORDS = {
    "capability": "capability",
    "failure_factor": "failure factor",
    "value": "value",
    "mechanism": "mechanism",
    "outcome": "outcome",
    "signal": "early signal",
}


def informs(questionnaire: Questionnaire, question: Question) -> list[str]:
    """What a question's answer is evidence of, by name: ``failure factor Premature scaling``."""
    model = questionnaire.model
    names: dict[tuple[str, str], str] = {}
    for kind, items in (
        ("capability", model.capabilities),
        ("failure_factor", model.failure_factors),
        ("value", model.values),
        ("mechanism", model.mechanisms),
        ("outcome", model.outcomes),
        ("signal", model.signals),
    ):
        for item in items:
            names[(kind, item.id)] = item.name
    return [
        f"{_MEASURE_WORDS[m.kind]} {names.get((m.kind, m.target), m.target)}"
        for m in question.measures
    ]


def keys_legend(question: Question, current: Answer | None, *, review: bool = False) -> str:
    """The keys that work at this question's prompt, in one short line."""
    keys = []
    if review or is_answered(current):
        keys.append("Enter keep")
    keys += ["? help", "b back", "s skip"]
    if question.dont_know:
        keys.append("u don't know")
    if question.not_applicable:
        keys.append("x n/a")
    keys.append("note" if question.type == "boolean" else "n note")
    keys.append("q save & quit")
    return "  ".join(keys)


def help_lines(questionnaire: Questionnaire, question: Question) -> list[str]:
    """The help shown on ``?``: why the question matters, what it informs, the options' own
    help, and what every key does."""
    lines = [question.help or "This question has no help text."]
    evidence = informs(questionnaire, question)
    if evidence:
        lines.append("It informs: " + "; ".join(evidence) + ".")
    for choice in choices(questionnaire, question):
        if choice.option.help:
            lines.append(f"{choice.number} {choice.option.label}: {choice.option.help}")
    if question.type == "multi":
        lines.append("Type every number that applies, separated by commas or spaces; - for none.")
    elif question.type in ("choice", "scale"):
        lines.append("Type the number of your answer (or the option's key).")
    elif question.type == "number":
        lines.append(f"Type {describe_range(question)}.")
    elif question.type == "boolean":
        lines.append("Type y for yes or n for no.")
    else:
        lines.append("Type your answer on one line.")
    keys = ["Enter keeps the current answer", "b goes back", "s skips"]
    if question.dont_know:
        keys.append("u answers don't know")
    if question.not_applicable:
        keys.append("x answers not applicable (with an optional reason)")
    keys.append(("note" if question.type == "boolean" else "n") + " adds a note")
    keys.append("q saves and quits")
    lines.append("Keys: " + ", ".join(keys) + ".")
    return lines
