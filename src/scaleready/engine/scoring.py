"""Scores of the model's parts (capabilities, values, mechanisms, outcomes, signals, symptoms)
from the answers that measure them, and the questionnaire's coverage.

score(target) = sum(w_i * s_i) / sum(w_i) over the measures of ``target`` on applicable questions,
w_i being the measure's weight and s_i the answer's health score (0..1). Don't know and unanswered
count with their weight and a score of 0 ("don't know" is never safer than an honest answer), and
are listed as gaps; not applicable is a claim, not ignorance, and is left out of the mean. A target
with no scored answer has no score (``None``, counted as 0 wherever a number is needed).

confidence(target) = sum(w_i over scored answers) / sum(w_i over scored and unknown answers): how
much of the score rests on answers rather than on unknowns (1 when nothing is unknown).

Questions that do not apply are left out altogether, so they count neither as evidence nor as gaps.

An option's measures are evidence named ``question:option``: 1 when the option is selected, 0 when
not (reversed for a ``negative`` measure: a ticked blocker scores 0), a gap when the answer is
unknown. A derived value with ``bands`` and ``measures`` is evidence named ``derived:id``, scored
by its bands, a gap when the value is unknown (any answer it reads unknown).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from scaleready.engine.facts import Facts, derived_value, status_of
from scaleready.engine.opt_in import opted_out
from scaleready.engine.stage import relevance as stage_relevance
from scaleready.formats.answers import AnswerValue
from scaleready.formats.questionnaire import Band, Question
from scaleready.formats.result import AnswerRef, Coverage, DerivedResult
from scaleready.vocabulary import AnswerStatus

Target = tuple[str, str]  # (kind, id), kind one of questionnaire.MEASURE_TARGETS


@dataclass(frozen=True)
class Evidence:
    """One measuring answer, unrounded."""

    question: str
    weight: float
    score: float | None  # None: a gap (not answered with a scored value)
    claimed: bool = False  # not applicable: a claim, left out of every mean


@dataclass(frozen=True)
class Measured:
    """A target's score (0..1, unrounded) and the answers behind it."""

    score: float | None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 1.0

    @cached_property
    def scored(self) -> tuple[Evidence, ...]:
        """The answers that count in the score."""
        return tuple(e for e in self.evidence if e.score is not None)

    @cached_property
    def gaps(self) -> tuple[Evidence, ...]:
        """The measuring questions without a scored answer."""
        return tuple(e for e in self.evidence if e.score is None)

    @cached_property
    def unknown(self) -> tuple[Evidence, ...]:
        """The gaps that count as unknowns (don't know, unanswered): every gap but a claim."""
        return tuple(e for e in self.gaps if not e.claimed)


@dataclass
class _Accumulator:
    evidence: list[Evidence] = field(default_factory=list)


NOTHING = Measured(None)


def weighted_mean(pairs: list[tuple[float, float]]) -> float | None:
    """sum(w * x) / sum(w) over (x, w) pairs; ``None`` for no pairs."""
    total = sum(w for _, w in pairs)
    if total <= 0:
        return None
    return sum(x * w for x, w in pairs) / total


def measure_all(facts: Facts, lateness: float = 0.0) -> dict[Target, Measured]:
    """Every measured target's score, in one pass over the questions (linear in their size).

    A question of some stages (``stage``, ``stages`` or ``relevance``) counts with its relevance
    at the position ``lateness``: a question of a later stage matters little to an organisation
    at an earlier one, and is never switched off.
    """
    acc: dict[Target, _Accumulator] = {}
    with_options = {q.id for q in facts.questionnaire.option_measured}
    for question in facts.questionnaire.questions:
        measuring = question.measures or question.id in with_options
        if not facts.applicable.get(question.id, False) or not measuring:
            continue
        score = facts.scores.get(question.id)
        claimed = score is None and status_of(facts.answer(question.id)) == "not_applicable"
        relevance = stage_relevance(facts.questionnaire, question, lateness)
        for measure in question.measures:
            key = (measure.kind, measure.target)
            acc.setdefault(key, _Accumulator()).evidence.append(
                Evidence(question.id, measure.weight * relevance, score, claimed)
            )
        # After the relevance line, so that options count with their question's relevance.
        if question.id in with_options:
            for key, evidence in _option_evidence(facts, question, relevance):
                acc.setdefault(key, _Accumulator()).evidence.append(evidence)
    for key, evidence in _derived_evidence(facts):
        acc.setdefault(key, _Accumulator()).evidence.append(evidence)
    return {key: measured_from(tuple(a.evidence)) for key, a in acc.items()}


def _option_evidence(
    facts: Facts, question: Question, relevance: float
) -> list[tuple[Target, Evidence]]:
    """The evidence of one question's options' own measures (see the module docstring)."""
    found: list[tuple[Target, Evidence]] = []
    value = facts.values.get(question.id)
    claimed = value is None and status_of(facts.answer(question.id)) == "not_applicable"
    for option in facts.questionnaire.options_of(question):
        selected = _selected(question, value, option.key)
        for m in option.measures:
            score = None if selected is None else float(selected != m.negative)
            name = f"{question.id}:{option.key}"
            found.append(((m.kind, m.target), Evidence(name, m.weight * relevance, score, claimed)))
    return found


def _selected(question: Question, value: object, key: object) -> bool | None:
    if value is None:
        return None
    if question.type == "multi":
        return isinstance(value, tuple | list) and key in value
    return bool(value == key)


def _derived_evidence(facts: Facts) -> list[tuple[Target, Evidence]]:
    """The evidence of derived values that measure something (see the module docstring)."""
    q = facts.questionnaire
    found: list[tuple[Target, Evidence]] = []
    names = facts.names()
    for d in q.derived:
        if not d.measures or not d.bands:
            continue
        score = band_score(d.bands, derived_value(q, d, facts.values, names))
        for m in d.measures:
            found.append(((m.kind, m.target), Evidence(f"derived:{d.id}", m.weight, score)))
    return found


def band_score(bands: tuple[Band, ...], value: object) -> float | None:
    """The score of the first band whose ``upto`` is >= ``value``; ``None`` if not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    for band in bands:
        if band.upto is None or value <= band.upto:
            return band.score
    return None


def measured_from(evidence: tuple[Evidence, ...]) -> Measured:
    """A target's pessimistic score and confidence from its evidence (see the module docstring)."""
    known = [(e.score, e.weight) for e in evidence if e.score is not None]
    if not known:
        return Measured(None, evidence, 0.0 if any(not e.claimed for e in evidence) else 1.0)
    counted = sum(e.weight for e in evidence if not e.claimed)
    known_weight = sum(w for _, w in known)
    score = sum(s * w for s, w in known) / counted if counted > 0 else None
    return Measured(score, evidence, known_weight / counted if counted > 0 else 1.0)


def answer_ref(facts: Facts, evidence: Evidence, *, weight: bool = True) -> AnswerRef:
    """An :class:`AnswerRef` for one measuring answer, rounded for the result. An option's
    evidence (``question:option``) carries its question's status and answer; a derived value's
    (``derived:id``) its value, ``unanswered`` when unknown."""
    question, _, option = evidence.question.partition(":")
    if question == "derived" and option:
        d = facts.questionnaire.derived_value(option)
        value = (
            None
            if d is None
            else derived_value(facts.questionnaire, d, facts.values, facts.names())
        )
        status: AnswerStatus = "unanswered" if value is None else "answered"
        value = _plain(value)
    else:
        answer = facts.answer(question)
        status = status_of(answer)
        value = answer.value if answer is not None and status == "answered" else None
    return AnswerRef(
        question=evidence.question,
        status=status,
        value=value,
        score=None if evidence.score is None else round(evidence.score, 3),
        weight=round(evidence.weight, 3) if weight else None,
    )


def derived_results(facts: Facts) -> tuple[DerivedResult, ...]:
    """Each derived value with what it came to and the answers it reads, in declared order."""
    q = facts.questionnaire
    names = facts.names()
    results = []
    for d in q.derived:
        value = derived_value(q, d, facts.values, names)
        reads = sorted(q.compiled(d.expression).questions)
        score = band_score(d.bands, value) if d.bands else None
        results.append(
            DerivedResult(
                id=d.id,
                name=d.name,
                value=_plain(value),
                score=None if score is None else round(score, 3),
                inputs=tuple(
                    answer_ref(facts, Evidence(r, 0.0, facts.scores.get(r)), weight=False)
                    for r in reads
                ),
            )
        )
    return tuple(results)


def _plain(value: object) -> AnswerValue | None:
    """A derived value as an answer value: a number rounded to 3 places, else as it is."""
    if isinstance(value, float):
        return round(value, 3)
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def percent(score: float | None) -> float | None:
    """A 0..1 score as 0-100 with one decimal (``None`` stays ``None``)."""
    return None if score is None else round(score * 100, 1) + 0.0


def coverage(facts: Facts) -> Coverage:
    """How many applicable questions were answered, don't know, not applicable or unanswered."""
    counts = {"answered": 0, "dont_know": 0, "not_applicable": 0, "unanswered": 0}
    unanswered: list[str] = []
    dont_know: list[str] = []
    applicable = 0
    hidden = opted_out(
        facts.questionnaire,
        facts.values.get,
        lambda qid: status_of(facts.answer(qid)) != "unanswered",
    )
    for question in facts.questionnaire.questions:
        if not facts.applicable.get(question.id, False) or question.id in hidden:
            continue
        applicable += 1
        status = status_of(facts.answer(question.id))
        counts[status] += 1
        if status == "unanswered":
            unanswered.append(question.id)
        elif status == "dont_know":
            dont_know.append(question.id)
    share = counts["answered"] / applicable if applicable else 0.0
    return Coverage(
        applicable=applicable,
        answered=counts["answered"],
        dont_know=counts["dont_know"],
        not_applicable=counts["not_applicable"],
        unanswered=counts["unanswered"],
        not_asked=len(facts.skipped.keys() - hidden),
        percent=round(share * 100, 1),
        unanswered_questions=tuple(unanswered),
        dont_know_questions=tuple(dont_know),
    )
