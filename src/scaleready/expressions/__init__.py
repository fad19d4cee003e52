"""Rule and ``when`` expressions: read, checked and compiled in a sandbox.

:mod:`~scaleready.expressions.compiler` is the whole interface; ``_translator`` writes a parsed
expression as Python for it; ``_limits`` bounds what an expression may cost (its size and
nesting, its filters and numbers, checked at load; ``*``, ``+`` and ``%`` in the sandbox).
"""

__all__ = ["compiler"]
