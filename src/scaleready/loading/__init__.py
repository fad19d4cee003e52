"""Reading and checking input files: YAML with positions, structure, cross-references.

- :mod:`~scaleready.loading.yaml_source`: the one place YAML is read, with every node's line
  and column (``_yaml_events`` is its fast path for plain documents);
- :mod:`~scaleready.loading.structure`: a pydantic model applied to a document, with located,
  plain-English problems;
- :mod:`~scaleready.loading.questionnaire`: a questionnaire loaded and checked, its expressions
  compiled;
- :mod:`~scaleready.loading.answers`: an answers file checked against its questionnaire;
- :mod:`~scaleready.loading.inputs`: a questionnaire by id or path (``open_questionnaire``),
  and an answers file with the questionnaire it answers;
- :mod:`~scaleready.loading.validate_files`: ``scaleready validate``;
- :mod:`~scaleready.loading.bundled`: where the bundled questionnaires and templates are.

Nothing is imported here, so that importing one module costs only what it needs.
"""

__all__ = [
    "answers",
    "bundled",
    "inputs",
    "questionnaire",
    "structure",
    "validate_files",
    "yaml_source",
]
