"""The one place YAML is read: safe loading only, with the line and column of every node kept.

Every later check (structural or semantic) reports through a :class:`YamlDocument`, so that each
message reads ``file:LINE:COL: key.path: message``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scaleready.errors import InputError, KeyPath, Problem, Severity

# Limits that keep hostile input (huge files, alias bombs, deep nesting) cheap to refuse.
MAX_BYTES = 10 * 1024 * 1024
MAX_NODES = 1_000_000
MAX_DEPTH = 100

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Location:
    """A 1-based line and column in a source file."""

    line: int
    column: int


@dataclass(frozen=True)
class YamlDocument:
    """Plain Python data parsed from YAML, with where every key and value stood in the file."""

    file: str
    data: Any
    value_positions: Mapping[KeyPath, Location]
    key_positions: Mapping[KeyPath, Location]

    scalar_positions: Mapping[KeyPath, Location] = field(default_factory=dict)

    def locate(self, path: KeyPath, *, at_key: bool = False) -> Location:
        """Where ``path`` is in the file.

        A plain value is placed where the value stands (unless ``at_key``); a mapping entry whose
        value is a list or mapping is placed at its key; a path that does not exist (a missing
        key, say) at its nearest existing parent.
        """
        if not at_key and path in self.scalar_positions:
            return self.scalar_positions[path]
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in self.key_positions:
                return self.key_positions[prefix]
            if prefix in self.value_positions:
                return self.value_positions[prefix]
        return Location(1, 1)

    def problem(
        self, path: KeyPath, message: str, severity: Severity = "error", *, at_key: bool = False
    ) -> Problem:
        """A problem located at ``path`` in this document (see :meth:`locate`)."""
        loc = self.locate(path, at_key=at_key)
        return Problem(self.file, loc.line, loc.column, path, message, severity)


def load_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Read and parse one YAML file; raise :class:`InputError` if it cannot be read or parsed."""
    name = display_name or str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                [Problem(name, 1, 1, (), f"file is {size:,} bytes; the limit is {MAX_BYTES:,}")]
            )
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError([Problem(name, 1, 1, (), "is a directory, not a file")]) from None
    except FileNotFoundError:
        raise InputError([Problem(name, 1, 1, (), "no such file")]) from None
    except OSError as exc:
        raise InputError([Problem(name, 1, 1, (), f"cannot read: {exc.strerror}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            [Problem(name, line, column, (), "not valid UTF-8 text (save the file as UTF-8)")]
        ) from None
    return parse_yaml(text, name)


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse YAML text with the safe loader, keeping positions; raise :class:`InputError`."""
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            raise InputError([_yaml_error(file, exc)]) from None
        except yaml.YAMLError as exc:
            raise InputError([Problem(file, 1, 1, (), f"invalid YAML: {exc}")]) from None
        except RecursionError:
            raise InputError([Problem(file, 1, 1, (), "YAML is nested too deeply")]) from None
        if node is None:
            return YamlDocument(file, None, {(): Location(1, 1)}, {})
        builder = _Builder(file, loader)
        try:
            data = builder.build(node, (), 0)
        except _Abort:
            data = None
        if builder.problems:
            raise InputError(builder.problems)
        return YamlDocument(
            file, data, builder.value_positions, builder.key_positions, builder.scalar_positions
        )
    finally:
        loader.dispose()


def _yaml_error(file: str, exc: yaml.MarkedYAMLError) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = exc.problem or "invalid YAML"
    if problem.startswith("could not determine a constructor for the tag"):
        tag = problem.split("tag", 1)[1].strip().strip("'")
        return Problem(file, line, column, (), _tag_refused(tag))
    context = f" ({exc.context})" if exc.context and "constructor" not in exc.context else ""
    return Problem(file, line, column, (), f"invalid YAML: {problem}{context}")


_PLAIN_COLLECTION_TAGS = ("tag:yaml.org,2002:seq", "tag:yaml.org,2002:map")


def _tag_refused(tag: str) -> str:
    return f"the tag {tag!r} is not allowed (only plain YAML is read, never Python objects)"


class _Builder:
    """Turns a composed node tree into plain data, recording every node's position."""

    def __init__(self, file: str, loader: yaml.SafeLoader) -> None:
        self.file = file
        self.loader = loader
        self.value_positions: dict[KeyPath, Location] = {}
        self.key_positions: dict[KeyPath, Location] = {}
        self.scalar_positions: dict[KeyPath, Location] = {}
        self.problems: list[Problem] = []
        self.nodes = 0
        self.active: set[int] = set()

    def _fail(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, (), message))

    def build(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        self.nodes += 1
        self.value_positions[path] = Location(node.start_mark.line + 1, node.start_mark.column + 1)
        if self.nodes > MAX_NODES:
            self._fail(node, f"document expands to more than {MAX_NODES:,} nodes (YAML aliases?)")
            raise _Abort
        if depth > MAX_DEPTH:
            self._fail(node, f"nested more than {MAX_DEPTH} levels deep")
            raise _Abort
        if isinstance(node, yaml.ScalarNode):
            self.scalar_positions[path] = self.value_positions[path]
            return self._scalar(node)
        if node.tag not in _PLAIN_COLLECTION_TAGS:
            self._fail(node, _tag_refused(node.tag))
            return None
        if id(node) in self.active:
            self._fail(node, "a YAML alias refers to itself")
            raise _Abort
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return [
                    self.build(child, (*path, i), depth + 1) for i, child in enumerate(node.value)
                ]
            assert isinstance(node, yaml.MappingNode)
            return self._mapping(node, path, depth)
        finally:
            self.active.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.MarkedYAMLError as exc:
            self.problems.append(_yaml_error(self.file, exc))
            return None

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[Any, Any]:
        try:
            self.loader.flatten_mapping(node)  # resolves "<<" merge keys
        except yaml.MarkedYAMLError as exc:
            self.problems.append(_yaml_error(self.file, exc))
            return {}
        result: dict[Any, Any] = {}
        first_seen: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._fail(key_node, "a key must be a plain value, not a list or mapping")
                continue
            key = self._scalar(key_node)
            if key is None and key_node.value not in ("", "~", "null", "Null", "NULL"):
                continue  # the scalar itself was invalid and is reported already
            part: str | int = key if isinstance(key, (str, int)) else str(key)
            if part in first_seen:
                self._fail(key_node, f"duplicate key {part!r} (first at line {first_seen[part]})")
                continue
            first_seen[part] = key_node.start_mark.line + 1
            child = (*path, part)
            self.key_positions[child] = Location(
                key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
            result[part] = self.build(value_node, child, depth + 1)
        return result


class _Abort(Exception):
    """Stops building at once: the document is too large or too deep to be worth reading on."""
