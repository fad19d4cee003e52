"""Checks of issue 15's additions to a questionnaire that the models alone cannot make: derived
values (ids, expressions, bands, measures, references between them and their cycles), measures
on options, and a question's own ``labels`` for its scale's options.

Kept apart from :mod:`scaleready.loading.questionnaire` so each stays readable; the checker there
calls these with itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from jinja2 import TemplateSyntaxError, nodes
from jinja2.parser import Parser

from scaleready.errors import KeyPath, did_you_mean
from scaleready.expressions import compiler as expressions
from scaleready.formats.questionnaire import Band, Measure, Option, Question

if TYPE_CHECKING:
    from scaleready.loading.questionnaire import _Checker

# A derived value may decide the stage, so it cannot read it.
NAMES_IN_DERIVED = ("answers", "derived")


def check_derived(c: _Checker) -> None:
    """Queue each derived value's expression and check its id, bands and measures."""
    seen: dict[str, int] = {}
    for i, d in enumerate(c.q.derived):
        path: KeyPath = ("derived", i)
        spelling = expressions.alias(d.id)
        if spelling in seen:
            first = c.q.derived[seen[spelling]]
            line = c.doc.locate(("derived", seen[spelling], "id")).line
            c.error((*path, "id"), f"duplicate derived id {d.id!r} ({first.id!r} at line {line})")
        else:
            seen[spelling] = i
        c.expression((*path, "expression"), d.expression, NAMES_IN_DERIVED)
        if d.bands is not None:
            check_bands((*path, "bands"), d.bands, c)
        if d.measures and not d.bands:
            c.error((*path, "measures"), "a derived value that measures something needs bands")
        check_measures(c, (*path, "measures"), d.measures, negative_allowed=False)


def check_bands(path: KeyPath, bands: Sequence[Band], c: _Checker) -> None:
    """Bands rise, and only the last, which must be there, leaves out ``upto``."""
    if not bands:
        c.error(path, "give at least one band")
        return
    for i, band in enumerate(bands):
        if band.upto is None and i != len(bands) - 1:
            c.error((*path, i, "upto"), "only the last band may leave out upto")
        previous = bands[i - 1].upto if i else None
        if band.upto is not None and previous is not None and band.upto <= previous:
            c.error((*path, i, "upto"), f"bands must rise: {band.upto:g} is not above {previous:g}")
    if bands[-1].upto is not None:
        c.error(path, "the last band must cover every other value (leave out its upto)")


def check_measures(
    c: _Checker, path: KeyPath, measures: Sequence[Measure], *, negative_allowed: bool
) -> None:
    """Every measure names a target that exists; ``negative`` only where it means something."""
    for i, measure in enumerate(measures):
        c.ref((*path, i, measure.kind), measure.kind, measure.target)
        if measure.negative and not negative_allowed:
            c.error((*path, i, "negative"), "negative applies to the measures of an option only")


def check_question_extras(c: _Checker, path: KeyPath, q: Question) -> None:
    """A question's option measures, its ``labels``, and no ``negative`` on its own measures."""
    check_measures(c, (*path, "measures"), q.measures, negative_allowed=False)
    check_option_measures(c, (*path, "options"), q.options or ())
    if q.labels is None:
        return
    if q.scale is None:
        c.error((*path, "labels"), "labels replace a scale's labels: give them with scale")
        return
    keys = [o.key for o in c.q.scales.get(q.scale, ())]
    if not keys:
        return  # the unknown scale is reported already
    shown = [str(k) for k in keys]
    for key in q.labels:
        if key not in keys:
            message = (
                f"{key!r} is not an option of scale {q.scale!r}{did_you_mean(str(key), shown)} "
                f"(its options: {', '.join(shown)})"
            )
            c.problems.append(c.doc.problem((*path, "labels", key), message, at_key=True))


def check_option_measures(c: _Checker, path: KeyPath, options: Sequence[Option]) -> None:
    """Every option's measures name targets that exist."""
    for i, option in enumerate(options):
        check_measures(c, (*path, i, "measures"), option.measures, negative_allowed=True)


def link_derived(c: _Checker, queued: Sequence[tuple[KeyPath, str, tuple[str, ...]]]) -> None:
    """After the expressions compiled: every ``derived[...]`` names a derived value, no derived
    value reads itself through others, and each expression that reads a derived value counts
    the answers that value reads as its own (so it is unknown when they are)."""
    ids = {d.id for d in c.q.derived}
    index = {expressions.alias(i): i for i in ids} | {i: i for i in ids}
    reads: dict[str, set[str]] = {}
    for path, source, _ in queued:
        if "derived" not in source:
            continue
        found: set[str] = set()
        for ref in _derived_refs(source):
            if ref in index:
                found.add(index[ref])
            else:
                known = sorted(ids)
                listed = f" (derived values: {', '.join(known)})" if known else " (none declared)"
                c.error(path, f"unknown derived value {ref!r}{did_you_mean(ref, known)}{listed}")
        reads[source] = found
    uses = {d.id: reads.get(d.expression, set()) for d in c.q.derived}
    cyclic = _cycles(c, uses)
    if cyclic:
        return
    inputs: dict[str, frozenset[str]] = {}
    for d in c.q.derived:
        _inputs(d.id, uses, c, inputs)
    for source, used in reads.items():
        checked = c.compiled.get(source)
        if checked is None or not used:
            continue
        extra = frozenset().union(*(inputs[d] for d in used))
        c.compiled[source] = expressions.Checked(checked.compiled, checked.questions | extra)


def _inputs(
    ident: str, uses: dict[str, set[str]], c: _Checker, done: dict[str, frozenset[str]]
) -> frozenset[str]:
    """The questions a derived value reads, directly or through others (no cycles: checked)."""
    if ident in done:
        return done[ident]
    derived = next(d for d in c.q.derived if d.id == ident)
    checked = c.compiled.get(derived.expression)
    own = checked.questions if checked is not None else frozenset()
    found = own.union(*(_inputs(other, uses, c, done) for other in sorted(uses[ident])))
    done[ident] = found
    return found


def _cycles(c: _Checker, uses: dict[str, set[str]]) -> bool:
    """Report each derived value that reads itself, naming the circle; whether any does."""
    position = {d.id: i for i, d in enumerate(c.q.derived)}
    reported: set[frozenset[str]] = set()
    for d in c.q.derived:
        circle = _circle(d.id, uses)
        if circle is None or frozenset(circle) in reported:
            continue
        reported.add(frozenset(circle))
        c.error(
            ("derived", position[circle[0]], "expression"),
            f"derived values go round in a circle: {' -> '.join([*circle, circle[0]])}",
        )
    return bool(reported)


def _circle(start: str, uses: dict[str, set[str]]) -> list[str] | None:
    """The derived values on a circle from ``start`` back to itself, if there is one."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    visited: set[str] = set()
    while stack:
        node, trail = stack.pop()
        for nxt in sorted(uses.get(node, ())):
            if nxt == start:
                return trail
            if nxt not in visited:
                visited.add(nxt)
                stack.append((nxt, [*trail, nxt]))
    return None


def _derived_refs(source: str) -> Iterator[str]:
    """The ids an expression reads as ``derived['id']`` or ``derived.id``."""
    try:
        tree = Parser(expressions.environment(), source, state="variable").parse_expression()
    except (TemplateSyntaxError, ValueError, RecursionError):
        return  # reported when it was compiled
    # find_all yields the descendants only: the whole expression may be the reference itself.
    for node in (tree, *tree.find_all((nodes.Getitem, nodes.Getattr))):
        if type(node) not in (nodes.Getitem, nodes.Getattr):
            continue
        base = node.node  # type: ignore[attr-defined]
        if type(base) is not nodes.Name or base.name != "derived":
            continue
        if type(node) is nodes.Getattr:
            yield str(node.attr)
        elif type(node.arg) is nodes.Const:  # type: ignore[attr-defined]
            yield str(node.arg.value)  # type: ignore[attr-defined]
