"""A baseline, or a side of a diff: a result JSON or an answers file, which is then scored."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scaleready.errors import InputError
from scaleready.loading.inputs import load_inputs
from scaleready.loading.yaml_source import load_yaml

if TYPE_CHECKING:
    from scaleready.formats.answers import Answers
    from scaleready.formats.result import Assessment

__all__ = ["load_result_or_answers"]


def load_result_or_answers(
    path: Path, questionnaire: str | None = None
) -> tuple[Assessment, Answers | None]:
    """A baseline or a side of a diff: a result JSON (as ``score --format json`` writes it) or
    an answers file, which is then scored. Raise :class:`InputError` with located problems."""
    from scaleready.engine import assess
    from scaleready.formats.result import Assessment
    from scaleready.loading.structure import validate_model

    doc = load_yaml(path)  # JSON is YAML too, so results get located messages as well
    if isinstance(doc.data, dict) and "stage" in doc.data and "capabilities" in doc.data:
        from scaleready.loading._numbers import number_problems

        # A result file is checked as answers are: finite numbers, in range, before any use.
        result, problems = None, number_problems(doc)
        if not problems:
            result, problems = validate_model(doc, Assessment)
        if result is None:
            raise InputError(problems)
        return result, None
    chosen, answers = load_inputs(path, questionnaire)
    return assess(chosen, answers), answers
