"""Reading and checking input files: YAML with positions, structure, cross-references."""

__all__: list[str] = []
