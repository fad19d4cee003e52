"""Each participant's answers file: read, and saved after every answer, atomically, with the
interview's own answers-file code (:class:`~scaleready.loading.answers_file.AnswersFile`), so the
files are exactly what ``scaleready assess`` writes and ``score`` and ``workshop`` read.

A save is a merge, question by question, against the file as it is on disk, under a lock per
participant: two tabs of one participant (or the terminal interview on the same file) that answer
different questions both keep their answers. The last opened file is cached with the size and
modification time it had after the last write, and opened again whenever they differ, so the
cache never hides a change made by someone else.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from scaleready.atomic import write_atomic
from scaleready.formats.answers import Answer, Respondent
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading.answers_file import AnswersFile

# The answers-file code renders with one ruamel.yaml instance (cached in loading.answers_file),
# which is not safe to use from two threads at once: every use of it here (and the consensus file
# in serve.report) holds this lock. Rendering is CPU-bound Python, so the lock costs no parallelism
# the GIL would have allowed; the fsyncs of the writes happen outside it.
YAML_LOCK = threading.Lock()

Signature = tuple[int, int]  # (size, modification time in ns) of the file as last seen


@dataclass
class _Open:
    file: AnswersFile
    answers: dict[str, Answer]
    respondent: Respondent | None
    signature: Signature | None


def _signature(path: Path) -> Signature | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    return info.st_size, info.st_mtime_ns


def _canonical(
    file: AnswersFile, answers: dict[str, Answer], who: Respondent | None
) -> AnswersFile:
    """``file`` to be written in the canonical format from now on when that is what it holds (a
    file this store or the interview wrote): rendering anew costs a third of updating the text in
    place. A file someone edited by hand (comments, another layout) keeps being updated in place,
    so that nothing they wrote is lost."""
    canonical = replace(file, text=None)
    if canonical.render(answers, who) == file.text:
        return canonical
    return file


class AnswerStore:
    """The answers files of one session's participants, in ``folder``."""

    def __init__(
        self, folder: Path, questionnaire: Questionnaire, organisation: str | None = None
    ) -> None:
        self.folder = folder
        self.questionnaire = questionnaire
        self.organisation = organisation
        self._locks: dict[str, threading.Lock] = {}
        self._open: dict[str, _Open] = {}
        self._guard = threading.Lock()

    def _lock(self, name: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(name, threading.Lock())

    def _current(self, name: str) -> _Open:
        """The file as it is on disk now (from the cache when it has not changed)."""
        path = self.folder / name
        seen = self._open.get(name)
        signature = _signature(path)
        if seen is not None and seen.signature == signature:
            return seen
        with YAML_LOCK:
            file, loaded = AnswersFile.open(path, self.questionnaire)
            if loaded is None:
                file.organisation = self.organisation
                opened = _Open(file, {}, None, None)
            else:
                answers, who = dict(loaded.answers), loaded.respondent
                opened = _Open(_canonical(file, answers, who), answers, who, signature)
        self._open[name] = opened
        return opened

    def answers(self, name: str) -> dict[str, Answer]:
        """The participant's answers as saved."""
        with self._lock(name):
            return dict(self._current(name).answers)

    def save(
        self,
        name: str,
        changes: Mapping[str, Answer],
        respondent: Respondent | None = None,
    ) -> dict[str, Answer]:
        """Set the answers in ``changes``, keep every other answer as the file on disk has it,
        write the file atomically and return all the answers. Nothing is written when nothing
        changes, unless the file does not exist yet. An answer is never removed: like the
        interview, a page can change an answer but not take it back to none."""
        with self._lock(name):
            opened = self._current(name)
            merged = dict(opened.answers)
            merged.update(changes)
            who = respondent if respondent is not None else opened.respondent
            unchanged = merged == opened.answers and who == opened.respondent
            if unchanged and opened.signature is not None:
                return merged
            # AnswersFile.save, keeping the text written when the file is updated in place: the
            # next save updates that text (with its comments), not the file as first opened.
            with YAML_LOCK:
                text = opened.file.render(merged, who)
            write_atomic(opened.file.path, text)
            file = opened.file if opened.file.text is None else replace(opened.file, text=text)
            self._open[name] = _Open(file, merged, who, _signature(file.path))
            return dict(merged)
