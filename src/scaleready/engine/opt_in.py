"""Opt-in sections: a section whose ``opt_in`` boolean question opens the rest of it.

Until that question is answered yes, the rest of the section counts nowhere (coverage, the
reports' answers, workshops), and the question itself counts only once it has an answer of any
kind, so that offering optional questions changes nothing for those who leave them alone.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from scaleready.formats.answers import Answers
from scaleready.formats.questionnaire import Questionnaire


def opted_out(
    questionnaire: Questionnaire,
    answered: Callable[[str], object],
    has_answer: Callable[[str], bool],
) -> frozenset[str]:
    """The questions of every opt-in section not opted into. ``answered`` gives a question's
    answered value (``None`` for don't know, not applicable and blanks, which are not a yes);
    ``has_answer`` says whether it has any answer, don't know and not applicable included."""
    out: set[str] = set()
    for section in questionnaire.sections:
        gate = section.opt_in
        if gate is not None and answered(gate) is not True:
            out.update(q.id for q in section.questions if q.id != gate or not has_answer(gate))
    return frozenset(out)


def given(answers: Answers, qid: str) -> object:
    """An answers file's answered value for a question, ``None`` unless it was answered."""
    answer = answers.answers.get(qid)
    return answer.value if answer is not None and answer.status == "answered" else None


def _has_answer(answers: Answers, qid: str) -> bool:
    answer = answers.answers.get(qid)
    return answer is not None and answer.status != "unanswered"


def opted_out_by_all(questionnaire: Questionnaire, everyone: list[Answers]) -> frozenset[str]:
    """The opt-in questions nobody of ``everyone`` opted into (a workshop lists the rest)."""
    hidden = [
        opted_out(questionnaire, partial(given, answers), partial(_has_answer, answers))
        for answers in everyone
    ]
    return frozenset.intersection(*hidden) if hidden else frozenset()
