"""Immutable models of a questionnaire: scales, the causal model, sections, questions, rules, tests.

The models check shape and ranges only; cross-references (ids that must exist, expressions that
must compile) are checked in :mod:`scaleready.loading.questionnaire`, which has the whole document.
The stage models are in :mod:`._stage`. This module stays over 400 lines on purpose: one model per
key of the format, read top to bottom as its reference.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any, Literal

from pydantic import Field, PrivateAttr, Strict, model_validator

from scaleready.formats._stage import Relevance, one_stage_form, resolve_stages
from scaleready.formats._stage import Stage as Stage  # re-exported: render.report.view
from scaleready.formats._stage import StageConfig as StageConfig
from scaleready.formats._stage import StageProfile as StageProfile
from scaleready.formats._stage import StageSignal as StageSignal  # re-exported: engine.stage
from scaleready.formats._wording import Wording as Wording  # one import for every model
from scaleready.formats.frozen import Frozen
from scaleready.vocabulary import DoraEdition

Str = Annotated[str, Strict()]
Text = Annotated[str, Strict(), Field(min_length=1)]
Bool = Annotated[bool, Strict()]
Number = Annotated[float, Strict()]
Id = Annotated[str, Strict(), Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=80)]
# A weight says how strongly one thing bears on another; 0 would mean "no link", so it is excluded.
Weight = Annotated[float, Strict(), Field(gt=0, le=1)]
# A score is how healthy an answer is: 0 is the worst practice, 1 the best.
Score = Annotated[float, Strict(), Field(ge=0, le=1)]
OptionKey = Annotated[str, Strict(), Field(min_length=1, max_length=80)] | Annotated[int, Strict()]
Expression = Annotated[str, Strict(), Field(min_length=1)]
QuestionType = Literal["choice", "multi", "scale", "number", "boolean", "text"]
DoraMetric = Literal["leadtime", "deployfreq", "failurerecovery", "changefailure", "rework"]

MEASURE_TARGETS = ("capability", "failure_factor", "value", "mechanism", "outcome", "signal")


class Band(Frozen):
    """Scores a number answer: the first band whose ``upto`` is >= the answer applies."""

    upto: Number | None = Field(
        default=None, description="Inclusive upper bound; omit for the rest"
    )
    score: Score


class Measure(Frozen):
    """What a question's answer is evidence of: exactly one target id, with a weight."""

    capability: Id | None = None
    failure_factor: Id | None = None
    value: Id | None = None
    mechanism: Id | None = None
    outcome: Id | None = None
    signal: Id | None = None
    weight: Weight = 1.0
    negative: Bool = Field(
        default=False,
        description="On an option's measures only: the option counts against the target when "
        "selected (a ticked blocker scores 0, an unticked one 1)",
    )

    @model_validator(mode="after")
    def _one_target(self) -> Measure:
        named = [t for t in MEASURE_TARGETS if getattr(self, t) is not None]
        if len(named) != 1:
            raise ValueError(f"name exactly one of {', '.join(MEASURE_TARGETS)}")
        return self

    @property
    def kind(self) -> str:
        """Which part of the model this measure points at."""
        return next(t for t in MEASURE_TARGETS if getattr(self, t) is not None)

    @property
    def target(self) -> str:
        """The id this measure points at."""
        target: str = getattr(self, self.kind)
        return target


class Option(Frozen):
    """One answer option. ``score`` is how healthy the practice it describes is (0..1)."""

    key: OptionKey
    label: Text
    score: Score | None = None
    value: Number | None = Field(
        default=None, description="A number the engine compares with benchmarks, e.g. a DORA band"
    )
    help: Text | None = None
    measures: tuple[Measure, ...] = Field(
        default=(),
        description="What selecting this option is evidence of: selected scores 1, not "
        "selected 0 (reversed for a negative measure)",
    )


class Investment(Frozen):
    """An investment an answer shows being made: ``when`` says the answer shows it; it becomes a
    "don't build this yet" finding when the organisation's stage does not call for it yet."""

    when: Expression
    machinery: Text = Field(description="What is being built or done, e.g. 'a team dashboard'")
    because: Text = Field(description="Why making it now does not pay off yet, shown to the reader")
    worse_with: tuple[Id, ...] = Field(
        default=(),
        description="Failure factors whose exposure makes the investment untimely at any stage "
        "(the investment would deepen them)",
    )


class Question(Frozen):
    """A question. ``choice``/``multi``/``scale`` take ``options`` or a named ``scale``."""

    id: Id
    text: Text
    help: Text | None = None
    type: QuestionType
    options: tuple[Option, ...] | None = None
    scale: Id | None = None
    labels: dict[OptionKey, Text] | None = Field(
        default=None,
        description="Labels of this question's options that replace its scale's, by option key",
    )
    min: Number | None = None
    max: Number | None = None
    integer: Bool = False
    unit: Text | None = None
    bands: tuple[Band, ...] | None = None
    true_score: Score | None = None
    false_score: Score | None = None
    measures: tuple[Measure, ...] = ()
    when: Expression | None = None
    stage: Id | None = Field(
        default=None,
        description=(
            "The stage whose questions this is: its answer counts with its relevance at the"
            " organisation's position (the floor at the far end, 1 in the stage), never switched"
            " off"
        ),
    )
    stages: tuple[Id, ...] = Field(default=(), description="The stages it belongs to")
    relevance: Relevance | None = Field(
        default=None, description="Its relevance (0..1) at each stage named"
    )
    investment: Investment | None = None
    context: Bool = Field(
        default=False,
        description=(
            "Only context: the answer shapes the values and mechanisms shown with the advice,"
            " and is not expected to move readiness or a risk on its own (the advice panel"
            " accepts it as inert)"
        ),
    )
    dont_know: Bool = Field(default=True, description='Offer "don\'t know"')
    not_applicable: Bool = Field(default=True, description='Offer "not applicable"')

    @model_validator(mode="after")
    def _stage_form(self) -> Question:
        one_stage_form(self)
        return self


class Section(Frozen):
    """A group of questions asked together, with an intro shown before the first."""

    id: Id
    title: Text
    intro: Text | None = None
    when: Expression | None = None
    questions: tuple[Question, ...] = Field(min_length=1)
    opt_in: Id | None = Field(
        default=None,
        description="A boolean question of this section that opens the rest (with their when:); "
        "until it is answered yes, the section counts nowhere: not in coverage, not in reports",
    )

    @model_validator(mode="after")
    def _opt_in_is_a_boolean_here(self) -> Section:
        if self.opt_in is not None and not any(
            q.id == self.opt_in and q.type == "boolean" for q in self.questions
        ):
            raise ValueError(f"opt_in {self.opt_in!r} is not a boolean question of this section")
        return self


class Value(Frozen):
    """A value: a belief about how to work, lived through mechanisms."""

    id: Id
    name: Text
    description: Text | None = None
    stages: tuple[Id, ...] = Field(default=(), description="The stages it belongs to (none: all)")
    relevance: Relevance | None = Field(
        default=None, description="Its relevance (0..1) at each stage named"
    )

    @model_validator(mode="after")
    def _stage_form(self) -> Value:
        one_stage_form(self)
        return self


class Mechanism(Frozen):
    """A mechanism or ritual that applies values."""

    id: Id
    name: Text
    description: Text | None = None
    category: Text | None = None
    applies: tuple[Id, ...] = Field(
        default=(),
        description="The values it applies, or capabilities it applies directly",
    )
    grows: tuple[Id, ...] = Field(
        default=(), description="Capabilities this mechanism is a first-hand way to grow"
    )
    addresses: tuple[Id, ...] = Field(
        default=(), description="Failure factors whose symptoms this mechanism works on"
    )
    requires: Expression | None = Field(
        default=None, description="A prerequisite: the mechanism is advised only where it holds"
    )
    requires_because: Text | None = Field(
        default=None, description="What the prerequisite is, shown when it does not hold"
    )

    @model_validator(mode="after")
    def _prerequisite_explained(self) -> Mechanism:
        if (self.requires is None) != (self.requires_because is None):
            raise ValueError("give requires and requires_because together")
        return self


class Capability(Frozen):
    """A capability that mitigates failure factors, grown by values."""

    id: Id
    name: Text
    description: Text | None = None
    stages: tuple[Id, ...] = Field(default=(), description="The stages it belongs to (none: all)")
    relevance: Relevance | None = Field(
        default=None, description="Its relevance (0..1) at each stage named"
    )
    influenced_by: tuple[Id, ...] = ()
    requires: Expression | None = Field(
        default=None,
        description="A prerequisite: where it does not hold, the capability is advised last",
    )
    requires_because: Text | None = Field(
        default=None, description="What the prerequisite is, shown when it does not hold"
    )

    @model_validator(mode="after")
    def _prerequisite_explained(self) -> Capability:
        if (self.requires is None) != (self.requires_because is None):
            raise ValueError("give requires and requires_because together")
        one_stage_form(self)
        return self


class FailureFactor(Frozen):
    """A failure factor of one, several or all stages, with its causes and the capabilities
    that mitigate it."""

    id: Id
    name: Text
    description: Text | None = None
    stage: Id | None = Field(default=None, description="The one stage it belongs to")
    stages: tuple[Id, ...] = Field(
        default=(), description="The stages it belongs to (none of stage, stages, relevance: all)"
    )
    relevance: Relevance | None = Field(
        default=None, description="Its relevance (0..1) at each stage named"
    )
    part_of: Id | None = None
    causes: tuple[Text, ...] = ()
    mitigated_by: dict[Id, Weight] = Field(default_factory=dict)
    harms: tuple[Id, ...] = ()

    @model_validator(mode="after")
    def _stage_form(self) -> FailureFactor:
        one_stage_form(self)
        return self


class Outcome(Frozen):
    """A positive outcome the failure factors harm, e.g. a DORA delivery metric."""

    id: Id
    name: Text
    description: Text | None = None
    dora_metric: DoraMetric | None = None


class Signal(Frozen):
    """A warning sign in the answers and the failure factors it points to."""

    id: Id
    name: Text
    description: Text | None = None
    indicates: tuple[Id, ...] = ()


class Model(Frozen):
    """The causal graph: mechanisms apply values, which grow capabilities, which mitigate
    failure factors, which harm outcomes."""

    stages: tuple[StageProfile, ...] = ()
    values: tuple[Value, ...] = ()
    mechanisms: tuple[Mechanism, ...] = ()
    capabilities: tuple[Capability, ...] = ()
    failure_factors: tuple[FailureFactor, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    signals: tuple[Signal, ...] = ()


class Raise(Frozen):
    """What a rule does when its condition holds: raise a failure factor's exposure."""

    failure_factor: Id
    level: Score


class Rule(Frozen):
    """A finding the graph alone cannot express, with the reason a reader is shown."""

    id: Id
    when: Expression
    raise_: Raise = Field(alias="raise")
    because: Text
    mitigated_by: tuple[Id, ...] = Field(
        default=(),
        description="The capabilities that address what the rule finds (some of its failure "
        "factor's mitigated_by); empty: all of them",
    )


class DoraQuestions(Frozen):
    """Which questions carry DORA's five delivery metrics (bands 1-6 as option ``value``)."""

    leadtime: Id | None = None
    deployfreq: Id | None = None
    failurerecovery: Id | None = None
    changefailure: Id | None = None
    rework: Id | None = None


class DoraCapabilityQuestions(Frozen):
    """Which questions carry the Quick Check's "help me prioritise" statements (1-5 as option
    ``value``), per DORA capability."""

    ci: tuple[Id, ...] = ()
    arch: tuple[Id, ...] = ()
    culture: tuple[Id, ...] = ()


class LeadTimeBand(Frozen):
    """Expected lead time for changes for teams up to ``max_developers``."""

    max_developers: Annotated[int, Strict()] | None = None
    min_days: Number
    max_days: Number


class TeamSizeBenchmark(Frozen):
    """Lead time by number of developers, for comparison with the answers."""

    developers_question: Id
    lead_time_question: Id
    bands: tuple[LeadTimeBand, ...] = Field(min_length=1)


class Benchmarks(Frozen):
    """Links between questions and published benchmarks."""

    dora: DoraQuestions | None = None
    dora_edition: DoraEdition = 2025
    dora_capabilities: DoraCapabilityQuestions | None = None
    westrum: tuple[Id, ...] = ()
    industry_question: Id | None = None
    organisation_size_question: Id | None = None
    team_size: TeamSizeBenchmark | None = None


class FixtureExpect(Frozen):
    """What the engine must conclude for a fixture's answers."""

    stage: Id | None = Field(default=None, description="A declared stage id")
    risks_include: tuple[Id, ...] = ()
    risks_exclude: tuple[Id, ...] = ()
    score_min: Annotated[float, Strict(), Field(ge=0, le=100)] | None = None
    score_max: Annotated[float, Strict(), Field(ge=0, le=100)] | None = None


class Fixture(Frozen):
    """A persona: answers and what must follow from them; run by ``scaleready validate``."""

    name: Text
    description: Text | None = None
    answers: dict[Str, Any]
    expect: FixtureExpect


class Derived(Frozen):
    """A named expression over the answers (a mean of several statements, say), usable in other
    expressions as ``derived['id']``; with ``bands`` it is scored and may measure the model."""

    id: Id
    name: Text
    description: Text | None = None
    expression: Expression
    bands: tuple[Band, ...] | None = Field(
        default=None, description="Score the value as a number question's bands do"
    )
    measures: tuple[Measure, ...] = ()


class Questionnaire(Frozen):
    """A whole questionnaire, as loaded and checked."""

    id: Id
    version: Annotated[str, Strict(), Field(pattern=r"^\d+\.\d+\.\d+$")]
    title: Text
    description: Text | None = None
    scales: dict[Id, tuple[Option, ...]] = Field(default_factory=dict)
    model: Model = Field(default_factory=Model)
    stage: StageConfig | None = None
    sections: tuple[Section, ...] = Field(min_length=1)
    derived: tuple[Derived, ...] = ()
    rules: tuple[Rule, ...] = ()
    benchmarks: Benchmarks | None = None
    tests: tuple[Fixture, ...] = ()
    wording: Wording = Field(default_factory=Wording)

    # Set at construction, never after: the questions by id (model_post_init), and the checked
    # expressions by source text (with_expressions, the loader's last step, which makes a new
    # value). Private attributes, so they are neither input keys nor in the schema or a dump.
    _questions: Mapping[str, Question] = PrivateAttr(default_factory=dict)
    _expressions: Mapping[str, Any] = PrivateAttr(default_factory=dict)
    # The options of questions whose own ``labels`` replace their scale's, made once here so
    # that every place that shows an option (interview, serve, reports, init) shows the same.
    _relabelled: Mapping[str, tuple[Option, ...]] = PrivateAttr(default_factory=dict)
    _derived: Mapping[str, Derived] = PrivateAttr(default_factory=dict)
    _option_measured: tuple[Question, ...] = PrivateAttr(default=())
    _stages: tuple[Stage, ...] = PrivateAttr(default=())

    def model_post_init(self, context: Any, /) -> None:
        """Index the questions by id, and resolve the stages, once, as the questionnaire is made."""
        self._questions = MappingProxyType({q.id: q for q in self.questions})
        relabelled: dict[str, tuple[Option, ...]] = {}
        for q in self._questions.values():
            if q.labels and q.options is None and q.scale is not None:
                shared = self.scales.get(q.scale, ())
                relabelled[q.id] = tuple(
                    o.model_copy(update={"label": q.labels[o.key]}) if o.key in q.labels else o
                    for o in shared
                )
        self._relabelled = MappingProxyType(relabelled)
        by_ref: dict[str, Derived] = {}
        for d in self.derived:
            by_ref.setdefault(d.id, d)
            by_ref.setdefault(d.id.replace("-", "_"), d)
        self._derived = MappingProxyType(by_ref)
        # Found once: scoring visits only these for options' measures, not every question.
        self._option_measured = tuple(
            q for q in self._questions.values() if any(o.measures for o in self.options_of(q))
        )
        self._stages = resolve_stages(self.stage, self.model.stages)

    @property
    def stage_defs(self) -> tuple[Stage, ...]:
        """The ordered stages, in one shape whether the file uses the new or the old form."""
        return self._stages

    @property
    def stage_ids(self) -> tuple[str, ...]:
        """The declared stage ids, in order."""
        return tuple(s.id for s in self._stages)

    def with_expressions(self, expressions: Mapping[str, Any]) -> Questionnaire:
        """A new questionnaire with the same content as this one, holding its checked and compiled expressions
        by source text (see :func:`scaleready.expressions.compiler.check_all`); this one is
        left as it is."""
        made = self.model_copy()
        made._expressions = MappingProxyType(dict(expressions))
        return made

    @property
    def questions(self) -> tuple[Question, ...]:
        """Every question, in the order asked."""
        return tuple(q for s in self.sections for q in s.questions)

    def question(self, question_id: str) -> Question | None:
        """The question with this id, if any."""
        return self._questions.get(question_id)

    @property
    def option_measured(self) -> tuple[Question, ...]:
        """The questions with an option that has measures of its own, in the order asked."""
        return self._option_measured

    def derived_value(self, ref: str) -> Derived | None:
        """The derived value with this id (or its ``_`` spelling), if any."""
        return self._derived.get(ref)

    def compiled(self, source: str) -> Any:
        """The compiled form of one of this questionnaire's expressions (see
        :mod:`scaleready.expressions.compiler`); ``KeyError`` if the loader did not compile it."""
        return self._expressions[source]

    def options_of(self, question: Question) -> tuple[Option, ...]:
        """A question's options, from the question itself or its named scale (with the
        question's own ``labels``, if any, in place of the scale's)."""
        if question.options is not None:
            return question.options
        relabelled = self._relabelled.get(question.id)
        if relabelled is not None and self._questions.get(question.id) is question:
            return relabelled
        if question.scale is not None:
            return self.scales.get(question.scale, ())
        return ()
