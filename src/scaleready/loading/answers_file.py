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

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scaleready.atomic import write_atomic
from scaleready.errors import UsageError
from scaleready.formats.answers import Answer, Answers, QuestionnaireRef, Respondent
from scaleready.formats.questionnaire import Questionnaire

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

# Long notes stay on one line: wrapping is valid YAML but makes diffs of answers files noisy.
_WIDTH = 4096
_STR_TAG = "tag:yaml.org,2002:str"


def entry_data(answer: Answer | None) -> Any:
    """An answer as plain YAML data, in the canonical shape; ``None`` when there is nothing to keep.

    A bare value when the answer has no words attached; otherwise ``{value, note}``,
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
) -> str:
    """The canonical text of an answers file: questionnaire ref, respondent, organisation, then
    the answers in questionnaire order, each entry on one line (flow style).

    Deterministic: the same arguments always give the same text, whatever the order of
    ``answers``.
    """
    from ruamel.yaml.comments import CommentedMap

    doc = CommentedMap()
    doc["questionnaire"] = _flow_map({"id": questionnaire.id, "version": questionnaire.version})
    who = _respondent_data(respondent)
    if who:
        doc["respondent"] = _flow_map(who)
    if organisation is not None:
        doc["organisation"] = _key(organisation)
    entries = CommentedMap()
    for question in questionnaire.questions:
        data = entry_data(answers.get(question.id))
        if data is not None:
            entries[_key(question.id)] = _entry_node(data, question.type == "text")
    doc["answers"] = entries
    doc.yaml_set_start_comment(
        f"Answers to {questionnaire.title!r} ({questionnaire.id} {questionnaire.version}), "
        "written by scaleready assess.\n"
        "Resume with: scaleready assess --answers FILE; score with: scaleready score FILE"
    )
    text = _dump(doc)
    _verify(text, questionnaire, answers, respondent)
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

    doc = _yaml().load(text)
    if not isinstance(doc, CommentedMap):
        raise ValueError("an answers file must be a mapping")
    who = _respondent_data(respondent)
    if who:
        current = doc.get("respondent")
        if isinstance(current, CommentedMap):
            for key, value in who.items():
                if current.get(key) != value:
                    current[key] = _key(value)
        else:
            doc.insert(_after(doc, "questionnaire"), "respondent", _flow_map(who))
    if organisation is not None and "organisation" in doc:
        if doc["organisation"] != organisation:
            doc["organisation"] = _key(organisation)
    elif organisation is not None:
        after = "respondent" if "respondent" in doc else "questionnaire"
        doc.insert(_after(doc, after), "organisation", _key(organisation))
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
            _set_entry(entries, qid, want, is_text)
        elif want is not None:
            previous = [key for key in order[:index] if key in entries]
            position = _after(entries, previous[-1]) if previous else 0
            entries.insert(position, _key(qid), _entry_node(want, is_text))
    new_text = _dump(doc)
    _verify(new_text, questionnaire, answers, respondent)
    return new_text


@dataclass
class AnswersFile:
    """The answers file an interview saves to.

    ``text`` is the file as it stood when the interview opened it, or ``None`` when the interview
    creates it: an existing file is updated in place (keeping comments), a new one is written in
    the canonical format.
    """

    path: Path
    questionnaire: Questionnaire
    text: str | None = None
    organisation: str | None = None

    @classmethod
    def open(cls, path: Path, questionnaire: Questionnaire) -> tuple[AnswersFile, Answers | None]:
        """Open ``path``: load and check it if it exists (raising :class:`InputError` if it is
        invalid, so an invalid file is never overwritten); ``None`` answers when it does not."""
        from scaleready.loading.answers import load_answers

        if not path.exists():
            return cls(path, questionnaire), None
        loaded = load_answers(path, questionnaire)
        # The checked file read as UTF-8, so this cannot fail for a reason load_answers missed.
        text = path.read_text(encoding="utf-8")
        opened = cls(path, questionnaire, text, loaded.organisation)
        # Find out now, before anyone answers, whether the file can be updated in place: a YAML
        # feature the round-trip parser reads differently would otherwise only show at the first
        # save.
        try:
            opened.render(loaded.answers, None)
        except Exception as exc:
            raise UsageError(
                f"{path} cannot be updated without changing what it says ({exc}); fill it in "
                "with an editor, or answer into a new file with --answers NEW.yaml"
            ) from None
        return opened, loaded

    def render(self, answers: Mapping[str, Answer], respondent: Respondent | None) -> str:
        """The file's new text for these answers."""
        if self.text is None:
            return render_answers(self.questionnaire, answers, respondent, self.organisation)
        return update_answers(self.text, self.questionnaire, answers, respondent, self.organisation)

    def save(self, answers: Mapping[str, Answer], respondent: Respondent | None) -> None:
        """Render and write atomically; raise :class:`UsageError` if it cannot be written (the
        previous file is then intact)."""
        write_atomic(self.path, self.render(answers, respondent))


# --- ruamel.yaml helpers ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _yaml() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip mode: comments, order and flow style are kept
    yaml.width = _WIDTH
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    yaml.representer.add_representer(float, _represent_float)
    return yaml


def _dump(doc: CommentedMap) -> str:
    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue()


def _represent_float(representer: Any, value: float) -> Any:
    text = repr(value)
    # YAML 1.1 (PyYAML, which reads the file back) needs a dot in the mantissa: 1e+20 is text.
    match = re.fullmatch(r"(-?\d+)(e[-+]\d+)", text)
    if match:
        text = f"{match.group(1)}.0{match.group(2)}"
    return representer.represent_scalar("tag:yaml.org,2002:float", text)


@lru_cache(maxsize=4096)
def _plain_is_text(text: str) -> bool:
    """Whether PyYAML reads ``text`` written plain (unquoted) back as the same text."""
    import yaml

    resolver = yaml.resolver.Resolver()
    tag = resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == _STR_TAG)


# Plain (unquoted) only for simple words: ruamel would pick single quotes for some others, which
# leave characters such as U+0085 raw, and YAML 1.1 reads those as line breaks.
_SIMPLE = re.compile(r"\w[\w.,/@+ -]*")


def _key(text: str) -> Any:
    """A simple word (an option key, a question id, a name) written plain when that reads back as
    the same string, else double-quoted."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    simple = _SIMPLE.fullmatch(text) and not text.endswith(" ") and _plain_is_text(text)
    return text if simple else DoubleQuotedScalarString(text)


def _text(text: str) -> Any:
    """Words a person typed (notes, reasons, text answers, names): always double-quoted, which
    reads back the same in every YAML version and keeps every character."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(text)


_WORDS = ("note", "reason")


def _node(data: Any, words: bool = False) -> Any:
    """Plain data as ruamel nodes in the canonical style (flow mappings and lists); strings are
    quoted as words a person typed when ``words``, else written plain where that is safe."""
    from ruamel.yaml.comments import CommentedSeq

    if isinstance(data, dict):
        return _flow_map(data)
    if isinstance(data, list):
        seq = CommentedSeq([_node(item, words) for item in data])
        seq.fa.set_flow_style()
        return seq
    if isinstance(data, str):
        return _text(data) if words else _key(data)
    return data


def _entry_node(data: Any, is_text: bool) -> Any:
    """One answer's entry; ``is_text``: the question takes free text, so its value is words."""
    if isinstance(data, dict):
        return _flow_map(data, is_text)
    return _node(data, is_text)


def _flow_map(data: Mapping[str, Any], text_value: bool = False) -> CommentedMap:
    from ruamel.yaml.comments import CommentedMap

    node = CommentedMap()
    for key, value in data.items():
        node[key] = _node(value, _is_words(key, text_value))
    node.fa.set_flow_style()
    return node


def _is_words(key: str, text_value: bool) -> bool:
    return key in _WORDS or (key == "value" and text_value)


def _after(mapping: CommentedMap, key: str) -> int:
    keys = list(mapping)
    return keys.index(key) + 1 if key in keys else len(keys)


def _plain(node: Any) -> Any:
    """ruamel's node types as plain data, for comparing with what should be written."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def _set_entry(entries: CommentedMap, qid: str, want: Any, is_text: bool) -> None:
    from ruamel.yaml.comments import CommentedMap

    have = entries[qid]
    if _same(_plain(have), want):
        return  # leave it exactly as written
    if isinstance(have, CommentedMap) and isinstance(want, dict):
        # Update key by key, so comments inside a block-style entry stay where they are.
        for key in [k for k in have if k not in want]:
            del have[key]
        for position, (key, value) in enumerate(want.items()):
            node = _node(value, _is_words(key, is_text))
            if key not in have:
                have.insert(position, key, node)
            elif not _same(_plain(have[key]), value):
                have[key] = node
        return
    entries[qid] = None if want is None else _entry_node(want, is_text)


def _same(a: Any, b: Any) -> bool:
    # True == 1 in Python, but `true` and `1` are different answers in an answers file.
    if type(a) is not type(b) and (isinstance(a, bool) or isinstance(b, bool)):
        return False
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _respondent_data(respondent: Respondent | None) -> dict[str, str]:
    if respondent is None:
        return {}
    return {k: v for k, v in (("name", respondent.name), ("role", respondent.role)) if v}


def _verify(
    text: str,
    questionnaire: Questionnaire,
    answers: Mapping[str, Answer],
    respondent: Respondent | None,
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
    if loaded.questionnaire != QuestionnaireRef(id=questionnaire.id, version=questionnaire.version):
        wrong.append("questionnaire")
    if wrong:
        raise RuntimeError(
            "the answers file scaleready was about to write would read back differently for: "
            + ", ".join(wrong)
        )
