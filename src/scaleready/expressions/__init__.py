"""Rule and ``when`` expressions: read, checked and compiled in a sandbox.

:mod:`~scaleready.expressions.compiler` is the whole interface; ``_translator`` writes a parsed
expression as Python for it.
"""

__all__ = ["compiler"]
