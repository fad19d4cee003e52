"""DORA's industry and organisation-size keys: the options of the questions a questionnaire names
in ``benchmarks.industry_question`` and ``benchmarks.organisation_size_question`` must be keys
DORA publishes a benchmark for, or the comparison an author meant silently never happens.

Kept apart from :mod:`scaleready.loading.questionnaire`, which is at its size limit; the keys come
from :mod:`scaleready.engine.dora_benchmarks`, data the engine reads too, so there is one list.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from scaleready.engine.dora_benchmarks import INDUSTRY_2025, ORGANISATION_SIZE_2025
from scaleready.errors import KeyPath, Problem, did_you_mean
from scaleready.formats.questionnaire import Question, Questionnaire
from scaleready.loading.yaml_source import YamlDocument

# benchmarks key -> (what the keys are called in messages, DORA's keys)
_KEYS: Mapping[str, tuple[str, tuple[str, ...]]] = {
    "industry_question": ("industry", tuple(INDUSTRY_2025)),
    "organisation_size_question": ("organisation-size", tuple(ORGANISATION_SIZE_2025)),
}


def dora_key_problems(doc: YamlDocument, questionnaire: Questionnaire) -> list[Problem]:
    """An error for every option of the industry or organisation-size question that is not one
    of DORA's keys, at the option's key, listing the keys DORA has.

    A question without options (a text question) is not checked here: its answers are, at
    ``score``, which warns about a key DORA has no benchmark for.
    """
    benchmarks = questionnaire.benchmarks
    if benchmarks is None:
        return []
    problems: list[Problem] = []
    for field, (kind, allowed) in _KEYS.items():
        qid = getattr(benchmarks, field)
        for path, key in _option_keys(questionnaire, qid):
            if str(key) not in allowed:
                message = (
                    f"{key!r} is not one of DORA's {kind} keys{did_you_mean(key, allowed)}: "
                    f"benchmarks.{field} {qid!r} may offer {', '.join(allowed)}"
                )
                problems.append(doc.problem(path, message))
    return problems


def _option_keys(questionnaire: Questionnaire, qid: str | None) -> Iterator[tuple[KeyPath, object]]:
    """Each option key of question ``qid`` with where it is written (the question or its scale)."""
    for si, section in enumerate(questionnaire.sections):
        for qi, question in enumerate(section.questions):
            if question.id == qid:
                yield from _keys_of(questionnaire, ("sections", si, "questions", qi), question)


def _keys_of(
    questionnaire: Questionnaire, path: KeyPath, question: Question
) -> Iterator[tuple[KeyPath, object]]:
    if question.options is not None:
        base: KeyPath = (*path, "options")
        options = question.options
    elif question.scale is not None and question.scale in questionnaire.scales:
        base = ("scales", question.scale)
        options = questionnaire.scales[question.scale]
    else:
        return
    for i, option in enumerate(options):
        yield (*base, i, "key"), option.key
