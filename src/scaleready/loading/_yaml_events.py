"""The fast path of :mod:`scaleready.loading.yaml_source`: plain documents read straight from
the parser's events.

The composed reader (``yaml_source.parse_composed``) makes a Python node object for every
value, with tag resolution and constructor dispatch per scalar. This reader handles only what
plain documents contain (mappings with plain keys, sequences, untagged scalars) and gives up at
anything else, leaving it to the composed reader, which reports every problem. It records
exactly the data and positions the composed reader would, which the tests check.

What it saves (``benchmarks/devices.py --runs 21``, CPU time of the work in fresh interpreters,
interleaved, median of each round's ratio; docs/performance.md, "Devices that pay their way"):
with the composed reader alone the work takes 1.27x as long for the bundled questionnaire with
its seven examples, 1.28x for a generated 200-question questionnaire, 1.34x for a workshop of
500 answers files and 1.49x for ``validate`` of the seven examples.
"""

from __future__ import annotations

from typing import Any

import yaml

from scaleready.loading.yaml_source import (
    MAX_DEPTH,
    MAX_NODES,
    Scalars,
    _Children,
    _Entry,
    _key_part,
)

_STR = "tag:yaml.org,2002:str"
_UNKNOWN = object()
# Implicit tags whose values are immutable, so one constructed value can serve every occurrence.
_CACHED_TAGS = frozenset(f"tag:yaml.org,2002:{t}" for t in ("null", "bool", "int", "float"))
# A bound on one cache of scalar values, so that a batch of large files cannot grow it without
# end; past it, values are resolved each time.
_SCALARS_LIMIT = 100_000


class _NotPlain(Exception):
    """The document uses something this reader leaves to the composed reader."""


def read_plain(
    loader: yaml.SafeLoader, scalars: Scalars
) -> tuple[Any, _Entry] | tuple[None, None] | None:
    """A plain document's data and root entry (``(None, None)`` for an empty one); ``None`` if
    the document is not plain, or has any problem at all."""
    if loader.yaml_path_resolvers:  # pragma: no cover - the safe loader has none
        return None
    try:
        return _Reader(loader, scalars).document()
    except (_NotPlain, yaml.YAMLError, RecursionError):
        return None  # the composed reader reads it again and reports whatever is wrong


class _Reader:
    """One document's reader. Events are typed ``Any``: PyYAML's stubs do not describe the C
    parser's events precisely."""

    def __init__(self, loader: yaml.SafeLoader, scalars: Scalars) -> None:
        self.loader: Any = loader
        self.next_event: Any = loader.get_event
        self.nodes = 1  # the root; each collection adds its children
        self.scalars = scalars

    def document(self) -> tuple[Any, _Entry] | tuple[None, None]:
        self.next_event()  # the stream's start
        event = self.next_event()
        if type(event) is yaml.StreamEndEvent:
            return None, None
        if type(event) is not yaml.DocumentStartEvent:  # pragma: no cover - the parser's order
            raise _NotPlain
        event = self.next_event()
        mark = event.start_mark
        data, children = self.node(event, 0)
        if self.nodes > MAX_NODES:
            raise _NotPlain  # each entry is a node here, as there are no aliases
        if type(self.next_event()) is not yaml.DocumentEndEvent:  # pragma: no cover
            raise _NotPlain
        if type(self.next_event()) is not yaml.StreamEndEvent:
            raise _NotPlain  # another document follows
        return data, (0, 0, mark.line + 1, mark.column + 1, children)

    def node(self, event: Any, depth: int) -> tuple[Any, _Children | None]:
        """A value and its children's entries (``None`` for a scalar); ``event`` is its first."""
        kind = type(event)
        if event.anchor is not None or event.tag is not None or kind is yaml.AliasEvent:
            raise _NotPlain
        if kind is yaml.ScalarEvent:
            return self.scalar(event), None
        if kind is yaml.MappingStartEvent:
            return self.mapping(depth)
        if kind is yaml.SequenceStartEvent:
            return self.sequence(depth)
        raise _NotPlain  # pragma: no cover - the parser's order

    def mapping(self, depth: int) -> tuple[dict[Any, Any], dict[str | int, _Entry]]:
        next_event = self.next_event
        data: dict[Any, Any] = {}
        children: dict[str | int, _Entry] = {}
        event = next_event()
        end = yaml.MappingEndEvent
        if depth >= MAX_DEPTH and type(event) is not end:
            raise _NotPlain  # its entries would be nested too deeply
        while type(event) is not end:
            if (
                type(event) is not yaml.ScalarEvent
                or event.anchor is not None
                or event.tag is not None
            ):
                raise _NotPlain  # a complex, tagged or anchored key
            key = self.scalar(event)
            part = key if type(key) is str else _key_part(key)
            if part in data:
                raise _NotPlain  # a duplicate key: the composed reader reports it
            key_mark: Any = event.start_mark
            event = next_event()
            mark = event.start_mark
            data[part], grandchildren = self.node(event, depth + 1)
            children[part] = (
                key_mark.line + 1,
                key_mark.column + 1,
                mark.line + 1,
                mark.column + 1,
                grandchildren,
            )
            event = next_event()
        self.nodes += len(data)
        return data, children

    def sequence(self, depth: int) -> tuple[list[Any], list[_Entry]]:
        next_event = self.next_event
        items: list[Any] = []
        children: list[_Entry] = []
        event = next_event()
        end = yaml.SequenceEndEvent
        if depth >= MAX_DEPTH and type(event) is not end:
            raise _NotPlain  # its items would be nested too deeply
        while type(event) is not end:
            mark = event.start_mark
            item, grandchildren = self.node(event, depth + 1)
            items.append(item)
            children.append((0, 0, mark.line + 1, mark.column + 1, grandchildren))
            event = next_event()
        self.nodes += len(items)
        return items, children

    def scalar(self, event: Any) -> Any:
        """An untagged scalar's value: quoted, always text (the safe loader has no path
        resolvers); plain, resolved and constructed as the safe loader does, through the
        cache of values by text."""
        if not event.implicit[0]:
            return event.value
        known = self.scalars.get(event.value, _UNKNOWN)
        return self.resolve(event) if known is _UNKNOWN else known

    def resolve(self, event: Any) -> Any:
        value: str = event.value
        tag = self.loader.resolve(yaml.ScalarNode, value, (True, False))
        if tag == _STR:
            if len(self.scalars) < _SCALARS_LIMIT:
                self.scalars[value] = value
            return value
        if tag not in self.loader.yaml_constructors:
            raise _NotPlain  # merge keys, "=", and anything else the safe loader refuses
        node = yaml.ScalarNode(tag, value, event.start_mark, event.end_mark, event.style)
        try:
            constructed = self.loader.construct_object(node, deep=True)
        except Exception:
            raise _NotPlain from None  # the composed reader meets the same value and reports it
        if tag in _CACHED_TAGS and len(self.scalars) < _SCALARS_LIMIT:
            self.scalars[value] = constructed
        return constructed
