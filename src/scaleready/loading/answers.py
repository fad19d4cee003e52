"""Checks an answers file (or a fixture's answers) against its questionnaire."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scaleready.errors import KeyPath, Problem, did_you_mean, valid_or_raise
from scaleready.formats.answers import (
    ENTRY_KEYS,
    NA_REASON_QUESTION,
    Answer,
    Answers,
    AnswersDocument,
    AnswerValue,
)
from scaleready.formats.questionnaire import Question, Questionnaire
from scaleready.loading._numbers import number_problems
from scaleready.loading.structure import validate_model
from scaleready.loading.yaml_source import YamlDocument, load_yaml

NA_NEEDS_REASON = f'"not applicable" needs a reason ({NA_REASON_QUESTION})'


def load_answers(path: Path, questionnaire: Questionnaire, display: str | None = None) -> Answers:
    """Load an answers file and check it against ``questionnaire``; raise :class:`InputError`."""
    return valid_or_raise(*check_answers(load_yaml(path, display), questionnaire))


def check_answers(
    doc: YamlDocument, questionnaire: Questionnaire
) -> tuple[Answers | None, list[Problem]]:
    """Check a parsed answers file; return the answers (if valid) and every problem found."""
    return _check_answers(doc, questionnaire)


def _check_answers(
    doc: YamlDocument, questionnaire: Questionnaire
) -> tuple[Answers | None, list[Problem]]:
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "an answers file must be a mapping with an 'answers' key")]
    numbers = number_problems(doc)
    if numbers:  # before anything does arithmetic on them
        return None, numbers
    structure, problems = validate_model(doc, AnswersDocument)
    if structure is None:
        return None, problems
    ref = structure.questionnaire
    if ref.id != questionnaire.id:
        problems.append(
            doc.problem(
                ("questionnaire", "id"),
                f"these answers are for questionnaire {ref.id!r}, not {questionnaire.id!r}",
            )
        )
        return None, problems
    if ref.version != questionnaire.version:
        problems.append(
            doc.problem(
                ("questionnaire", "version"),
                f"these answers are for version {ref.version} of {ref.id!r}; the questionnaire "
                f"is version {questionnaire.version}",
            )
        )
    answers: dict[str, Answer] = {}
    answer_problems: list[Problem] = []
    if doc.data.get("answers") is not None:  # an answers file may have none yet
        answers, answer_problems = check_answer_map(doc, ("answers",), questionnaire)
    problems += answer_problems
    if problems:
        return None, problems
    found = doc.lines_of(("answers",))
    lines = {qid: found.get(qid, 1) for qid in answers}  # 1: a document made by hand
    result = Answers(
        questionnaire=ref,
        respondent=structure.respondent,
        organisation=structure.organisation,
        answers=answers,
        source=doc.file,
        lines=lines,
    )
    return result, []


_HINTED = 100  # unknown ids that get a "did you mean" hint


def check_answer_map(
    doc: YamlDocument, path: KeyPath, questionnaire: Questionnaire
) -> tuple[dict[str, Answer], list[Problem]]:
    """Check the mapping of question id -> answer at ``path`` in ``doc``."""
    raw = doc.data
    for part in path:
        raw = raw[part]
    problems: list[Problem] = []
    answers: dict[str, Answer] = {}
    # A plain dict: Questionnaire.question() reads a pydantic private attribute on every call,
    # which is most of the cost of checking a large answers file.
    by_id = {q.id: q for q in questionnaire.questions}
    unknown = 0
    for qid, given in raw.items():
        here = (*path, qid)
        question = by_id.get(qid)
        if question is None:
            # A hint costs a fuzzy match against every id: only the first ids get one, as only
            # the first problems are shown (800,000 unknown ids took minutes).
            unknown += 1
            hint = did_you_mean(qid, by_id) if unknown <= _HINTED else ""
            message = f"unknown question {qid!r}{hint}"
            problems.append(doc.problem(here, message, at_key=True))
            continue
        if given is None:
            continue  # left blank: not answered yet
        checker = _AnswerChecker(doc, here, question, questionnaire)
        answer = checker.answer(given)
        problems += checker.problems
        if answer is not None:
            answers[qid] = answer
    return answers, problems


class _AnswerChecker:
    def __init__(
        self, doc: YamlDocument, path: KeyPath, question: Question, questionnaire: Questionnaire
    ) -> None:
        self.doc = doc
        self.path = path
        self.question = question
        self.questionnaire = questionnaire
        self.problems: list[Problem] = []

    def fail(self, path: KeyPath, message: str, *, at_key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, at_key=at_key))

    def answer(self, given: Any) -> Answer | None:
        if not isinstance(given, dict):
            value = self.value(given, self.path)
            return None if value is None else Answer(value=value)
        for key in given:
            if key not in ENTRY_KEYS:
                hint = did_you_mean(key, ENTRY_KEYS)
                self.fail((*self.path, key), f"unknown key {key!r}{hint}", at_key=True)
        texts = {k: given.get(k) for k in ("note", "reason")}
        for key, text in texts.items():
            if text is not None and not isinstance(text, str):
                self.fail((*self.path, key), f"{key} must be text; put it in quotes")
        flags = {k: given.get(k, False) for k in ("dont_know", "not_applicable")}
        for key, flag in flags.items():
            if not isinstance(flag, bool):
                self.fail((*self.path, key), f"{key} must be true or false")
        if self.problems:
            return None
        note, reason = texts["note"], texts["reason"]
        status = next((k for k, flag in flags.items() if flag), None)
        if given.get("claimed") is not None and given.get("value") is None:
            # A claim is what a measurement replaced: without the measured value it claims nothing.
            self.fail((*self.path, "claimed"), "claimed needs the measured value beside it")
        elif flags["dont_know"] and flags["not_applicable"]:
            self.fail(self.path, "give dont_know or not_applicable, not both")
        elif status is not None and given.get("value") is not None:
            self.fail((*self.path, "value"), f"give a value or {status}: true, not both")
        elif status == "dont_know" and not self.question.dont_know:
            self.fail((*self.path, "dont_know"), 'this question does not offer "don\'t know"')
        elif status == "not_applicable" and not self.question.not_applicable:
            self.fail(
                (*self.path, "not_applicable"), 'this question does not offer "not applicable"'
            )
        elif status == "not_applicable" and not (reason or "").strip():
            # "Not applicable" is a claim about the organisation ("we have no partners") that
            # takes the question out of every score, so it must say why, for a reviewer to judge.
            self.fail(self.path, NA_NEEDS_REASON, at_key=True)
        elif status is not None:
            return Answer(status=status, note=note, reason=reason)
        elif given.get("value") is None:
            if note is None and reason is None:
                return None
            return Answer(status="unanswered", note=note, reason=reason)
        else:
            value = self.value(given["value"], (*self.path, "value"))
            claimed = None
            if given.get("claimed") is not None:
                claimed = self.value(given["claimed"], (*self.path, "claimed"))
            if value is not None and not self.problems:
                return Answer(value=value, claimed=claimed, note=note, reason=reason)
        return None

    def value(self, given: Any, path: KeyPath) -> AnswerValue | None:
        kind = self.question.type
        if kind in ("choice", "scale"):
            return self.option(given, path)
        if kind == "multi":
            if not isinstance(given, list):
                self.fail(path, f"expected a list of options, e.g. [{self.keys()[0]!r}]")
                return None
            chosen = [self.option(item, (*path, i)) for i, item in enumerate(given)]
            if None in chosen:
                return None
            for i, item in enumerate(given):
                if given.index(item) != i:
                    self.fail((*path, i), f"{item!r} is listed twice")
            return tuple(c for c in chosen if c is not None)
        if kind == "number":
            return self.number(given, path)
        if kind == "boolean":
            if not isinstance(given, bool):
                self.fail(path, f"expected true or false, got {given!r}")
                return None
            return given
        if not isinstance(given, str):
            self.fail(path, f"expected text, got {given!r}; put it in quotes")
            return None
        return given

    def keys(self) -> list[str | int]:
        return [o.key for o in self.questionnaire.options_of(self.question)]

    def option(self, given: Any, path: KeyPath) -> str | int | None:
        keys = self.keys()
        if isinstance(given, (str, int)) and not isinstance(given, bool) and given in keys:
            return given
        shown = ", ".join(str(k) for k in keys)
        self.fail(
            path,
            f"{given!r} is not one of the options ({shown}){did_you_mean(given, keys)}",
        )
        return None

    def number(self, given: Any, path: KeyPath) -> int | float | None:
        q = self.question
        if isinstance(given, bool) or not isinstance(given, (int, float)):
            self.fail(path, f"expected a number, got {given!r}")
            return None
        if q.integer and not (isinstance(given, int) or float(given).is_integer()):
            self.fail(path, f"expected a whole number, got {given!r}")
            return None
        too_low = q.min is not None and given < q.min
        too_high = q.max is not None and given > q.max
        if too_low or too_high:
            if q.min is not None and q.max is not None:
                self.fail(path, f"{given!r} is outside the allowed range {q.min:g} to {q.max:g}")
            elif too_low:
                self.fail(path, f"{given!r} is below the minimum, {q.min:g}")
            else:
                self.fail(path, f"{given!r} is above the maximum, {q.max:g}")
            return None
        return given
