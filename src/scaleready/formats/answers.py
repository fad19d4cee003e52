"""Immutable models of an answers file, both as written in YAML and as checked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field, WithJsonSchema, field_validator

from scaleready.formats.frozen import Frozen
from scaleready.formats.questionnaire import Id, Questionnaire, Str, Text
from scaleready.vocabulary import AnswerStatus

AnswerValue = str | int | float | bool | tuple[str | int, ...]

_SCALAR_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": ["string", "number", "boolean", "null"]},
        {"type": "array", "items": {"type": ["string", "integer"]}},
    ]
}
_ENTRY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "value": _SCALAR_SCHEMA,
        "claimed": {
            **_SCALAR_SCHEMA,
            "description": "What people answered before the value was measured "
            "(scaleready measure --into writes it)",
        },
        "note": {"type": "string"},
        "dont_know": {"type": "boolean"},
        "not_applicable": {"type": "boolean"},
        "reason": {"type": "string"},
    },
}
# Each answer is checked against its question (see answers_check), not by the model, so that every
# message can name the question; the schema still tells editors which shapes are allowed.
RawAnswers = Annotated[
    dict[Str, Any],
    WithJsonSchema(
        {
            "type": "object",
            "description": "Answers by question id: a value, or a mapping with value and note, "
            "or dont_know (with an optional reason) / not_applicable (with a reason).",
            "additionalProperties": {"anyOf": [_SCALAR_SCHEMA, _ENTRY_SCHEMA]},
        }
    ),
]

ENTRY_KEYS = ("value", "claimed", "note", "dont_know", "not_applicable", "reason")

# What a "not applicable" answer's reason must say; the loader's error and the interview's prompt
# both ask it, in these words.
NA_REASON_QUESTION = "why does this not apply to you?"


class QuestionnaireRef(Frozen):
    """Which questionnaire, and which version of it, the answers are for; ``path`` names its
    file, relative to the answers file, for one that is not bundled."""

    id: Id
    version: Annotated[str, Field(pattern=r"^\d+\.\d+\.\d+$")]
    path: Str | None = Field(
        default=None,
        description="The questionnaire's file, relative to this answers file; commands follow "
        "it when --questionnaire is not given",
    )


class Respondent(Frozen):
    """Who answered; used by workshops."""

    name: Text | None = None
    role: Text | None = None


class AnswersDocument(Frozen):
    """An answers file as written (the structure only)."""

    questionnaire: QuestionnaireRef
    respondent: Respondent | None = None
    organisation: Text | None = None
    answers: RawAnswers = Field(default_factory=dict)

    @field_validator("answers", mode="before")
    @classmethod
    def _blank_is_empty(cls, value: Any) -> Any:
        # ``answers:`` with nothing under it yet reads as null: no answers, not an error.
        return {} if value is None else value


class Answer(Frozen):
    """One checked answer: a value, or "don't know" / "not applicable", with optional words."""

    status: AnswerStatus = "answered"
    value: AnswerValue | None = None
    claimed: AnswerValue | None = Field(
        default=None,
        description="A measured answer's claim: what people answered before the value was "
        "measured (the value is then the measurement)",
    )
    note: str | None = None
    reason: str | None = None


class Answers(Frozen):
    """An answers file checked against its questionnaire."""

    questionnaire: QuestionnaireRef
    respondent: Respondent | None = None
    organisation: str | None = None
    answers: Mapping[str, Answer] = Field(default_factory=dict)
    source: str | None = None
    lines: Mapping[str, int] = Field(
        default_factory=dict, description="The line of each answer in the source file"
    )


class NotApplicable(Frozen):
    """A "not applicable" answer with its reason: a claim about the organisation that takes the
    question out of every score, listed wherever results go so that a reviewer can judge it."""

    question: str
    text: str = Field(description="The question, as the questionnaire asks it")
    reason: str


def not_applicable(questionnaire: Questionnaire, answers: Answers) -> tuple[NotApplicable, ...]:
    """Every "not applicable" answer with its reason, in the questionnaire's order."""
    out = []
    for question in questionnaire.questions:
        answer = answers.answers.get(question.id)
        if answer is not None and answer.status == "not_applicable":
            # The loader refuses one without a reason; an Answers built in code may lack it.
            reason = answer.reason or "(no reason given)"
            out.append(NotApplicable(question=question.id, text=question.text, reason=reason))
    return tuple(out)
