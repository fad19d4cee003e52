"""The one base of every model of the package: formats, results, comparisons, workshops."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    """Base of every model: immutable, and unknown keys are errors. A field with an alias
    (``raise``, a Python keyword) can also be filled by its name, as the engine does."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
