"""The rules engine: from a questionnaire and answers to an :class:`~scaleready.formats.result.Assessment`.

One responsibility per module: ``stage`` (the stage), ``facts`` (applicability, health scores,
expression context), ``scoring`` (the model's scores, coverage), ``risks`` (rules, failure
factors), ``readiness`` (the overall score), ``recommend`` (recommendations, not-yet findings),
``outcomes`` (outcomes, DORA, Westrum, lead time), and ``assess`` (all of them in order).
"""

from scaleready.engine.assess import assess

__all__ = ["assess"]
