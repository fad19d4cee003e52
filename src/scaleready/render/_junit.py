"""The JUnit XML report: one testcase per capability and per relevant failure factor, and one
per gate given. A testcase fails exactly where a gate failed because of it, so the report agrees
with the exit code: failures exist if and only if ``score`` exits 1. What a gate found without
failing (a capability below ``--fail-under``, which gates the overall score; a regression without
``--fail-on-regression`` or within its tolerance) is in the testcase's ``<system-out>``. CI systems
(GitHub, GitLab, Jenkins) read this format as test results."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from scaleready.ci._gates import GateVerdict, case_key, failing_cases
from scaleready.errors import visible
from scaleready.formats.result import Assessment, CapabilityScore, FactorResult, NotApplicable


def render_junit(
    result: Assessment,
    verdicts: Sequence[GateVerdict] = (),
    *,
    fail_under: float | None = None,
) -> str:
    """The JUnit XML text for ``result`` under the gates' ``verdicts`` (none: every case
    passes); ``fail_under`` only adds a note to the capabilities below it."""
    failing = failing_cases(tuple(verdicts))
    notes: dict[str, list[str]] = {}
    for verdict in verdicts:
        for finding in verdict.findings:
            if not finding.fails:
                notes.setdefault(finding.key, []).append(finding.text)
    capabilities = [
        _capability_case(c, fail_under, failing, notes, result.stage.id)
        for c in sorted(result.capabilities, key=lambda c: c.id)
    ]
    factors = [
        _factor_case(f, failing, notes)
        for f in sorted(result.failure_factors, key=lambda f: f.id)
        if f.relevant
    ]
    claims = [_not_applicable_case(na, failing, notes) for na in result.not_applicable]
    root = ET.Element("testsuites", name="scaleready")
    suites = [
        _suite(root, "capabilities", capabilities, result),
        _suite(root, "failure-factors", factors, result),
    ]
    if claims:  # only when there are any, so that a file without one reports as it always did
        suites.append(_suite(root, "not-applicable", claims, result))
        properties = suites[-1].find("properties")
        assert properties is not None  # _suite always writes it
        for na in result.not_applicable:
            ET.SubElement(properties, "property", name=f"reason:{na.question}", value=na.reason)
    if verdicts:
        suites.append(_suite(root, "gates", [_gate_case(v) for v in verdicts], result))
    root.set("tests", str(sum(int(s.get("tests", "0")) for s in suites)))
    root.set("failures", str(sum(int(s.get("failures", "0")) for s in suites)))
    root.set("errors", "0")
    _make_safe(root)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(root: ET.Element, name: str, cases: list[ET.Element], result: Assessment) -> ET.Element:
    suite = ET.SubElement(root, "testsuite", name=f"scaleready.{name}")
    properties = ET.SubElement(suite, "properties")
    for key, value in (
        ("questionnaire", f"{result.questionnaire.id} {result.questionnaire.version}"),
        ("stage", result.stage.id),
        ("score", f"{result.score:g}"),
    ):
        ET.SubElement(properties, "property", name=key, value=value)
    suite.extend(cases)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(c.find("failure") is not None for c in cases)))
    suite.set("errors", "0")
    suite.set("skipped", str(sum(c.find("skipped") is not None for c in cases)))
    return suite


def _case(group: str, item_id: str, name: str) -> ET.Element:
    return ET.Element("testcase", name=f"{item_id}: {name}", classname=f"scaleready.{group}")


def _fail(case: ET.Element, reasons: list[str], kind: str, text: str) -> None:
    failure = ET.SubElement(case, "failure", message="; ".join(reasons), type=kind)
    failure.text = text


def _note(case: ET.Element, lines: list[str]) -> None:
    if lines:
        ET.SubElement(case, "system-out").text = "\n".join(lines)


def _capability_case(
    cap: CapabilityScore,
    fail_under: float | None,
    failing: dict[str, list[str]],
    notes: dict[str, list[str]],
    stage: str,
) -> ET.Element:
    case = _case("capabilities", cap.id, cap.name)
    if not cap.in_stage:
        ET.SubElement(case, "skipped").text = f"not a capability for the {stage} stage"
        return case
    key = case_key("capability", cap.id)
    summary = (
        f"{cap.name}: {cap.score if cap.score is not None else 'not scored'}/100 from "
        f"{cap.answered} of {cap.total} answers "
        f"({', '.join(ref.question for ref in cap.evidence) or 'none'})."
    )
    if key in failing:
        _fail(case, failing[key], "capability", summary)
    elif cap.score is None:
        ET.SubElement(case, "skipped").text = "not scored: no answer measures it"
        return case
    lines = list(notes.get(key, []))
    if cap.score is not None and fail_under is not None and cap.score < fail_under:
        lines.insert(
            0, f"score {cap.score:g} < {fail_under:g} (--fail-under gates the overall score)"
        )
    _note(case, lines)
    return case


def _factor_case(
    factor: FactorResult, failing: dict[str, list[str]], notes: dict[str, list[str]]
) -> ET.Element:
    case = _case("failure-factors", factor.id, factor.name)
    key = case_key("failure-factor", factor.id)
    if key in failing:
        triggers = [*factor.triggered_by.questions, *factor.triggered_by.rules]
        _fail(
            case,
            failing[key],
            "failure-factor",
            f"{factor.name}: residual risk {factor.residual_risk:.3f} = exposure "
            f"{factor.exposure:.3f} (from {factor.exposure_from}) x (1 - mitigation "
            f"{factor.mitigation:.3f}). Triggered by: {', '.join(triggers) or 'nothing'}. "
            "Run `scaleready explain ANSWERS "
            f"{factor.id}` for every number behind it.",
        )
    _note(case, notes.get(key, []))
    return case


def _not_applicable_case(
    na: NotApplicable, failing: dict[str, list[str]], notes: dict[str, list[str]]
) -> ET.Element:
    """A "not applicable" answer as a case that passes with its reason shown, so that CI lists
    every claim; it fails where it is new against the baseline (a regression that fails the
    gate)."""
    case = _case("not-applicable", na.question, na.text)
    key = case_key("not-applicable", na.question)
    if key in failing:
        _fail(
            case,
            failing[key],
            "not-applicable",
            'A new "not applicable" takes the question out of every score.',
        )
    _note(case, [f"not applicable: {na.reason}", *notes.get(key, [])])
    return case


# A gate's testcase is named by its option, not its verdict, so that CI can follow it run to run.
_GATE_OPTIONS = {
    "score": "--fail-under",
    "risk": "--fail-on-risk",
    "regression": "--baseline, --fail-on-regression",
}


def _gate_case(verdict: GateVerdict) -> ET.Element:
    """One gate as a testcase: it fails exactly when the gate does (and ``score`` exits 1)."""
    case = _case("gates", verdict.gate, _GATE_OPTIONS.get(verdict.gate, verdict.gate))
    if not verdict.passed:
        _fail(case, [verdict.line], "gate", "\n".join(verdict.details) or verdict.line)
    _note(case, [verdict.line, *verdict.details])
    return case


# XML 1.0 allows tab, newline, carriage return and U+0020 up, less surrogates, U+FFFE and U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` as :func:`~scaleready.errors.visible` shows it, and only with characters XML 1.0
    allows (the rest become U+FFFD), so the report always parses whatever a questionnaire or an
    answers file holds."""
    return _NOT_XML.sub("\ufffd", visible(text))


def _make_safe(root: ET.Element) -> None:
    """Every attribute and text of the tree through :func:`xml_text`."""
    for element in root.iter():
        for key, value in element.attrib.items():
            element.set(key, xml_text(value))
        if element.text:
            element.text = xml_text(element.text)
