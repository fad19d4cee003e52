"""Comparing two assessments, keyed by id, so that a gain in one place cannot hide a loss in
another: the baseline of ``score --baseline`` and the whole of ``scaleready diff``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from scaleready.errors import UsageError
from scaleready.formats.answers import Answers, AnswerValue
from scaleready.formats.frozen import Frozen
from scaleready.formats.result import AnswerRef, Assessment
from scaleready.vocabulary import STATUS_WORDS

RiskStatus = Literal["appeared", "cleared", "rose", "fell"]
NaChange = Literal["became", "ended", "reason"]


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


class NotApplicableMove(Frozen):
    """A "not applicable" claim that changed: an answer that became not applicable, one that
    stopped being it, or one whose reason changed. Becoming not applicable is a regression: it
    takes the question out of every score, which can hide an answer that scored badly."""

    question: str
    change: NaChange
    old_status: str
    new_status: str
    old_reason: str | None
    new_reason: str | None
    regression: bool

    @property
    def id(self) -> str:
        """The question, as the id the findings are keyed by."""
        return self.question

    @property
    def questions(self) -> tuple[str, ...]:
        """The answer behind the finding."""
        return (self.question,)


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
    not_applicable: tuple[NotApplicableMove, ...] = ()

    @property
    def regressions(self) -> tuple[Move, ...]:
        """Every regression: capabilities first, then failure factors, then answers that became
        not applicable, each in id order."""
        return (
            *(m for m in self.capabilities if m.regression),
            *(m for m in self.failure_factors if m.regression),
            *(m for m in self.not_applicable if m.regression),
        )

    def to_json(self) -> str:
        """The delta as indented JSON text, stable byte for byte."""
        from scaleready.errors import json_visible

        return json_visible(self.model_dump_json(indent=2)) + "\n"


Move = ScoreMove | RiskMove | NotApplicableMove


def describe(move: Move) -> str:
    """One line naming a change, e.g. ``capability automate-toil 35.0 -> 20.1``."""
    if isinstance(move, NotApplicableMove):
        return _describe_na(move)
    if isinstance(move, ScoreMove):
        return f"capability {move.id} {_num(move.old, 1)} -> {_num(move.new, 1)}"
    levels = f" ({move.old_level or 'n/a'} -> {move.new_level or 'n/a'})"
    return f"failure factor {move.id} {_num(move.old, 3)} -> {_num(move.new, 3)}{levels}"


def _describe_na(move: NotApplicableMove) -> str:
    head = f"answer {move.question}"
    if move.change == "became":
        was = STATUS_WORDS.get(move.old_status, move.old_status)
        return f"{head} became not applicable (was {was}): {_quoted(move.new_reason)}"
    if move.change == "ended":
        now = STATUS_WORDS.get(move.new_status, move.new_status)
        was_reason = _quoted(move.old_reason)
        return f"{head} is no longer not applicable (now {now}; the reason was {was_reason})"
    reasons = f"{_quoted(move.old_reason)} -> {_quoted(move.new_reason)}"
    return f"{head} is not applicable for a new reason: {reasons}"


def _quoted(reason: str | None) -> str:
    """A reason on one line, in double quotes (a line break would split a CI log line)."""
    return "none given" if reason is None else '"' + " ".join(reason.split()) + '"'


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
        before, after = _from_answers(old_answers), _from_answers(new_answers)
        compared: Literal["all", "measured"] = "all"
    else:
        before, after = _from_result(old), _from_result(new)
        compared = "measured"
    answers = _answer_moves(before, after)
    claims = _na_moves(_claims(old, old_answers, before), _claims(new, new_answers, after))
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
        not_applicable=claims,
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


_Claims = Mapping[str, tuple[str, str | None]]  # question -> (status, reason if not applicable)


def _claims(result: Assessment, answers: Answers | None, answered: _Answered) -> _Claims:
    """Each question's status, with the reason of every "not applicable" answer. A result written
    before results listed them (``not_applicable`` absent from its JSON) gives what its measuring
    answers say, without reasons."""
    statuses = {qid: (status, None) for qid, (status, _) in answered.items()}
    if answers is not None:
        return {
            **statuses,
            **{q: (a.status, a.reason) for q, a in answers.answers.items() if a.reason},
        }
    if "not_applicable" not in result.model_fields_set:
        return statuses
    listed = {na.question: ("not_applicable", na.reason) for na in result.not_applicable}
    others = {q: v for q, v in statuses.items() if v[0] != "not_applicable"}
    return {**others, **listed}


def _na_moves(old: _Claims, new: _Claims) -> tuple[NotApplicableMove, ...]:
    moves = []
    for qid in sorted(old.keys() | new.keys()):
        was_status, was_reason = old.get(qid, ("unanswered", None))
        now_status, now_reason = new.get(qid, ("unanswered", None))
        was_na, now_na = was_status == "not_applicable", now_status == "not_applicable"
        change: NaChange
        if now_na and not was_na:
            change = "became"
        elif was_na and not now_na:
            change = "ended"
        elif was_reason is not None and now_reason is not None and was_reason != now_reason:
            # Both not applicable (only those carry a reason here); an older baseline that kept
            # no reasons cannot tell a changed one.
            change = "reason"
        else:
            continue
        moves.append(
            NotApplicableMove(
                question=qid,
                change=change,
                old_status=was_status,
                new_status=now_status,
                old_reason=was_reason if was_na else None,
                new_reason=now_reason if now_na else None,
                regression=change == "became",
            )
        )
    return tuple(moves)
