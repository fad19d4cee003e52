"""Rules, evaluated so that "don't know" is never safer than an answer."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice, product

from scaleready.engine.facts import Facts, compiled, context, health_score, holds, status_of
from scaleready.expressions.compiler import alias
from scaleready.formats.answers import AnswerValue
from scaleready.formats.questionnaire import Question, Questionnaire, Rule


@dataclass(frozen=True)
class RuleOutcome:
    """A rule's verdict. ``evaluable``: every question it reads has an answered value.
    ``fired`` also when it could hold for some value of the unknown answers it reads."""

    rule: Rule
    fired: bool
    evaluable: bool


MAX_TRIALS = 256
"""At most this many combinations of values tried for a rule's unknown answers."""


def evaluate_rules(facts: Facts) -> list[RuleOutcome]:
    """Evaluate every rule once, in the questionnaire's order.

    "Don't know" is never safer: a rule that reads unknown answers (don't know or unanswered,
    on questions that apply) fires if it holds for some value of them, tried over their options
    (numbers: their bands' edges, 0 and a large number); a claimed not-applicable is not unknown.
    """
    names = facts.names()
    out = []
    for rule in facts.questionnaire.rules:
        reads = compiled(facts.questionnaire, rule.when).questions
        evaluable = all(facts.values.get(q) is not None for q in reads)
        fired = holds(facts.questionnaire, rule.when, names)
        unknown = [q for q in sorted(reads) if _unknown(facts, q)]
        if not fired and unknown:
            fired = _could_hold(facts, rule.when, unknown)
        out.append(RuleOutcome(rule, fired, evaluable))
    return out


def _unknown(facts: Facts, qid: str) -> bool:
    if not facts.applicable.get(qid, False) or facts.values.get(qid) is not None:
        return False
    return status_of(facts.answer(qid)) in ("dont_know", "unanswered")


def _candidates(q: Questionnaire, question: Question) -> list[AnswerValue]:
    """Values an unknown answer could have, enough to decide whether a condition could hold."""
    if question.type in ("choice", "scale"):
        return [o.key for o in q.options_of(question)]
    if question.type == "boolean":
        return [True, False]
    if question.type == "multi":
        # None, each option alone, all but each one, and all: enough for conditions such as
        # "a is ticked and b is not", which neither none nor all satisfies.
        keys = [o.key for o in q.options_of(question)]
        alone = [(k,) for k in keys]
        all_but = [tuple(k for k in keys if k != left) for left in keys]
        return list(dict.fromkeys([(), *alone, *all_but, tuple(keys)]))
    if question.type == "number":
        edges: set[float] = {0, 10**6}
        for band in question.bands or ():
            if band.upto is not None:
                edges |= {band.upto, band.upto + 1}
        return sorted(edges)
    return []


def _could_hold(facts: Facts, when: str, unknown: list[str]) -> bool:
    """Whether ``when`` holds for some combination of values of the ``unknown`` answers."""
    q = facts.questionnaire
    choices: list[list[tuple[str, AnswerValue]]] = []
    for qid in unknown:
        question = q.question(qid)
        found = [] if question is None else _candidates(q, question)
        if found:
            choices.append([(qid, v) for v in found])
    values = dict(facts.values)
    scores = dict(facts.scores)
    names = context(values, scores, facts.stage, q)
    for trial in islice(product(*choices), MAX_TRIALS):
        for qid, value in trial:
            question = q.question(qid)
            score = None if question is None else health_score(q, question, value)
            for key in (qid, alias(qid)):
                values[key] = value
                scores[key] = score
        if holds(q, when, names):
            return True
    return False
