"""Shared helpers: write a file into a temporary folder; a document's positions, flat."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from scaleready.loading.yaml_source import Location, YamlDocument

DATA = Path(__file__).parent / "data"
REPO = Path(__file__).parent.parent

Writer = Callable[[str, str], Path]


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    """Write ``text`` to ``tmp_path/name`` and return the path."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return _write


Positions = dict[tuple[str | int, ...], Location]


def flat_positions(doc: YamlDocument) -> tuple[Positions, Positions, Positions]:
    """A document's tree of positions as flat mappings from key paths, the way the readers
    recorded them before the tree: every value's, every mapping key's, every scalar value's."""
    values: Positions = {}
    keys: Positions = {}
    scalars: Positions = {}

    def walk(path: tuple[str | int, ...], entry: Any) -> None:
        key_line, key_column, line, column, children = entry
        values[path] = Location(line, column)
        if key_line:
            keys[path] = Location(key_line, key_column)
        if children is None:
            scalars[path] = Location(line, column)
        else:
            parts = children.items() if isinstance(children, dict) else enumerate(children)
            for part, child in parts:
                walk((*path, part), child)

    walk((), doc.positions)
    return values, keys, scalars


def locate_in_flat(
    positions: tuple[Positions, Positions, Positions],
    path: tuple[str | int, ...],
    at_key: bool = False,
) -> Location:
    """``YamlDocument.locate`` as it was written over flat positions: the reference it keeps to."""
    values, keys, scalars = positions
    if not at_key and path in scalars:
        return scalars[path]
    for end in range(len(path), -1, -1):
        prefix = path[:end]
        if prefix in keys:
            return keys[prefix]
        if prefix in values:
            return values[prefix]
    return Location(1, 1)
