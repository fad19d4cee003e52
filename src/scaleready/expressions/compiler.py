"""Rule and ``when`` expressions: Jinja2 expressions compiled in an immutable sandbox.

An expression sees only what it is given: ``answers`` (question id -> answer value, ``None`` when
not answered; ids with ``-`` are also reachable with ``_``, so ``answers.deploy_frequency``),
``stage`` (``early``, ``transition`` or ``late``; not inside the stage signals that decide it), and
the helpers ``answered('id')`` and ``score('id')``. Expressions are checked when the questionnaire
loads: syntax, names, question ids, and no way into Python's internals.

All of a questionnaire's expressions are compiled together (:func:`check_all`). Each is read
and checked, by :mod:`scaleready.expressions.fast_reader` when it can (the common subset, several
times faster) and by Jinja's own parser otherwise; then each is written as one Python function,
and Python compiles all the functions together, once. A function runs the code Jinja's code
generator writes for the same expression (every attribute, item and call goes through the
sandbox's ``getattr``, ``getitem`` and ``call``), but without a template module per expression,
the optimiser's passes and a ``compile()`` each, which made ``compile_expression`` cost 1-2 ms an
expression: several seconds for a questionnaire of thousands of rules. Expressions that use
anything else (filters, tests, slices, ``~``...) are compiled one by one by
``compile_expression`` itself, as before.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from jinja2 import TemplateError, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError
from jinja2.parser import Parser
from jinja2.runtime import Undefined, new_context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.utils import missing

from scaleready.expressions import fast_reader as expression_parser
from scaleready.expressions.fast_reader import HELPERS, Translated
from scaleready.loading.structure import did_you_mean

CompiledExpression = Callable[..., Any]


class ExpressionError(Exception):
    """An expression failed while it was being evaluated."""


@lru_cache(maxsize=1)
def environment() -> ImmutableSandboxedEnvironment:
    """The one sandbox every expression is compiled in."""
    return ImmutableSandboxedEnvironment()


def alias(question_id: str) -> str:
    """The attribute-friendly spelling of a question id (``deploy-frequency`` -> ``deploy_frequency``)."""
    return question_id.replace("-", "_")


@dataclass(frozen=True)
class Checked:
    """An expression that compiled, with the question ids it reads."""

    compiled: CompiledExpression
    questions: frozenset[str]


@dataclass(frozen=True, eq=False)
class _Parsed:
    """An expression that parsed and passed the checks, not compiled yet: its Python text, or
    ``None`` if only ``compile_expression`` can compile it."""

    source: str
    questions: frozenset[str]
    translated: Translated | None


def question_index(question_ids: Iterable[str]) -> dict[str, str]:
    """Every spelling an expression may use for a question (id and alias) -> the question id;
    built once per questionnaire and passed to :func:`check`."""
    index: dict[str, str] = {}
    for qid in question_ids:
        index[qid] = qid
        index.setdefault(alias(qid), qid)
    return index


def check(source: str, questions: Mapping[str, str], names: Iterable[str]) -> Checked | list[str]:
    """Compile ``source`` and check what it refers to; return it, or every problem found.

    ``questions`` is a :func:`question_index`; ``names`` are the top-level names this expression
    may use besides the helpers. To compile many expressions, :func:`check_all` is much faster.
    """
    return check_all([(source, tuple(names))], questions)[0]


def check_all(
    expressions: Sequence[tuple[str, tuple[str, ...]]], questions: Mapping[str, str]
) -> list[Checked | list[str]]:
    """Check and compile many expressions, each with the names it may use; return, in order,
    each compiled expression or its problems.

    An expression that appears more than once (with the same names) is checked and compiled
    once. All the expressions that can be translated are compiled together, in one module.
    """
    analysed: dict[tuple[str, tuple[str, ...]], _Parsed | list[str]] = {}
    for item in expressions:
        if item not in analysed:
            analysed[item] = _analyse(item[0], questions, item[1])
    parsed = [p for p in analysed.values() if isinstance(p, _Parsed)]
    compiled = _compile(parsed)
    checked: dict[tuple[str, tuple[str, ...]], Checked | list[str]] = {}
    for item, outcome in analysed.items():
        if isinstance(outcome, list):
            checked[item] = outcome
        else:
            done = compiled[id(outcome)]
            checked[item] = done if isinstance(done, list) else Checked(done, outcome.questions)
    return [checked[item] for item in expressions]


def _analyse(
    source: str, questions: Mapping[str, str], names: tuple[str, ...]
) -> _Parsed | list[str]:
    """Parse ``source`` and check what it refers to; the result, or every problem found."""
    fast = expression_parser.translate(source, questions, names)
    if fast is not None:
        return _Parsed(source, fast.questions, fast)
    return _analyse_with_jinja(source, questions, names)


def _analyse_with_jinja(
    source: str, questions: Mapping[str, str], names: tuple[str, ...]
) -> _Parsed | list[str]:
    """:func:`_analyse` by Jinja's parser: for every expression, and every problem's message."""
    env = environment()
    try:
        parser = Parser(env, source, state="variable")
        tree = parser.parse_expression()
        if not parser.stream.eos:
            raise TemplateSyntaxError(
                f"unexpected {parser.stream.current.value!r} after the expression", 1
            )
    except TemplateSyntaxError as exc:
        message = (exc.message or "").replace("'end of template'", "end of expression")
        return [f"expression does not compile: {message}"]
    except ValueError:
        # Jinja's lexer converts integers with int(), which refuses more than 4,300 digits.
        return ["expression does not compile: a number in it has too many digits"]
    allowed = (*names, *HELPERS)
    errors: list[str] = []
    used: set[str] = set()

    def question(ref: str) -> None:
        if ref in questions:
            used.add(questions[ref])
        else:
            errors.append(f"unknown question {ref!r}{did_you_mean(ref, questions)}")

    # Exact types (none of these node classes has subclasses) make this loop cheap enough for
    # thousands of expressions.
    for node in _walk(tree, []):
        kind = type(node)
        if kind is nodes.Name:
            name = node.name  # type: ignore[attr-defined]
            if name == "stage" and "stage" not in names:
                errors.append("'stage' cannot be used here: the stage signals are what decide it")
            elif name not in allowed:
                errors.append(f"unknown name {name!r}{did_you_mean(name, allowed)}")
        elif kind is nodes.Getattr:
            attr = node.attr  # type: ignore[attr-defined]
            if attr.startswith("_"):
                errors.append(f"{attr!r} is not allowed: expressions cannot reach Python internals")
            elif _is_answers(node.node):  # type: ignore[attr-defined]
                question(str(attr))
        elif kind is nodes.Const:
            value = node.value  # type: ignore[attr-defined]
            if isinstance(value, str) and "__" in value:
                errors.append(
                    f"{value!r} is not allowed: expressions cannot reach Python internals"
                )
        elif kind is nodes.Getitem:
            arg = node.arg  # type: ignore[attr-defined]
            if _is_answers(node.node) and type(arg) is nodes.Const:  # type: ignore[attr-defined]
                question(str(arg.value))
        elif kind is nodes.Pow:
            # 9**9**9**9 would keep the engine busy for ever; no questionnaire needs powers.
            errors.append("'**' is not allowed in expressions")
        elif kind is nodes.Call:
            func = node.node  # type: ignore[attr-defined]
            if type(func) is nodes.Name and func.name in HELPERS:
                args = node.args  # type: ignore[attr-defined]
                if len(args) != 1 or type(args[0]) is not nodes.Const:
                    errors.append(f"{func.name}() takes one question id in quotes")
                else:
                    question(str(args[0].value))
    if errors:
        return list(dict.fromkeys(errors))
    reads = frozenset(used)
    translator = _Translator(env)
    try:
        body = translator.expr(tree)
    except _Untranslatable:
        return _Parsed(source, reads, None)
    return _Parsed(source, reads, Translated(body, tuple(translator.names), reads))


def _walk(node: nodes.Node, out: list[nodes.Node]) -> list[nodes.Node]:
    """``node`` and all its descendants, in the order of ``[node, *node.find_all(nodes.Node)]``
    (so problems are reported in the same order), without find_all's generators, which cost
    more than the parse on a questionnaire's worth of expressions."""
    out.append(node)
    for field in node.fields:
        item = getattr(node, field, None)
        if isinstance(item, list):
            for child in item:
                if isinstance(child, nodes.Node):
                    _walk(child, out)
        elif isinstance(item, nodes.Node):
            _walk(item, out)
    return out


def _is_answers(node: nodes.Node) -> bool:
    return type(node) is nodes.Name and node.name == "answers"


def _compile(parsed: Sequence[_Parsed]) -> dict[int, CompiledExpression | list[str]]:
    """Compile parsed expressions; return each (or its problems) by the ``id()`` of its
    :class:`_Parsed`.

    Those written as Python are compiled together, once; the rest, and all of them should
    that compilation fail, go through ``compile_expression``.
    """
    env = environment()
    compiled: dict[int, CompiledExpression | list[str]] = {}
    functions: list[tuple[_Parsed, Translated]] = []
    for item in parsed:
        if item.translated is None:
            compiled[id(item)] = _compile_one(item.source)
        else:
            functions.append((item, item.translated))
    if not functions:
        return compiled
    namespace: dict[str, Any] = {
        "__builtins__": {},  # the generated code uses none
        "getattr_": env.getattr,
        "getitem_": env.getitem,
        "call_": env.call,
    }
    # One tuple of lambdas, compiled in "eval" mode: a quarter faster to compile than as many
    # ``def`` statements, and the same code.
    text = "(\n" + "".join(_lambda(translated) for _, translated in functions) + ")"
    try:
        code = compile(text, "<expressions>", "eval")
    except (SyntaxError, RecursionError, MemoryError, ValueError):
        # One expression Python cannot compile (nested too deeply, say) must not take the others
        # with it: each then goes alone through compile_expression, which reports as it always has.
        for item, _ in functions:
            compiled[id(item)] = _compile_one(item.source)
        return compiled
    # Our own generated code; user text appears in it only as repr().
    made: tuple[Callable[..., Any], ...] = eval(code, namespace)  # noqa: S307
    variables = dict(env.make_globals(None))
    for (item, translated), function in zip(functions, made, strict=True):
        compiled[id(item)] = _Runner(env, function, translated.names, variables)
    return compiled


def _lambda(translated: Translated) -> str:
    arguments = "".join(f", n{k}" for k in range(len(translated.names)))
    return f"lambda context{arguments}: {translated.body},\n"


def _compile_one(source: str) -> CompiledExpression | list[str]:
    """One expression compiled by Jinja's ``compile_expression``, or the problem it reports
    (an unknown filter or test, say: found only when the code is generated)."""
    try:
        return environment().compile_expression(source, undefined_to_none=True)
    except TemplateSyntaxError as exc:  # TemplateAssertionError included
        return [f"expression does not compile: {exc.message}"]


class _Runner:
    """Runs one generated function as ``compile_expression``'s result runs its template: in a
    fresh Jinja context holding the given names over the environment's globals, each name the
    expression uses resolved from it (an ``Undefined`` if missing), an undefined result turned
    into ``None``."""

    __slots__ = ("env", "function", "globals", "names")

    def __init__(
        self,
        env: ImmutableSandboxedEnvironment,
        function: Callable[..., Any],
        names: tuple[str, ...],
        variables: dict[str, Any],
    ) -> None:
        self.env = env
        self.function = function
        self.names = names
        self.globals = variables

    def __call__(self, **given: Any) -> Any:
        context = new_context(self.env, None, {}, given, False, self.globals)
        args = []
        for name in self.names:
            value = context.resolve_or_missing(name)
            args.append(self.env.undefined(name=name) if value is missing else value)
        result = self.function(context, *args)
        return None if isinstance(result, Undefined) else result


class _Untranslatable(Exception):
    """The expression uses a node :class:`_Translator` does not write; Jinja compiles it."""


class _Translator:
    """Writes one expression's tree as the body of a Python function, emitting for each node the
    code Jinja's ``CodeGenerator`` emits for it (its ``visit_*`` methods, with the optimiser
    off). :mod:`scaleready.expressions.fast_reader` writes the same text without the tree.

    Two differences keep the module small, so that Python compiles it fast, without changing
    what runs: the names the expression uses are resolved by :class:`_Runner` and passed in as
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
                raise _Untranslatable  # Jinja writes str(value), which is not Python: keep its error
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
            if op in self.env.intercepted_binops:
                raise _Untranslatable
            return f"({self.expr(node.left)} {op} {self.expr(node.right)})"  # type: ignore[attr-defined]
        if kind in self._UNARY:
            op = self._UNARY[kind]
            if op in self.env.intercepted_unops:
                raise _Untranslatable
            return f"({op}{self.expr(node.node)})"  # type: ignore[attr-defined]
        if kind is nodes.List:
            return "[" + ", ".join(self.expr(item) for item in node.items) + "]"  # type: ignore[attr-defined]
        if kind is nodes.Tuple and node.ctx == "load":  # type: ignore[attr-defined]
            items = [self.expr(item) for item in node.items]  # type: ignore[attr-defined]
            return "(" + ", ".join(items) + (",)" if len(items) == 1 else ")")
        if kind is nodes.CondExpr and node.expr2 is not None:  # type: ignore[attr-defined]
            test, then, otherwise = node.test, node.expr1, node.expr2  # type: ignore[attr-defined]
            return f"({self.expr(then)} if {self.expr(test)} else {self.expr(otherwise)})"
        raise _Untranslatable

    def call(self, node: nodes.Call) -> str:
        if node.kwargs or node.dyn_args is not None or node.dyn_kwargs is not None:
            raise _Untranslatable
        function = self.expr(node.node)
        args = "".join(f", {self.expr(arg)}" for arg in node.args)
        # As in Jinja's sandboxed code: environment.call refuses unsafe callables, then the
        # context calls the rest.
        return f"call_(context, {function}{args})"


def evaluate(compiled: CompiledExpression, context: Mapping[str, Any]) -> Any:
    """Evaluate a compiled expression; raise :class:`ExpressionError` if it fails.

    A ``TypeError`` (comparing a missing answer with a number, say) is the usual cause, and
    callers treat it as "the condition does not hold".
    """
    try:
        return compiled(**context)
    except SecurityError as exc:
        raise ExpressionError(f"refused by the sandbox: {exc}") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, TemplateError) as exc:
        # TemplateError: Jinja's UndefinedError, e.g. ``answers.x.y`` with x unanswered.
        raise ExpressionError(str(exc)) from None
