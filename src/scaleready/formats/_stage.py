"""Immutable models of a questionnaire's stages: the ordered stages, the position that places an
organisation among them, the signals that decide it, and how the old early/late keys map onto them.

A questionnaire names its stages in ``stage.stages`` (two or more, in order). The old form
(``stage.early_below``/``late_from`` with ``model.stages`` profiles) is read as the three stages
early (from 0), transition (from ``early_below``, between the other two) and late (from
``late_from``): :func:`resolve_stages` gives both forms one shape, so the engine knows only one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

from pydantic import Field, Strict, model_validator

from scaleready.formats.frozen import Frozen

Text = Annotated[str, Strict(), Field(min_length=1)]
Bool = Annotated[bool, Strict()]
Id = Annotated[str, Strict(), Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
Unit = Annotated[float, Strict(), Field(ge=0, le=1)]
Weight = Annotated[float, Strict(), Field(gt=0, le=1)]
Expression = Annotated[str, Strict(), Field(min_length=1)]

# How relevant an item is at each stage named (0..1); see ``engine.stage.relevance``.
Relevance = dict[Id, Unit]

DEFAULT_FLOOR = 0.3
"""The relevance of an item at a stage it is not named for, at the first or last stage."""

# The old form's three stages, with their display names when no profile names them.
OLD_STAGES = (("early", "Early stage"), ("transition", "Transition"), ("late", "Late stage"))
OLD_EARLY_BELOW = 0.4
OLD_LATE_FROM = 0.6
OLD_BETWEEN = (
    "Between the early and the late stage: the failure factors of both stages count, and the "
    "capabilities of both are weighed."
)


def one_stage_form(item: Any) -> None:
    """An item names its stages one way: ``stage``, ``stages`` or ``relevance``."""
    given = [
        key
        for key in ("stage", "stages", "relevance")
        if getattr(item, key, None) not in (None, ())
    ]
    if len(given) > 1:
        raise ValueError(f"give one of stage, stages and relevance, not {' and '.join(given)}")


class StageProfile(Frozen):
    """How a stage looks (the old form's ``model.stages``), shown in reports."""

    id: Id
    name: Text
    dominant_problem: Text | None = None
    main_danger: Text | None = None
    characteristics: tuple[Text, ...] = ()


class Stage(Frozen):
    """One of the questionnaire's ordered stages, with the wording reports use for it."""

    id: Id
    name: Text
    label: Text | None = Field(
        default=None, description="A short name for charts (default: the name)"
    )
    description: Text | None = None
    dominant_problem: Text | None = None
    main_danger: Text | None = None
    characteristics: tuple[Text, ...] = ()
    from_: Unit | None = Field(
        default=None,
        alias="from",
        description="Where its band of the position starts (the first stage starts at 0; "
        "default: equal bands)",
    )
    at: Unit | None = Field(
        default=None,
        description="Its anchor: the position where an item named for it has its full "
        "relevance (default: 0 for the first stage, 1 for the last, else its band's midpoint)",
    )
    between: Bool = Field(
        default=False,
        description="A band between its neighbours: the items of both neighbours fit it",
    )


class PositionWording(Frozen):
    """What reports call the position (0..1) that places the organisation among the stages."""

    name: Text = "position"
    description: Text = "the weighted share of the stage signals that hold"


class StageSignal(Frozen):
    """One signal that moves the position up; the position is the weighted share that holds."""

    id: Id
    when: Expression
    weight: Weight = 1.0
    because: Text


class StageConfig(Frozen):
    """The stages, and the signals that place the organisation among them.

    New form: ``stages`` (two or more, in order). Old form: ``early_below`` and ``late_from``
    (default 0.4 and 0.6), read as the three stages of the format before questionnaires declared
    their own (docs/questionnaire.md)."""

    floor: Unit = Field(
        default=DEFAULT_FLOOR,
        description="The relevance of an item at the first or last stage when it is not named "
        "for it",
    )
    position: PositionWording | None = None
    signals_heading: Text | None = Field(
        default=None, description="How reports introduce the signals that hold"
    )
    signals_none: Text | None = Field(
        default=None, description="What reports say when no signal holds"
    )
    stages: tuple[Stage, ...] | None = Field(default=None, min_length=2)
    early_below: Unit | None = None
    late_from: Unit | None = None
    signals: tuple[StageSignal, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_form(self) -> StageConfig:
        old = self.early_below is not None or self.late_from is not None
        if self.stages is not None and old:
            raise ValueError("give either stages or early_below/late_from, not both")
        early = OLD_EARLY_BELOW if self.early_below is None else self.early_below
        late = OLD_LATE_FROM if self.late_from is None else self.late_from
        if self.stages is None and early > late:
            raise ValueError("early_below must not be greater than late_from")
        if self.stages is not None:
            _check_bands(self.stages)
        return self


def _check_bands(stages: Sequence[Stage]) -> None:
    """The bands start in order (the first at 0) and the anchors are in order."""
    for end in (stages[0], stages[-1]):
        if end.between:
            raise ValueError(f"stage {end.id!r} is first or last, so it cannot be 'between'")
    if stages[0].from_ not in (None, 0.0):
        raise ValueError(f"the first stage ({stages[0].id}) starts at 0: leave out its 'from'")
    starts = band_starts(stages)
    for before, after, stage in zip(starts, starts[1:], stages[1:], strict=False):
        if after < before:
            raise ValueError(f"stage {stage.id!r} starts before the stage ahead of it")
    anchors = stage_anchors(stages)
    for before, after, stage in zip(anchors, anchors[1:], stages[1:], strict=False):
        if after <= before:
            raise ValueError(
                f"stage {stage.id!r} has its anchor ('at') at or before the stage ahead of it"
            )


def band_starts(stages: Sequence[Stage]) -> tuple[float, ...]:
    """Where each stage's band starts: its ``from``, or equal bands where it is not given."""
    n = len(stages)
    return tuple(
        0.0 if i == 0 else (s.from_ if s.from_ is not None else i / n) for i, s in enumerate(stages)
    )


def stage_anchors(stages: Sequence[Stage]) -> tuple[float, ...]:
    """Each stage's anchor: its ``at``, else 0 for the first, 1 for the last, else the middle of
    its band."""
    starts = band_starts(stages)
    ends = (*starts[1:], 1.0)
    out = []
    for i, stage in enumerate(stages):
        if stage.at is not None:
            out.append(stage.at)
        elif i == 0:
            out.append(0.0)
        elif i == len(stages) - 1:
            out.append(1.0)
        else:
            out.append((starts[i] + ends[i]) / 2)
    return tuple(out)


def resolve_stages(
    config: StageConfig | None, profiles: Sequence[StageProfile]
) -> tuple[Stage, ...]:
    """The questionnaire's stages in one shape: the new form as given; the old form (or no
    stage block) as early, transition and late, named and described by the profiles."""
    if config is not None and config.stages is not None:
        return config.stages
    early = OLD_EARLY_BELOW if config is None or config.early_below is None else config.early_below
    late = OLD_LATE_FROM if config is None or config.late_from is None else config.late_from
    by_id = {p.id: p for p in profiles}
    out = []
    for (sid, word), start in zip(OLD_STAGES, (0.0, early, late), strict=True):
        profile = by_id.get(sid)
        out.append(
            Stage(
                id=sid,
                name=word if profile is None else profile.name,
                label=sid,
                description=OLD_BETWEEN if sid == "transition" else None,
                dominant_problem=None if profile is None else profile.dominant_problem,
                main_danger=None if profile is None else profile.main_danger,
                characteristics=() if profile is None else profile.characteristics,
                from_=start,
                at=0.0 if sid == "early" else 1.0 if sid == "late" else (early + late) / 2,
                between=sid == "transition",
            )
        )
    return tuple(out)
