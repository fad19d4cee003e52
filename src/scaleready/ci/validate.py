"""``scaleready validate``: check questionnaires and answers files, told apart by their content."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from scaleready.errors import InputError, Problem
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import check_answers
from scaleready.loading.inputs import open_questionnaire, questionnaire_for
from scaleready.loading.questionnaire import check_questionnaire
from scaleready.loading.yaml_source import YamlDocument, load_yaml


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
        explicit = open_questionnaire(questionnaire)
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


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


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
            failed = _fixture_problems(doc, questionnaire)
            problems += failed
            fixtures = (
                f"{_count(len(questionnaire.tests), 'fixture')} {'failed' if failed else 'passed'}"
            )
        else:
            fixtures = f"{_count(len(questionnaire.tests), 'fixture')} not run"
        summary = (
            f"questionnaire {questionnaire.id} {questionnaire.version}, "
            f"{len(questionnaire.questions)} questions, {fixtures}"
        )
    return FileReport(doc.file, "questionnaire", summary, tuple(problems))


def _fixture_problems(doc: YamlDocument, questionnaire: Questionnaire) -> list[Problem]:
    """Run the questionnaire's own fixtures; each failed expectation is an error at its fixture."""
    from scaleready.engine import assess
    from scaleready.engine.fixtures import check_fixture, fixture_answers

    problems = []
    for i, fixture in enumerate(questionnaire.tests):
        result = assess(questionnaire, fixture_answers(questionnaire, fixture))
        for failure in check_fixture(fixture, result):
            problems.append(doc.problem(("tests", i, "expect"), failure, at_key=True))
    return problems


def _answers_report(doc: YamlDocument, context: _Context) -> FileReport:
    try:
        questionnaire = questionnaire_for(doc, context.explicit, context.given)
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
