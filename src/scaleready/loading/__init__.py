"""Reading and checking input files (YAML with positions, structure, cross-references), and
writing answers files back.

- :mod:`~scaleready.loading.yaml_source`: the one place YAML is read, with every node's line
  and column (``_yaml_events`` is its fast path for plain documents);
- :mod:`~scaleready.loading.structure`: a pydantic model applied to a document, with located,
  plain-English problems;
- :mod:`~scaleready.loading.questionnaire`: a questionnaire loaded and checked, its expressions
  compiled (``_dora_keys``: its industry and organisation-size options are DORA's keys);
- :mod:`~scaleready.loading.answers`: an answers file checked against its questionnaire
  (``_numbers``: every number of an input file finite and within 1e15, checked first);
- :mod:`~scaleready.loading.inputs`: a questionnaire by id or path (``open_questionnaire``),
  and an answers file with the questionnaire it answers (``questionnaire_for``: --questionnaire,
  else the file its ``questionnaire.path`` names, else a bundled id);
- :mod:`~scaleready.loading.answers_file`: writing answers files back, keeping a user's comments
  (every text read back and checked before it is written; its ruamel.yaml nodes in the private
  ``_answers_yaml``);
- :mod:`~scaleready.loading.bundled`: where the bundled questionnaires and templates are.

Nothing is imported here, so that importing one module costs only what it needs.
"""

__all__ = [
    "answers",
    "answers_file",
    "bundled",
    "inputs",
    "questionnaire",
    "structure",
    "yaml_source",
]
