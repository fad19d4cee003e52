"""Properties of the engine over generated answers, for the bundled questionnaire and the lab.

- every score is within 0..100 and every risk within 0..1;
- improving one answer (a higher health score for the same question, everything else equal)
  never lowers a capability it measures and never raises any failure factor's residual risk,
  as long as the lateness stays the same. The lateness is context, not a score: when a better
  answer moves it (product/market fit evidence is a stage signal), every stage weight moves with
  it, by design (a startup that finds product/market fit faces late-stage risks); such moves are
  bounded instead (tests/test_engine_guarantees.py);
- the result is identical across runs and across orderings of the answers;
- the JSON output always validates against ``scaleready schema result``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any, NamedTuple

import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from scaleready.engine import assess
from scaleready.engine.facts import health_score
from scaleready.errors import InputError
from scaleready.formats.answers import Answer, Answers, AnswerValue, QuestionnaireRef
from scaleready.formats.questionnaire import Question, Questionnaire
from scaleready.formats.result import Assessment
from scaleready.formats.schema import json_schema
from scaleready.loading.questionnaire import load_questionnaire
from tests.conftest import REPO
from tests.test_engine_lab import lab

BUNDLED = REPO / "questionnaires" / "scaling-readiness.yaml"
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@lru_cache(maxsize=1)
def bundled() -> Questionnaire | str:
    """The bundled questionnaire, or why it cannot be used."""
    if not BUNDLED.is_file():
        return f"{BUNDLED.relative_to(REPO)} does not exist yet"
    try:
        return load_questionnaire(BUNDLED)[0]
    except InputError as exc:
        return f"{BUNDLED.relative_to(REPO)} is invalid: {exc}"


def questionnaire(name: str) -> Questionnaire:
    """The questionnaire a test runs on; skips (saying why) when the bundled one is unusable."""
    if name == "lab":
        return lab()
    loaded = bundled()
    if isinstance(loaded, str):
        pytest.skip(loaded)
    return loaded


# The bundled questionnaire takes a second or two per property: in the full suite only.
QUESTIONNAIRES = pytest.mark.parametrize(
    "name", ["lab", pytest.param("bundled", marks=pytest.mark.slow)]
)


@lru_cache(maxsize=1)
def validator() -> jsonschema.Draft202012Validator:
    schema = json_schema("result")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def values(q: Questionnaire, question: Question) -> st.SearchStrategy[AnswerValue]:
    """Every valid answered value of a question."""
    if question.type in ("choice", "scale"):
        return st.sampled_from([o.key for o in q.options_of(question)])
    if question.type == "multi":
        keys = [o.key for o in q.options_of(question)]
        return st.lists(st.sampled_from(keys), unique=True).map(tuple)
    if question.type == "boolean":
        return st.booleans()
    if question.type == "number":
        low = question.min if question.min is not None else -1000.0
        high = question.max if question.max is not None else low + 2000.0
        if question.integer:
            return st.integers(int(low), int(high))
        return st.one_of(
            st.integers(int(low), int(high)).filter(lambda x: low <= x <= high),
            st.floats(low, high, allow_nan=False, allow_infinity=False),
        )
    return st.text(max_size=20)


@st.composite
def answer_sets(draw: st.DrawFn, name: str) -> dict[str, Answer]:
    """A random answers file for the questionnaire called ``name`` (passed by name so that
    Hypothesis's reports stay short): each question unanswered, don't know, N/A or answered."""
    q = questionnaire(name)
    out: dict[str, Answer] = {}
    for question in q.questions:
        kind = draw(st.integers(0, 9))
        if kind == 0:
            continue
        if kind == 1 and question.dont_know:
            out[question.id] = Answer(status="dont_know")
        elif kind == 2 and question.not_applicable:
            out[question.id] = Answer(status="not_applicable", reason="n/a")
        else:
            out[question.id] = Answer(value=draw(values(q, question)))
    return out


def build(q: Questionnaire, answers: dict[str, Answer]) -> Answers:
    return Answers(
        questionnaire=QuestionnaireRef(id=q.id, version=q.version),
        organisation="Generated",
        answers=answers,
    )


def check_ranges(result: Assessment) -> None:
    assert 0 <= result.score <= 100
    for item in (*result.capabilities, *result.values, *result.mechanisms):
        assert item.score is None or 0 <= item.score <= 100
    for f in result.failure_factors:
        for x in (f.exposure, f.mitigation, f.residual_risk):
            assert 0 <= x <= 1
        assert f.residual_risk <= f.exposure
    for r in result.recommendations:
        assert r.priority > 0
    assert 0 <= result.coverage.percent <= 100


@QUESTIONNAIRES
@SETTINGS
@given(data=st.data())
def test_scores_stay_in_range(name: str, data: st.DataObject) -> None:
    q = questionnaire(name)
    check_ranges(assess(q, build(q, data.draw(answer_sets(name)))))


@QUESTIONNAIRES
@settings(SETTINGS, max_examples=20)  # validating a whole result takes ~0.1 s
@given(data=st.data())
def test_the_json_always_validates_against_the_result_schema(
    name: str, data: st.DataObject
) -> None:
    q = questionnaire(name)
    result = assess(q, build(q, data.draw(answer_sets(name))))
    validator().validate(json.loads(result.to_json()))


@QUESTIONNAIRES
@SETTINGS
@given(data=st.data())
def test_the_result_is_identical_across_runs_and_orderings(name: str, data: st.DataObject) -> None:
    q = questionnaire(name)
    answers = data.draw(answer_sets(name))
    shuffled = data.draw(st.permutations(list(answers.items())))
    # Two runs, in two orders: equal results and byte-identical JSON.
    first = assess(q, build(q, answers))
    reordered = assess(q, build(q, dict(shuffled)))
    assert first == reordered
    assert first.to_json() == reordered.to_json()


def scored_questions(q: Questionnaire) -> list[str]:
    return [x.id for x in q.questions if x.measures and x.type != "text"]


@st.composite
def worse_and_better(draw: st.DrawFn, name: str, qid: str) -> tuple[AnswerValue, AnswerValue]:
    """Two answers to question ``qid``, the second with a strictly higher health score."""
    q = questionnaire(name)
    question = q.question(qid)
    assert question is not None
    if question.type in ("choice", "scale"):
        by_score: dict[float, list[AnswerValue]] = {}
        for option in q.options_of(question):
            if option.score is not None:
                by_score.setdefault(option.score, []).append(option.key)
        assume(len(by_score) > 1)
        low, high = sorted(
            draw(st.lists(st.sampled_from(sorted(by_score)), min_size=2, max_size=2, unique=True))
        )
        return draw(st.sampled_from(by_score[low])), draw(st.sampled_from(by_score[high]))
    one, two = draw(values(q, question)), draw(values(q, question))
    s1, s2 = health_score(q, question, one), health_score(q, question, two)
    assume(s1 is not None and s2 is not None and s1 != s2)
    return (one, two) if (s1 or 0.0) < (s2 or 0.0) else (two, one)


class OneStep(NamedTuple):
    """One scored answer of a generated answer set, assessed at a worse and at a better value."""

    q: Questionnaire
    qid: str
    worse: AnswerValue
    better: AnswerValue
    low: Assessment
    high: Assessment


def one_step(name: str, data: st.DataObject) -> OneStep:
    """Draw an answer set and one of its scored questions, and assess both of its values."""
    q = questionnaire(name)
    answers = data.draw(answer_sets(name))
    qid = data.draw(st.sampled_from(scored_questions(q)))
    worse, better = data.draw(worse_and_better(name, qid))
    low = assess(q, build(q, {**answers, qid: Answer(value=worse)}))
    high = assess(q, build(q, {**answers, qid: Answer(value=better)}))
    return OneStep(q, qid, worse, better, low, high)


@QUESTIONNAIRES
@SETTINGS
@given(data=st.data())
def test_a_better_answer_never_lowers_its_capability_nor_raises_any_risk(
    name: str, data: st.DataObject
) -> None:
    q, qid, worse, better, low, high = one_step(name, data)
    assume(low.stage.lateness == high.stage.lateness)  # a profile move: see the module's docstring
    question = q.question(qid)
    assert question is not None
    measured = {m.target for m in question.measures if m.kind == "capability"}
    low_caps = {c.id: c.score for c in low.capabilities}
    for cap in high.capabilities:
        before = low_caps[cap.id]
        if cap.id in measured and cap.score is not None and before is not None:
            assert cap.score >= before, (qid, worse, better, cap.id)
    low_risk = {f.id: f.residual_risk for f in low.failure_factors}
    newly_held = _held(high) - _held(low)
    for f in high.failure_factors:
        if f.residual_risk <= low_risk[f.id]:
            continue
        # The engine's maths is monotone; a rule is the author's, and may react to a better
        # answer (a questionnaire defect the engine cannot undo). Then the rise must come from
        # a rule that holds only with the better answer.
        assert newly_held & set(f.triggered_by.rules), (
            qid,
            worse,
            better,
            f.id,
            _why(low, high, f.id),
        )


def _held(result: Assessment) -> set[str]:
    return {r.id for f in result.failure_factors for r in f.rules}


def _why(low: Assessment, high: Assessment, factor_id: str) -> dict[str, Any]:
    """What differs between the two results for one factor (for a readable failure)."""
    a = next(f for f in low.failure_factors if f.id == factor_id)
    b = next(f for f in high.failure_factors if f.id == factor_id)
    return {
        "exposure": (a.exposure, b.exposure),
        "from": (a.exposure_from, b.exposure_from),
        "rules": (a.triggered_by.rules, b.triggered_by.rules),
        "mitigation": (a.mitigation, b.mitigation),
    }


def test_the_bundled_questionnaire_is_used_when_it_exists() -> None:
    loaded = bundled()
    if isinstance(loaded, str):
        pytest.skip(loaded)
    assert scored_questions(loaded)
