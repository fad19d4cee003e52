"""``scaleready validate``: check questionnaires and answers files, told apart by their content."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scaleready.answers_check import check_answers
from scaleready.errors import InputError, Problem, UsageError
from scaleready.questionnaire import Questionnaire
from scaleready.questionnaire_check import check_questionnaire, load_questionnaire
from scaleready.resources import bundled_questionnaires, resolve_questionnaire
from scaleready.yamlsource import YamlDocument, load_yaml


@dataclass(frozen=True)
class FileReport:
    """What validating one file found."""

    file: str
    kind: str
    summary: str
    problems: tuple[Problem, ...] = ()

    @property
    def errors(self) -> int:
        """How many of the problems are errors."""
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warnings(self) -> int:
        """How many of the problems are warnings."""
        return sum(p.severity == "warning" for p in self.problems)


@dataclass
class _Context:
    explicit: Questionnaire | None
    given: dict[str, Questionnaire] = field(default_factory=dict)


def validate_files(paths: Sequence[Path], questionnaire: str | None = None) -> list[FileReport]:
    """Validate every file; answers are checked against ``questionnaire`` if given, else a
    questionnaire named in the same call, else the bundled one with the id they name."""
    explicit = None
    if questionnaire is not None:
        explicit, _ = load_questionnaire(resolve_questionnaire(questionnaire))
    context = _Context(explicit)
    docs: list[tuple[Path, YamlDocument | None, FileReport | None]] = []
    for path in paths:
        try:
            docs.append((path, load_yaml(path), None))
        except InputError as exc:
            docs.append((path, None, FileReport(str(path), "unreadable", "", exc.problems)))
    reports: dict[int, FileReport] = {}
    # Questionnaires first, so that answers files in the same call can be checked against them.
    for i, (_, doc, failed) in enumerate(docs):
        if failed is not None:
            reports[i] = failed
        elif doc is not None and _kind(doc) == "questionnaire":
            reports[i] = _questionnaire_report(doc, context)
    for i, (_, doc, _failed) in enumerate(docs):
        if i not in reports and doc is not None:
            reports[i] = _answers_report(doc, context) if _kind(doc) == "answers" else _unknown(doc)
    return [reports[i] for i in range(len(docs))]


def _kind(doc: YamlDocument) -> str:
    data = doc.data
    if isinstance(data, dict):
        if "sections" in data or "model" in data:
            return "questionnaire"
        if "answers" in data or "questionnaire" in data:
            return "answers"
    return "unknown"


def _unknown(doc: YamlDocument) -> FileReport:
    message = (
        "cannot tell what this file is: a questionnaire has 'sections', an answers file has "
        "'questionnaire' and 'answers'"
    )
    return FileReport(doc.file, "unknown", "", (doc.problem((), message),))


def _questionnaire_report(doc: YamlDocument, context: _Context) -> FileReport:
    questionnaire, problems = check_questionnaire(doc)
    summary = ""
    if questionnaire is not None:
        if not any(p.severity == "error" for p in problems):
            context.given.setdefault(questionnaire.id, questionnaire)
        summary = (
            f"questionnaire {questionnaire.id} {questionnaire.version}, "
            f"{len(questionnaire.questions)} questions, {len(questionnaire.tests)} fixtures"
        )
    return FileReport(doc.file, "questionnaire", summary, tuple(problems))


def _answers_report(doc: YamlDocument, context: _Context) -> FileReport:
    try:
        questionnaire = _questionnaire_for(doc, context)
    except InputError as exc:
        return FileReport(doc.file, "answers", "", exc.problems)
    answers, problems = check_answers(doc, questionnaire)
    summary = ""
    if answers is not None:
        statuses = [a.status for a in answers.answers.values()]
        counts = [
            f"{statuses.count(status)} {label}"
            for status, label in (("dont_know", "don't know"), ("not_applicable", "not applicable"))
            if status in statuses
        ]
        summary = ", ".join(
            [
                f"answers to {questionnaire.id} {questionnaire.version}",
                f"{statuses.count('answered')} of {len(questionnaire.questions)} answered",
                *counts,
            ]
        )
    return FileReport(doc.file, "answers", summary, tuple(problems))


def _questionnaire_for(doc: YamlDocument, context: _Context) -> Questionnaire:
    if context.explicit is not None:
        return context.explicit
    ref = doc.data.get("questionnaire")
    qid = ref.get("id") if isinstance(ref, dict) else None
    if not isinstance(qid, str):
        # The structural check reports what is wrong with the reference.
        raise InputError(
            [
                doc.problem(
                    ("questionnaire",), "must name the questionnaire: {id: ..., version: ...}"
                )
            ]
        )
    if qid in context.given:
        return context.given[qid]
    if qid in {p.stem for p in bundled_questionnaires()}:
        try:
            return load_questionnaire(resolve_questionnaire(qid))[0]
        except UsageError:  # pragma: no cover - the id was just listed
            pass
    raise InputError(
        [
            doc.problem(
                ("questionnaire", "id"),
                f"unknown questionnaire {qid!r}: it is not bundled; name its file in the same "
                "call or pass --questionnaire PATH",
            )
        ]
    )
