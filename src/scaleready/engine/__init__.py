"""The rules engine: from a questionnaire and answers to an :class:`~scaleready.formats.result.Assessment`.

One responsibility per module: ``stage`` (the stage, the stage weight), ``facts`` (applicability,
health scores, expression context), ``scoring`` (the model's scores, confidence, coverage),
``_rules`` (rules, firing when they could hold on unknowns), ``risks`` (failure factors: residual
risk, confidence, the ranked risks every summary lists; ``_factor_index`` its indexes),
``_readiness`` (the overall score), ``_recommend`` (recommendations), ``_mechanisms`` (the
mechanisms advised for each), ``_prerequisites`` (advice that needs something in place first),
``_why`` (the answers behind a why), ``_not_yet`` ("don't build this yet" from investments),
``_outcomes`` (outcomes, DORA, Westrum, lead
time), ``claims`` (a measured answer far from its claim), ``dora`` and ``dora_benchmarks`` (the Quick Check's arithmetic and DORA's data),
``compare`` (what moved between two results), ``fixtures`` (a questionnaire's own tests), and
``assess`` (all of them in order). Modules with a leading underscore are used only inside the
package.
"""

from scaleready.engine.assess import assess

__all__ = ["assess"]
