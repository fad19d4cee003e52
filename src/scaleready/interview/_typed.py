"""What typed input means: a line at a question's prompt becomes a command
(:func:`parse_input`), and an answer's text becomes a value of the question's type
(:func:`parse_value`), or :class:`~scaleready.interview._commands.Invalid` with what to type
instead."""

from __future__ import annotations

import math
import re
import unicodedata

from scaleready.formats.answers import Answer, AnswerValue
from scaleready.formats.questionnaire import Option, Question, Questionnaire
from scaleready.interview._commands import (
    AskNote,
    AskReason,
    Back,
    DontKnow,
    Give,
    Help,
    Invalid,
    Jump,
    Keep,
    Parsed,
    Quit,
    Skip,
)
from scaleready.interview.state import Choice, choices, is_answered


def clean_text(text: str) -> str:
    """Typed words as they are kept: trimmed, without control characters (a stray escape sequence
    from an arrow key) or undecodable bytes, which have no faithful place in a YAML file."""
    kept = "".join(c for c in text if c == "\t" or unicodedata.category(c) not in ("Cc", "Cs"))
    return kept.strip()


def parse_value(
    questionnaire: Questionnaire, question: Question, text: str
) -> AnswerValue | Invalid:
    """What ``text`` answers ``question``: an option key, a tuple of keys (``multi``), a number,
    a boolean or text; or :class:`Invalid` with a short message saying what to type."""
    typed = text.strip()
    kind = question.type
    if kind in ("choice", "scale", "multi"):
        numbered = choices(questionnaire, question)
        if kind != "multi":
            option = _match(numbered, typed)
            return option.key if option is not None else Invalid(_choose_hint(numbered))
        if typed.lower() in ("-", "none"):
            return ()
        picked: list[str | int] = []
        for token in (t for t in re.split(r"[,\s]+", typed) if t):
            option = _match(numbered, token)
            if option is None:
                return Invalid(f"{token!r} is not an option. {_choose_hint(numbered, multi=True)}")
            picked.append(option.key)
        if not picked:
            return Invalid(_choose_hint(numbered, multi=True))
        if NONE_KEY in picked and len(set(picked)) > 1:
            label = next(c.option.label for c in numbered if c.option.key == NONE_KEY)
            return Invalid(
                f'"{label}" cannot go with other options: choose it alone, or leave it out.'
            )
        return tuple(c.option.key for c in numbered if c.option.key in picked)
    if kind == "number":
        return _parse_number(question, typed)
    if kind == "boolean":
        word = typed.lower()
        if word in ("y", "yes", "true"):
            return True
        if word in ("n", "no", "false"):
            return False
        return Invalid("Type y for yes or n for no.")
    words = clean_text(typed)
    return words if words else Invalid("Type your answer, or s to skip.")


def _match(numbered: tuple[Choice, ...], token: str) -> Option | None:
    try:
        number = int(token)
    except ValueError:
        pass
    else:
        return next((c.option for c in numbered if c.number == number), None)
    exact = [c.option for c in numbered if str(c.option.key) == token]
    if exact:
        return exact[0]
    folded = [c.option for c in numbered if str(c.option.key).casefold() == token.casefold()]
    return folded[0] if len(folded) == 1 else None


def _choose_hint(numbered: tuple[Choice, ...], *, multi: bool = False) -> str:
    if not numbered:
        return "This question has no options."
    low, high = min(c.number for c in numbered), max(c.number for c in numbered)
    if multi:
        return (
            f"Type the numbers of every option that applies ({low} to {high}), separated by "
            "commas or spaces, or - for none."
        )
    return f"Type a number from {low} to {high}."


def describe_range(question: Question) -> str:
    """What a number question takes, in words: ``a whole number, 0 or more (people)``."""
    what = "a whole number" if question.integer else "a number"
    low, high = question.min, question.max
    if low is not None and high is not None:
        what += f" from {low:g} to {high:g}"
    elif low is not None:
        what += f", {low:g} or more"
    elif high is not None:
        what += f", {high:g} or less"
    return what + (f" ({question.unit})" if question.unit else "")


NONE_KEY = "none"
"""The key of a multi-choice option that means none of the others ("None of these"): it cannot be
chosen with them."""

THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
"""A number written with thousands separators: 1,200 or 12,500.5."""


def _parse_number(question: Question, typed: str) -> AnswerValue | Invalid:
    raw = typed
    unit = question.unit
    if unit and raw.casefold().endswith(unit.casefold()):
        raw = raw[: -len(unit)].strip()  # "30%" or "12 people" mean the number
    hint = f"Type {describe_range(question)}"
    if THOUSANDS.fullmatch(raw):
        raw = raw.replace(",", "")
    elif "," in raw:
        # 1,7 is 1.7 in much of Europe and 17 nowhere: ask rather than guess.
        return Invalid(
            f"{hint}: write {typed} without a comma (1.5 for a decimal, 1200 for a thousand)."
        )
    value: int | float
    try:
        value = int(raw)
    except ValueError:
        try:
            value = float(raw)
        except ValueError:
            return Invalid(f"{hint}, like {_example(question)}.")
        if not math.isfinite(value):
            return Invalid(f"{hint}.")
        if question.integer:
            if not value.is_integer():
                return Invalid(f"{hint}: {typed} is not a whole number.")
            value = int(value)
    from scaleready.loading._numbers import MAX_MAGNITUDE

    if (
        (question.min is not None and value < question.min)
        or (question.max is not None and value > question.max)
        or abs(value) > MAX_MAGNITUDE  # what an answers file may hold
    ):
        return Invalid(f"{hint}: {typed} is out of range.")
    return value


def _example(question: Question) -> str:
    low = question.min if question.min is not None else -math.inf
    high = question.max if question.max is not None else math.inf
    for candidate in (42, 12, 5, 1, question.min, question.max):
        if candidate is not None and low <= candidate <= high:
            return f"{candidate:g}"
    return "42"


def parse_input(
    questionnaire: Questionnaire,
    question: Question,
    text: str,
    current: Answer | None = None,
    *,
    review: bool = False,
) -> Parsed:
    """What a line typed at a question's prompt asks for.

    Keys (case does not matter): ``?`` help, ``b`` back, ``s`` skip, ``u`` don't know, ``x`` not
    applicable, ``n`` note (``note`` for yes/no questions, where ``n`` means no), ``g ID`` go to a
    question or section, ``q`` save and quit, Enter keeps the current answer; anything else is an
    answer. A key wins over an option
    with the same key; the option's number still chooses it.
    """
    typed = text.strip()
    word = typed.casefold()
    if not typed:
        if review or is_answered(current):
            return Keep()
        return Invalid("Type an answer, or s to skip (? for help).")
    if word in ("?", "help"):
        return Help()
    if word in ("b", "back"):
        return Back()
    if word in ("s", "skip"):
        return Skip()
    if word in ("q", "quit"):
        return Quit()
    first, _, rest = typed.partition(" ")
    if first.casefold() in ("g", "go") and rest.strip():
        return Jump(rest.strip())
    if word == "note" or (word == "n" and question.type != "boolean"):
        return AskNote()
    if word in ("u", "don't know", "dont know"):
        if not question.dont_know:
            return Invalid('This question does not offer "don\'t know".')
        return DontKnow()
    if word in ("x", "n/a", "na"):
        if not question.not_applicable:
            return Invalid('This question does not offer "not applicable".')
        return AskReason()
    value = parse_value(questionnaire, question, typed)
    return value if isinstance(value, Invalid) else Give(value)
