"""Comparing two assessments, keyed by id, so that a gain in one place cannot hide a loss in
another: the baseline of ``score --baseline`` and the whole of ``scaleready diff``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from scaleready.errors import UsageError
from scaleready.formats.answers import Answers, AnswerValue
from scaleready.formats.frozen import Frozen
from scaleready.formats.result import AnswerRef, Assessment

RiskStatus = Literal["appeared", "cleared", "rose", "fell"]


class ScoreMove(Frozen):
    """A capability score (0-100) that changed; a drop is a regression."""

    id: str
    name: str
    old: float | None
    new: float | None
    regression: bool
    questions: tuple[str, ...] = ()


class RiskMove(Frozen):
    """A failure factor whose residual risk changed; a rise in a relevant factor is a
    regression, and so is a factor newly flagged."""

    id: str
    name: str
    old: float | None
    new: float | None
    old_level: str | None
    new_level: str | None
    status: RiskStatus
    regression: bool
    questions: tuple[str, ...] = ()


class AnswerMove(Frozen):
    """An answer that changed: its value or its status (don't know, not applicable...)."""

    question: str
    old: AnswerValue | None
    new: AnswerValue | None
    old_status: str
    new_status: str


class Delta(Frozen):
    """Everything that moved between an old and a new assessment."""

    questionnaire: str
    old_version: str
    new_version: str
    old_score: float
    new_score: float
    old_stage: str
    new_stage: str
    capabilities: tuple[ScoreMove, ...]
    failure_factors: tuple[RiskMove, ...]
    answers: tuple[AnswerMove, ...]
    answers_compared: Literal["all", "measured"]

    @property
    def regressions(self) -> tuple[ScoreMove | RiskMove, ...]:
        """Every regression: capabilities first, then failure factors, each in id order."""
        return (
            *(m for m in self.capabilities if m.regression),
            *(m for m in self.failure_factors if m.regression),
        )

    def to_json(self) -> str:
        """The delta as indented JSON text, stable byte for byte."""
        return self.model_dump_json(indent=2) + "\n"


def describe(move: ScoreMove | RiskMove) -> str:
    """One line naming a change, e.g. ``capability automate-toil 35.0 -> 20.1``."""
    if isinstance(move, ScoreMove):
        return f"capability {move.id} {_num(move.old, 1)} -> {_num(move.new, 1)}"
    levels = f" ({move.old_level or 'n/a'} -> {move.new_level or 'n/a'})"
    return f"failure factor {move.id} {_num(move.old, 3)} -> {_num(move.new, 3)}{levels}"


def _num(value: float | None, digits: int) -> str:
    return "none" if value is None else f"{value:.{digits}f}"


def compare(
    old: Assessment,
    new: Assessment,
    *,
    old_answers: Answers | None = None,
    new_answers: Answers | None = None,
    allow_version_change: bool = False,
) -> Delta:
    """What moved from ``old`` to ``new``; raise :class:`UsageError` if they answer different
    questionnaires, or different versions of one (unless ``allow_version_change``)."""
    if old.questionnaire.id != new.questionnaire.id:
        raise UsageError(
            f"cannot compare results of different questionnaires: {old.questionnaire.id!r} and "
            f"{new.questionnaire.id!r}"
        )
    if old.questionnaire.version != new.questionnaire.version and not allow_version_change:
        raise UsageError(
            f"the baseline is for version {old.questionnaire.version} of "
            f"{old.questionnaire.id!r} and the answers for version {new.questionnaire.version}; "
            "scores may not be comparable (pass --allow-version-change to compare anyway)"
        )
    if old_answers is not None and new_answers is not None:
        answers = _answer_moves(_from_answers(old_answers), _from_answers(new_answers))
        compared: Literal["all", "measured"] = "all"
    else:
        answers = _answer_moves(_from_result(old), _from_result(new))
        compared = "measured"
    return Delta(
        questionnaire=new.questionnaire.id,
        old_version=old.questionnaire.version,
        new_version=new.questionnaire.version,
        old_score=old.score,
        new_score=new.score,
        old_stage=old.stage.id,
        new_stage=new.stage.id,
        capabilities=_capability_moves(old, new),
        failure_factors=_risk_moves(old, new),
        answers=answers,
        answers_compared=compared,
    )


def _capability_moves(old: Assessment, new: Assessment) -> tuple[ScoreMove, ...]:
    before = {c.id: c for c in old.capabilities}
    moves = []
    for cap in sorted(new.capabilities, key=lambda c: c.id):
        was = before.get(cap.id)
        old_score = None if was is None else was.score
        if old_score == cap.score:
            continue
        dropped = old_score is not None and cap.score is not None and cap.score < old_score
        questions = tuple(sorted({ref.question for ref in (*cap.evidence, *cap.gaps)}))
        moves.append(
            ScoreMove(
                id=cap.id,
                name=cap.name,
                old=old_score,
                new=cap.score,
                regression=dropped,
                questions=questions,
            )
        )
    return tuple(moves)


def _risk_moves(old: Assessment, new: Assessment) -> tuple[RiskMove, ...]:
    from scaleready.vocabulary import FLAGGED_FROM

    before = {f.id: f for f in old.failure_factors if f.relevant}
    after = {f.id: f for f in new.failure_factors if f.relevant}
    moves = []
    for fid in sorted(before.keys() | after.keys()):
        was, now = before.get(fid), after.get(fid)
        old_risk = None if was is None else was.residual_risk
        new_risk = None if now is None else now.residual_risk
        if old_risk == new_risk:
            continue
        flagged_before = old_risk is not None and old_risk >= FLAGGED_FROM
        flagged_now = new_risk is not None and new_risk >= FLAGGED_FROM
        status: RiskStatus
        if flagged_now and not flagged_before:
            status = "appeared"
        elif flagged_before and not flagged_now:
            status = "cleared"
        elif (new_risk or 0.0) > (old_risk or 0.0):
            status = "rose"
        else:
            status = "fell"
        regression = now is not None and (
            status == "appeared" or (status == "rose" and old_risk is not None)
        )
        factor = now or was
        assert factor is not None  # one of the two exists, by construction of the keys
        moves.append(
            RiskMove(
                id=fid,
                name=factor.name,
                old=old_risk,
                new=new_risk,
                old_level=None if was is None else was.level,
                new_level=None if now is None else now.level,
                status=status,
                regression=regression,
                questions=tuple(sorted(factor.triggered_by.questions)),
            )
        )
    return tuple(moves)


_Answered = Mapping[str, tuple[str, AnswerValue | None]]


def _from_answers(answers: Answers) -> _Answered:
    return {qid: (a.status, a.value) for qid, a in answers.answers.items()}


def _from_result(result: Assessment) -> _Answered:
    """The answers a result carries: those that measure something (a result does not list the
    rest)."""
    refs: list[AnswerRef] = []
    for item in (*result.capabilities, *result.values, *result.mechanisms):
        refs += [*item.evidence, *item.gaps]
    for factor in result.failure_factors:
        refs += factor.symptoms
    return {ref.question: (ref.status, ref.value) for ref in refs}


def _answer_moves(old: _Answered, new: _Answered) -> tuple[AnswerMove, ...]:
    moves = []
    for qid in sorted(old.keys() | new.keys()):
        before = old.get(qid, ("unanswered", None))
        after = new.get(qid, ("unanswered", None))
        if before != after:
            moves.append(
                AnswerMove(
                    question=qid,
                    old=before[1],
                    new=after[1],
                    old_status=before[0],
                    new_status=after[0],
                )
            )
    return tuple(moves)
