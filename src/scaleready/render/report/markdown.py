"""Escaping for GitHub-flavoured Markdown, and the Mermaid diagram of the recommendation chains.

GitHub renders raw HTML in Markdown (sanitised, but ``<img>`` and ``<details>`` survive), expands
``$...$`` as maths, and splits table rows on ``|``. Text a user typed must therefore be escaped
both as HTML and as Markdown before it reaches a report: :func:`md_escape` does both, so GitHub
shows ``<script>`` as the eight characters a user typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from scaleready.errors import visible

# HTML-significant characters become entities (GitHub decodes them back to the characters, as
# text); Markdown punctuation that could start emphasis, a link, code, maths, strikethrough or end
# a table cell is backslash-escaped (CommonMark allows a backslash before any ASCII punctuation).
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BACKSLASHED = set("\\`*_[]|~$")
# At the start of a line these would make a heading, a quote, a list item or a setext underline
# (``24.4`` is left alone: a list marker needs a space after it).
_LINE_START = re.compile(r"^(\s*)(#|>|[-+=](?=\s|$)|\d{1,9}[.)](?=\s|$))")
_SPACE = re.compile(r"\s+")


def md_escape(text: object) -> str:
    """Text shown as itself on GitHub: one line, HTML and Markdown syntax neutralised."""
    # A newline would end a table row or a list item; an ESC would reach a terminal showing it.
    flat = visible(_SPACE.sub(" ", str(text)))
    out = []
    for ch in flat:
        if ch in _ENTITIES:
            out.append(_ENTITIES[ch])
        elif ch in _BACKSLASHED:
            out.append("\\" + ch)
        else:
            out.append(ch)
    escaped = "".join(out)
    match = _LINE_START.match(escaped)
    if match:
        lead, mark = match.group(1), match.group(2)
        escaped = lead + mark[:-1] + "\\" + mark[-1] + escaped[match.end() :]
    return escaped


def md_code(text: object) -> Markup:
    """An inline code span that shows ``text`` verbatim, whatever backticks it holds."""
    flat = visible(_SPACE.sub(" ", str(text)).strip())
    if "|" in flat:
        # Inside a table a pipe ends the cell even within a code span; show it as plain text.
        return Markup(md_escape(flat))  # noqa: S704 - escaped just now
    longest = max((len(m) for m in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    # Inside a code span nothing is interpreted: not HTML, not Markdown.
    return Markup(f"{fence}{pad}{flat}{pad}{fence}")  # noqa: S704


# Mermaid labels: letters, digits and a few harmless marks stay; everything else becomes a
# numeric entity (#60; is '<'), which Mermaid decodes into text, never into markup or syntax.
_MERMAID_SAFE = re.compile(r"[A-Za-z0-9 .,:'/()+%-]")


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word to at most ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "\u2026"


def mermaid_label(text: str, limit: int = 80) -> str:
    """A Mermaid node label (for use inside double quotes), shortened to ``limit`` characters."""
    flat = shorten(text, limit)
    return "".join(c if _MERMAID_SAFE.fullmatch(c) else f"#{ord(c)};" for c in flat)


@dataclass(frozen=True)
class FlowNode:
    """A node of a flowchart: ``key`` identifies it (shared nodes are drawn once)."""

    key: str
    label: str
    kind: str
    group: str | None = None  # the title of the subgraph it is drawn in, if any


def mermaid_flowchart(nodes: Sequence[FlowNode], edges: Sequence[tuple[str, str]]) -> Markup:
    """A fenced ``mermaid`` ``flowchart LR`` block.

    Node ids are generated (``n1``, ``n2``, ...), never taken from the questionnaire, so no id can
    collide with Mermaid syntax (``end``, ``graph``) or carry punctuation. Each node kind gets a
    class, styled with Okabe-Ito tints so the columns read apart in GitHub's light and dark themes.
    Nodes with a ``group`` are drawn inside a subgraph of that title (``g1``, ``g2``, ...), in the
    order the groups first appear.
    """
    ids: dict[str, str] = {}
    lines = ["```mermaid", "flowchart LR"]
    groups: dict[str | None, list[FlowNode]] = {}
    for node in nodes:
        if node.key not in ids:
            ids[node.key] = f"n{len(ids) + 1}"
            groups.setdefault(node.group, []).append(node)
    for number, (group, members) in enumerate(groups.items(), start=1):
        indent = "  " if group is None else "    "
        if group is not None:
            lines.append(f'  subgraph g{number}["{mermaid_label(group)}"]')
        for node in members:
            lines.append(f'{indent}{ids[node.key]}["{mermaid_label(node.label)}"]:::{node.kind}')
        if group is not None:
            lines.append("  end")
    seen: set[tuple[str, str]] = set()
    for source, target in edges:
        if (source, target) in seen or source not in ids or target not in ids:
            continue
        seen.add((source, target))
        lines.append(f"  {ids[source]} --> {ids[target]}")
    lines += [f"  classDef {kind} {style}" for kind, style in _MERMAID_CLASSES]
    lines.append("```")
    # Labels went through mermaid_label; ids and styles are ours.
    return Markup("\n".join(lines))  # noqa: S704


_MERMAID_CLASSES = (
    ("mechanism", "fill:#f5e4ee,stroke:#cc79a7,color:#1b1f24"),
    ("value", "fill:#d9f0e8,stroke:#009e73,color:#1b1f24"),
    ("capability", "fill:#d6e8f5,stroke:#0072b2,color:#1b1f24,stroke-width:2px"),
    ("factor", "fill:#f8e1d3,stroke:#d55e00,color:#1b1f24"),
    ("outcome", "fill:#e3f2fb,stroke:#56b4e9,color:#1b1f24"),
)
