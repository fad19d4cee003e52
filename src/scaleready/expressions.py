"""Rule and ``when`` expressions: Jinja2 expressions compiled in an immutable sandbox.

An expression sees only what it is given: ``answers`` (question id -> answer value, ``None`` when
not answered; ids with ``-`` are also reachable with ``_``, so ``answers.deploy_frequency``),
``stage`` (``early``, ``transition`` or ``late``; not inside the stage signals that decide it), and
the helpers ``answered('id')`` and ``score('id')``. Expressions are checked when the questionnaire
loads: syntax, names, question ids, and no way into Python's internals.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment

from scaleready.validation import did_you_mean

HELPERS = ("answered", "score")
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
    may use besides the helpers.
    """
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
    allowed = (*names, *HELPERS)
    errors: list[str] = []
    used: set[str] = set()

    def question(ref: str) -> None:
        if ref in questions:
            used.add(questions[ref])
        else:
            errors.append(f"unknown question {ref!r}{did_you_mean(ref, questions)}")

    # find_all() yields descendants only, so the root is walked too.
    for node in (tree, *tree.find_all(nodes.Node)):
        if isinstance(node, nodes.Name) and node.name == "stage" and "stage" not in names:
            errors.append("'stage' cannot be used here: the stage signals are what decide it")
        elif isinstance(node, nodes.Name) and node.name not in allowed:
            errors.append(f"unknown name {node.name!r}{did_you_mean(node.name, allowed)}")
        elif isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
            errors.append(
                f"{node.attr!r} is not allowed: expressions cannot reach Python internals"
            )
        elif isinstance(node, nodes.Const) and isinstance(node.value, str) and "__" in node.value:
            errors.append(
                f"{node.value!r} is not allowed: expressions cannot reach Python internals"
            )
        elif _reads_answers(node):
            ref = node.attr if isinstance(node, nodes.Getattr) else node.arg.value  # type: ignore[attr-defined]
            question(str(ref))
        elif (
            isinstance(node, nodes.Call)
            and isinstance(node.node, nodes.Name)
            and node.node.name in HELPERS
        ):
            if len(node.args) != 1 or not isinstance(node.args[0], nodes.Const):
                errors.append(f"{node.node.name}() takes one question id in quotes")
            else:
                question(str(node.args[0].value))
    if errors:
        return list(dict.fromkeys(errors))
    compiled = env.compile_expression(source, undefined_to_none=True)
    return Checked(compiled, frozenset(used))


def _reads_answers(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Getattr):
        return isinstance(node.node, nodes.Name) and node.node.name == "answers"
    return (
        isinstance(node, nodes.Getitem)
        and isinstance(node.node, nodes.Name)
        and node.node.name == "answers"
        and isinstance(node.arg, nodes.Const)
    )


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
