"""The ruamel.yaml nodes an answers file is written with: the canonical style (flow mappings and
lists, quoting that PyYAML reads back the same) and the in-place update of one entry. Private to
:mod:`scaleready.loading.answers_file`, which explains the choices."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap

# Long notes stay on one line: wrapping is valid YAML but makes diffs of answers files noisy.
_WIDTH = 4096
_STR_TAG = "tag:yaml.org,2002:str"


@lru_cache(maxsize=1)
def round_trip() -> YAML:
    from ruamel.yaml import YAML

    yaml = YAML()  # round-trip mode: comments, order and flow style are kept
    yaml.width = _WIDTH
    yaml.allow_unicode = True
    yaml.preserve_quotes = True
    yaml.representer.add_representer(float, _represent_float)
    return yaml


def dump(doc: CommentedMap) -> str:
    out = io.StringIO()
    round_trip().dump(doc, out)
    return out.getvalue()


def _represent_float(representer: Any, value: float) -> Any:
    text = repr(value)
    # YAML 1.1 (PyYAML, which reads the file back) needs a dot in the mantissa: 1e+20 is text.
    match = re.fullmatch(r"(-?\d+)(e[-+]\d+)", text)
    if match:
        text = f"{match.group(1)}.0{match.group(2)}"
    return representer.represent_scalar("tag:yaml.org,2002:float", text)


@lru_cache(maxsize=4096)
def _plain_is_text(text: str) -> bool:
    """Whether PyYAML reads ``text`` written plain (unquoted) back as the same text."""
    import yaml

    resolver = yaml.resolver.Resolver()
    tag = resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == _STR_TAG)


# Plain (unquoted) only for simple words: ruamel would pick single quotes for some others, which
# leave characters such as U+0085 raw, and YAML 1.1 reads those as line breaks.
_SIMPLE = re.compile(r"\w[\w.,/@+ -]*")


def plain_or_quoted(text: str) -> Any:
    """A simple word (an option key, a question id, a name) written plain when that reads back as
    the same string, else double-quoted."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    simple = _SIMPLE.fullmatch(text) and not text.endswith(" ") and _plain_is_text(text)
    return text if simple else DoubleQuotedScalarString(text)


def _text(text: str) -> Any:
    """Words a person typed (notes, reasons, text answers, names): always double-quoted, which
    reads back the same in every YAML version and keeps every character."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    return DoubleQuotedScalarString(text)


_WORDS = ("note", "reason")


def _node(data: Any, words: bool = False) -> Any:
    """Plain data as ruamel nodes in the canonical style (flow mappings and lists); strings are
    quoted as words a person typed when ``words``, else written plain where that is safe."""
    from ruamel.yaml.comments import CommentedSeq

    if isinstance(data, dict):
        return flow_map(data)
    if isinstance(data, list):
        seq = CommentedSeq([_node(item, words) for item in data])
        seq.fa.set_flow_style()
        return seq
    if isinstance(data, str):
        return _text(data) if words else plain_or_quoted(data)
    return data


def entry_node(data: Any, is_text: bool) -> Any:
    """One answer's entry; ``is_text``: the question takes free text, so its value is words."""
    if isinstance(data, dict):
        return flow_map(data, is_text)
    return _node(data, is_text)


def flow_map(data: Mapping[str, Any], text_value: bool = False) -> CommentedMap:
    from ruamel.yaml.comments import CommentedMap

    node = CommentedMap()
    for key, value in data.items():
        node[key] = _node(value, _is_words(key, text_value))
    node.fa.set_flow_style()
    return node


def _is_words(key: str, text_value: bool) -> bool:
    return key in _WORDS or (key in ("value", "claimed") and text_value)


def index_after(mapping: CommentedMap, key: str) -> int:
    keys = list(mapping)
    return keys.index(key) + 1 if key in keys else len(keys)


def _plain(node: Any) -> Any:
    """ruamel's node types as plain data, for comparing with what should be written."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def set_entry(entries: CommentedMap, qid: str, want: Any, is_text: bool) -> None:
    from ruamel.yaml.comments import CommentedMap

    have = entries[qid]
    if _same(_plain(have), want):
        return  # leave it exactly as written
    if isinstance(have, CommentedMap) and isinstance(want, dict):
        # Update key by key, so comments inside a block-style entry stay where they are.
        for key in [k for k in have if k not in want]:
            del have[key]
        for position, (key, value) in enumerate(want.items()):
            node = _node(value, _is_words(key, is_text))
            if key not in have:
                have.insert(position, key, node)
            elif not _same(_plain(have[key]), value):
                have[key] = node
        return
    entries[qid] = None if want is None else entry_node(want, is_text)


def _same(a: Any, b: Any) -> bool:
    # True == 1 in Python, but `true` and `1` are different answers in an answers file.
    if type(a) is not type(b) and (isinstance(a, bool) or isinstance(b, bool)):
        return False
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)
