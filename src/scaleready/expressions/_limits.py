"""What an expression may cost: the limits checked when it loads, and the sandbox that bounds what
it computes when it runs.

A questionnaire may come from anyone (a pull request, a download), and its expressions run on
every ``validate``, ``score`` and workshop. The sandbox already keeps them out of Python's
internals; these limits keep them within a second and a few megabytes:

- at load (:func:`shape_problems`, :func:`content_problems`): at most :data:`MAX_NODES` nodes
  and :data:`MAX_DEPTH` levels of nesting (deeper trees overflow the stack of Jinja's parser and
  code generator, and Python's compiler), numbers within :data:`MAX_NUMBER` either way, only the
  filters in :data:`FILTERS` (pure, deterministic and cheap: no ``random``, no ``center(10**9)``),
  and every operation on constants alone computed under the bounds below, so ``'a' * 10**11``
  is refused before it runs;
- when it runs (:class:`BoundedSandbox`): ``*`` and ``+`` make no string or list longer than
  :data:`MAX_LENGTH` characters written out and no integer wider than :data:`MAX_INT_BITS` bits, and ``%`` formats no
  string (``'%0999999999d' % 1``). What a bound refuses raises the sandbox's ``SecurityError``.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Collection
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment

from scaleready.expressions._functions import FUNCTIONS

MAX_NODES = 200
MAX_DEPTH = 20
MAX_NUMBER = 10**15  # as for the numbers of an answers file (scaleready.loading._numbers)
MAX_LENGTH = 10_000
MAX_INT_BITS = 1024
# Pure, deterministic and linear in their input; the rest of Jinja's filters are refused.
FILTERS = frozenset(
    [
        "abs",
        "default",
        "d",
        "first",
        "last",
        "length",
        "count",
        "lower",
        "upper",
        "trim",
        "int",
        "float",
        "round",
        "min",
        "max",
        "sum",
        "list",
        "unique",
        "sort",
        "join",
        "select",
        "reject",
        "string",
    ]
)
NONDETERMINISTIC = frozenset(("random", "shuffle"))


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox with its ``*``, ``+`` and ``%`` bounded (see the module docstring)."""

    intercepted_binops = frozenset(("*", "+", "%"))

    def __init__(self) -> None:
        super().__init__()
        # Ours, not Jinja's defaults (range, lipsum, dict...): expressions see only these.
        self.globals = dict(FUNCTIONS)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """``left operator right``, or :class:`SecurityError` if it would pass a bound."""
        refused = binop_refusal(operator, left, right)
        if refused:
            raise SecurityError(refused)
        return _APPLY[operator](left, right)


def _size(value: Any) -> int | None:
    """How long a string or list is once written out: a list of the same long string repeated
    is small in memory, but ``~``, ``join`` or ``string`` write every copy. Every sequence an
    expression makes is bounded by it, so this walk is bounded too."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, (list, tuple)):
        return len(value) + sum(_size(item) or 0 for item in value)
    return None


def _count(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def binop_refusal(symbol: str, left: Any, right: Any) -> str | None:
    """Why ``left symbol right`` passes a bound, or ``None`` if it does not."""
    if symbol == "%" and isinstance(left, str):
        return "formatting a string with '%' is not allowed"
    sizes, counts = (_size(left), _size(right)), (_count(left), _count(right))
    if symbol == "*":
        for size, count in ((sizes[0], counts[1]), (sizes[1], counts[0])):
            if size is not None and count is not None and size * max(count, 0) > MAX_LENGTH:
                return f"'*' would make a sequence longer than {MAX_LENGTH:,} characters"
        left_n, right_n = counts
        if (
            left_n is not None
            and right_n is not None
            and left_n.bit_length() + right_n.bit_length() > MAX_INT_BITS
        ):
            return f"'*' would make a number wider than {MAX_INT_BITS} bits"
    left_size, right_size = sizes
    if (
        symbol == "+"
        and left_size is not None
        and right_size is not None
        and left_size + right_size > MAX_LENGTH
    ):
        return f"'+' would make a sequence longer than {MAX_LENGTH:,} characters"
    return None


TOO_DEEP = f"expression nests too deeply (at most {MAX_DEPTH} levels)"


def shape_problems(tree: nodes.Node) -> tuple[list[str], list[nodes.Node]]:
    """Whether a parsed expression is too deep or too large to check, compile or run; and its
    nodes, for :func:`content_problems`."""
    found: list[nodes.Node] = []
    depth, stack = 0, [(tree, 1)]
    while stack:  # not recursive: the tree may be deeper than the stack allows
        node, level = stack.pop()
        found.append(node)  # in pre-order, as find_all: problems are reported in that order
        depth = max(depth, level)
        children: list[nodes.Node] = []
        for field in node.fields:  # faster than iter_child_nodes' generators
            item = getattr(node, field, None)
            if isinstance(item, nodes.Node):
                children.append(item)
            elif isinstance(item, list):
                children += [child for child in item if isinstance(child, nodes.Node)]
        stack += [(child, level + 1) for child in reversed(children)]
    if depth > MAX_DEPTH:
        return [f"{TOO_DEEP[:-1]}; this one has {depth})"], found
    if len(found) > MAX_NODES:
        return [f"expression is too large: {len(found)} parts (at most {MAX_NODES})"], found
    return [], found


def content_problems(
    tree: nodes.Node, found: list[nodes.Node], known_filters: Collection[str]
) -> list[str]:
    """What in an expression of a bounded shape (``found``: its nodes) is too costly or not
    deterministic: a filter outside :data:`FILTERS` (one Jinja does not know is left for its
    compiler to report), a number beyond :data:`MAX_NUMBER`, an operation on constants that
    passes a bound."""
    problems: list[str] = []
    arithmetic = False
    for node in found:
        kind = type(node)
        if kind is nodes.Filter or kind is nodes.Const:
            problems += _node_problems(node, known_filters)
        arithmetic = arithmetic or kind in _OPERATORS
    if problems or not arithmetic:
        return problems
    return _fold_problems(tree)


def _node_problems(node: nodes.Node, known_filters: Collection[str]) -> list[str]:
    kind = type(node)
    if kind is nodes.Filter:
        name = node.name  # type: ignore[attr-defined]
        if name in NONDETERMINISTIC:
            return [f"filter {name!r} is not allowed: it gives another result at each run"]
        if name not in FILTERS and name in known_filters:
            return [f"filter {name!r} is not allowed (allowed: {', '.join(sorted(FILTERS))})"]
    if kind is nodes.Const:
        value = node.value  # type: ignore[attr-defined]
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if number and (not math.isfinite(value) or abs(value) > MAX_NUMBER):
            return [f"numbers in expressions must be within -{MAX_NUMBER:.0e} to {MAX_NUMBER:.0e}"]
    return []


_NOT_CONSTANT = object()
_OPERATORS: dict[type[nodes.Node], str] = {nodes.Mul: "*", nodes.Add: "+", nodes.Mod: "%"}
_APPLY = {"*": operator.mul, "+": operator.add, "%": operator.mod}


def _fold_problems(tree: nodes.Node) -> list[str]:
    """The bounds an operation on constants alone would pass when it runs."""
    problems: list[str] = []
    _fold(tree, problems)
    return problems


def _fold(node: nodes.Node, problems: list[str]) -> Any:
    """The value of ``node`` if it is made of constants (its depth is bounded already)."""
    children = [_fold(child, problems) for child in node.iter_child_nodes()]
    kind = type(node)
    if kind is nodes.Const:
        return node.value  # type: ignore[attr-defined]
    if kind in (nodes.List, nodes.Tuple) and _NOT_CONSTANT not in children:
        return children if kind is nodes.List else tuple(children)
    symbol = _OPERATORS.get(kind)
    if symbol is None or _NOT_CONSTANT in children:
        return _NOT_CONSTANT
    refused = binop_refusal(symbol, *children)
    if refused:
        problems.append(f"expression refused: {refused}")
        return _NOT_CONSTANT
    try:
        return _APPLY[symbol](*children)
    except (TypeError, ValueError, ArithmeticError):
        return _NOT_CONSTANT  # fails when it runs, as it always has
