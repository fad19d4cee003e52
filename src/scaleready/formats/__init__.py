"""The file formats as immutable models: questionnaire, answers, result; writing answers files."""

__all__: list[str] = []
