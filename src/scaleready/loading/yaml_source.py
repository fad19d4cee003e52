"""The one place YAML is read: safe loading only, with the line and column of every node kept.

Every later check (structural or semantic) reports through a :class:`YamlDocument`, so that each
message reads ``file:LINE:COL: key.path: message``.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, TypeAlias

import yaml

from scaleready.errors import InputError, KeyPath, Problem, Severity

# Limits that keep hostile input (huge files, alias bombs, deep nesting) cheap to refuse.
MAX_BYTES = 10 * 1024 * 1024
MAX_NODES = 1_000_000
MAX_DEPTH = 100

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Plain scalars' values by their text (text, or an immutable value: null, bool, int, float),
# shared by the documents of one batch. A scalar's value depends on its text alone, and the
# answers files of a workshop repeat the same ids, keys and numbers hundreds of times. A cache
# per document saves 1.09-1.20x of the work's CPU time at every size; one cache for the 500
# files of a workshop saves 1.16x more, and sharing saves nothing anywhere else
# (benchmarks/devices.py --runs 21; docs/performance.md, "Devices that pay their way"). So it is
# scoped to a batch rather than the process: no state outlives the call.
Scalars: TypeAlias = "dict[str, Any]"


class Location(NamedTuple):
    """A 1-based line and column in a source file.

    A named tuple rather than a frozen dataclass: one is made for every node of every document,
    and a tuple is several times cheaper to create.
    """

    line: int
    column: int


# Where one node stands: its key's line and column (0, 0 when it has no key: a sequence item, the
# root), its own line and column, and its children's entries (None for a scalar): a mapping's by
# key part, a sequence's in order. The readers record positions as this tree, parallel to the
# data, rather than as mappings keyed by whole key paths: building and hashing a path tuple for
# every node was most of what recording positions cost. One flat tuple of ints per node, and no
# Location until one is asked for: each object made per node costs time, and the collector
# stops tracking a tuple of ints (a scalar's entry) after its first pass.
_Entry: TypeAlias = "tuple[int, int, int, int, _Children | None]"
_Children: TypeAlias = "dict[str | int, _Entry] | list[_Entry]"

# The entry of a document with no node at all: at 1:1, and not a scalar (the empty children say
# so), as the composed reader has always placed it. Never changed once made, so it can be shared.
_EMPTY: _Entry = (0, 0, 1, 1, {})


@dataclass(frozen=True)
class YamlDocument:
    """Plain Python data parsed from YAML, with where every key and value stood in the file.

    ``positions`` is the tree of entries for ``data`` (see ``_Entry``); a document made by hand
    may leave it out, and then places everything at 1:1.
    """

    file: str
    data: Any
    positions: _Entry = _EMPTY

    def locate(self, path: KeyPath, *, at_key: bool = False) -> Location:
        """Where ``path`` is in the file.

        A plain value is placed where the value stands (unless ``at_key``); a mapping entry whose
        value is a list or mapping is placed at its key; a path that does not exist (a missing
        key, say) at its nearest existing parent.
        """
        entry, found = _descend(self.positions, path)  # else its nearest existing parent
        return Location(*_place(entry, at_value=found and not at_key))

    def lines_of(self, path: KeyPath) -> dict[str | int, int]:
        """The line of each entry of the mapping at ``path``, as :meth:`locate` places it: the
        same as ``locate((*path, key)).line`` for every key, in one walk."""
        entry, found = _descend(self.positions, path)
        children = entry[4]
        if not found or not isinstance(children, dict):
            return {}
        return {part: _place(child, at_value=True)[0] for part, child in children.items()}

    def problem(
        self, path: KeyPath, message: str, severity: Severity = "error", *, at_key: bool = False
    ) -> Problem:
        """A problem located at ``path`` in this document (see :meth:`locate`)."""
        loc = self.locate(path, at_key=at_key)
        return Problem(self.file, loc.line, loc.column, path, message, severity)


def _place(entry: _Entry, *, at_value: bool) -> tuple[int, int]:
    """Where an entry is placed: a scalar at its value when ``at_value``; anything else at its
    key, or at its value if it has no key (a sequence item, the root)."""
    if at_value and entry[4] is None:
        return entry[2], entry[3]
    return (entry[0], entry[1]) if entry[0] else (entry[2], entry[3])


def _descend(entry: _Entry, path: KeyPath) -> tuple[_Entry, bool]:
    """The entry at ``path`` below ``entry`` and ``True``; or, if the path does not exist, its
    nearest existing parent's entry and ``False``."""
    for part in path:
        child = _child(entry, part)
        if child is None:
            return entry, False
        entry = child
    return entry, True


def _child(entry: _Entry, part: str | int) -> _Entry | None:
    """The entry of ``part`` under ``entry``, if there is one."""
    children = entry[4]
    if isinstance(children, dict):
        return children.get(part)
    # Compared as the parts of a path tuple would be: True is the item at 1, "1" no item.
    if children is not None and isinstance(part, int) and 0 <= part < len(children):
        return children[part]
    return None


def load_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Read and parse one YAML file; raise :class:`InputError` if it cannot be read or parsed."""
    name = display_name or str(path)
    return parse_bytes(read_source(path, name), name)


def read_source(path: Path, name: str) -> bytes:
    """A file's bytes, if it is a readable regular file within the size limit; else
    :class:`InputError` naming it ``name``.

    Anything but a regular file is refused before a byte is read: a FIFO would wait for a writer
    for ever, and ``/dev/zero`` or ``/dev/urandom`` never end. The size is checked on what is read
    (at most one byte past the limit), not on what ``stat`` says, which a file that grows, or a
    device, does not tell truthfully.
    """
    try:
        # O_NONBLOCK: opening a FIFO without a writer would block before fstat could refuse it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise InputError([Problem(name, 1, 1, (), "is a directory, not a file")]) from None
    except FileNotFoundError:
        raise InputError([Problem(name, 1, 1, (), "no such file")]) from None
    except OSError as exc:
        raise InputError([Problem(name, 1, 1, (), f"cannot read: {exc.strerror}")]) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError([Problem(name, 1, 1, (), "is a directory, not a file")])
        if not stat.S_ISREG(info.st_mode):
            raise InputError([Problem(name, 1, 1, (), _NOT_REGULAR)])
        size = info.st_size  # refuses a big file without reading it; the read bounds the rest
        raw = b""
        if size <= MAX_BYTES:
            with os.fdopen(os.dup(fd), "rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError([Problem(name, 1, 1, (), f"cannot read: {exc.strerror}")]) from None
    finally:
        os.close(fd)
    grew = len(raw) > MAX_BYTES
    if grew:  # stat said less than was there: only a bound is known
        message = f"file is more than {MAX_BYTES:,} bytes, the limit"
        raise InputError([Problem(name, 1, 1, (), message)])
    if size > MAX_BYTES:
        message = f"file is {size:,} bytes; the limit is {MAX_BYTES:,}"
        raise InputError([Problem(name, 1, 1, (), message)])
    return raw


_NOT_REGULAR = "is not a regular file (a pipe, a device or a socket); give a file"


def parse_bytes(raw: bytes, file: str, scalars: Scalars | None = None) -> YamlDocument:
    """Parse a file's bytes as UTF-8 YAML (see :func:`parse_yaml`); raise :class:`InputError`."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(
            [Problem(file, line, column, (), "not valid UTF-8 text (save the file as UTF-8)")]
        ) from None
    return parse_yaml(text, file, scalars)


def parse_yaml(text: str, file: str, scalars: Scalars | None = None) -> YamlDocument:
    """Parse YAML text with the safe loader, keeping positions; raise :class:`InputError`.

    Most documents are plain (no anchors, aliases, merge keys, explicit tags or mistakes); they
    are read straight from the parser's events (:mod:`scaleready.loading._yaml_events`).
    Anything else, and every document with a problem, is read by :func:`parse_composed`, which
    reports it. ``scalars`` caches plain scalars' values by their text; pass one dict to the
    documents of a batch, whose files repeat the same keys, ids and numbers (see
    :data:`Scalars`); each call makes its own otherwise.
    """
    from scaleready.loading._yaml_events import read_plain

    loader = _Loader(text)
    try:
        plain = read_plain(loader, {} if scalars is None else scalars)
    finally:
        loader.dispose()
    if plain is None:
        return parse_composed(text, file)
    data, root = plain
    return YamlDocument(file, data) if root is None else YamlDocument(file, data, root)


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
            return YamlDocument(file, None)
        builder = _Builder(file, loader)
        try:
            data, root = builder.build(node, None, 0)
        except _Abort:  # always with its problem reported
            raise InputError(builder.problems) from None
        if builder.problems:
            raise InputError(builder.problems)
        return YamlDocument(file, data, root)
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
        self.problems: list[Problem] = []
        self.nodes = 0
        self.active: set[int] = set()

    def _fail(self, node: yaml.Node, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, (), message))

    def build(self, node: yaml.Node, key: yaml.Node | None, depth: int) -> tuple[Any, _Entry]:
        """The node's data and its entry; ``key`` is its key's node, if it has one."""
        self.nodes += 1
        mark = node.start_mark
        key_line, key_column = (
            (0, 0) if key is None else (key.start_mark.line + 1, key.start_mark.column + 1)
        )
        line, column = mark.line + 1, mark.column + 1
        if self.nodes > MAX_NODES:
            self._fail(node, f"document expands to more than {MAX_NODES:,} nodes (YAML aliases?)")
            raise _Abort
        if depth > MAX_DEPTH:
            self._fail(node, f"nested more than {MAX_DEPTH} levels deep")
            raise _Abort
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node), (key_line, key_column, line, column, None)
        if node.tag not in _PLAIN_COLLECTION_TAGS:
            self._fail(node, _tag_refused(node.tag))
            return None, (key_line, key_column, line, column, None)
        if id(node) in self.active:
            self._fail(node, "a YAML alias refers to itself")
            raise _Abort
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                items: list[Any] = []
                entries: list[_Entry] = []
                for child in node.value:
                    value, entry = self.build(child, None, depth + 1)
                    items.append(value)
                    entries.append(entry)
                return items, (key_line, key_column, line, column, entries)
            assert isinstance(node, yaml.MappingNode)
            data, children = self._mapping(node, depth)
            return data, (key_line, key_column, line, column, children)
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

    def _mapping(
        self, node: yaml.MappingNode, depth: int
    ) -> tuple[dict[Any, Any], dict[str | int, _Entry]]:
        result: dict[Any, Any] = {}
        children: dict[str | int, _Entry] = {}
        try:
            self.loader.flatten_mapping(node)  # resolves "<<" merge keys
        except yaml.MarkedYAMLError as exc:
            self.problems.append(_yaml_error(self.file, exc))
            return result, children
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
            result[part], children[part] = self.build(value_node, key_node, depth + 1)
        return result, children


class _Abort(Exception):
    """Stops building at once: the document is too large or too deep to be worth reading on."""


def _key_part(key: Any) -> str | int:
    """A mapping key as a part of a key path (shared by both readers, so they agree)."""
    return key if isinstance(key, (str, int)) else str(key)
