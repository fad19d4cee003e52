"""``scaleready diff`` output: what moved between two assessments, as text, Markdown or JSON."""

from __future__ import annotations

from scaleready.engine.compare import AnswerMove, Delta, RiskMove, ScoreMove, describe
from scaleready.errors import visible
from scaleready.render.answer_text import DIFF, answer_text
from scaleready.render.report.markdown import md_code, md_escape


def render_delta(delta: Delta, fmt: str) -> str:
    """The delta in ``fmt`` (terminal, md or json)."""
    if fmt == "json":
        return delta.to_json()
    if fmt == "md":
        return _markdown(delta)
    return _text(delta)


def _headline(delta: Delta) -> list[str]:
    version = (
        delta.new_version
        if delta.old_version == delta.new_version
        else f"{delta.old_version} -> {delta.new_version}"
    )
    stage = (
        delta.new_stage
        if delta.old_stage == delta.new_stage
        else f"{delta.old_stage} -> {delta.new_stage}"
    )
    change = delta.new_score - delta.old_score
    return [
        f"questionnaire {delta.questionnaire} {version}",
        f"score {delta.old_score:g} -> {delta.new_score:g} ({change:+.1f})",
        f"stage {stage}",
    ]


def _risk_word(move: RiskMove) -> str:
    return {
        "appeared": "risk appeared",
        "cleared": "risk cleared",
        "rose": "risk rose",
        "fell": "risk fell",
    }[move.status]


def _answer(move: AnswerMove, old: bool) -> str:
    status = move.old_status if old else move.new_status
    value = move.old if old else move.new
    return answer_text(value, None, None, DIFF, status=status)


def _text(delta: Delta) -> str:
    lines = _headline(delta)
    regressions = delta.regressions
    lines.append(f"regressions: {len(regressions) or 'none'}")
    lines += [f"  REGRESSION {describe(m)}" for m in regressions]
    if delta.capabilities:
        lines.append("capabilities:")
        lines += [f"  {'down' if _down(m) else 'up  '} {describe(m)}" for m in delta.capabilities]
    if delta.failure_factors:
        lines.append("failure factors:")
        lines += [f"  {_risk_word(m)}: {describe(m)}" for m in delta.failure_factors]
    scope = "" if delta.answers_compared == "all" else " (those that measure something)"
    lines.append(f"answers changed{scope}: {len(delta.answers) or 'none'}")
    lines += [f"  {m.question}: {_answer(m, True)} -> {_answer(m, False)}" for m in delta.answers]
    if delta.not_applicable:
        lines.append("not applicable:")
        lines += [f"  {describe(m)}" for m in delta.not_applicable]
    # Ids, names and answers come from result files anyone may write: shown, never obeyed.
    return "\n".join(visible(line) for line in lines) + "\n"


def _down(move: ScoreMove) -> bool:
    return move.old is not None and move.new is not None and move.new < move.old


def _moved(text: str) -> str:
    """A line that says what moved, escaped, its arrow ("0.2 -> 0.3") kept as typed: a ``>``
    after an escaped ``<`` opens no tag, and mid-line starts no quote."""
    return md_escape(text).replace(" -&gt; ", " -> ")


def _markdown(delta: Delta) -> str:
    # Every id, name and answer comes from a result file anyone can write: each is escaped as the
    # reports escape (md_escape), ids shown as code (md_code).
    out = ["## scaleready diff", "", *(f"- {_moved(line)}" for line in _headline(delta))]
    regressions = delta.regressions
    out += ["", f"**Regressions: {len(regressions) or 'none'}**", ""]
    out += [f"- {_moved(describe(m))}" for m in regressions]
    if delta.capabilities:
        out += ["", "| capability | before | after |", "|---|---:|---:|"]
        out += [
            f"| {md_escape(m.name)} ({md_code(m.id)}) | {_n(m.old, 1)} | {_n(m.new, 1)} |"
            for m in delta.capabilities
        ]
    if delta.failure_factors:
        out += ["", "| failure factor | change | risk before | risk after |", "|---|---|---:|---:|"]
        out += [
            f"| {md_escape(m.name)} ({md_code(m.id)}) | {_risk_word(m)} | {_n(m.old, 3)} "
            f"| {_n(m.new, 3)} |"
            for m in delta.failure_factors
        ]
    if delta.answers:
        out += ["", "| answer | before | after |", "|---|---|---|"]
        out += [
            f"| {md_code(m.question)} | {md_escape(_answer(m, True))} "
            f"| {md_escape(_answer(m, False))} |"
            for m in delta.answers
        ]
    out += _markdown_not_applicable(delta)
    return "\n".join(out) + "\n"


def _markdown_not_applicable(delta: Delta) -> list[str]:
    """The "not applicable" claims that changed, with their reasons, for a reviewer to judge."""
    if not delta.not_applicable:
        return []
    out = [] if _out_ends_blank(delta) else [""]
    out += ["| not applicable | change | reason before | reason after |", "|---|---|---|---|"]
    words = {"became": "became not applicable", "ended": "no longer", "reason": "new reason"}
    for m in delta.not_applicable:
        before, after = md_escape(m.old_reason or ""), md_escape(m.new_reason or "")
        out.append(f"| {md_code(m.question)} | {words[m.change]} | {before} | {after} |")
    return out


def _out_ends_blank(delta: Delta) -> bool:
    """Whether the Markdown before the not-applicable table ends in a blank line: it does when
    nothing follows the regressions' heading (no regression, no other table)."""
    return not (delta.regressions or delta.capabilities or delta.failure_factors or delta.answers)


def _n(value: float | None, digits: int) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"
