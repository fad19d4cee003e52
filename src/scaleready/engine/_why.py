"""The concrete "why" of a finding: the answers behind it, in the respondent's words.

The engine writes its reasons as data (``why`` fields), so it names answers itself: an option by
its label, a number with its unit. ``render.answer_text`` styles answers for each output and sits
above the engine, which must not import the renderers.
"""

from __future__ import annotations

from scaleready.engine.facts import option_of
from scaleready.formats.answers import AnswerValue
from scaleready.formats.questionnaire import Question, Questionnaire


def shown_answer(questionnaire: Questionnaire, question: Question, value: AnswerValue) -> str:
    """An answered value as the respondent saw it: option labels, or the number with its unit."""
    if isinstance(value, list | tuple):
        return "; ".join(shown_answer(questionnaire, question, v) for v in value)
    option = option_of(questionnaire, question, value)
    if option is not None:
        return option.label
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not question.unit:
        return str(value)
    return f"{value}{question.unit}" if question.unit == "%" else f"{value} {question.unit}"
