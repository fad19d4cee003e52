"""A blank answers file for ``scaleready init``: every question as a comment, with its help
(indented under it) and its allowed answers, ready to fill in."""

from __future__ import annotations

import json
import textwrap

from scaleready.formats.questionnaire import Question, Questionnaire

_WIDTH = 98


def _comment(text: str, indent: str = "  ", inner: str = "") -> list[str]:
    lines = []
    for paragraph in text.strip().splitlines() or [""]:
        width = _WIDTH - len(indent) - 2 - len(inner)
        wrapped = textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""]
        lines += [f"{indent}# {inner}{line}".rstrip() for line in wrapped]
    return lines


def _allowed(questionnaire: Questionnaire, question: Question) -> list[str]:
    kind = question.type
    if kind in ("choice", "scale", "multi"):
        head = "one of:" if kind != "multi" else "a list of any of, e.g. [a, b]:"
        options = [f"  {o.key}: {o.label}" for o in questionnaire.options_of(question)]
        return [head, *options]
    if kind == "number":
        low = "" if question.min is None else f"{question.min:g}"
        high = "" if question.max is None else f"{question.max:g}"
        what = "a whole number" if question.integer else "a number"
        bounds = f" from {low} to {high}" if low and high else (f" >= {low}" if low else "")
        unit = f" ({question.unit})" if question.unit else ""
        return [f"{what}{bounds}{unit}"]
    if kind == "boolean":
        return ["true or false"]
    return ['text, in quotes: "..."']


def _escapes(question: Question) -> str:
    offered = []
    if question.dont_know:
        offered.append("{dont_know: true}")
    if question.not_applicable:
        offered.append('{not_applicable: true, reason: "..."}')
    return " or ".join(offered)


def blank_answers(questionnaire: Questionnaire, path: str | None = None) -> str:
    """The text of a blank answers file for ``questionnaire`` that validates as it is; ``path``:
    the questionnaire's file relative to it, to write into its questionnaire ref."""
    q = questionnaire
    # JSON's string syntax is YAML's double-quoted one: any path reads back as written.
    named = "" if path is None else f", path: {json.dumps(path)}"
    out = [
        f"# Answers to {q.title!r} ({q.id} {q.version}).",
        "# Write each answer after its question's colon; leave it blank to skip the question.",
        '# To add a note: {value: ANSWER, note: "..."}.',
        "# Check the file with: scaleready validate FILE; score it with: scaleready score FILE",
        f"questionnaire: {{id: {q.id}, version: {q.version}{named}}}",
        "respondent:",
        "  name:",
        "  role:",
        "organisation:",
        "answers:",
    ]
    for section in q.sections:
        out += ["", f"  # == {section.title} =="]
        if section.intro:
            out += _comment(section.intro)
        if section.when:
            out.append(f"  # (asked only when: {section.when})")
        for question in section.questions:
            out.append("")
            out += _comment(question.text)
            if question.help:  # why it is asked and how to answer: what the interview's ? shows
                out += _comment(question.help, inner="  ")
            out += [f"  # {line}" for line in _allowed(q, question)]
            if _escapes(question):
                out.append(f"  # or {_escapes(question)}")
            if question.when:
                out.append(f"  # (asked only when: {question.when})")
            out.append(f"  {question.id}:")
    return "\n".join(out) + "\n"
