"""The file formats as immutable models: questionnaire, answers, result; their JSON Schemas.

- :mod:`~scaleready.formats.questionnaire`: a questionnaire, as loaded and checked;
- :mod:`~scaleready.formats.answers`: an answers file, as written and as checked;
- :mod:`~scaleready.formats.result`: the result of an assessment (the JSON of ``score``);
- :mod:`~scaleready.formats.blank`: the blank answers file of ``scaleready init``;
- :mod:`~scaleready.formats.schema`: the JSON Schemas of the formats;
- :mod:`~scaleready.formats.frozen`: :class:`Frozen`, the one base of every model of the package.

Nothing is imported here: the command line
imports this package at start-up without wanting pydantic.
"""

__all__ = ["answers", "blank", "frozen", "questionnaire", "result", "schema"]
