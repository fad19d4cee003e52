"""Loading a workshop's answers files: one questionnaire, one version, every file checked.

Every file must answer the same questionnaire id and version: answers to different versions do not
mean the same thing, so aggregating them would be wrong. A mismatch is refused (``InputError``,
exit 2) with one problem per file, located at the key that differs and naming that file's
version, so the consultant sees at once which files are the odd ones out.
"""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from scaleready.errors import InputError, Problem, UsageError, errors_only
from scaleready.formats.answers import Answers
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers import check_answers
from scaleready.loading.yaml_source import Scalars, YamlDocument, parse_bytes, read_source


@dataclass(frozen=True)
class Response:
    """One participant's checked answers, with what identifies the file."""

    answers: Answers
    file: str
    digest: str  # SHA-256 of the file's bytes: orders participants without naming them


def load_responses(
    paths: Sequence[Path], questionnaire: str | None = None
) -> tuple[Questionnaire, tuple[Response, ...]]:
    """Load and check every answers file; ``questionnaire`` is a bundled id or a path, else the
    bundled questionnaire the files name. A path given twice counts once.

    Raises :class:`UsageError` without files and :class:`InputError` with every problem of every
    file (a version mismatch first, since nothing else can be checked meaningfully then).
    """
    return _load(paths, questionnaire)


def _load(
    paths: Sequence[Path], questionnaire: str | None
) -> tuple[Questionnaire, tuple[Response, ...]]:
    from scaleready.loading.inputs import naming_file, open_questionnaire, questionnaire_for

    firsts: dict[object, Path] = {}
    for path in paths:
        firsts.setdefault(_identity(path), path)
    unique = list(firsts.values())  # dicts keep the order their keys came in
    if not unique:
        raise UsageError("give at least one answers file, e.g. scaleready workshop answers/*.yaml")
    docs: list[YamlDocument] = []
    digests: list[str] = []
    problems: list[Problem] = []
    scalars: Scalars = {}  # one cache for all the files: see yaml_source.Scalars
    for path in unique:
        try:
            raw = read_source(path, str(path))
            docs.append(parse_bytes(raw, str(path), scalars))
        except InputError as exc:
            problems += exc.problems
            continue
        digests.append(hashlib.sha256(raw).hexdigest())  # of the very bytes read
    if problems:
        raise InputError(problems)
    _same_questionnaire(docs)
    explicit = None if questionnaire is None else open_questionnaire(questionnaire)
    # The first file that names a questionnaire (by path, if one does) decides it; files that name
    # none are reported by the answers check below.
    named = naming_file(docs) or next((doc for doc in docs if _ref(doc) is not None), docs[0])
    chosen = questionnaire_for(named, explicit)
    responses = []
    for doc, digest in zip(docs, digests, strict=True):
        answers, found = check_answers(doc, chosen)
        problems += errors_only(found)
        if answers is not None and not errors_only(found):
            responses.append(Response(answers=answers, file=doc.file, digest=digest))
    if problems:
        raise InputError(problems)
    return chosen, tuple(responses)


def _identity(path: Path) -> object:
    """What makes two paths the same file: a symbolic link, ``sub/../`` or a hard link to a file
    given already names the same file, which a workshop must count once."""
    try:
        info = path.stat()
    except OSError:  # reported when it is read; until then, its resolved path stands for it
        return os.path.realpath(path)
    return (info.st_dev, info.st_ino)


def _ref(doc: YamlDocument) -> tuple[str, str] | None:
    ref = doc.data.get("questionnaire") if isinstance(doc.data, dict) else None
    if not isinstance(ref, dict):
        return None
    qid, version = ref.get("id"), ref.get("version")
    if not isinstance(qid, str) or version is None:
        return None
    return qid, str(version)


def _same_questionnaire(docs: Sequence[YamlDocument]) -> None:
    """Refuse files that answer different questionnaires or versions (see the module docstring).
    Files that name none are left to the answers check, which says what is missing."""
    refs = [(doc, ref) for doc in docs if (ref := _ref(doc)) is not None]
    counts = Counter(ref for _, ref in refs)
    if len(counts) <= 1:
        return
    ids_differ = len({qid for qid, _ in counts}) > 1
    given = "; ".join(
        f"{qid} {version} in {n} file{'s' if n != 1 else ''}"
        for (qid, version), n in sorted(counts.items())
    )
    problems = []
    for doc, (qid, version) in refs:
        key = ("questionnaire", "id") if ids_differ else ("questionnaire", "version")
        problems.append(
            doc.problem(
                key,
                f"this file answers {qid} version {version}, but a workshop's files must all "
                f"answer the same questionnaire and version (given: {given})",
            )
        )
    raise InputError(problems)
