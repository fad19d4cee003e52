"""What the engine knows about one set of answers: each answer's health score, which questions
apply, and the context expressions are evaluated in.

An expression sees ``answers`` (question id -> value, ``None`` when not answered; each id also
under its ``_`` spelling), ``stage`` (not inside stage signals) and two helpers: ``answered('id')``
(the question has an answered value) and ``score('id')`` (that answer's health score, or ``None``),
and ``derived`` (the questionnaire's derived values by id, each ``None`` when an answer it reads,
directly or through another derived value, has no answered value).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from jinja2 import TemplateError

from scaleready.expressions import compiler as expressions
from scaleready.formats.answers import Answer, Answers, AnswerValue
from scaleready.formats.questionnaire import Derived, Option, Question, Questionnaire
from scaleready.vocabulary import AnswerStatus


def option_of(questionnaire: Questionnaire, question: Question, key: object) -> Option | None:
    """The option of ``question`` whose key is ``key``, if any."""
    for option in questionnaire.options_of(question):
        if option.key == key:
            return option
    return None


def health_score(
    questionnaire: Questionnaire, question: Question, value: AnswerValue | None
) -> float | None:
    """How healthy an answer is, 0..1, or ``None`` when it has no score.

    choice / scale: the chosen option's score. multi: min(1, sum of the chosen options' scores),
    so each practice ticked adds its share (unscored options add nothing; a question with no
    scored option has no score). number: the score of the first band whose ``upto`` is >= the
    answer (the last band is open). boolean: ``true_score`` / ``false_score``. text: no score.
    """
    if value is None:
        return None
    kind = question.type
    if kind in ("choice", "scale"):
        option = option_of(questionnaire, question, value)
        return None if option is None else option.score
    if kind == "multi":
        options = questionnaire.options_of(question)
        if not isinstance(value, tuple | list) or all(o.score is None for o in options):
            return None
        chosen = set(value)
        total = sum(o.score or 0.0 for o in options if o.key in chosen)
        return min(1.0, total)
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float) or not question.bands:
            return None
        for band in question.bands:
            if band.upto is None or value <= band.upto:
                return band.score
        return None  # the loader makes the last band open; this is only a guard
    if kind == "boolean":
        if not isinstance(value, bool):
            return None
        return question.true_score if value else question.false_score
    return None


def status_of(answer: Answer | None) -> AnswerStatus:
    """An answer's status; a question with no answer at all is ``unanswered``."""
    if answer is None:
        return "unanswered"
    if answer.status == "answered" and answer.value is None:
        return "unanswered"
    return answer.status


def value_of(answer: Answer | None) -> AnswerValue | None:
    """The answered value, or ``None`` for don't know, not applicable and unanswered."""
    if answer is None or answer.status != "answered":
        return None
    return answer.value


class AnswerView:
    """The ``answers`` an expression sees.

    Not a dict on purpose: Jinja looks up ``answers.items`` as an attribute before it tries the
    key, so a question called ``items`` (or ``values``, ``keys``...) would read a dict method.
    This class has no public attributes, so every ``answers.x`` is a lookup of the key ``x``.
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, Any]) -> None:
        self._values = values

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __contains__(self, key: object) -> bool:
        return key in self._values


def with_aliases(by_id: Mapping[str, Any]) -> dict[str, Any]:
    """``by_id`` with every question id also under its ``_`` spelling (the loader makes sure the
    two spellings never clash)."""
    out: dict[str, Any] = {}
    for qid, item in by_id.items():
        out[qid] = item
        out[expressions.alias(qid)] = item
    return out


class DerivedView:
    """The ``derived`` an expression sees: each derived value computed when it is read, from the
    answers as they are then (callers update them between evaluations), so never stale."""

    __slots__ = ("_names", "_questionnaire", "_values")

    def __init__(
        self, questionnaire: Questionnaire, values: Mapping[str, Any], names: Mapping[str, Any]
    ) -> None:
        self._questionnaire = questionnaire
        self._values = values
        self._names = names

    def __getitem__(self, key: str) -> Any:
        derived = self._questionnaire.derived_value(key)
        if derived is None:
            raise KeyError(key)
        return derived_value(self._questionnaire, derived, self._values, self._names)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._questionnaire.derived_value(key) is not None


def derived_value(
    questionnaire: Questionnaire,
    derived: Derived,
    values: Mapping[str, Any],
    names: Mapping[str, Any],
) -> Any:
    """A derived value: ``None`` (unknown) when an answer it reads has no answered value or its
    expression fails, so an unknown never reads as a number that could look safer."""
    checked = compiled(questionnaire, derived.expression)
    if any(values.get(qid) is None for qid in checked.questions):
        return None
    try:
        return expressions.evaluate(checked.compiled, names)
    except (expressions.ExpressionError, TemplateError):
        return None


def context(
    values: Mapping[str, Any],
    scores: Mapping[str, float | None],
    stage: str | None,
    questionnaire: Questionnaire | None = None,
) -> dict[str, Any]:
    """The names an expression is evaluated with. ``values`` and ``scores`` must already carry
    the ``_`` spellings (see :func:`with_aliases`); they are read, not copied, so a caller may
    update them between evaluations. ``derived`` is there when ``questionnaire`` is given."""

    def answered(ref: str) -> bool:
        return values.get(ref) is not None

    def score(ref: str) -> float | None:
        return scores.get(ref)

    names: dict[str, Any] = {"answers": AnswerView(values), "answered": answered, "score": score}
    if questionnaire is not None and questionnaire.derived:
        # Derived values never read the stage (they may decide it), so they see these names only.
        inner = dict(names)
        inner["derived"] = DerivedView(questionnaire, values, inner)
        names["derived"] = inner["derived"]
    if stage is not None:
        names["stage"] = stage
    return names


def compiled(questionnaire: Questionnaire, source: str) -> expressions.Checked:
    """The compiled form of one of the questionnaire's expressions (compiled once, at load)."""
    try:
        checked: expressions.Checked = questionnaire.compiled(source)
    except KeyError:
        raise ValueError(
            f"expression {source!r} was not compiled: load questionnaires with "
            "load_questionnaire() (or check_questionnaire()) before assessing them"
        ) from None
    return checked


def holds(questionnaire: Questionnaire, source: str, names: Mapping[str, Any]) -> bool:
    """Whether an expression holds. An expression that fails (comparing a missing answer with a
    number, say) does not hold: a condition about something unknown is not known to be true."""
    try:
        return bool(expressions.evaluate(compiled(questionnaire, source).compiled, names))
    except (expressions.ExpressionError, TemplateError):
        # TemplateError: Jinja's UndefinedError (``answers.x.y`` with x unanswered) is not one of
        # the errors expressions.evaluate() translates; it means the same thing.
        return False


@dataclass(frozen=True)
class Facts:
    """One set of answers as the engine uses them, after the stage and applicability are known.

    ``values`` and ``scores`` hold only questions that apply (others read as ``None``), by id
    and by ``_`` spelling; ``skipped`` maps each question that does not apply to the condition
    that failed.
    """

    questionnaire: Questionnaire
    answers: Mapping[str, Answer]
    stage: str
    applicable: Mapping[str, bool]
    skipped: Mapping[str, str]
    values: Mapping[str, AnswerValue | None]
    scores: Mapping[str, float | None]

    def names(self) -> dict[str, Any]:
        """The expression context of rules: applicable answers, the stage, the helpers."""
        return context(self.values, self.scores, self.stage, self.questionnaire)

    def answer(self, question_id: str) -> Answer | None:
        """The answer given to a question, applicable or not."""
        return self.answers.get(question_id)


class RawValues(NamedTuple):
    """Every question's answered value and health score before applicability is decided, by id
    and by ``_`` spelling (see :func:`with_aliases`)."""

    values: dict[str, AnswerValue | None]
    scores: dict[str, float | None]


def raw_values(questionnaire: Questionnaire, answers: Answers) -> RawValues:
    """Every question's answered value and health score, before applicability is decided.

    Computed once per set of answers and given to both :func:`decide_stage
    <scaleready.engine.stage.decide_stage>` and :func:`decide_facts` (a workshop does this for
    every participant)."""
    values: dict[str, AnswerValue | None] = {}
    scores: dict[str, float | None] = {}
    for question in questionnaire.questions:
        value = value_of(answers.answers.get(question.id))
        values[question.id] = value
        scores[question.id] = health_score(questionnaire, question, value)
    return RawValues(with_aliases(values), with_aliases(scores))


def decide_facts(
    questionnaire: Questionnaire, answers: Answers, stage: str, raw: RawValues
) -> Facts:
    """Decide which questions apply, in the order they are asked, as the interview does.

    A section's or question's ``when`` sees the answers of earlier questions that apply (an
    answer to a question that does not apply is ignored, so later conditions read it as
    ``None``), the answers to later questions as given, and the stage. ``raw`` is
    :func:`raw_values` of the answers.
    """
    values = dict(raw.values)  # copies: the answers of questions that do not apply are cleared
    scores = dict(raw.scores)
    names = context(values, scores, stage, questionnaire)
    applicable: dict[str, bool] = {}
    skipped: dict[str, str] = {}
    for section in questionnaire.sections:
        section_holds = section.when is None or holds(questionnaire, section.when, names)
        for question in section.questions:
            if not section_holds:
                reason = f"section {section.id!r}: {section.when}"
            elif question.when is not None and not holds(questionnaire, question.when, names):
                reason = question.when
            else:
                applicable[question.id] = True
                continue
            applicable[question.id] = False
            skipped[question.id] = reason
            for key in (question.id, expressions.alias(question.id)):
                values[key] = None
                scores[key] = None
    return Facts(
        questionnaire=questionnaire,
        answers=dict(answers.answers),
        stage=stage,
        applicable=applicable,
        skipped=skipped,
        values=values,
        scores=scores,
    )
