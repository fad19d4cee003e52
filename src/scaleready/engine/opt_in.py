"""Opt-in sections: a section whose ``opt_in`` boolean question opens the rest of it.

Until that question is answered yes, the section's questions count nowhere (coverage, the
reports' answers), so that offering optional questions changes nothing for those who skip them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from scaleready.formats.answers import Answers
from scaleready.formats.questionnaire import Questionnaire


def opted_out(questionnaire: Questionnaire, answered: Callable[[str], object]) -> frozenset[str]:
    """The questions of every opt-in section not opted into; ``answered`` gives a question's
    answered value (``None`` for don't know, not applicable and blanks, which are not a yes)."""
    out: set[str] = set()
    for section in questionnaire.sections:
        if section.opt_in is not None and answered(section.opt_in) is not True:
            out.update(q.id for q in section.questions)
    return frozenset(out)


def given(answers: Answers, qid: str) -> object:
    """An answers file's answered value for a question, ``None`` unless it was answered."""
    answer = answers.answers.get(qid)
    return answer.value if answer is not None and answer.status == "answered" else None


def opted_out_by_all(questionnaire: Questionnaire, everyone: list[Answers]) -> frozenset[str]:
    """The opt-in questions nobody of ``everyone`` opted into (a workshop lists the rest)."""
    hidden = [opted_out(questionnaire, partial(given, answers)) for answers in everyone]
    return frozenset.intersection(*hidden) if hidden else frozenset()
