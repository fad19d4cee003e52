"""Rule and ``when`` expressions: Jinja2 expressions compiled in an immutable sandbox.

An expression sees only what it is given: ``answers`` (question id -> answer value, ``None`` when
not answered; ids with ``-`` are also reachable with ``_``, so ``answers.deploy_frequency``),
``stage`` (``early``, ``transition`` or ``late``; not inside the stage signals that decide it),
``derived`` (the questionnaire's derived values by id: ``derived['westrum-mean']``), the helpers
``answered('id')`` and ``score('id')``, and the functions of
:mod:`scaleready.expressions._functions` (``mean``, ``min``, ``max``, ``sum``, ``count``,
``length``) and the filters in :data:`scaleready.expressions._limits.FILTERS`. Expressions are checked when the questionnaire
loads: syntax, names, question ids, and no way into Python's internals.

All of a questionnaire's expressions are compiled together (:func:`check_all`). Each is read
and checked by Jinja's own parser; then each is written as one Python function
(:mod:`scaleready.expressions._translator`), and Python compiles all the functions together,
once. A function runs the code Jinja's code
generator writes for the same expression (every attribute, item and call goes through the
sandbox's ``getattr``, ``getitem`` and ``call``), but without a template module per expression,
the optimiser's passes and a ``compile()`` each, which made ``compile_expression`` cost 1-2 ms an
expression: several seconds for a questionnaire of thousands of rules. Expressions that use
anything else (filters, tests, slices, ``~``...) are compiled one by one by
``compile_expression`` itself, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError
from jinja2.parser import Parser
from jinja2.runtime import Undefined, new_context
from jinja2.utils import missing

from scaleready.errors import did_you_mean
from scaleready.expressions._comparisons import ComparisonCheck
from scaleready.expressions._comparisons import comparison_check as comparison_check
from scaleready.expressions._functions import FUNCTIONS
from scaleready.expressions._limits import (
    TOO_DEEP,
    BoundedSandbox,
    content_problems,
    shape_problems,
)
from scaleready.expressions._translator import HELPERS, Translated, Translator, Untranslatable

CompiledExpression = Callable[..., Any]


class ExpressionError(Exception):
    """An expression failed while it was being evaluated."""


@lru_cache(maxsize=1)
def environment() -> BoundedSandbox:
    """The one sandbox every expression is compiled in (immutable, its operators bounded)."""
    return BoundedSandbox()


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
    expressions: Sequence[tuple[str, tuple[str, ...]]],
    questions: Mapping[str, str],
    comparisons: ComparisonCheck | None = None,
) -> list[Checked | list[str]]:
    """Check and compile many expressions, each with the names it may use; return, in order,
    each compiled expression or its problems. ``comparisons`` (see
    :func:`scaleready.expressions._comparisons.comparison_check`) also finds comparisons that
    can never hold.

    An expression that appears more than once (with the same names) is checked and compiled
    once. All the expressions that can be translated are compiled together, in one module.
    """
    analysed: dict[tuple[str, tuple[str, ...]], _Parsed | list[str]] = {}
    for item in expressions:
        if item not in analysed:
            analysed[item] = _analyse(item[0], questions, item[1], comparisons)
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
    source: str,
    questions: Mapping[str, str],
    names: tuple[str, ...],
    comparisons: ComparisonCheck | None = None,
) -> _Parsed | list[str]:
    """Parse ``source`` with Jinja's parser and check what it refers to; the result, or every
    problem found."""
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
    except RecursionError:
        # Jinja's parser recurses once per nested bracket or "not": the limit, met early.
        return [TOO_DEEP]
    errors, found = shape_problems(tree)  # first: the checks below walk the tree recursively
    if not errors:
        errors, used = _check_tree(found, questions, names)
        if comparisons is not None:
            errors += comparisons(found, names)
    errors = errors or content_problems(tree, found, env.filters)
    if errors:
        return list(dict.fromkeys(errors))
    reads = frozenset(used)
    translator = Translator(env)
    try:
        body = translator.expr(tree)
    except Untranslatable:
        return _Parsed(source, reads, None)
    return _Parsed(source, reads, Translated(body, tuple(translator.names), reads))


def _check_tree(
    found: list[nodes.Node], questions: Mapping[str, str], names: tuple[str, ...]
) -> tuple[list[str], set[str]]:
    """The problems of a parsed expression (``found``: its nodes in pre-order, from
    :func:`shape_problems`), in the order met, and the question ids it reads."""
    allowed = (*names, *HELPERS, *FUNCTIONS)
    errors: list[str] = []
    used: set[str] = set()

    def question(ref: str) -> None:
        if ref in questions:
            used.add(questions[ref])
        else:
            errors.append(f"unknown question {ref!r}{did_you_mean(ref, questions)}")

    # Exact types (none of these node classes has subclasses) make this loop cheap enough for
    # thousands of expressions.
    for node in found:
        kind = type(node)
        if kind is nodes.Name:
            name = node.name  # type: ignore[attr-defined]
            if name == "stage" and "stage" not in names:
                errors.append("'stage' cannot be used here: the stage signals are what decide it")
            elif name not in allowed:
                # Suggested from the names and helpers only, as before the functions came:
                # 'lipsum' is not a misspelt 'sum'.
                hint = did_you_mean(name, (*names, *HELPERS))
                errors.append(f"unknown name {name!r}{hint}")
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
    return errors, used


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
        "binop_": env.call_binop,
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
        env: BoundedSandbox,
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


def evaluate(compiled: CompiledExpression, context: Mapping[str, Any]) -> Any:
    """Evaluate a compiled expression; raise :class:`ExpressionError` if it fails.

    A ``TypeError`` (comparing a missing answer with a number, say) is the usual cause, and
    callers treat it as "the condition does not hold".
    """
    try:
        return compiled(**context)
    except SecurityError as exc:
        raise ExpressionError(f"refused by the sandbox: {exc}") from None
    except (
        TypeError,
        ValueError,
        ArithmeticError,
        LookupError,
        AttributeError,
        TemplateError,
    ) as exc:
        # TemplateError: Jinja's UndefinedError, e.g. ``answers.x.y`` with x unanswered;
        # AttributeError: a filter given what it cannot read (``answers|sort(attribute=...)``).
        raise ExpressionError(str(exc)) from None
