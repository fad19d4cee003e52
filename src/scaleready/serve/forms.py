"""A section's questions as a form, and what a submitted form means: the interview's semantics
(:mod:`scaleready.interview`) in HTML fields, without any script.

Each question has a value widget (radio buttons, check boxes, a number or a text field), a choice
of "my answer", "don't know" and "not applicable" (only where the question offers them), a reason
and a note. The form also carries what it showed (hidden fields), so that a submission changes
only the questions the person actually changed: a stale tab never overwrites, with what it
showed, an answer given since in another tab. Typed values are read by the interview's own
:func:`~scaleready.interview.parse_value`, so a web answer means what the same typed answer means.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scaleready.formats.answers import NA_REASON_QUESTION, Answer
from scaleready.formats.questionnaire import Question, Questionnaire
from scaleready.interview import Invalid, choices, clean_text, describe_range, parse_value
from scaleready.loading.answers_file import entry_data

ANSWER, DONT_KNOW, NOT_APPLICABLE = "answer", "dont_know", "not_applicable"
MAX_WORDS = 2000  # characters kept of a note, a reason or a text answer


@dataclass(frozen=True)
class OptionView:
    """One option as a radio button or check box."""

    number: int
    label: str
    help: str | None
    checked: bool


@dataclass(frozen=True)
class QuestionView:
    """What the template needs to draw one question."""

    question: Question
    options: tuple[OptionView, ...]
    value: str  # the value as the field shows it (numbers, text; option numbers for choices)
    status: str  # ANSWER, DONT_KNOW or NOT_APPLICABLE
    reason: str
    note: str
    fingerprint: str
    hint: str
    error: str | None = None


def fingerprint(answer: Answer | None) -> str:
    """A short digest of an answer as the answers file writes it: equal digests, same answer."""
    data = json.dumps(entry_data(answer), sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def _shown_value(questionnaire: Questionnaire, question: Question, answer: Answer | None) -> str:
    if answer is None or answer.status != "answered" or answer.value is None:
        return ""
    value = answer.value
    if question.type in ("choice", "scale", "multi"):
        numbers: dict[object, int] = {
            c.option.key: c.number for c in choices(questionnaire, question)
        }
        keys = value if isinstance(value, tuple) else (value,)
        if question.type == "multi" and not keys:
            return "-"  # "none of these", a check box of its own
        return ",".join(str(numbers[k]) for k in keys if k in numbers)
    if question.type == "boolean":
        return "yes" if value is True else "no"
    return str(value)


def question_view(
    questionnaire: Questionnaire,
    question: Question,
    answer: Answer | None,
    error: str | None = None,
) -> QuestionView:
    """One question as its form shows it, with its current answer filled in."""
    shown = _shown_value(questionnaire, question, answer)
    picked = set(shown.split(",")) if shown else set()
    options = tuple(
        OptionView(c.number, c.option.label, c.option.help, str(c.number) in picked)
        for c in choices(questionnaire, question)
    )
    status = ANSWER
    if answer is not None and answer.status in (DONT_KNOW, NOT_APPLICABLE):
        status = answer.status
    hint = describe_range(question) if question.type == "number" else ""
    return QuestionView(
        question=question,
        options=options,
        value=shown,
        status=status,
        reason=(answer.reason or "") if answer is not None else "",
        note=(answer.note or "") if answer is not None else "",
        fingerprint=fingerprint(answer),
        hint=hint,
        error=error,
    )


class FormData:
    """The fields of a submitted form, as read by Starlette: a multi-valued mapping."""

    def __init__(self, fields: Mapping[str, Sequence[str]]) -> None:
        self.fields = fields

    def one(self, name: str) -> str:
        values = self.fields.get(name, ())
        return values[0] if values else ""

    def all(self, name: str) -> list[str]:
        return list(self.fields.get(name, ()))


@dataclass(frozen=True)
class Submission:
    """What a submitted section changes: new answers by question id, and a message for each
    question whose input could not be taken (its answer is then left as it was)."""

    changes: dict[str, Answer]
    errors: dict[str, str]


def read_section(
    questionnaire: Questionnaire, shown: Sequence[Question], form: FormData
) -> Submission:
    """The answers a submitted form gives to the questions it showed."""
    changes: dict[str, Answer] = {}
    errors: dict[str, str] = {}
    for question in shown:
        result = _read_question(questionnaire, question, form)
        if isinstance(result, Invalid):
            errors[question.id] = result.message
        elif result is not None:
            changes[question.id] = result
    return Submission(changes, errors)


def _words(text: str) -> str | None:
    kept = clean_text(text)[:MAX_WORDS]
    return kept or None


def _read_question(
    questionnaire: Questionnaire, question: Question, form: FormData
) -> Answer | Invalid | None:
    """The answer the form gives to ``question``; ``None`` when the person changed nothing."""
    qid = question.id
    multi = question.type == "multi"
    typed = ",".join(form.all(f"a-{qid}")) if multi else form.one(f"a-{qid}")
    before_value, before_status = form.one(f"v0-{qid}"), form.one(f"x0-{qid}") or ANSWER
    status = form.one(f"x-{qid}") or before_status
    if status == before_status and typed != before_value:
        status = ANSWER  # a new value chosen or typed, with the status left as shown
    note, reason = _words(form.one(f"n-{qid}")), _words(form.one(f"r-{qid}"))
    answer: Answer | None
    if status == DONT_KNOW and question.dont_know:
        answer = Answer(status="dont_know", note=note, reason=reason)
    elif status == NOT_APPLICABLE and question.not_applicable:
        if reason is None:
            return Invalid(f'"Not applicable" needs a reason: {NA_REASON_QUESTION}')
        answer = Answer(status="not_applicable", note=note, reason=reason)
    elif status == ANSWER and typed.strip():
        value = parse_value(questionnaire, question, typed[:MAX_WORDS])
        if isinstance(value, Invalid):
            return Invalid(f"{value.message} (you gave: {typed[:80]})")
        answer = Answer(value=value, note=note)
    elif note is not None:
        answer = Answer(status="unanswered", note=note)
    else:
        answer = None
    if answer is None or fingerprint(answer) == form.one(f"h-{qid}"):
        return None  # as shown: keep whatever the file says now (another tab may have changed it)
    return answer
