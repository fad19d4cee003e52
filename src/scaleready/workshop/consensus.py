"""The group's consensus: one answer per question, from the participants' answers, written as an
ordinary answers file so that it validates, scores and can be committed and tracked by CI.

Per question (see :func:`consensus_answer`):

- Status: a value when at least as many participants gave a value as said "don't know" and as said
  "not applicable"; otherwise "don't know" when at least as many said it as "not applicable",
  else "not applicable". Blanks do not vote. A question nobody answered has no consensus.
- Ordered options: the median option in score order; for an even count the lower of the two
  middle ones (the more cautious answer).
- Numbers: the median. For an even count, of the two middle values the one with the lower health
  score when the question's bands score them differently (cautious); otherwise their mean,
  rounded down to a whole number for ``integer`` questions.
- Booleans and unordered options: the mode. Ties go to the answer with the lower health score;
  for booleans without scores to ``false``; for unordered options to the one listed first.
- Multi: the options chosen by more than half of those who answered (exactly half is not a
  majority, so ties leave the option out: the cautious, lower-scoring answer).
- Text: none (free text is personal, and never scored).

Disputed questions (disagreement >= :data:`DISPUTED_FROM`) carry a note summarising the spread,
in counts only, never names.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from scaleready.engine.facts import health_score
from scaleready.formats.answers import Answer, Answers, AnswerValue, QuestionnaireRef, Respondent
from scaleready.formats.questionnaire import Questionnaire
from scaleready.workshop._distribution import fmt_number, tidy
from scaleready.workshop.aggregate import QuestionAggregate
from scaleready.workshop.model import Bucket, ConsensusAnswer

DISPUTED_FROM = 0.3
"""Disagreement from which a question counts as disputed and its consensus carries a note."""

LABEL_WORDS = 40
"""Option labels longer than this are shortened in :func:`spread_words`."""

CONSENSUS_RESPONDENT = Respondent(name="consensus", role="workshop")


def spread_words(agg: QuestionAggregate, *, keys: bool = False, limit: int = 6) -> str:
    """The distribution in a few words: ``Weekly 2, Monthly 1`` (labels shortened to
    :data:`LABEL_WORDS` characters; option keys instead with ``keys``, as the consensus file's
    notes use) or ``median 40, middle half 20 to 60``."""
    if agg.kind == "number" and agg.median is not None:
        text = f"median {agg.median}"
        if agg.q1 is not None and agg.q3 is not None and agg.q1 != agg.q3:
            text += f", middle half {fmt_number(agg.q1)} to {fmt_number(agg.q3)}"
        return text
    given = [b for b in agg.distribution if b.count > 0]
    given.sort(key=lambda b: -b.count)  # stable: ties keep the questionnaire's order
    words = [f"{_name(b, keys)} {b.count}" for b in given[:limit]]
    if len(given) > limit:
        words.append(f"{len(given) - limit} more")
    others = [
        f"{label} {n}"
        for label, n in (("don't know", agg.dont_know), ("n/a", agg.not_applicable))
        if n
    ]
    return ", ".join(words + others) or "no answers"


def _name(bucket: Bucket, keys: bool) -> str:
    if keys and bucket.key is not None:
        return str(bucket.key).lower() if isinstance(bucket.key, bool) else str(bucket.key)
    label = bucket.label
    if len(label) <= LABEL_WORDS:
        return label
    cut = label[: LABEL_WORDS - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "\u2026"


def consensus_answer(
    questionnaire: Questionnaire, agg: QuestionAggregate
) -> ConsensusAnswer | None:
    """The group's answer to one question (see the module docstring), or ``None``."""
    if agg.kind == "text":
        return None
    given, dont_know, not_applicable = agg.responses, agg.dont_know, agg.not_applicable
    if given + dont_know + not_applicable == 0:
        return None
    note = None
    if agg.disagreement >= DISPUTED_FROM:
        note = (
            f"disputed in the workshop (disagreement {agg.disagreement:.2f}, "
            f"{given} answers): {spread_words(agg, keys=True)}"
        )
    if given >= dont_know and given >= not_applicable:
        value = _value(questionnaire, agg)
        if value is not None:
            return ConsensusAnswer(status="answered", value=value, note=note)
    if dont_know >= not_applicable:
        reason = f"{dont_know} of {agg.participants} participants did not know"
        return ConsensusAnswer(status="dont_know", note=note or reason)
    reason = f"{not_applicable} of {agg.participants} participants: not applicable"
    return ConsensusAnswer(status="not_applicable", note=note or reason)


def _value(questionnaire: Questionnaire, agg: QuestionAggregate) -> AnswerValue | None:
    values = agg.values
    if not values:
        return None
    if agg.kind == "ordered":
        return agg.median
    if agg.kind in ("unordered", "boolean"):
        return agg.mode
    if agg.kind == "multi":
        counts = {b.key: b.count for b in agg.distribution}
        keys = [b.key for b in agg.distribution]
        return tuple(
            k
            for k in keys
            if isinstance(k, (str, int)) and not isinstance(k, bool) and 2 * counts[k] > len(values)
        )
    return _number(questionnaire, agg)


def _number(questionnaire: Questionnaire, agg: QuestionAggregate) -> int | float:
    numbers = [float(v) for v in agg.values if isinstance(v, (int, float))]
    n = len(numbers)
    if n % 2 == 1:
        return tidy(numbers[n // 2])
    low, high = numbers[n // 2 - 1], numbers[n // 2]
    question = agg.question
    low_score = health_score(questionnaire, question, low)
    high_score = health_score(questionnaire, question, high)
    if low_score is not None and high_score is not None and low_score != high_score:
        return tidy(low if low_score < high_score else high)
    middle = (low + high) / 2
    if question.integer:
        return math.floor(middle)
    return tidy(middle)


def consensus_answers(
    questionnaire: Questionnaire,
    decided: Sequence[tuple[str, ConsensusAnswer | None]],
    organisation: str | None,
) -> Answers:
    """The consensus, (question id, consensus answer) per question, as checked :class:`Answers`
    ready for the engine and for :func:`consensus_file`."""
    answers = {
        # "Not applicable" needs a reason: the group's is the note's, how many said it.
        qid: Answer(status=c.status, reason=c.note)
        if c.status == "not_applicable"
        else Answer(status=c.status, value=c.value, note=c.note)
        for qid, c in decided
        if c is not None
    }
    return Answers(
        questionnaire=QuestionnaireRef(id=questionnaire.id, version=questionnaire.version),
        respondent=CONSENSUS_RESPONDENT,
        organisation=organisation,
        answers=answers,
    )


def consensus_file(questionnaire: Questionnaire, consensus: Answers, participants: int) -> str:
    """The consensus as the text of an answers file.

    Written by :func:`scaleready.loading.answers_file.render_answers` (the canonical format the interview
    writes, checked by reading it back before it is returned); only its opening comment, which
    speaks of the interview, is replaced by one that says where this file came from.
    """
    from scaleready.loading.answers_file import render_answers

    text = render_answers(
        questionnaire, consensus.answers, consensus.respondent, consensus.organisation
    )
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    plural = "" if participants == 1 else "s"
    header = (
        f"# The consensus of a workshop of {participants} participant{plural} on "
        f"{questionnaire.title!r} ({questionnaire.id} {questionnaire.version}),\n"
        "# written by scaleready workshop --consensus. Disputed answers carry a note with the "
        "spread.\n"
        "# Score it with: scaleready score FILE\n"
    )
    return header + "".join(lines)
