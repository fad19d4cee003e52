"""The JUnit XML report: one testcase per capability and per relevant failure factor, failing
where a gate says so, with the explanation as the failure message. CI systems (GitHub, GitLab,
Jenkins) read this format as test results."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from scaleready.engine.compare import Delta, Move, NotApplicableMove, describe
from scaleready.errors import visible
from scaleready.formats.result import Assessment, CapabilityScore, FactorResult, NotApplicable
from scaleready.vocabulary import Level, at_or_above


def render_junit(
    result: Assessment,
    *,
    fail_under: float | None = None,
    fail_on_risk: Level | None = None,
    delta: Delta | None = None,
) -> str:
    """The JUnit XML text for ``result`` under the given gates (none: every case passes)."""
    moved: dict[str, Move] = {}
    if delta is not None:
        moved = {f"{type(m).__name__}:{m.id}": m for m in delta.regressions}
    capabilities = [
        _capability_case(c, fail_under, moved.get(f"ScoreMove:{c.id}"), result.stage.id)
        for c in sorted(result.capabilities, key=lambda c: c.id)
    ]
    factors = [
        _factor_case(f, fail_on_risk, moved.get(f"RiskMove:{f.id}"))
        for f in sorted(result.failure_factors, key=lambda f: f.id)
        if f.relevant
    ]
    claims = [
        _not_applicable_case(na, moved.get(f"NotApplicableMove:{na.question}"))
        for na in result.not_applicable
    ]
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


def _capability_case(
    cap: CapabilityScore, fail_under: float | None, moved: Move | None, stage: str
) -> ET.Element:
    case = _case("capabilities", cap.id, cap.name)
    if not cap.in_stage:
        ET.SubElement(case, "skipped").text = f"not a capability for the {stage} stage"
        return case
    reasons = []
    if cap.score is not None and fail_under is not None and cap.score < fail_under:
        reasons.append(f"score {cap.score:g} < {fail_under:g}")
    if moved is not None:
        reasons.append(f"regressed: {describe(moved)}")
    if reasons:
        failure = ET.SubElement(case, "failure", message="; ".join(reasons), type="capability")
        failure.text = (
            f"{cap.name}: {cap.score if cap.score is not None else 'not scored'}/100 from "
            f"{cap.answered} of {cap.total} answers "
            f"({', '.join(ref.question for ref in cap.evidence) or 'none'})."
        )
    elif cap.score is None:
        ET.SubElement(case, "skipped").text = "not scored: no answer measures it"
    return case


def _factor_case(
    factor: FactorResult, fail_on_risk: Level | None, moved: Move | None
) -> ET.Element:
    case = _case("failure-factors", factor.id, factor.name)
    reasons = []
    if fail_on_risk is not None and at_or_above(factor.level, fail_on_risk):
        reasons.append(
            f"{factor.level} risk {factor.residual_risk:.3f} (fails from {fail_on_risk})"
        )
    if moved is not None:
        reasons.append(f"regressed: {describe(moved)}")
    if reasons:
        failure = ET.SubElement(case, "failure", message="; ".join(reasons), type="failure-factor")
        triggers = [*factor.triggered_by.questions, *factor.triggered_by.rules]
        failure.text = (
            f"{factor.name}: residual risk {factor.residual_risk:.3f} = exposure "
            f"{factor.exposure:.3f} (from {factor.exposure_from}) x (1 - mitigation "
            f"{factor.mitigation:.3f}). Triggered by: {', '.join(triggers) or 'nothing'}. "
            "Run `scaleready explain ANSWERS "
            f"{factor.id}` for every number behind it."
        )
    return case


def _not_applicable_case(na: NotApplicable, moved: Move | None) -> ET.Element:
    """A "not applicable" answer as a case that passes with its reason shown, so that CI lists
    every claim; it fails where it is new against the baseline (a regression)."""
    case = _case("not-applicable", na.question, na.text)
    if isinstance(moved, NotApplicableMove):
        failure = ET.SubElement(case, "failure", message=f"regressed: {describe(moved)}")
        failure.set("type", "not-applicable")
        failure.text = 'A new "not applicable" takes the question out of every score.'
    ET.SubElement(case, "system-out").text = f"not applicable: {na.reason}"
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
