"""One way to show an answer, in the style of the output that shows it.

Every output shows an answer the same way: a status that is not "answered" as its word (with the
reason, where the style keeps reasons), a list item by item, yes/no for a boolean, an option by
its label, a number with its unit, text as written. What differs between outputs is deliberate
and is an :class:`AnswerStyle`:

- :data:`READER` (the Markdown and HTML reports): option labels, a scale's key after its label
  (``Agree (6)``), ``Yes``/``No``, numbers with at most two decimals and their unit;
- :data:`FILE` (``explain``) and :data:`DIFF`: what the answers file holds, so that the reader
  can find it there: the key, then the label (``3 (Somewhat)``), ``true``/``false``, lists in
  brackets;
- :data:`INTERVIEW`: an option by the number typed to pick it (``3 = Somewhat disagree``), text
  in quotes, a status with its reason;
- the workshop's style (:mod:`scaleready.workshop.render`): labels and rounded numbers, ``-`` for
  no value.

This module imports only the file formats, so the interview can use it without the renderers.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Literal

from scaleready.formats.answers import AnswerValue
from scaleready.formats.questionnaire import Question, Questionnaire
from scaleready.render.report.format import fixed
from scaleready.vocabulary import STATUS_WORDS

__all__ = ["DIFF", "FILE", "INTERVIEW", "READER", "AnswerStyle", "answer_text"]

OptionShow = Literal["label", "label_then_scale_key", "key_then_label", "number_then_label"]
UnitShow = Literal["none", "spaced", "percent_glued"]
Scalar = str | int | float | bool


@dataclass(frozen=True)
class AnswerStyle:
    """How one output shows answers (the module docstring says which output wants what)."""

    missing: str
    """Shown for no value."""
    yes_no: tuple[str, str] = ("yes", "no")
    number: Callable[[float], str] = str
    unit: UnitShow = "spaced"
    option: OptionShow = "label"
    separator: str = ", "
    brackets: tuple[str, str] = ("", "")
    empty_list: str = ""
    quote_text: bool = False
    status_words: Mapping[str, str] = field(default_factory=lambda: STATUS_WORDS)
    reasons: bool = False
    """Whether a "don't know" or "not applicable" is followed by its reason."""


def _two_decimals(value: float) -> str:
    return fixed(float(value), 2)


def _general(value: float) -> str:
    return f"{value:g}"


READER = AnswerStyle(
    missing="",
    yes_no=("Yes", "No"),
    number=_two_decimals,
    unit="percent_glued",
    option="label_then_scale_key",
    separator="; ",
)
FILE = AnswerStyle(
    missing="(none)",
    yes_no=("true", "false"),
    number=_general,
    unit="none",
    option="key_then_label",
    brackets=("[", "]"),
    empty_list="[]",
)
DIFF = replace(FILE, number=str)
"""``diff`` has no questionnaire: values as the file holds them, numbers as written."""
INTERVIEW = AnswerStyle(
    missing="not answered",
    option="number_then_label",
    empty_list="none",
    quote_text=True,
    status_words={**STATUS_WORDS, "unanswered": "not answered"},
    reasons=True,
)


def answer_text(
    value: AnswerValue | None,
    question: Question | None,
    questionnaire: Questionnaire | None,
    style: AnswerStyle,
    *,
    status: str = "answered",
    reason: str | None = None,
    numbers: Mapping[str | int, int] | None = None,
) -> str:
    """An answer as ``style`` shows it.

    ``question`` and ``questionnaire`` give the options and the unit; without them a value shows
    as written. ``numbers`` are the numbers typed to pick each option (the interview's).
    """
    if status != "answered":
        word = style.status_words.get(status, status)
        return word + (f": {reason}" if style.reasons and reason else "")
    if value is None:
        return style.missing
    labels: dict[str | int | float, str] = {}
    if question is not None and questionnaire is not None:
        labels = {o.key: o.label for o in questionnaire.options_of(question)}
    if isinstance(value, tuple):
        if not value:
            return style.empty_list
        shown = style.separator.join(_scalar(v, question, labels, style, numbers) for v in value)
        return style.brackets[0] + shown + style.brackets[1]
    return _scalar(value, question, labels, style, numbers)


def _scalar(
    value: Scalar,
    question: Question | None,
    labels: Mapping[str | int | float, str],
    style: AnswerStyle,
    numbers: Mapping[str | int, int] | None,
) -> str:
    if isinstance(value, bool):
        return style.yes_no[0] if value else style.yes_no[1]
    label = labels.get(value)
    if label is not None:
        return _option(value, label, question, style, numbers)
    if isinstance(value, int | float):
        return style.number(value) + _unit(question, style)
    if style.quote_text and question is not None and question.type == "text":
        return f'"{value}"'
    return value


def _option(
    key: str | int | float,
    label: str,
    question: Question | None,
    style: AnswerStyle,
    numbers: Mapping[str | int, int] | None,
) -> str:
    if style.option == "number_then_label":
        number = next((n for k, n in (numbers or {}).items() if k == key), None)
        return f"{number} = {label}" if number is not None else str(key)
    if style.option == "key_then_label":
        shown = key if isinstance(key, str) else style.number(key)
        return shown if label == shown else f"{shown} ({label})"
    scale_key = question is not None and question.type == "scale" and isinstance(key, int)
    if style.option == "label_then_scale_key" and scale_key:
        return f"{label} ({key})"
    return label


def _unit(question: Question | None, style: AnswerStyle) -> str:
    unit = question.unit if question is not None else None
    if unit is None or style.unit == "none":
        return ""
    return unit if style.unit == "percent_glued" and unit == "%" else f" {unit}"
