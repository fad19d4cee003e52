"""Jinja expression trees written as Python: the code Jinja's own code generator writes for
each node, without a template module per expression (see :mod:`scaleready.expressions.compiler`).
"""

from __future__ import annotations

import math
from typing import ClassVar, NamedTuple

from jinja2 import nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment

# The functions an expression may call, each with one question id in quotes.
HELPERS = ("answered", "score")


class Translated(NamedTuple):
    """An expression checked and written as Python: ``body`` reads the names in ``names`` as
    the arguments ``n0``, ``n1``...; ``questions`` are the question ids it reads."""

    body: str
    names: tuple[str, ...]
    questions: frozenset[str]


class Untranslatable(Exception):
    """The expression uses a node :class:`Translator` does not write; Jinja compiles it."""


class Translator:
    """Writes one expression's tree as the body of a Python function, emitting for each node the
    code Jinja's ``CodeGenerator`` emits for it (its ``visit_*`` methods, with the optimiser
    off).

    Two differences keep the module small, so that Python compiles it fast, without changing
    what runs: the names the expression uses are resolved by ``compiler._Runner`` and passed in as
    arguments (Jinja resolves them at the top of its function, from the same context; a missing
    name becomes one ``Undefined`` instead of a new one at each use, which no expression can
    tell apart), and the sandbox's ``getattr``, ``getitem`` and ``call`` are bound once, as
    module globals. User text reaches the source only through ``repr()``; arguments are
    numbered in the order the names first appear in the expression, never named after them.
    """

    _BINARY: ClassVar[dict[type[nodes.Node], str]] = {
        nodes.Add: "+",
        nodes.Sub: "-",
        nodes.Mul: "*",
        nodes.Div: "/",
        nodes.FloorDiv: "//",
        nodes.Mod: "%",
        nodes.And: "and",
        nodes.Or: "or",
    }
    _UNARY: ClassVar[dict[type[nodes.Node], str]] = {
        nodes.Pos: "+",
        nodes.Neg: "-",
        nodes.Not: "not ",
    }
    _COMPARE: ClassVar[dict[str, str]] = {
        "eq": "==",
        "ne": "!=",
        "gt": ">",
        "gteq": ">=",
        "lt": "<",
        "lteq": "<=",
        "in": "in",
        "notin": "not in",
    }

    def __init__(self, env: ImmutableSandboxedEnvironment) -> None:
        self.env = env
        self.names: dict[str, str] = {}  # name in the expression -> argument

    def expr(self, node: nodes.Node) -> str:
        kind = type(node)
        if kind is nodes.Const:
            value = node.value  # type: ignore[attr-defined]
            if isinstance(value, float) and not math.isfinite(value):
                raise Untranslatable  # Jinja writes str(value), which is not Python: keep its error
            return repr(value)
        if kind is nodes.Name and node.ctx == "load":  # type: ignore[attr-defined]
            return self.names.setdefault(node.name, f"n{len(self.names)}")  # type: ignore[attr-defined]
        if kind is nodes.Getattr:
            return f"getattr_({self.expr(node.node)}, {node.attr!r})"  # type: ignore[attr-defined]
        if kind is nodes.Getitem and type(node.arg) is not nodes.Slice:  # type: ignore[attr-defined]
            return f"getitem_({self.expr(node.node)}, {self.expr(node.arg)})"  # type: ignore[attr-defined]
        if kind is nodes.Call:
            return self.call(node)  # type: ignore[arg-type]
        if kind is nodes.Compare:
            left = self.expr(node.expr)  # type: ignore[attr-defined]
            ops = "".join(
                f" {self._COMPARE[op.op]} {self.expr(op.expr)}"
                for op in node.ops  # type: ignore[attr-defined]
            )
            return f"({left}{ops})"
        if kind in self._BINARY:
            op = self._BINARY[kind]
            left, right = self.expr(node.left), self.expr(node.right)  # type: ignore[attr-defined]
            if op in self.env.intercepted_binops:
                # As Jinja writes an intercepted operator: the sandbox's call_binop does it.
                return f"binop_(context, {op!r}, {left}, {right})"
            return f"({left} {op} {right})"
        if kind in self._UNARY:
            op = self._UNARY[kind]
            if op in self.env.intercepted_unops:
                raise Untranslatable
            return f"({op}{self.expr(node.node)})"  # type: ignore[attr-defined]
        if kind is nodes.List:
            return "[" + ", ".join(self.expr(item) for item in node.items) + "]"  # type: ignore[attr-defined]
        if kind is nodes.Tuple and node.ctx == "load":  # type: ignore[attr-defined]
            items = [self.expr(item) for item in node.items]  # type: ignore[attr-defined]
            return "(" + ", ".join(items) + (",)" if len(items) == 1 else ")")
        if kind is nodes.CondExpr and node.expr2 is not None:  # type: ignore[attr-defined]
            test, then, otherwise = node.test, node.expr1, node.expr2  # type: ignore[attr-defined]
            return f"({self.expr(then)} if {self.expr(test)} else {self.expr(otherwise)})"
        raise Untranslatable

    def call(self, node: nodes.Call) -> str:
        if node.kwargs or node.dyn_args is not None or node.dyn_kwargs is not None:
            raise Untranslatable
        function = self.expr(node.node)
        args = "".join(f", {self.expr(arg)}" for arg in node.args)
        # As in Jinja's sandboxed code: environment.call refuses unsafe callables, then the
        # context calls the rest.
        return f"call_(context, {function}{args})"
