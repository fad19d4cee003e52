"""Loads a questionnaire and checks everything the models alone cannot: ids, cross-references,
question shapes, expressions, benchmarks and fixtures. Every problem is reported, not just the first.
The checks of derived values, options' measures and questions' labels are in ``_derived``; the
rest stay here, over 400 lines, because each is a method of the one checker that collects them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from scaleready.errors import KeyPath, Problem, did_you_mean, valid_or_raise
from scaleready.expressions import compiler as expressions
from scaleready.formats.questionnaire import Mechanism, Option, Question, Questionnaire, Rule
from scaleready.loading import _derived
from scaleready.loading._dora_keys import dora_key_problems
from scaleready.loading._numbers import number_problems
from scaleready.loading._stages import stage_problems
from scaleready.loading.answers import check_answer_map
from scaleready.loading.structure import validate_model
from scaleready.loading.yaml_source import YamlDocument, parse_bytes, read_source

# Names an expression may use, besides the helpers, by where it stands.
_NAMES_IN_STAGE_SIGNALS = ("answers", "derived")
_NAMES_ELSEWHERE = ("answers", "stage", "derived")


def load_questionnaire(
    path: Path, display: str | None = None
) -> tuple[Questionnaire, list[Problem]]:
    """Load and check a questionnaire file; return it with its warnings.

    Raises :class:`InputError` with every error found.
    """
    name = display or str(path)
    questionnaire, warnings = _checked(read_source(path, name), name)
    return questionnaire, list(warnings)


# The one cache of the input side: a checked questionnaire by its file's bytes (and the name its
# problems carry). A questionnaire is immutable, so the same value can serve every load of the
# same bytes: `validate` of many answers files, `diff`, `history`, a baseline, or a script
# that loads it in a loop each read and check it once instead of once per file: `validate` of
# the seven examples, which all name the bundled questionnaire, takes 5.17x as long without it
# (benchmarks/devices.py --runs 21; docs/performance.md, "Devices that pay their way"). A few
# entries: one process rarely meets more than one or two questionnaires.
@lru_cache(maxsize=4)
def _checked(raw: bytes, name: str) -> tuple[Questionnaire, tuple[Problem, ...]]:
    questionnaire, problems = check_questionnaire(parse_bytes(raw, name))
    return valid_or_raise(questionnaire, problems), tuple(problems)


def check_questionnaire(doc: YamlDocument) -> tuple[Questionnaire | None, list[Problem]]:
    """Check a parsed questionnaire; return it (if its structure is valid) and all problems."""
    if not isinstance(doc.data, dict):
        return None, [doc.problem((), "a questionnaire must be a mapping with 'id' and 'sections'")]
    numbers = number_problems(doc)  # finite and in range, before anything computes with them
    if numbers:
        return None, numbers
    questionnaire, problems = validate_model(doc, Questionnaire)
    if questionnaire is None:
        return None, problems
    checker = _Checker(doc, questionnaire)
    checker.run()
    problems = sorted(checker.problems, key=Problem.sort_key)
    return questionnaire.with_expressions(checker.compiled), problems


class _Checker:
    def __init__(self, doc: YamlDocument, q: Questionnaire) -> None:
        self.doc = doc
        self.q = q
        self.problems: list[Problem] = []
        model = q.model
        self.ids: dict[str, set[str]] = {
            "value": {v.id for v in model.values},
            "mechanism": {m.id for m in model.mechanisms},
            "capability": {c.id for c in model.capabilities},
            "failure_factor": {f.id for f in model.failure_factors},
            "outcome": {o.id for o in model.outcomes},
            "signal": {s.id for s in model.signals},
            "question": {q.id for q in q.questions},
        }
        self.question_index = expressions.question_index(q.id for q in q.questions)
        self.pending: list[tuple[KeyPath, str, tuple[str, ...]]] = []
        self.compiled: dict[str, expressions.Checked] = {}

    def error(self, path: KeyPath, message: str) -> None:
        self.problems.append(self.doc.problem(path, message))

    def warn(self, path: KeyPath, message: str) -> None:
        self.problems.append(self.doc.problem(path, message, "warning"))

    def ref(self, path: KeyPath, kind: str, target: str, *, at_key: bool = False) -> None:
        if target not in self.ids[kind]:
            label = kind.replace("_", " ")
            hint = did_you_mean(target, self.ids[kind])
            self.problems.append(
                self.doc.problem(path, f"unknown {label} {target!r}{hint}", at_key=at_key)
            )

    def run(self) -> None:
        self.check_unique_ids()
        self.check_model()
        self.check_scales()
        self.check_questions()
        self.check_stage_and_rules()
        _derived.check_derived(self)
        self.problems += stage_problems(self.doc, self.q, self.question_paths())
        queued = list(self.pending)
        self.check_expressions()
        _derived.link_derived(self, queued)
        self.check_benchmarks()
        self.check_fixtures()
        self.check_coverage()

    def check_unique_ids(self) -> None:
        model = self.q.model
        groups: list[tuple[KeyPath, Iterable[str]]] = [
            (("model", "values"), (v.id for v in model.values)),
            (("model", "mechanisms"), (m.id for m in model.mechanisms)),
            (("model", "capabilities"), (c.id for c in model.capabilities)),
            (("model", "failure_factors"), (f.id for f in model.failure_factors)),
            (("model", "outcomes"), (o.id for o in model.outcomes)),
            (("model", "signals"), (s.id for s in model.signals)),
            (("model", "stages"), (s.id for s in model.stages)),
            (("sections",), (s.id for s in self.q.sections)),
            (("rules",), (r.id for r in self.q.rules)),
        ]
        if self.q.stage is not None:
            groups.append((("stage", "signals"), (s.id for s in self.q.stage.signals)))
        for path, ids in groups:
            self.unique(path, list(ids), "id")
        # Questions are addressed globally, and in expressions also by their "_" spelling.
        seen: dict[str, KeyPath] = {}
        for path, question in self.question_paths():
            key = expressions.alias(question.id)
            if key not in seen:
                seen[key] = path
                continue
            first_path = seen[key]
            first = self.question_at(first_path)
            line = self.doc.locate((*first_path, "id")).line
            if first.id == question.id:
                message = f"duplicate question id {question.id!r} (first at line {line})"
            else:
                message = (
                    f"question id {question.id!r} clashes with {first.id!r} (line {line}): "
                    f"expressions read both as answers.{key}"
                )
            self.error((*path, "id"), message)

    def question_at(self, path: KeyPath) -> Question:
        return self.q.sections[int(path[1])].questions[int(path[3])]

    def unique(self, path: KeyPath, ids: list[str], field: str) -> None:
        first: dict[str, int] = {}
        for i, ident in enumerate(ids):
            if ident in first:
                line = self.doc.locate((*path, first[ident], field)).line
                self.error((*path, i, field), f"duplicate {field} {ident!r} (first at line {line})")
            else:
                first[ident] = i

    def question_paths(self) -> Iterator[tuple[KeyPath, Question]]:
        for si, section in enumerate(self.q.sections):
            for qi, question in enumerate(section.questions):
                yield ("sections", si, "questions", qi), question

    def check_model(self) -> None:
        model = self.q.model
        for i, m in enumerate(model.mechanisms):
            self.check_mechanism(("model", "mechanisms", i), m)
        required = [("mechanisms", i, m.requires) for i, m in enumerate(model.mechanisms)]
        required += [("capabilities", i, c.requires) for i, c in enumerate(model.capabilities)]
        for kind, i, source in required:
            if source is not None:
                self.expression(("model", kind, i, "requires"), source, _NAMES_ELSEWHERE)
        for i, c in enumerate(model.capabilities):
            for j, v in enumerate(c.influenced_by):
                self.ref(("model", "capabilities", i, "influenced_by", j), "value", v)
        for i, f in enumerate(model.failure_factors):
            base = ("model", "failure_factors", i)
            if f.part_of is not None:
                self.ref((*base, "part_of"), "failure_factor", f.part_of)
            for cap in f.mitigated_by:
                self.ref((*base, "mitigated_by", cap), "capability", cap, at_key=True)
            for j, o in enumerate(f.harms):
                self.ref((*base, "harms", j), "outcome", o)
        self.check_part_of_cycles()
        for i, s in enumerate(model.signals):
            for j, f_id in enumerate(s.indicates):
                self.ref(("model", "signals", i, "indicates", j), "failure_factor", f_id)

    def check_mechanism(self, path: KeyPath, m: Mechanism) -> None:
        applicable = self.ids["value"] | self.ids["capability"]
        for j, target in enumerate(m.applies):
            if target not in applicable:
                hint = did_you_mean(target, applicable)
                # Worded as before capabilities were allowed here; the hint offers both.
                self.error((*path, "applies", j), f"unknown value {target!r}{hint}")
        links = (("grows", "capability"), ("addresses", "failure_factor"))
        for key, kind in links:
            for j, target in enumerate(getattr(m, key)):
                self.ref((*path, key, j), kind, target)

    def check_part_of_cycles(self) -> None:
        parent = {f.id: f.part_of for f in self.q.model.failure_factors}
        for i, factor in enumerate(self.q.model.failure_factors):
            seen = [factor.id]
            current = factor.part_of
            while current is not None and current in parent and current not in seen:
                seen.append(current)
                current = parent[current]
            if current == factor.id:
                chain = " -> ".join([*seen, factor.id])
                self.error(
                    ("model", "failure_factors", i, "part_of"),
                    f"part_of goes round in a circle: {chain}",
                )

    def check_scales(self) -> None:
        for name, options in self.q.scales.items():
            self.check_options(("scales", name), options)
            _derived.check_option_measures(self, ("scales", name), options)

    def check_options(self, path: KeyPath, options: tuple[Option, ...]) -> None:
        if not options:
            self.error(path, "must have at least 1 option")
        self.unique(path, [str(o.key) for o in options], "key")

    def check_questions(self) -> None:
        for si, section in enumerate(self.q.sections):
            if section.when is not None:
                self.expression(("sections", si, "when"), section.when, _NAMES_ELSEWHERE)
        for path, question in self.question_paths():
            self.check_question(path, question)

    def check_question(self, path: KeyPath, q: Question) -> None:
        if q.help is None:
            self.warn((*path, "id"), f"question {q.id!r} has no help text")
        if q.when is not None:
            self.expression((*path, "when"), q.when, _NAMES_ELSEWHERE)
        _derived.check_question_extras(self, path, q)
        if q.investment is not None:
            self.expression((*path, "investment", "when"), q.investment.when, _NAMES_ELSEWHERE)
            for i, f in enumerate(q.investment.worse_with):
                self.ref((*path, "investment", "worse_with", i), "failure_factor", f)
        has_options = q.options is not None or q.scale is not None
        if q.type in ("choice", "multi", "scale"):
            if q.options is not None and q.scale is not None:
                self.error((*path, "scale"), "give options or scale, not both")
            elif not has_options:
                self.error((*path, "options"), f"a {q.type} question needs options or a scale")
            elif q.scale is not None and q.scale not in self.q.scales:
                names = self.q.scales
                self.error(
                    (*path, "scale"), f"unknown scale {q.scale!r}{did_you_mean(q.scale, names)}"
                )
            elif q.options is not None:
                self.check_options((*path, "options"), q.options)
            scored = [o.score is not None for o in self.q.options_of(q)]
            if q.measures and not all(scored):
                self.error(
                    (*path, "measures"),
                    "every option needs a score when the question measures something",
                )
        else:
            for key in ("options", "scale"):
                if getattr(q, key) is not None:
                    self.error((*path, key), f"a {q.type} question has no {key}")
        self.check_number(path, q)
        if q.type == "boolean" and q.measures and (q.true_score is None or q.false_score is None):
            self.error(
                (*path, "measures"),
                "a boolean question that measures something needs true_score and false_score",
            )
        if q.type == "text" and q.measures:
            self.error(
                (*path, "measures"), "a text question has no score, so it cannot measure anything"
            )

    def check_number(self, path: KeyPath, q: Question) -> None:
        fields = ("min", "max", "integer", "unit", "bands")
        if q.type != "number":
            for key in fields:
                if key in self.doc_keys(path):
                    self.error((*path, key), f"{key} applies to number questions only")
            return
        if q.min is not None and q.max is not None and q.min > q.max:
            self.error((*path, "max"), f"max ({q.max:g}) is below min ({q.min:g})")
        if q.measures and not q.bands:
            self.error(
                (*path, "measures"),
                "a number question that measures something needs bands to score it",
            )
        bands = q.bands or ()
        for i, band in enumerate(bands):
            last = i == len(bands) - 1
            if band.upto is None and not last:
                self.error((*path, "bands", i, "upto"), "only the last band may leave out upto")
            previous = bands[i - 1].upto if i else None
            if band.upto is not None and previous is not None and band.upto <= previous:
                self.error(
                    (*path, "bands", i, "upto"),
                    f"bands must rise: {band.upto:g} is not above {previous:g}",
                )
        if bands and bands[-1].upto is not None and (q.max is None or bands[-1].upto < q.max):
            self.error(
                (*path, "bands"),
                "the last band must cover every allowed answer (leave out its upto)",
            )

    def doc_keys(self, path: KeyPath) -> set[object]:
        node = self.doc.data
        for part in path:
            node = node[part]
        return set(node)

    def expression(self, path: KeyPath, source: str, names: tuple[str, ...]) -> None:
        """Queue an expression; :meth:`check_expressions` checks and compiles them all at once."""
        self.pending.append((path, source, names))

    def check_expressions(self) -> None:
        """Check every queued expression and compile them together (see expressions.check_all),
        so that a large questionnaire pays Python's compile once, not once per expression."""
        results = expressions.check_all(
            [(source, names) for _, source, names in self.pending],
            self.question_index,
            expressions.comparison_check(self.q, self.question_index),
        )
        for (path, source, _), result in zip(self.pending, results, strict=True):
            if isinstance(result, list):
                for message in result:
                    self.error(path, message)
            else:
                self.compiled[source] = result
        self.pending.clear()

    def check_stage_and_rules(self) -> None:
        if self.q.stage is not None:
            for i, signal in enumerate(self.q.stage.signals):
                self.expression(
                    ("stage", "signals", i, "when"), signal.when, _NAMES_IN_STAGE_SIGNALS
                )
        for i, rule in enumerate(self.q.rules):
            self.expression(("rules", i, "when"), rule.when, _NAMES_ELSEWHERE)
            self.ref(
                ("rules", i, "raise", "failure_factor"),
                "failure_factor",
                rule.raise_.failure_factor,
            )
            self.check_rule_mitigators(i, rule)

    def check_rule_mitigators(self, i: int, rule: Rule) -> None:
        """A rule's ``mitigated_by`` names capabilities its failure factor is mitigated by."""
        factor = next(
            (f for f in self.q.model.failure_factors if f.id == rule.raise_.failure_factor), None
        )
        for j, cap in enumerate(rule.mitigated_by):
            if factor is not None and cap not in factor.mitigated_by:
                self.error(
                    ("rules", i, "mitigated_by", j),
                    f"{cap!r} does not mitigate failure factor {factor.id!r}",
                )

    def check_benchmarks(self) -> None:
        b = self.q.benchmarks
        if b is None:
            return
        base = ("benchmarks",)
        if b.dora is not None:
            for metric, qid in b.dora:
                if qid is not None:
                    self.ref((*base, "dora", metric), "question", qid)
        for i, qid in enumerate(b.westrum):
            self.ref((*base, "westrum", i), "question", qid)
        for key in ("industry_question", "organisation_size_question"):
            qid = getattr(b, key)
            if qid is not None:
                self.ref((*base, key), "question", qid)
        self.problems += dora_key_problems(self.doc, self.q)
        if b.team_size is not None:
            self.ref(
                (*base, "team_size", "developers_question"),
                "question",
                b.team_size.developers_question,
            )
            self.ref(
                (*base, "team_size", "lead_time_question"),
                "question",
                b.team_size.lead_time_question,
            )

    def check_fixtures(self) -> None:
        for i, fixture in enumerate(self.q.tests):
            base = ("tests", i)
            _, problems = check_answer_map(self.doc, (*base, "answers"), self.q)
            self.problems += problems
            for key in ("risks_include", "risks_exclude"):
                for j, ff in enumerate(getattr(fixture.expect, key)):
                    self.ref((*base, "expect", key, j), "failure_factor", ff)

    def check_coverage(self) -> None:
        """Warn about parts of the model that no question measures: they can never be scored."""
        measured: dict[str, set[str]] = {kind: set() for kind in self.ids}
        measures = [m for _, q in self.question_paths() for m in q.measures]
        measures += [m for d in self.q.derived for m in d.measures]
        options = [*self.q.scales.values(), *(q.options or () for q in self.q.questions)]
        measures += [m for group in options for o in group for m in o.measures]
        for m in measures:
            measured[m.kind].add(m.target)
        measured["failure_factor"] |= {r.raise_.failure_factor for r in self.q.rules}
        sections = {
            "value": "values",
            "mechanism": "mechanisms",
            "capability": "capabilities",
            "failure_factor": "failure_factors",
            "outcome": "outcomes",
            "signal": "signals",
        }
        for kind, section in sections.items():
            items = getattr(self.q.model, section)
            for i, item in enumerate(items):
                if item.id not in measured[kind]:
                    label = kind.replace("_", " ")
                    self.warn(
                        ("model", section, i, "id"), f"no question measures {label} {item.id!r}"
                    )
        mitigating = {cap for f in self.q.model.failure_factors for cap in f.mitigated_by}
        for i, cap in enumerate(self.q.model.capabilities):
            if cap.id not in mitigating:
                self.warn(
                    ("model", "capabilities", i, "id"),
                    f"capability {cap.id!r} mitigates no failure factor",
                )
