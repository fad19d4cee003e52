"""Loading an answers file together with the questionnaire it answers."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from scaleready.errors import InputError, valid_or_raise
from scaleready.formats.answers import Answers
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import check_answers
from scaleready.loading.bundled import (
    DEFAULT_QUESTIONNAIRE,
    bundled_questionnaires,
    resolve_questionnaire,
)
from scaleready.loading.questionnaire import load_questionnaire
from scaleready.loading.yaml_source import YamlDocument, load_yaml

if TYPE_CHECKING:
    pass


def open_questionnaire(ref: str | None = None) -> Questionnaire:
    """The questionnaire ``ref`` names, a bundled id or a path (the bundled default if
    ``None``), loaded and checked.

    Raises :class:`UsageError` if ``ref`` names nothing, :class:`InputError` with every error of
    the file.
    """
    return load_questionnaire(resolve_questionnaire(ref or DEFAULT_QUESTIONNAIRE))[0]


def questionnaire_for(
    doc: YamlDocument,
    explicit: Questionnaire | None = None,
    given: Mapping[str, Questionnaire] | None = None,
) -> Questionnaire:
    """The questionnaire an answers document is checked against: ``explicit`` if given, else one
    of ``given`` (by id), else the bundled one with the id the answers name.

    Raises :class:`InputError` located at the answers' questionnaire id when there is none.
    """
    if explicit is not None:
        return explicit
    ref = doc.data.get("questionnaire") if isinstance(doc.data, dict) else None
    qid = ref.get("id") if isinstance(ref, dict) else None
    if not isinstance(qid, str):
        message = "must name the questionnaire, as {id: ..., version: ...}"
        raise InputError([doc.problem(("questionnaire",), message, at_key=True)])
    if given and qid in given:
        return given[qid]
    if qid in {p.stem for p in bundled_questionnaires()}:
        return open_questionnaire(qid)
    raise InputError(
        [
            doc.problem(
                ("questionnaire", "id"),
                f"unknown questionnaire {qid!r}: it is not bundled; name its file in the same "
                "call or pass --questionnaire PATH",
            )
        ]
    )


def load_inputs(
    answers_path: Path, questionnaire: str | None = None
) -> tuple[Questionnaire, Answers]:
    """Load an answers file and its questionnaire (a bundled id or path, or the one the answers
    name); raise :class:`InputError` with every problem found."""
    doc = load_yaml(answers_path)
    explicit = None if questionnaire is None else open_questionnaire(questionnaire)
    chosen = questionnaire_for(doc, explicit)
    return chosen, valid_or_raise(*check_answers(doc, chosen))
