"""The words the interview shows around a question: progress, the section, the keys that work,
the help, the line that says where a resumed interview starts, and what a merge with another
writer of the file did."""

from __future__ import annotations

from scaleready.formats.answers import Answer
from scaleready.formats.questionnaire import Question, Questionnaire, Section
from scaleready.interview._typed import describe_range
from scaleready.interview.state import (
    InterviewState,
    Merge,
    Progress,
    choices,
    describe_answer,
    is_answered,
    progress,
)


def progress_bar(done: int, total: int, width: int = 20) -> str:
    """``[#####---------------]``: plain characters, so it reads without colour or Unicode. Full
    only when everything is done: 91 of 93 leaves a dash."""
    filled = 0 if total == 0 else round(width * done / total)
    if done < total:
        filled = min(filled, width - 1)
    return "[" + "#" * filled + "-" * (width - filled) + "]"


def progress_line(p: Progress, previous_total: int | None) -> str:
    """``Question 8 of 99  [#---...]  7 answered``, saying why when the total just changed: an
    answer decided that more (or fewer) questions apply."""
    line = f"Question {p.position} of {p.total}  {progress_bar(p.answered, p.total)}  "
    line += f"{p.answered} answered"
    if previous_total is not None and previous_total != p.total:
        line += f" (was of {previous_total}: your answers decide which questions apply)"
    return line


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
    if review:
        keys.append("g ID go to")
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
        keys.append("x answers not applicable (with the reason why)")
    keys.append(("note" if question.type == "boolean" else "n") + " adds a note")
    section = next(s.id for s in questionnaire.sections if question in s.questions)
    keys.append(
        f"g and an id goes to that question or section (this is {question.id}, in {section})"
    )
    keys.append("q saves and quits")
    lines.append("Keys: " + ", ".join(keys) + ".")
    return lines


def merge_notes(questionnaire: Questionnaire, merged: Merge, path: object) -> list[str]:
    """What a merge with another writer of the answers file at ``path`` did, in words: whose
    answers were kept, and each answer of theirs that ours replaced (so it is never lost
    without a word)."""
    notes = []
    if merged.theirs:
        notes.append(
            f"{path} was changed elsewhere while you answered; kept its answers to "
            f"{', '.join(merged.theirs)}."
        )
    for qid, other in merged.conflicts:
        question = questionnaire.question(qid)
        said = describe_answer(questionnaire, question, other) if question else "another answer"
        notes.append(f"{qid} was also changed elsewhere (to: {said}); your answer replaces it.")
    return notes
