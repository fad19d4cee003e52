"""Coverage in words, the same in every output: the terminal summary, the reports and the
interview's closing line all print :func:`coverage_counts` of the result's
:class:`~scaleready.formats.result.Coverage`.

The definition is the engine's (:func:`scaleready.engine.scoring.coverage`): of the questions that
apply, each is answered, "don't know", "not applicable" or not answered, and the four add up to
the applicable ones; coverage is the answered share. A question the interview moved past is not
answered, whatever it was called there.
"""

from __future__ import annotations

from scaleready.formats.result import Coverage
from scaleready.render.report.format import percent

__all__ = ["coverage_counts", "coverage_sentence"]


def coverage_counts(c: Coverage) -> str:
    """``90 of 93 applicable questions answered (96.8%); 1 don't know, 1 not applicable,
    1 not answered``: every applicable question counted once."""
    return (
        f"{c.answered} of {c.applicable} applicable questions answered ({percent(c.percent)}); "
        f"{c.dont_know} don't know, {c.not_applicable} not applicable, "
        f"{c.unanswered} not answered"
    )


def coverage_sentence(c: Coverage, shown: int = 5) -> str:
    """The interview's closing line: ``All 93 applicable questions answered.``, or the counts
    with the first ``shown`` questions not answered (``... 1 not answered (deploys).``)."""
    if c.answered == c.applicable:
        return f"All {c.applicable} applicable questions answered."
    text = coverage_counts(c)
    left = c.unanswered_questions
    if left:
        more = ", ..." if len(left) > shown else ""
        text += f" ({', '.join(left[:shown])}{more})"
    return text + "."
