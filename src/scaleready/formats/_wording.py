"""The questionnaire's ``wording:`` block: the sentences reports print about the model itself.

Reports describe findings in the format's own terms (failure factors, capabilities, mechanisms),
which fit any model. A few sentences go further and say what the model believes (why an investment
is ahead of its time, what the outcomes are, what a gap between roles means); those belong to the
questionnaire's author. Each key has a neutral default, so a questionnaire that sets none reads
right, and the bundled questionnaire sets its own phrases. Import :class:`Wording` from
:mod:`scaleready.formats.questionnaire`; it lives here to keep that module under the size limit.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict

from scaleready.formats.frozen import Frozen

_Phrase = Annotated[str, Strict(), Field(min_length=1, max_length=400)]


class Wording(Frozen):
    """Sentences the reports print about the model; every key is optional, with a neutral
    default. docs/questionnaire.md lists where each one is shown."""

    outcomes_intro: _Phrase = Field(
        default="The positive outcomes the failure factors harm, as your answers measure them.",
        description="The first sentence of the HTML report's outcomes section",
    )
    not_yet_intro: _Phrase = Field(
        default="Your answers show investments made before they pay off. Making them now is "
        "effort taken from what this stage needs.",
        description="Introduces the investments found ahead of their time (HTML report)",
    )
    not_yet_measure: _Phrase = Field(
        default="ahead of time",
        description="Names an investment's strength (0..1) beside its figure in every report, "
        "explain and its why, e.g. 'ahead of time 0.80'",
    )
    role_gap_meaning: _Phrase = Field(
        default="A gap often means the roles see the same work differently: ask each side why.",
        description="What a gap between two roles' scores suggests (workshop HTML report)",
    )
