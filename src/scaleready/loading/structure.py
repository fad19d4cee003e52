"""Structural validation: pydantic models applied to a :class:`YamlDocument`, with every error
turned into a located, plain-English :class:`Problem`."""

from __future__ import annotations

import types
import typing
from collections.abc import Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from scaleready.errors import KeyPath, Problem, did_you_mean
from scaleready.loading.yaml_source import YamlDocument

M = TypeVar("M", bound=BaseModel)

_ID_PATTERN = "^[a-z0-9][a-z0-9_-]*$"


def validate_model(
    doc: YamlDocument, model: type[M], path: KeyPath = ()
) -> tuple[M | None, list[Problem]]:
    """Validate the data at ``path`` in ``doc`` against ``model``.

    Returns the model (or ``None``) and every problem found, each located in the file.
    """
    data = _at(doc.data, path)
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, _problems(doc, model, path, exc.errors(include_url=False))


def _at(data: Any, path: KeyPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _problems(
    doc: YamlDocument, model: type[BaseModel], base: KeyPath, errors: Sequence[ErrorDetails]
) -> list[Problem]:
    merged: dict[KeyPath, list[ErrorDetails]] = {}
    for error in errors:
        if error["type"] == "too_short" and _long_enough(error):
            continue  # pydantic counts only the items that validated; those are reported already
        merged.setdefault(_data_path(doc.data, base, error["loc"]), []).append(error)
    problems = []
    for path, group in merged.items():
        message = _message(model, path[len(base) :], group)
        about_key = any(e["type"] in ("missing", "extra_forbidden") for e in group)
        problems.append(doc.problem(path, message, at_key=about_key))
    return sorted(problems, key=Problem.sort_key)


def _long_enough(error: ErrorDetails) -> bool:
    given, wanted = error["input"], error.get("ctx", {}).get("min_length", 0)
    return isinstance(given, (list, tuple)) and len(given) >= wanted


def _data_path(data: Any, base: KeyPath, loc: tuple[int | str, ...]) -> KeyPath:
    """The path in the document that an error location refers to.

    pydantic adds the names of union members to locations (``key.str``, ``key.int``); only the
    parts that exist in the data, plus a final missing key, are kept.
    """
    path = list(base)
    node = _at(data, base)
    for i, part in enumerate(loc):
        if part == "[key]":
            break
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif i == len(loc) - 1 and isinstance(node, dict) and isinstance(part, str):
            path.append(part)  # a missing key
            break
        else:
            break
        path.append(part)
    return tuple(path)


def _message(model: type[BaseModel], rel: KeyPath, group: list[ErrorDetails]) -> str:
    if len(group) > 1 and all(e["type"].endswith("_type") for e in group):
        wanted = sorted({_TYPE_NAMES.get(e["type"], e["type"]) for e in group})
        return f"expected {' or '.join(wanted)}, got {_describe(group[0]['input'])}"
    return "; ".join(dict.fromkeys(_one_message(model, rel, e) for e in group))


_TYPE_NAMES = {
    "string_type": "text",
    "int_type": "a whole number",
    "float_type": "a number",
    "bool_type": "true or false",
    "tuple_type": "a list",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def _one_message(model: type[BaseModel], rel: KeyPath, error: ErrorDetails) -> str:
    kind, ctx, value = error["type"], error.get("ctx", {}), error["input"]
    if kind == "missing":
        return "required key is missing"
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, rel[:-1])
        return f"unknown key {rel[-1]!r}{did_you_mean(rel[-1], allowed)}"
    if kind in _TYPE_NAMES:
        hint = ""
        if kind == "string_type" and isinstance(value, bool):
            hint = " (YAML reads yes/no/on/off as true/false: put the text in quotes)"
        return f"expected {_TYPE_NAMES[kind]}, got {_describe(value)}{hint}"
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        hint = did_you_mean(value, choices) if isinstance(value, str) else ""
        return f"expected one of {', '.join(choices)}, got {value!r}{hint}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == _ID_PATTERN:
            return (
                f"{value!r} is not a valid id: use lowercase letters, digits, '-' and '_', "
                "starting with a letter or digit"
            )
        return f"expected a version like 1.0.0, got {value!r}"
    bounds = {
        "greater_than": "greater than {gt}",
        "greater_than_equal": "at least {ge}",
        "less_than": "less than {lt}",
        "less_than_equal": "at most {le}",
    }
    if kind in bounds:
        return f"must be {bounds[kind].format(**ctx)}, got {value!r}"
    if kind == "too_short":
        return f"must have at least {ctx.get('min_length')} item(s)"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return f"must be at most {ctx.get('max_length')} characters"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _allowed_keys(model: type[BaseModel], rel: KeyPath) -> list[str]:
    """The keys the model accepts at ``rel`` (used for "did you mean" hints)."""
    current: Any = model
    for part in rel:
        current = _descend(current, part)
        if current is None:
            return []
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [f.alias or name for name, f in current.model_fields.items()]
    return []


def _descend(annotation: Any, part: str | int) -> Any:
    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            if isinstance(part, int):
                continue
            for name, field in candidate.model_fields.items():
                if part in (name, field.alias):
                    return field.annotation
        origin = typing.get_origin(candidate)
        args = typing.get_args(candidate)
        if origin in (tuple, list) and isinstance(part, int) and args:
            return args[0]
        if origin is dict and isinstance(part, str) and len(args) == 2:
            return args[1]
    return None


def _unwrap(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [a for arg in typing.get_args(annotation) for a in _unwrap(arg)]
    return [annotation]
