"""Loading an answers file together with the questionnaire it answers."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from scaleready.errors import InputError, Problem, valid_or_raise
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
    """The questionnaire an answers document is checked against: ``explicit`` if given (which
    must be the one the answers name by path, if they do), else the file the answers name by
    ``questionnaire.path``, else one of ``given`` (by id), else the bundled one with that id.

    Raises :class:`InputError` located at the answers' questionnaire id (or path) when there is
    none, or when ``explicit`` is another questionnaire than the one the answers name.
    """
    ref = doc.data.get("questionnaire") if isinstance(doc.data, dict) else None
    qid = ref.get("id") if isinstance(ref, dict) else None
    if explicit is not None:
        _agrees(doc, explicit)
        return explicit
    if not isinstance(qid, str):
        message = "must name the questionnaire, as {id: ..., version: ...}"
        raise InputError([doc.problem(("questionnaire",), message, at_key=True)])
    named = named_file(doc)
    if named is not None:
        return load_questionnaire(named)[0]
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


def named_file(doc: YamlDocument) -> Path | None:
    """The questionnaire file an answers document names by ``questionnaire.path``, resolved
    relative to the document's own file; ``None`` if it names none.

    Raises :class:`InputError` at that key if the path is absolute or names no regular file
    (the file itself is then read by :func:`~scaleready.loading.yaml_source.read_source`, which
    refuses anything else that is not one, such as a FIFO swapped in meanwhile).
    """
    ref = doc.data.get("questionnaire") if isinstance(doc.data, dict) else None
    raw = ref.get("path") if isinstance(ref, dict) else None
    if raw is None:
        return None
    where = ("questionnaire", "path")
    if not isinstance(raw, str) or not raw.strip():
        raise InputError([doc.problem(where, _PATH_NEEDED)])
    if Path(raw).is_absolute():
        # An absolute path does not travel with the answers file (to CI, to a colleague).
        raise InputError([doc.problem(where, f"{raw!r} is absolute; {_PATH_NEEDED}")])
    path = Path(doc.file).parent / raw
    if not path.is_file():  # False for a folder, a FIFO, a device, nothing
        raise InputError([doc.problem(where, f"{raw!r} is not a file (looked for {path})")])
    return path


_PATH_NEEDED = "questionnaire.path must be the questionnaire's file, relative to this answers file"


def _agrees(doc: YamlDocument, explicit: Questionnaire) -> None:
    """Refuse ``explicit`` (from --questionnaire) when the answers name another questionnaire
    file: scoring them against one their author did not mean would mislead. The same content
    in another file (a copy) is the same questionnaire."""
    path = named_file(doc)
    if path is None:
        return
    try:
        named: Questionnaire | None = load_questionnaire(path)[0]
    except InputError:
        named = None
    if named is explicit or (named is not None and named.model_dump() == explicit.model_dump()):
        return
    raw = doc.data["questionnaire"]["path"]
    shown = "a questionnaire that does not load" if named is None else _name(named)
    message = (
        f"these answers name the questionnaire {raw} ({shown}), but --questionnaire gives "
        f"{_name(explicit)}, a different one: leave out --questionnaire, or correct "
        "questionnaire.path"
    )
    raise InputError([doc.problem(("questionnaire", "path"), message)])


def _name(questionnaire: Questionnaire) -> str:
    return f"{questionnaire.id} {questionnaire.version}"


def naming_file(docs: Sequence[YamlDocument]) -> YamlDocument | None:
    """Of many answers documents (a workshop), the first that names its questionnaire by
    ``questionnaire.path``: the one whose questionnaire all are checked against. Raises
    :class:`InputError` naming the files when they name different questionnaire files."""
    files: dict[str, YamlDocument] = {}
    problems: list[Problem] = []
    for doc in docs:
        try:
            path = named_file(doc)
        except InputError as exc:
            problems += exc.problems
            continue
        if path is not None:
            files.setdefault(os.path.realpath(path), doc)
    if problems:
        raise InputError(problems)
    if len(files) > 1:
        named = "; ".join(f"{doc.file} names {path}" for path, doc in files.items())
        first = next(iter(files.values()))
        message = f"these answers files name different questionnaire files: {named}"
        raise InputError([first.problem(("questionnaire", "path"), message)])
    return next(iter(files.values()), None)


def file_named_by(paths: Sequence[Path]) -> str | None:
    """The questionnaire file answers files name by ``questionnaire.path`` (they must agree), as
    --questionnaire would give it; ``None`` when none names one. For commands that read the
    questionnaire before (or besides) the answers: ``serve``, ``history``."""
    doc = naming_file([load_yaml(path) for path in paths])
    named = None if doc is None else named_file(doc)
    return None if named is None else str(named)


def questionnaire_for_file(answers_path: Path, ref: str | None = None) -> Questionnaire:
    """The questionnaire of an answers file that may not exist yet (the interview's): the one
    ``ref`` (--questionnaire) names, which must agree with the file's ``questionnaire.path``;
    else the one the file names by path or bundled id; else the bundled default. A file that
    names nothing usable gets the default, so that its own check reports what is wrong."""
    explicit = None if ref is None else open_questionnaire(ref)
    if not answers_path.exists():
        return explicit or open_questionnaire()
    doc = load_yaml(answers_path)
    if explicit is not None or named_file(doc) is not None:
        return questionnaire_for(doc, explicit)
    ref_map = doc.data.get("questionnaire") if isinstance(doc.data, dict) else None
    qid = ref_map.get("id") if isinstance(ref_map, dict) else None
    bundled = {p.stem for p in bundled_questionnaires()}
    return open_questionnaire(qid if isinstance(qid, str) and qid in bundled else None)


def path_to_write(ref: str | None, answers_path: Path) -> str | None:
    """The ``questionnaire.path`` to write in a new answers file at ``answers_path`` for
    --questionnaire ``ref``: relative to the answers file's folder, with ``/``; ``None`` when
    ``ref`` is a bundled id (or not given), which the id alone finds."""
    if ref is None or resolve_questionnaire(ref) != Path(ref):
        return None
    folder = os.path.realpath(answers_path.parent)
    return Path(os.path.relpath(os.path.realpath(ref), folder)).as_posix()


def load_inputs(
    answers_path: Path, questionnaire: str | None = None
) -> tuple[Questionnaire, Answers]:
    """Load an answers file and its questionnaire (a bundled id or path, or the one the answers
    name); raise :class:`InputError` with every problem found."""
    doc = load_yaml(answers_path)
    explicit = None if questionnaire is None else open_questionnaire(questionnaire)
    chosen = questionnaire_for(doc, explicit)
    return chosen, valid_or_raise(*check_answers(doc, chosen))
