"""Comparisons that can never hold: an expression that compares ``stage`` with a stage the
questionnaire does not declare, an answer with a key that is not among its question's options, or
an answer with a value of another type (a number question with a string...).

Jinja evaluates such a comparison without complaint, to false (or a ``TypeError`` the engine also
reads as false), so a rule that uses one silently never fires; only the loader can say so. The
check reads the tree :func:`scaleready.expressions.compiler.check_all` already parsed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jinja2 import nodes

from scaleready.errors import did_you_mean

if TYPE_CHECKING:
    from scaleready.formats.questionnaire import Questionnaire

# The stages of a questionnaire that does not declare its own (the format before issue 15).
DEFAULT_STAGE_IDS = ("early", "transition", "late")

# Operators whose truth depends on the value being among the allowed ones; ordering (``<``...)
# only needs the types to match.
_MEMBERSHIP = frozenset({"eq", "ne", "in", "notin"})
_KEYED = frozenset({"stage", "choice", "scale", "multi"})
# ``a op b`` read as ``b op' a``: ``contains`` is ``in`` the other way round.
_FLIPPED = {
    "in": "contains",
    "notin": "notcontains",
    "gt": "lt",
    "lt": "gt",
    "gteq": "lteq",
    "lteq": "gteq",
}

ComparisonCheck = Callable[[Sequence[nodes.Node], tuple[str, ...]], list[str]]


@dataclass(frozen=True)
class _Subject:
    """What one side of a comparison reads: the stage, or one question's answer."""

    label: str  # as messages name it: "stage", "answers.deploy-frequency"
    kind: str  # "stage" or the question type
    keys: tuple[str | int, ...]  # the values it may take (stage ids, option keys); () if open
    # The same as a set, and the types they have: each comparison looks them up.
    key_set: frozenset[str | int] = frozenset()
    key_types: frozenset[type] = frozenset()


def _subject_of(label: str, kind: str, keys: tuple[str | int, ...]) -> _Subject:
    types: set[type] = {type(k) for k in keys}
    if int in types:
        types.add(float)  # 1.0 == 1 holds in an expression as in Python
    return _Subject(label, kind, keys, frozenset(keys), frozenset(types))


def stage_ids_of(questionnaire: object) -> tuple[str, ...]:
    """The stage ids a questionnaire declares (early, transition and late if it declares none)."""
    declared = getattr(questionnaire, "stage_ids", None)
    return tuple(declared) if declared else DEFAULT_STAGE_IDS


def comparison_check(questionnaire: Questionnaire, aliases: dict[str, str]) -> ComparisonCheck:
    """The check for one questionnaire: given an expression's nodes (pre-order, as
    ``shape_problems`` lists them) and the names it may use, every comparison that can never
    hold, each with what is allowed. ``aliases`` maps every spelling of a question id to the id."""
    stage = _subject_of("stage", "stage", stage_ids_of(questionnaire))
    by_id: dict[str, _Subject] = {}
    for question in questionnaire.questions:
        keys = tuple(o.key for o in questionnaire.options_of(question))
        by_id[question.id] = _subject_of(f"answers.{question.id}", question.type, keys)
    subjects = {ref: by_id[qid] for ref, qid in aliases.items() if qid in by_id}

    def check(found: Sequence[nodes.Node], names: tuple[str, ...]) -> list[str]:
        errors: list[str] = []
        for node in found:
            if type(node) is nodes.Compare:
                errors += _compare(node, subjects, stage if "stage" in names else None)
        return errors

    return check


def _compare(
    node: nodes.Compare, subjects: dict[str, _Subject], stage: _Subject | None
) -> list[str]:
    errors: list[str] = []
    left = node.expr
    for operand in node.ops:
        right = operand.expr
        # Read each pair both ways round: ``'late' == stage`` is ``stage == 'late'``.
        for subject_node, other, op in (
            (left, right, operand.op),
            (right, left, _FLIPPED.get(operand.op, operand.op)),
        ):
            subject = _subject(subject_node, subjects, stage)
            if subject is not None:
                errors += _problems(subject, op, other)
        left = right
    return errors


def _subject(
    node: nodes.Node, subjects: dict[str, _Subject], stage: _Subject | None
) -> _Subject | None:
    """The stage or answer ``node`` reads, seen through ``x or []`` and ``x | default(...)``, which
    authors write for answers that may be missing."""
    kind = type(node)
    if kind is nodes.Or:
        return _subject(node.left, subjects, stage)  # type: ignore[attr-defined]
    if kind is nodes.Filter and node.name == "default" and node.node is not None:  # type: ignore[attr-defined]
        return _subject(node.node, subjects, stage)  # type: ignore[attr-defined]
    if kind is nodes.Name and node.name == "stage":  # type: ignore[attr-defined]
        return stage
    inner = getattr(node, "node", None)
    if not (type(inner) is nodes.Name and inner.name == "answers"):
        return None
    if kind is nodes.Getattr:
        return subjects.get(node.attr)  # type: ignore[attr-defined]
    if kind is nodes.Getitem and type(node.arg) is nodes.Const:  # type: ignore[attr-defined]
        return subjects.get(str(node.arg.value))  # type: ignore[attr-defined]
    return None


def _literals(node: nodes.Node) -> list[Any] | None:
    """The constant values of a literal list or tuple; ``None`` if it is anything else."""
    if type(node) in (nodes.List, nodes.Tuple):
        items = node.items  # type: ignore[attr-defined]
        if all(type(item) is nodes.Const for item in items):
            return [item.value for item in items]
    return None


def _problems(subject: _Subject, op: str, other: nodes.Node) -> list[str]:
    """What is wrong with comparing ``subject`` with ``other`` by ``op`` (``contains``: ``other in
    subject``)."""
    if op in ("in", "notin"):
        values = _literals(other)
        return [] if values is None else _each(subject, "eq", values)
    if type(other) is not nodes.Const:
        return []
    value = other.value
    if op in ("contains", "notcontains"):
        if subject.kind == "multi":
            return _each(subject, "eq", [value], element=True)
        return []
    return _each(subject, op, [value])


def _each(subject: _Subject, op: str, values: list[Any], *, element: bool = False) -> list[str]:
    errors = []
    for value in values:
        message = _one(subject, op, value, element=element)
        if message is not None:
            errors.append(message)
    return errors


def _one(subject: _Subject, op: str, value: Any, *, element: bool) -> str | None:
    if value is None:
        return None  # "not answered" is always a possible answer
    kind = subject.kind
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{subject.label} is a number and is never {_shown(value)}"
        return None
    if kind == "boolean":
        if isinstance(value, str):
            return f"{subject.label} is true or false and is never {_shown(value)}"
        return None
    if kind == "multi" and not element:
        return (
            f"{subject.label} is a list of options and is never {_shown(value)}; "
            f"write {value!r} in {subject.label}"
        )
    if kind not in _KEYED or not subject.keys:
        return None
    if type(value) not in subject.key_types:  # bool too: no option key is one
        return f"{subject.label} is never {_shown(value)}: {_allowed(subject)}"
    if op in _MEMBERSHIP and value not in subject.key_set:
        what = (
            "a stage"
            if kind == "stage"
            else f"an option of {subject.label.removeprefix('answers.')}"
        )
        hint = did_you_mean(value, subject.keys)
        return f"{value!r} is not {what}{hint}: {_allowed(subject)}"
    return None


def _allowed(subject: _Subject) -> str:
    keys = ", ".join(str(k) for k in subject.keys)
    if subject.kind == "stage":
        return f"stage is one of {keys}"
    return f"{subject.label} is one of: {keys}"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"the string {value!r}"
    return f"the number {value!r}"
