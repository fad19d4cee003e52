from __future__ import annotations

from pathlib import Path

import pytest

from scaleready.errors import InputError
from scaleready.loading.yaml_source import MAX_BYTES, Location, YamlDocument, load_yaml, parse_yaml
from tests.conftest import Writer


def messages(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        parse_yaml(text, "f.yaml")
    return [str(p) for p in info.value.problems]


def test_keeps_the_position_of_every_key_and_value() -> None:
    doc = parse_yaml("a: 1\nb:\n  - x: 2\n    y: [1, 2]\n", "f.yaml")
    assert doc.data == {"a": 1, "b": [{"x": 2, "y": [1, 2]}]}
    assert doc.locate(("a",)) == Location(1, 4)
    assert doc.locate(("a",), at_key=True) == Location(1, 1)
    assert doc.locate(("b",)) == Location(2, 1)
    assert doc.locate(("b", 0, "y")) == Location(4, 5)
    assert doc.locate(("b", 0, "y", 1)) == Location(4, 12)


def test_a_missing_key_is_placed_at_its_nearest_parent() -> None:
    doc = parse_yaml("a:\n  b: 1\n", "f.yaml")
    assert doc.locate(("a", "missing")) == Location(1, 1)


def test_places_every_value_and_key() -> None:
    doc = parse_yaml("a: 1\nb:\n  - x: 2\n", "f.yaml")
    paths: list[tuple[str | int, ...]] = [(), ("a",), ("b",), ("b", 0), ("b", 0, "x")]
    assert {path: (doc.locate(path), doc.locate(path, at_key=True)) for path in paths} == {
        (): (Location(1, 1), Location(1, 1)),
        ("a",): (Location(1, 4), Location(1, 1)),  # a plain value where it stands
        ("b",): (Location(2, 1), Location(2, 1)),  # a list at its key
        ("b", 0): (Location(3, 5), Location(3, 5)),  # an item, which has no key, where it stands
        ("b", 0, "x"): (Location(3, 8), Location(3, 5)),
    }


def test_a_path_part_must_match_in_type() -> None:
    doc = parse_yaml("b:\n  - x\n  - y\n1: z\n", "f.yaml")
    assert doc.locate(("b", 1)) == Location(3, 5)
    assert doc.locate(("b", "1")) == Location(1, 1)  # no item "1": placed at b's key
    assert doc.locate(("b", True)) == Location(3, 5)  # True is 1, as in a path tuple
    assert doc.locate((1,)) == Location(4, 4)


def test_lines_of_a_mapping_are_where_locate_places_its_entries() -> None:
    doc = parse_yaml("a:\n  x: 1\n  y:\n    - 2\n  z: |\n    text\n  w:\n    3\nb: [1]\n", "f.yaml")
    lines = doc.lines_of(("a",))
    assert lines == {"x": 2, "y": 3, "z": 5, "w": 8}
    assert lines == {k: doc.locate(("a", k)).line for k in ("x", "y", "z", "w")}
    assert doc.lines_of(("b",)) == {}  # not a mapping
    assert doc.lines_of(("nope",)) == {}


def test_a_document_made_by_hand_places_everything_at_the_start() -> None:
    assert YamlDocument("f.yaml", {"a": 1}).locate(("a",)) == Location(1, 1)


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("a: !!python/object/apply:os.system [echo hi]\n", "python/object/apply:os.system"),
        ("a: !!python/object:builtins.dict {x: 1}\n", "python/object:builtins.dict"),
        ("a: !!python/name:os.system ''\n", "python/name:os.system"),
    ],
)
def test_python_tags_are_refused(text: str, tag: str) -> None:
    assert messages(text) == [
        f"f.yaml:1:4: the tag 'tag:yaml.org,2002:{tag}' "
        "is not allowed (only plain YAML is read, never Python objects)"
    ]


def test_duplicate_keys_are_errors_not_silently_overwritten() -> None:
    assert messages("a: 1\nb: 2\na: 3\n") == ["f.yaml:3:1: duplicate key 'a' (first at line 1)"]


def test_syntax_errors_name_the_line() -> None:
    assert messages("a: [1, 2\nb: 3\n") == [
        "f.yaml:2:2: invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence)"
    ]


def test_alias_bomb_is_refused() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        name = chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join(['*' + prev] * 10)}]")
    problems = messages("\n".join(lines) + "\n")
    assert len(problems) == 1
    assert "document expands to more than 1,000,000 nodes (YAML aliases?)" in problems[0]


def test_a_self_referencing_alias_is_refused() -> None:
    assert messages("a: &x [1, *x]\n") == ["f.yaml:1:4: a YAML alias refers to itself"]


def test_deep_nesting_is_refused() -> None:
    problems = messages("a: " + "[" * 150 + "]" * 150 + "\n")
    assert problems == ["f.yaml:1:104: nested more than 100 levels deep"]


def test_empty_file_is_empty_data() -> None:
    assert parse_yaml("", "f.yaml").data is None


def test_files_that_cannot_be_read(tmp_path: Path, write: Writer) -> None:
    with pytest.raises(InputError, match=r"missing.yaml:1:1: no such file"):
        load_yaml(tmp_path / "missing.yaml")
    with pytest.raises(InputError, match=r":1:1: is a directory, not a file"):
        load_yaml(tmp_path)
    binary = tmp_path / "latin1.yaml"
    binary.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(InputError) as info:
        load_yaml(binary)
    assert str(info.value) == f"{binary}:2:7: not valid UTF-8 text (save the file as UTF-8)"


def test_huge_files_are_refused_before_reading(write: Writer) -> None:
    path = write("big.yaml", "a: 1\n")
    with path.open("r+b") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match=r"big.yaml:1:1: file is 10,485,761 bytes; the limit is"):
        load_yaml(path)


def test_documents_sharing_a_cache_of_scalars_read_as_each_alone() -> None:
    from scaleready.loading.yaml_source import Scalars, parse_bytes

    first = b"a: 1\nb: [yes, 2.5, null, text]\nc: {d: 2001-01-01}\n"
    second = b"b: [text, 1]\na: '1'\ne: 0x10\n"
    scalars: Scalars = {}
    shared = [parse_bytes(raw, f"{i}.yaml", scalars) for i, raw in enumerate((first, second))]
    alone = [parse_bytes(raw, f"{i}.yaml") for i, raw in enumerate((first, second))]
    assert [d.data for d in shared] == [d.data for d in alone]
    assert [d.positions for d in shared] == [d.positions for d in alone]
    assert shared[1].data["a"] == "1"  # quoted: text, though "1" is cached as a number
    assert scalars  # the second document read through what the first cached
