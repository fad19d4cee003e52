"""The concrete "why" of a finding: the answers behind it, in the respondent's words.

The engine writes its reasons as data (``why`` fields), so it names answers itself: an option by
its label, a number with its unit. ``render.answer_text`` styles answers for each output and sits
above the engine, which must not import the renderers.
"""

from __future__ import annotations

from collections.abc import Iterable

from scaleready.engine.facts import Facts, compiled, option_of
from scaleready.engine.risks import FactorCalc
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


MAX_RULES = 1
"""Rules quoted in a recommendation's why: the reader needs the strongest reason, not every one
(explain lists them all)."""
MAX_ANSWERS = 2
"""Answers quoted behind a rule or a factor's symptoms."""


def answers_behind(facts: Facts, question_ids: Iterable[str]) -> str:
    """The answered questions among ``question_ids``, each as 'question text: "answer"'."""
    shown = []
    for qid in dict.fromkeys(question_ids):
        question = facts.questionnaire.question(qid)
        value = facts.values.get(qid)
        if question is None or value is None:
            continue
        shown.append(f'{question.text} "{shown_answer(facts.questionnaire, question, value)}"')
    return "; ".join(shown[:MAX_ANSWERS])


def concrete_why(facts: Facts, calcs: list[FactorCalc]) -> str:
    """The opening of a recommendation's why: the reasons of the rules that fired on the factors
    it reduces (strongest factor first) with the answers each read, else the worst symptom
    answers. Empty when nothing concrete fired."""
    rules = {r.id: r for r in facts.questionnaire.rules}
    sentences: list[str] = []
    quoted: set[str] = set()
    for calc in calcs:
        for rid in calc.trigger_rules:
            if rid in quoted or rid not in rules or len(quoted) >= MAX_RULES:
                continue
            quoted.add(rid)
            rule = rules[rid]
            # The questions an expression reads are a set: show them in the questionnaire's order.
            reads = set(compiled(facts.questionnaire, rule.when).questions)
            answers = answers_behind(
                facts, (q.id for q in facts.questionnaire.questions if q.id in reads)
            )
            sentences.append(
                rule.because.strip() + (f" (You answered: {answers}.)" if answers else "")
            )
    if not sentences:
        worst = sorted(
            (s for c in calcs for s in c.symptoms if s.kind == "answer" and s.exposure >= 0.5),
            key=lambda s: (-s.exposure, s.id),
        )
        answers = answers_behind(facts, (q for s in worst for q in s.questions))
        if answers:
            sentences.append(f"You answered: {answers}.")
    return " ".join(sentences)
