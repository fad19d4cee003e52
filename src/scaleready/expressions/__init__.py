"""Rule and ``when`` expressions: read, checked and compiled in a sandbox."""

__all__: list[str] = []
