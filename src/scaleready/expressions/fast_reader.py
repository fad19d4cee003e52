"""A fast reader for the expressions questionnaires are made of, exact where it answers at all.

Jinja's parser is general (filters, tests, slices, dicts, macros' syntax) and costs about 0.2 ms
an expression; a questionnaire of thousands of rules spent most of its loading time in it. Rules
and ``when`` conditions use a small part of the language: names, strings, numbers, lists,
attributes, ``[...]``, calls, comparisons, ``in``, arithmetic, ``and``, ``or`` and ``not``.

:func:`translate` reads exactly that part, by the same precedence rules as Jinja's parser, and in
one pass makes the same checks as :mod:`scaleready.expressions.compiler` and writes the same Python text
as its translator does from Jinja's tree (the tests compare the two on generated expressions).
It only ever says "this expression is fine, and this is its code": anything else (another part
of the language, a token it does not know, a name or question that does not exist, anything
that reaches for Python's internals) makes it return ``None``, and the expression goes through
Jinja's parser, which compiles it or reports the problem in its own words. So every error
message still comes from one place, and a gap in this reader can only cost time.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Mapping
from typing import Any, NamedTuple

HELPERS = ("answered", "score")

# Jinja's tokens, narrowed: ASCII names, numbers without underscores or exponents, strings
# without escapes or carriage returns, and the operators below. Whatever else appears is
# matched by the last group, and the expression is left to Jinja. Where Jinja would read a
# character run as one token and this pattern as two (``1e5``, ``0x1F``, ``1_000``, ``01``),
# the second token cannot follow the first in the grammar, so the reading fails and is left to
# Jinja too.
_TOKEN = re.compile(
    r"""
    [ \t\n]+
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<number>[0-9]+\.[0-9]+|[1-9][0-9]*|0)
    | (?P<string>'[^'\\\r]*'|"[^"\\\r]*")
    | (?P<operator>==|!=|<=|>=|//|[<>()\[\],.+\-*/%])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_COMPARISONS = frozenset(("==", "!=", "<", "<=", ">", ">="))
_CONSTANTS: dict[str, Any] = {
    "true": True,
    "True": True,
    "false": False,
    "False": False,
    "none": None,
    "None": None,
}
_END = "end"


class Translated(NamedTuple):
    """An expression checked and written as Python: ``body`` reads the names in ``names`` as
    the arguments ``n0``, ``n1``...; ``questions`` are the question ids it reads."""

    body: str
    names: tuple[str, ...]
    questions: frozenset[str]


class _Unsure(Exception):
    """Jinja's parser must decide: the expression is outside the subset, or has a problem."""


# A parsed piece of an expression: its Python text, and what the checks need to know about it:
# ("name", name) for a bare name, ("const", value) for a literal, ("", None) for anything else.
_Piece = tuple[str, str, Any]


def translate(
    source: str, questions: Mapping[str, str], names: Collection[str]
) -> Translated | None:
    """``source`` checked and written as Python, or ``None`` if Jinja's parser must read it.

    ``questions`` is an ``expressions.question_index``; ``names`` are the top-level names the
    expression may use besides the helpers.
    """
    kinds: list[str] = []
    values: list[str] = []
    for match in _TOKEN.finditer(source):
        kind = match.lastgroup
        if kind is None:
            continue  # whitespace
        if kind == "other":
            return None
        text = match.group()
        kinds.append(text if kind == "operator" else kind)
        values.append(text)
    kinds.append(_END)
    values.append("")
    reader = _Reader(kinds, values, questions, (*names, *HELPERS))
    try:
        body = reader.expression()[0]
        if kinds[reader.pos] != _END:
            return None
    except (_Unsure, ValueError):
        # ValueError: an integer too long to convert; Jinja's path says what it says about it.
        return None
    return Translated(body, tuple(reader.names), frozenset(reader.used))


class _Reader:
    """Recursive descent over the tokens, one method per level of Jinja's parser (named after
    its ``parse_*`` methods), each returning a :data:`_Piece`."""

    def __init__(
        self,
        kinds: list[str],
        values: list[str],
        questions: Mapping[str, str],
        allowed: tuple[str, ...],
    ) -> None:
        self.kinds = kinds
        self.values = values
        self.pos = 0
        self.questions = questions
        self.allowed = allowed
        self.names: dict[str, str] = {}  # name -> its argument, numbered in source order
        self.used: set[str] = set()

    def word(self, offset: int = 0) -> str:
        """The current token if it is a name (``and``, ``not``...), else ``""``."""
        at = self.pos + offset
        return self.values[at] if self.kinds[at] == "name" else ""

    def expect(self, kind: str) -> None:
        if self.kinds[self.pos] != kind:
            raise _Unsure
        self.pos += 1

    def question(self, ref: Any) -> None:
        ref = str(ref)
        if ref not in self.questions:
            raise _Unsure
        self.used.add(self.questions[ref])

    def expression(self) -> _Piece:  # parse_expression / parse_condexpr
        piece = self.or_()
        if self.word() == "if":
            raise _Unsure  # conditional expressions are left to Jinja
        return piece

    def or_(self) -> _Piece:
        left = self.and_()
        while self.word() == "or":
            self.pos += 1
            left = (f"({left[0]} or {self.and_()[0]})", "", None)
        return left

    def and_(self) -> _Piece:
        left = self.not_()
        while self.word() == "and":
            self.pos += 1
            left = (f"({left[0]} and {self.not_()[0]})", "", None)
        return left

    def not_(self) -> _Piece:
        if self.word() == "not":
            self.pos += 1
            return (f"(not {self.not_()[0]})", "", None)
        return self.compare()

    def compare(self) -> _Piece:
        left = self.math1()
        ops: list[str] = []
        while True:
            kind = self.kinds[self.pos]
            if kind in _COMPARISONS:
                self.pos += 1
                ops.append(f" {kind} {self.math1()[0]}")
            elif self.word() == "in":
                self.pos += 1
                ops.append(f" in {self.math1()[0]}")
            elif self.word() == "not" and self.word(1) == "in":
                self.pos += 2
                ops.append(f" not in {self.math1()[0]}")
            else:
                break
        return (f"({left[0]}{''.join(ops)})", "", None) if ops else left

    def math1(self) -> _Piece:  # + and -; Jinja's ``~`` level between it and math2 is not read
        left = self.math2()
        while (op := self.kinds[self.pos]) in ("+", "-"):
            self.pos += 1
            left = (f"({left[0]} {op} {self.math2()[0]})", "", None)
        return left

    def math2(self) -> _Piece:
        # No ``**`` level below this one: ``**`` is read as two ``*``, and primary() fails at
        # the second.
        left = self.unary()
        while (op := self.kinds[self.pos]) in ("*", "/", "//", "%"):
            self.pos += 1
            left = (f"({left[0]} {op} {self.unary()[0]})", "", None)
        return left

    def unary(self) -> _Piece:
        # Jinja reads filters (``|``) and tests (``is``) after this; neither is read here, so
        # the token is left over and the whole expression goes to Jinja.
        op = self.kinds[self.pos]
        if op in ("-", "+"):
            self.pos += 1
            return (f"({op}{self.unary()[0]})", "", None)
        return self.postfix(self.primary())

    def primary(self) -> _Piece:
        kind = self.kinds[self.pos]
        value = self.values[self.pos]
        self.pos += 1
        if kind == "name":
            if value in _CONSTANTS:
                constant = _CONSTANTS[value]
                return (repr(constant), "const", constant)
            if value not in self.allowed:
                raise _Unsure
            return (self.names.setdefault(value, f"n{len(self.names)}"), "name", value)
        if kind == "string":
            parts = [value[1:-1]]
            while self.kinds[self.pos] == "string":  # adjacent strings are joined, as in Jinja
                parts.append(self.values[self.pos][1:-1])
                self.pos += 1
            text = "".join(parts)
            if "__" in text:
                raise _Unsure
            return (repr(text), "const", text)
        if kind == "number":
            number = float(value) if "." in value else int(value)
            if isinstance(number, float) and not math.isfinite(number):
                raise _Unsure
            return (repr(number), "const", number)
        if kind == "(":
            piece = self.expression()
            self.expect(")")  # a comma here would make a tuple: left to Jinja
            return piece
        if kind == "[":
            items: list[str] = []
            while self.kinds[self.pos] != "]":
                if items:
                    self.expect(",")
                    if self.kinds[self.pos] == "]":
                        break
                items.append(self.expression()[0])
            self.pos += 1
            return ("[" + ", ".join(items) + "]", "", None)
        raise _Unsure

    def postfix(self, piece: _Piece) -> _Piece:
        while True:
            kind = self.kinds[self.pos]
            on_answers = piece[1] == "name" and piece[2] == "answers"
            if kind == ".":
                self.pos += 1
                attr = self.word()
                if not attr or attr.startswith("_"):
                    raise _Unsure  # ``x.0`` is an item in Jinja; ``_`` leads into internals
                self.pos += 1
                if on_answers:
                    self.question(attr)
                piece = (f"getattr_({piece[0]}, {attr!r})", "", None)
            elif kind == "[":
                self.pos += 1
                arg = self.expression()
                self.expect("]")  # slices and tuples are left to Jinja
                if on_answers and arg[1] == "const":
                    self.question(arg[2])
                piece = (f"getitem_({piece[0]}, {arg[0]})", "", None)
            elif kind == "(":
                piece = self.call(piece)
            else:
                return piece

    def call(self, function: _Piece) -> _Piece:
        self.pos += 1
        args: list[_Piece] = []
        while self.kinds[self.pos] != ")":
            if args:
                self.expect(",")
                if self.kinds[self.pos] == ")":
                    break
            args.append(self.expression())
        self.pos += 1
        if function[1] == "name" and function[2] in HELPERS:
            if len(args) != 1 or args[0][1] != "const":
                raise _Unsure
            self.question(args[0][2])
        return (f"call_(context, {function[0]}{''.join(f', {a[0]}' for a in args)})", "", None)
