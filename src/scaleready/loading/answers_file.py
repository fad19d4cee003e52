"""Writing answers files: a canonical rendering, and a round-trip update that keeps what a person
wrote; both are saved with :func:`scaleready.atomic.write_atomic`.

The interview saves after every answer, so a save must never leave a broken or half-written file
and must never lose anything a person typed: an existing file is updated in place with
ruamel.yaml's round-trip mode, so its comments, notes, layout and the entries nobody changed stay
as they were (see :func:`update_answers`). A file the interview creates itself is written in one
canonical, stable format (see :func:`render_answers`).

Every text this module produces is read back with the project's own loader (PyYAML, YAML 1.1)
before it is written, and must give the same answers: ruamel.yaml speaks YAML 1.2, whose plain
scalars differ (``yes`` is text in 1.2 and true in 1.1; ``1e+20`` is a number in 1.2 and text in
1.1), so strings that would read differently are quoted and floats are written with a dot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaleready.atomic import write_atomic
from scaleready.errors import InputError, UsageError, valid_or_raise
from scaleready.formats.answers import Answer, Answers, Respondent
from scaleready.formats.questionnaire import Questionnaire
from scaleready.loading._answers_yaml import (
    dump,
    entry_node,
    flow_map,
    index_after,
    plain_or_quoted,
    round_trip,
    set_entry,
)
from scaleready.loading.yaml_source import read_source


def entry_data(answer: Answer | None) -> Any:
    """An answer as plain YAML data, in the canonical shape; ``None`` when there is nothing to keep.

    A bare value when the answer has no words attached; otherwise ``{value, note}`` (with
    ``claimed`` after the value when it was measured),
    ``{dont_know: true, ...}``, ``{not_applicable: true, reason, note}`` or ``{note}`` (a note
    written before any answer).
    """
    if answer is None:
        return None
    # A reason explains "don't know" / "not applicable", so it comes first there; a note comes
    # first after a value.
    words = {k: v for k, v in (("note", answer.note), ("reason", answer.reason)) if v is not None}
    if answer.status in ("dont_know", "not_applicable"):
        words = dict(sorted(words.items(), reverse=True))
    if answer.status == "answered" and answer.value is not None:
        value = list(answer.value) if isinstance(answer.value, tuple) else answer.value
        if answer.claimed is not None:
            claimed = list(answer.claimed) if isinstance(answer.claimed, tuple) else answer.claimed
            return {"value": value, "claimed": claimed, **words}
        if not words:
            return value
        # A reason only belongs to "don't know" / "not applicable"; answers_check accepts it with
        # a value too, so one written by hand is kept rather than dropped.
        return {"value": value, **words}
    if answer.status == "dont_know":
        return {"dont_know": True, **words}
    if answer.status == "not_applicable":
        return {"not_applicable": True, **words}
    return words or None


def render_answers(
    questionnaire: Questionnaire,
    answers: Mapping[str, Answer],
    respondent: Respondent | None = None,
    organisation: str | None = None,
    questionnaire_path: str | None = None,
) -> str:
    """The canonical text of an answers file: questionnaire ref (with ``questionnaire_path``, the
    questionnaire's file relative to the answers file, if given), respondent, organisation, then
    the answers in questionnaire order, each entry on one line (flow style).

    Deterministic: the same arguments always give the same text, whatever the order of
    ``answers``.
    """
    from ruamel.yaml.comments import CommentedMap

    doc = CommentedMap()
    ref = {"id": questionnaire.id, "version": questionnaire.version}
    doc["questionnaire"] = flow_map(
        ref if questionnaire_path is None else {**ref, "path": questionnaire_path}
    )
    who = _respondent_data(respondent)
    if who:
        doc["respondent"] = flow_map(who)
    if organisation is not None:
        doc["organisation"] = plain_or_quoted(organisation)
    entries = CommentedMap()
    for question in questionnaire.questions:
        data = entry_data(answers.get(question.id))
        if data is not None:
            entries[plain_or_quoted(question.id)] = entry_node(data, question.type == "text")
    doc["answers"] = entries
    doc.yaml_set_start_comment(
        f"Answers to {questionnaire.title!r} ({questionnaire.id} {questionnaire.version}), "
        "written by scaleready assess.\n"
        "Resume with: scaleready assess --answers FILE; score with: scaleready score FILE"
    )
    text = dump(doc)
    _verify(text, questionnaire, answers, respondent, questionnaire_path)
    return text


def update_answers(
    text: str,
    questionnaire: Questionnaire,
    answers: Mapping[str, Answer],
    respondent: Respondent | None = None,
    organisation: str | None = None,
) -> str:
    """``text`` (an existing, valid answers file) with its answers set to ``answers``.

    Only what changed is touched: an entry whose data is already right is left exactly as it was
    written, an entry mapping is updated key by key (so comments inside it stay), a new entry is
    inserted where the questionnaire's order puts it, and every comment stays. A question missing
    from ``answers`` keeps what the file says. ``respondent``, if given, replaces the name and role
    it sets.
    """
    from ruamel.yaml.comments import CommentedMap

    doc = round_trip().load(text)
    if not isinstance(doc, CommentedMap):
        raise ValueError("an answers file must be a mapping")
    who = _respondent_data(respondent)
    if who:
        current = doc.get("respondent")
        if isinstance(current, CommentedMap):
            for key, value in who.items():
                if current.get(key) != value:
                    current[key] = plain_or_quoted(value)
        else:
            doc.insert(index_after(doc, "questionnaire"), "respondent", flow_map(who))
    if organisation is not None and "organisation" in doc:
        if doc["organisation"] != organisation:
            doc["organisation"] = plain_or_quoted(organisation)
    elif organisation is not None:
        after = "respondent" if "respondent" in doc else "questionnaire"
        doc.insert(index_after(doc, after), "organisation", plain_or_quoted(organisation))
    entries = doc.get("answers")
    if not isinstance(entries, CommentedMap):
        entries = CommentedMap()
        doc["answers"] = entries
    order = [q.id for q in questionnaire.questions]
    for index, question in enumerate(questionnaire.questions):
        qid = question.id
        if qid not in answers:
            continue
        want = entry_data(answers[qid])
        is_text = question.type == "text"
        if qid in entries:
            set_entry(entries, qid, want, is_text)
        elif want is not None:
            previous = [key for key in order[:index] if key in entries]
            position = index_after(entries, previous[-1]) if previous else 0
            entries.insert(position, plain_or_quoted(qid), entry_node(want, is_text))
    new_text = dump(doc)
    _verify(new_text, questionnaire, answers, respondent)
    return new_text


@dataclass
class AnswersFile:
    """The answers file an interview saves to.

    ``text`` is the file as it stood when the interview last read it, or ``None`` when the
    interview creates it: an existing file is updated in place (keeping comments), a new one is
    written in the canonical format. ``digest`` is the SHA-256 of the file's bytes as last read or
    written (``None``: there was no file), to notice another writer (see :meth:`changed_on_disk`).
    """

    path: Path
    questionnaire: Questionnaire
    text: str | None = None
    organisation: str | None = None
    digest: str | None = None
    # Written into the questionnaire ref of a file the interview creates; a file that exists
    # keeps its ref as its author wrote it.
    questionnaire_path: str | None = None

    @classmethod
    def open(
        cls, path: Path, questionnaire: Questionnaire, questionnaire_path: str | None = None
    ) -> tuple[AnswersFile, Answers | None]:
        """Open ``path``: load and check it if it exists (raising :class:`InputError` if it is
        invalid, so an invalid file is never overwritten); ``None`` answers when it does not.
        ``questionnaire_path``: see :func:`render_answers`."""
        if not path.exists():
            return cls(path, questionnaire, questionnaire_path=questionnaire_path), None
        opened = cls(path, questionnaire, questionnaire_path=questionnaire_path)
        loaded = opened._adopt(read_source(path, str(path)))
        return opened, loaded

    def _adopt(self, raw: bytes, *, changed: bool = False) -> Answers:
        """Take ``raw`` (the file's bytes) as the text to update from now on, and return its
        answers. Raise :class:`InputError` if they do not load (:class:`UsageError` if the file
        ``changed`` since it was read), :class:`UsageError` if it cannot be updated in place."""
        from scaleready.loading.answers import check_answers
        from scaleready.loading.yaml_source import parse_bytes

        try:
            loaded = valid_or_raise(
                *check_answers(parse_bytes(raw, str(self.path)), self.questionnaire)
            )
        except InputError as exc:
            if not changed:
                raise
            first = exc.problems[0] if exc.problems else "it is not valid"
            raise UsageError(
                f"{self.path} was changed by another program since it was read, and no longer "
                f"loads ({first}); not overwriting it: fix it, and your next answer saves"
            ) from None
        # The checked file read as UTF-8, so this cannot fail for a reason the check missed.
        text = raw.decode("utf-8")
        # Find out now, before anyone answers, whether the file can be updated in place: a YAML
        # feature the round-trip parser reads differently would otherwise only show at a save.
        try:
            update_answers(text, self.questionnaire, loaded.answers, None)
        except Exception as exc:
            raise UsageError(
                f"{self.path} cannot be updated without changing what it says ({exc}); fill it "
                "in with an editor, or answer into a new file with --answers NEW.yaml"
            ) from None
        self.text, self.organisation, self.digest = text, loaded.organisation, _digest(raw)
        return loaded

    def changed_on_disk(self) -> Answers | None:
        """The answers another writer (another interview, an editor) saved to the file since this
        one last read or wrote it, or ``None`` if nobody did; their text is then the text to
        update, so their comments stay. Raise :class:`UsageError` if their file does not load
        (it is then left alone). A file deleted meanwhile is written anew at the next save."""
        if not self.path.exists():
            self.text, self.digest = None, None
            return None
        raw = read_source(self.path, str(self.path))
        if _digest(raw) == self.digest:
            return None
        return self._adopt(raw, changed=True)

    def render(self, answers: Mapping[str, Answer], respondent: Respondent | None) -> str:
        """The file's new text for these answers."""
        if self.text is None:
            return render_answers(
                self.questionnaire, answers, respondent, self.organisation, self.questionnaire_path
            )
        return update_answers(self.text, self.questionnaire, answers, respondent, self.organisation)

    def save(self, answers: Mapping[str, Answer], respondent: Respondent | None) -> None:
        """Render and write atomically; raise :class:`UsageError` if it cannot be written (the
        previous file is then intact). Call :meth:`changed_on_disk` first: this overwrites."""
        text = self.render(answers, respondent)
        write_atomic(self.path, text)
        self.digest = _digest(text.encode("utf-8"))


def _digest(raw: bytes) -> str:
    import hashlib

    return hashlib.sha256(raw).hexdigest()


def _respondent_data(respondent: Respondent | None) -> dict[str, str]:
    if respondent is None:
        return {}
    return {k: v for k, v in (("name", respondent.name), ("role", respondent.role)) if v}


def _verify(
    text: str,
    questionnaire: Questionnaire,
    answers: Mapping[str, Answer],
    respondent: Respondent | None,
    questionnaire_path: str | None = None,
) -> None:
    """Read ``text`` back the way every command will and make sure it says what was meant.

    A mismatch is a bug in this module; raising here, before anything is written, keeps the file
    on disk as it was.
    """
    from scaleready.loading.answers import check_answers
    from scaleready.loading.yaml_source import parse_yaml

    loaded, problems = check_answers(parse_yaml(text, "<answers>"), questionnaire)
    if loaded is None:
        raise RuntimeError(
            "the answers file scaleready was about to write does not load: "
            + "; ".join(str(p) for p in problems)
        )
    wrong = [
        qid
        for qid, answer in answers.items()
        if loaded.answers.get(qid) != (None if entry_data(answer) is None else answer)
    ]
    for key, value in _respondent_data(respondent).items():
        if getattr(loaded.respondent, key, None) != value:
            wrong.append(f"respondent.{key}")
    ref = loaded.questionnaire
    if (ref.id, ref.version) != (questionnaire.id, questionnaire.version) or (
        questionnaire_path is not None and ref.path != questionnaire_path
    ):
        wrong.append("questionnaire")
    if wrong:
        raise RuntimeError(
            "the answers file scaleready was about to write would read back differently for: "
            + ", ".join(wrong)
        )
