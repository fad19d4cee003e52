"""Rule and ``when`` expressions: read, checked and compiled in a sandbox.

:mod:`~scaleready.expressions.compiler` is the whole interface; ``_translator`` writes a parsed
expression as Python for it; ``_limits`` bounds what an expression may cost (its size and
nesting, its filters and numbers, checked at load; ``*``, ``+`` and ``%`` in the sandbox);
``_comparisons`` finds comparisons that can never hold (an undeclared stage, a key that is not
an option, a value of the wrong type).
"""

__all__ = ["compiler"]
