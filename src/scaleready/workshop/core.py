"""``run_workshop``: from a questionnaire and the participants' answers to a
:class:`~scaleready.workshop.model.WorkshopAssessment`. Pure: no I/O, and the same answers in any
order give an equal result.

Cost: one pass over participants x questions to aggregate (plus a sort per question), one engine
run for the consensus, and one light run per participant (stage, applicability and capability
scores: see :mod:`scaleready.workshop.gaps`) for the role gaps and who did not answer what.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from scaleready import __version__
from scaleready.engine import assess
from scaleready.formats.questionnaire import Questionnaire
from scaleready.formats.result import QuestionnaireInfo, ToolInfo
from scaleready.workshop._anonymise import (
    participant_id,
    participant_order,
    shown_file,
    shown_name,
    shown_role,
)
from scaleready.workshop.agenda import build_agenda, claim_gaps, factor_links, importance
from scaleready.workshop.aggregate import QuestionAggregate, aggregate_question
from scaleready.workshop.consensus import (
    DISPUTED_FROM,
    consensus_answer,
    consensus_answers,
)
from scaleready.workshop.gaps import GAP_FROM, PersonalView, personal_view, role_gaps, role_scores
from scaleready.workshop.load import Response
from scaleready.workshop.model import (
    Anonymity,
    ConsensusAnswer,
    Method,
    Missing,
    Participant,
    QuestionSummary,
    RoleGap,
    RoleScores,
    WorkshopAssessment,
)

METHOD = Method(
    disagreement="0 (all agree) to 1 (split down the middle). Scored answers (ordered options, "
    "booleans, numbers with bands): 2 x the population standard deviation of the participants' "
    "health scores. Unordered options and unscored booleans: 1 - the share of the most given "
    "answer. Multi: mean over the options anyone chose of 1 - |2p - 1|, p the share who chose it. "
    "Numbers without bands: (q3 - q1) / (|q1| + |q3|). Fewer than two values: 0.",
    importance="Sum over the question's measures of weight x the consensus's relevant residual "
    "risk it bears on (a capability: each factor's residual risk x the capability's share of "
    "the factor's mitigation weights; a failure factor: its residual risk; a signal: the residual "
    "risk of the factors it indicates), relative to the most important question (0..1).",
    priority="disagreement x importance; ties by disagreement, then questionnaire order",
    consensus="Ordered options: the median option by score (even count: the lower middle one). "
    "Numbers: the median (even count: the lower-scoring middle value when bands tell them "
    "apart, else their mean, rounded down for whole numbers). Booleans and unordered options: "
    "the mode, ties to the lower score (else false / the first option). Multi: the options "
    "chosen by more than half. Don't know / not applicable when more participants said so than "
    f"gave a value. Disputed (disagreement >= {DISPUTED_FROM}) answers carry a note.",
    role_gaps="Each participant's capability scores from their own answers; a role's score is "
    f"the mean over its participants; pairs of roles at least {GAP_FROM:g} points apart.",
)


def run_workshop(
    questionnaire: Questionnaire,
    responses: Sequence[Response],
    anonymity: Anonymity = "none",
) -> WorkshopAssessment:
    """Aggregate the participants' answers, decide and score the consensus, rank the agenda and
    find the role gaps. ``anonymity`` decides what the result may say about who said what."""
    order = participant_order([(r.digest, r.file) for r in responses])
    people = [responses[i] for i in order]
    aggregates = _aggregates(questionnaire, people)
    decided = [(agg, consensus_answer(questionnaire, agg)) for agg in aggregates]
    organisation = _organisation(people)
    group = [(agg.question.id, answer) for agg, answer in decided]
    consensus = assess(questionnaire, consensus_answers(questionnaire, group, organisation))
    links = factor_links(questionnaire, consensus)
    importances = importance(links)
    claims = claim_gaps(questionnaire, [p.answers for p in people])
    agenda = build_agenda(questionnaire, aggregates, importances, links, consensus, claims)

    views = [personal_view(questionnaire, p.answers) for p in people]
    participants = _participants(people, views, anonymity)
    roles: tuple[RoleScores, ...] = ()
    gaps: tuple[RoleGap, ...] = ()
    if anonymity != "all":
        roles = role_scores(
            questionnaire,
            [
                (shown_role(p.answers.respondent, "none"), v)
                for p, v in zip(people, views, strict=True)
            ],
        )
        gaps = role_gaps(questionnaire, roles)
    missing: tuple[Missing, ...] = ()
    if anonymity == "none":
        missing = tuple(
            Missing(participant=participant_id(i), questions=v.unanswered)
            for i, v in enumerate(views)
            if v.unanswered
        )
    return WorkshopAssessment(
        questionnaire=QuestionnaireInfo(
            id=questionnaire.id, version=questionnaire.version, title=questionnaire.title
        ),
        tool=ToolInfo(version=__version__),
        organisation=organisation,
        anonymity=anonymity,
        participants=participants,
        questions=tuple(
            _summary(agg, answer, importances.get(agg.question.id, 0.0)) for agg, answer in decided
        ),
        agenda=agenda,
        roles=roles,
        role_gaps=gaps,
        missing=missing,
        consensus=consensus,
        method=METHOD,
        warnings=_organisation_warnings(people, organisation),
    )


def _aggregates(
    questionnaire: Questionnaire, people: Sequence[Response]
) -> list[QuestionAggregate]:
    """Every question's aggregate, in the questionnaire's order."""
    from scaleready.engine.opt_in import opted_out_by_all

    hidden = opted_out_by_all(questionnaire, [p.answers for p in people])
    aggregates = []
    for section in questionnaire.sections:
        for question in section.questions:
            if question.id in hidden:
                continue
            given = [p.answers.answers.get(question.id) for p in people]
            aggregates.append(aggregate_question(questionnaire, question, section.id, given))
    return aggregates


def _participants(
    people: Sequence[Response], views: Sequence[PersonalView], anonymity: Anonymity
) -> tuple[Participant, ...]:
    """Each participant, numbered, with what ``anonymity`` lets the result say about them."""
    return tuple(
        Participant(
            id=participant_id(i),
            name=shown_name(p.answers.respondent, anonymity),
            role=shown_role(p.answers.respondent, anonymity),
            file=shown_file(p.file, anonymity),
            stage=v.stage,
            applicable=v.applicable,
            answered=v.answered,
            dont_know=v.dont_know,
        )
        for i, (p, v) in enumerate(zip(people, views, strict=True))
    )


def _summary(
    agg: QuestionAggregate, answer: ConsensusAnswer | None, importance: float
) -> QuestionSummary:
    """A question's aggregate as the result shows it, with its importance and consensus."""
    return QuestionSummary(
        id=agg.question.id,
        section=agg.section,
        text=agg.question.text,
        type=agg.question.type,
        kind=agg.kind,
        participants=agg.participants,
        responses=agg.responses,
        dont_know=agg.dont_know,
        not_applicable=agg.not_applicable,
        no_answer=agg.no_answer,
        distribution=agg.distribution,
        median=agg.median,
        q1=agg.q1,
        q3=agg.q3,
        mode=agg.mode,
        mode_share=agg.mode_share,
        health_median=agg.health_median,
        health_spread=agg.health_spread,
        disagreement=agg.disagreement,
        importance=importance,
        consensus=answer,
    )


def _organisation_warnings(people: Sequence[Response], chosen: str | None) -> tuple[str, ...]:
    """A warning when the files name more than one organisation: the workshop merges them under
    one name, which is right for a typo and wrong for two clients' files in one folder."""
    counts = Counter(p.answers.organisation for p in people if p.answers.organisation)
    if len(counts) <= 1:
        return ()
    named = ", ".join(
        f"{name} ({n} file{'s' if n != 1 else ''})" for name, n in sorted(counts.items())
    )
    return (
        f"the answers files name {len(counts)} organisations: {named}; they are aggregated as "
        f"one, under {chosen}",
    )


def _organisation(people: Sequence[Response]) -> str | None:
    """The organisation most files name (ties: the first alphabetically), if any."""
    counts = Counter(p.answers.organisation for p in people if p.answers.organisation)
    if not counts:
        return None
    best = max(counts.values())
    return min(name for name, n in counts.items() if n == best)
