"""The one place YAML is read: safe loading only, with the line and column of every node kept.

Every later check (structural or semantic) reports through a :class:`YamlDocument`, so that each
message reads ``file:LINE:COL: key.path: message``.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from scaleready.errors import InputError, KeyPath, Problem, Severity
from scaleready.gcpause import gc_paused

# Limits that keep hostile input (huge files, alias bombs, deep nesting) cheap to refuse.
MAX_BYTES = 10 * 1024 * 1024
MAX_NODES = 1_000_000
MAX_DEPTH = 100

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Location(NamedTuple):
    """A 1-based line and column in a source file.

    A named tuple rather than a frozen dataclass: one is made for every node of every document,
    and a tuple is several times cheaper to create.
    """

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
    """Parse YAML text with the safe loader, keeping positions; raise :class:`InputError`.

    Most documents are plain (no anchors, aliases, merge keys, explicit tags or mistakes); they
    are read by :class:`_PlainReader`, straight from the parser's events. Anything else, and
    every document with a problem, is read by :func:`parse_composed`, which reports it.
    """
    with gc_paused():
        plain = _read_plain(text, file)
        if plain is not None:
            return plain
        return parse_composed(text, file)


def parse_composed(text: str, file: str) -> YamlDocument:
    """Parse YAML text through the composer's node tree: every YAML feature, every problem.

    The reference reader: :func:`parse_yaml` gives the same result faster for plain documents.
    """
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
        except (ValueError, KeyError, TypeError, OverflowError) as exc:
            # The safe loader's constructors raise these for values that match a type's pattern
            # but are not one (2001-13-45, !!int abc, !!bool maybe): input errors, not bugs.
            kind = node.tag.rsplit(":", 1)[-1]
            detail = str(exc).strip("'\"")
            reason = f" ({detail})" if detail and node.value not in detail else ""
            self._fail(node, f"invalid YAML: {node.value!r} is not a valid {kind}{reason}")
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
            part = _key_part(key)
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


_STR = "tag:yaml.org,2002:str"
_UNKNOWN = object()
# Implicit tags whose values are immutable, so one constructed value can serve every occurrence.
_CACHED_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float"))


# Location(line, column) without the Python-level __new__ of named tuples: a C call.
_location = functools.partial(tuple.__new__, Location)


class _NotPlain(Exception):
    """The document uses something the plain reader leaves to :func:`parse_composed`."""


def _read_plain(text: str, file: str) -> YamlDocument | None:
    """The document read by :class:`_PlainReader`, or ``None`` if it is not plain."""
    loader = _Loader(text)
    try:
        if loader.yaml_path_resolvers:  # pragma: no cover - the safe loader has none
            return None
        return _PlainReader(file, loader).document()
    except (_NotPlain, yaml.YAMLError, RecursionError):
        # parse_composed reads it again and reports whatever is wrong, exactly as it always has.
        return None
    finally:
        loader.dispose()


def _key_part(key: Any) -> str | int:
    """A mapping key as a part of a key path (shared by both readers, so they agree)."""
    return key if isinstance(key, (str, int)) else str(key)


class _PlainReader:
    """Builds plain data and positions straight from the parser's events.

    The composer that :func:`parse_composed` uses makes a Python node object for every value,
    with tag resolution and constructor dispatch per scalar; on a questionnaire of 2,000
    questions that was most of the time spent reading it. This reader handles only what plain
    documents contain (mappings with plain keys, sequences, untagged scalars) and raises
    :class:`_NotPlain` at anything else: anchors, aliases, explicit tags, merge keys, complex
    keys, duplicate keys, more than one document, documents too large or too deep. It records
    exactly the data and positions the composed reader would, which the tests check.

    Events are typed ``Any``: PyYAML's stubs do not describe the C parser's events precisely.
    """

    def __init__(self, file: str, loader: yaml.SafeLoader) -> None:
        self.file = file
        self.loader: Any = loader
        self.next_event: Any = loader.get_event
        self.values: dict[KeyPath, Location] = {}
        self.keys: dict[KeyPath, Location] = {}
        self.scalars: dict[KeyPath, Location] = {}
        # Plain scalar text -> its value, for text and for immutable values (see _CACHED_TAGS).
        self.plain: dict[str, Any] = {}

    def document(self) -> YamlDocument:
        self.next_event()  # the stream's start
        event = self.next_event()
        if type(event) is yaml.StreamEndEvent:
            return YamlDocument(self.file, None, {(): Location(1, 1)}, {})
        if type(event) is not yaml.DocumentStartEvent:  # pragma: no cover - the parser's order
            raise _NotPlain
        data = self.node(self.next_event(), (), 0)
        if len(self.values) > MAX_NODES:
            raise _NotPlain  # every path is a node here, as there are no aliases
        if type(self.next_event()) is not yaml.DocumentEndEvent:  # pragma: no cover
            raise _NotPlain
        if type(self.next_event()) is not yaml.StreamEndEvent:
            raise _NotPlain  # another document follows
        return YamlDocument(self.file, data, self.values, self.keys, self.scalars)

    def node(self, event: Any, path: KeyPath, depth: int) -> Any:
        # This runs once for every value of every document read, so it is written for speed:
        # exact type checks, names bound to locals, Locations made by tuple.__new__ directly.
        kind = type(event)
        if kind is yaml.AliasEvent or event.anchor is not None or depth > MAX_DEPTH:
            raise _NotPlain
        mark = event.start_mark
        here = _location((mark.line + 1, mark.column + 1))
        self.values[path] = here
        if kind is yaml.ScalarEvent:
            self.scalars[path] = here
            return self.scalar(event)
        if event.tag is not None:
            raise _NotPlain
        next_event = self.next_event
        if kind is yaml.SequenceStartEvent:
            items: list[Any] = []
            child = next_event()
            while type(child) is not yaml.SequenceEndEvent:
                items.append(self.node(child, (*path, len(items)), depth + 1))
                child = next_event()
            return items
        if kind is not yaml.MappingStartEvent:  # pragma: no cover - the parser's order
            raise _NotPlain
        result: dict[Any, Any] = {}
        keys = self.keys
        key_event = next_event()
        while type(key_event) is not yaml.MappingEndEvent:
            if type(key_event) is not yaml.ScalarEvent or key_event.anchor is not None:
                raise _NotPlain
            part = _key_part(self.scalar(key_event))
            if part in result:
                raise _NotPlain  # a duplicate key: parse_composed reports it
            child_path = (*path, part)
            key_mark: Any = key_event.start_mark  # never None for parser events
            keys[child_path] = _location((key_mark.line + 1, key_mark.column + 1))
            result[part] = self.node(next_event(), child_path, depth + 1)
            key_event = next_event()
        return result

    def scalar(self, event: Any) -> Any:
        if event.tag is not None:
            raise _NotPlain
        value: str = event.value
        if not event.implicit[0]:
            return value  # quoted: always text (the safe loader has no path resolvers)
        known = self.plain.get(value, _UNKNOWN)
        return self.resolve(event) if known is _UNKNOWN else known

    def resolve(self, event: Any) -> Any:
        """A plain scalar's value, resolved and constructed as the safe loader does."""
        value: str = event.value
        tag = self.loader.resolve(yaml.ScalarNode, value, (True, False))
        if tag == _STR:
            self.plain[value] = value
            return value
        if tag not in self.loader.yaml_constructors:
            raise _NotPlain  # merge keys, "=", and anything else the safe loader refuses
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            constructed = self.loader.construct_object(node, deep=True)
        except Exception:
            raise _NotPlain from None  # parse_composed meets the same value and reports it
        if tag in _CACHED_TAGS:
            self.plain[value] = constructed
        return constructed
