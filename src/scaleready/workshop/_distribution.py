"""How a question's answers are distributed: one bucket per option, yes and no, each distinct
number or number range, or each band; and how numbers read in the buckets' labels.
"""

from __future__ import annotations

from collections.abc import Sequence

from scaleready.formats.answers import AnswerValue
from scaleready.formats.questionnaire import Option, Question
from scaleready.workshop.model import Bucket

__all__ = [
    "MAX_NUMBER_BINS",
    "boolean_buckets",
    "fmt_number",
    "multi_buckets",
    "number_buckets",
    "option_buckets",
    "tidy",
]

MAX_NUMBER_BINS = 8
"""Numbers without bands: one bucket per distinct value up to this many, else this many ranges."""


def tidy(value: float) -> int | float:
    """A number as it reads best: whole numbers as ``int``, others rounded to three decimals."""
    rounded = round(value, 3)
    return int(rounded) if float(rounded).is_integer() else rounded


def fmt_number(value: float) -> str:
    """A number for a label: no trailing zeros, at most three decimals."""
    return f"{tidy(value)}"


def option_buckets(options: Sequence[Option], values: Sequence[AnswerValue]) -> tuple[Bucket, ...]:
    """How many chose each option, in the options' order."""
    counts: dict[str | int, int] = {}
    for v in values:
        counts[_count_key(v)] = counts.get(_count_key(v), 0) + 1
    return tuple(
        Bucket(label=o.label, key=o.key, count=counts.get(o.key, 0), score=o.score) for o in options
    )


def multi_buckets(options: Sequence[Option], values: Sequence[AnswerValue]) -> tuple[Bucket, ...]:
    """How many chose each option of a multi question (each participant once per option)."""
    counts: dict[str | int, int] = {}
    for v in values:
        assert isinstance(v, tuple)
        for k in v:
            counts[k] = counts.get(k, 0) + 1
    return tuple(
        Bucket(label=o.label, key=o.key, count=counts.get(o.key, 0), score=o.score) for o in options
    )


def boolean_buckets(values: Sequence[AnswerValue], question: Question) -> tuple[Bucket, ...]:
    """How many said yes and how many no."""
    yes = sum(1 for v in values if v is True)
    return (
        Bucket(label="yes", key=True, count=yes, score=question.true_score),
        Bucket(label="no", key=False, count=len(values) - yes, score=question.false_score),
    )


def number_buckets(question: Question, values: Sequence[AnswerValue]) -> tuple[Bucket, ...]:
    """How many gave each number: by band, else by distinct value (up to
    :data:`MAX_NUMBER_BINS`), else by as many equal ranges."""
    numbers = [_number(v) for v in values]
    if question.bands:
        return _band_buckets(question, numbers)
    distinct = sorted(set(numbers))
    if len(distinct) <= MAX_NUMBER_BINS:
        return tuple(
            Bucket(
                label=fmt_number(d),
                key=None,
                low=d,
                high=d,
                count=sum(1 for n in numbers if n == d),
            )
            for d in distinct
        )
    low, high = distinct[0], distinct[-1]
    width = (high - low) / MAX_NUMBER_BINS
    counts = [0] * MAX_NUMBER_BINS
    for n in numbers:
        # The last range is closed so that the maximum falls in it.
        counts[min(MAX_NUMBER_BINS - 1, int((n - low) / width))] += 1
    out = []
    for i, count in enumerate(counts):
        a, b = low + i * width, low + (i + 1) * width if i < MAX_NUMBER_BINS - 1 else high
        out.append(
            Bucket(
                label=f"{fmt_number(a)} to {fmt_number(b)}",
                key=None,
                low=float(round(a, 3)),
                high=float(round(b, 3)),
                count=count,
            )
        )
    return tuple(out)


def _band_buckets(question: Question, numbers: Sequence[float]) -> tuple[Bucket, ...]:
    assert question.bands
    counts = [0] * len(question.bands)
    for n in numbers:
        for i, band in enumerate(question.bands):
            if band.upto is None or n <= band.upto:
                counts[i] += 1
                break
    out = []
    previous: float | None = None
    for band, count in zip(question.bands, counts, strict=True):
        if band.upto is None:
            label = "any" if previous is None else f"over {fmt_number(previous)}"
        elif previous is None:
            label = f"up to {fmt_number(band.upto)}"
        else:
            label = f"over {fmt_number(previous)}, up to {fmt_number(band.upto)}"
        out.append(
            Bucket(
                label=label, key=None, low=previous, high=band.upto, count=count, score=band.score
            )
        )
        previous = band.upto
    return tuple(out)


def _count_key(value: AnswerValue) -> str | int:
    assert isinstance(value, (str, int))
    return value


def _number(value: AnswerValue) -> float:
    assert isinstance(value, (int, float))
    return float(value)
