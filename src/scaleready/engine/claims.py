"""Claimed beside measured: when a measured answer (``scaleready measure --into``) contradicts what
people had answered before.

A gap is large when the two answers' health scores (the questionnaire's own scores, 0..1) differ by
:data:`LARGE_GAP` or more: two bands of DORA's six apart (``on-demand`` claimed,
``monthly-to-six-monthly`` measured) or, for a percentage, two or more of the question's bands
(5 % claimed, 33 % measured). One bands apart is the noise of a six-month window; two are a belief
the history does not bear out. ``measure --compare`` and ``score`` both use this definition.
"""

from __future__ import annotations

LARGE_GAP = 0.3
"""The difference in health score (0..1) from which a gap between claim and measure is large."""


def is_large_gap(claimed: float | None, measured: float | None) -> bool:
    """Whether two health scores are a large gap apart; ``False`` when either has none."""
    if claimed is None or measured is None:
        return False
    # The tolerance keeps two bands apart (0.6 - 0.4 in floating point) a large gap.
    return abs(claimed - measured) >= LARGE_GAP - 1e-9
