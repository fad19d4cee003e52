"""The commands that score answers: ``score``, ``diff``, ``history`` and ``explain``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional, get_args

import typer

from scaleready.cli._app import (
    AnswersArgument,
    FollowSymlinksOption,
    OptionalFloat,
    OptionalPath,
    OptionalStr,
    QuestionnaireOption,
    app,
    checked_text,
    named_questionnaire,
    questionnaire_path,
)
from scaleready.vocabulary import DiffFormat, DoraEdition, HistoryFormat, Level, ScoreFormat

if TYPE_CHECKING:
    from scaleready.ci.score_run import ScoreRun


# What ``score -o`` says it wrote, in words.
FORMAT_WORDS = {
    "terminal": "the summary as text",
    "json": "the result as JSON",
    "md": "the Markdown report",
    "html": "the HTML report",
    "junit": "JUnit XML",
    "pdf": "the HTML report printed to PDF",
}
_FORMAT_HELP = "Output format [default: from --output's suffix, or terminal]."
ReportFormatOption = Annotated[
    Optional[ScoreFormat],  # noqa: UP045
    typer.Option("--format", "-f", help=_FORMAT_HELP),
]
OutputsOption = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write here instead of stdout; repeat for several (.md .html .json .xml .txt .pdf).",
    ),
]


@app.command(
    epilog="Example: scaleready score answers.yaml --fail-under 60 --baseline main.json "
    "--fail-on-regression --output report.md --output result.json",
)
def score(
    answers: AnswersArgument,
    questionnaire: QuestionnaireOption = None,
    fmt: ReportFormatOption = None,
    output: OutputsOption = None,
    templates: Annotated[
        OptionalPath,
        typer.Option(metavar="DIR", help="Report templates to use before the bundled ones."),
    ] = None,
    date: Annotated[
        OptionalStr, typer.Option(help="A date to print in md/html reports (none by default).")
    ] = None,
    fail_under: Annotated[
        OptionalFloat,
        typer.Option(metavar="N", help="Exit 1 if the overall score is below N (0-100)."),
    ] = None,
    fail_on_risk: Annotated[
        Optional[Level],  # noqa: UP045
        typer.Option(help="Exit 1 if a relevant failure factor's risk reaches this level."),
    ] = None,
    baseline: Annotated[
        OptionalPath,
        typer.Option(metavar="FILE", help="A result JSON or answers file to compare with."),
    ] = None,
    fail_on_regression: Annotated[
        bool, typer.Option(help="Exit 1 on any regression against --baseline.")
    ] = False,
    allow_version_change: Annotated[
        bool, typer.Option(help="Compare with a baseline of another questionnaire version.")
    ] = False,
    regression_tolerance: Annotated[
        OptionalFloat,
        typer.Option(
            metavar="POINTS",
            help="How far a capability score may fall (points of 100), or a risk rise "
            "(hundredths), without counting as a regression; a risk changing level always "
            "counts [default: 0.5].",
        ),
    ] = None,
    no_summary: Annotated[
        bool, typer.Option("--no-summary", help="On GitHub Actions, skip the job summary.")
    ] = False,
    follow_symlinks: FollowSymlinksOption = False,
    dora_edition: Annotated[
        OptionalStr,
        typer.Option(
            metavar="YEAR",
            help="Compare with DORA's 2024 or 2025 benchmarks [default: the questionnaire's "
            "benchmarks.dora_edition, else 2025].",
        ),
    ] = None,
) -> None:
    """Score an answers file: stage, readiness, risks and what to do first, and why; with
    gates and a baseline, the CI check of a committed answers file."""
    from scaleready.atomic import check_outputs
    from scaleready.ci.score_run import Gates, run_score
    from scaleready.render.outputs import check_pdf, plan_outputs

    if fail_under is not None:
        from scaleready.ci._gates import check_threshold

        check_threshold(fail_under)
    targets = plan_outputs(fmt, output or [])
    check_pdf(targets)
    date = checked_text("--date", date)
    check_outputs(
        [path for path, _ in targets if path is not None],
        [answers, baseline, questionnaire_path(questionnaire), named_questionnaire(answers)],
        follow_symlinks=follow_symlinks,
    )
    gates = Gates(
        fail_under=fail_under,
        fail_on_risk=fail_on_risk,
        baseline=baseline,
        fail_on_regression=fail_on_regression,
        allow_version_change=allow_version_change,
        **({} if regression_tolerance is None else {"regression_tolerance": regression_tolerance}),
    )
    run = run_score(answers, questionnaire, gates, _dora_edition(dora_edition))
    _publish(run, targets, templates, date, summary=not no_summary)


def _dora_edition(text: str | None) -> DoraEdition | None:
    """``--dora-edition`` as an edition; a usage error (exit 2) naming the allowed values."""
    from scaleready.vocabulary import DORA_EDITIONS

    if text is None:
        return None
    for edition in DORA_EDITIONS:
        if text.strip() == str(edition):
            return edition
    allowed = ", ".join(str(e) for e in DORA_EDITIONS)
    raise typer.BadParameter(
        f"{text!r} is not a DORA edition; use one of {allowed}", param_hint="'--dora-edition'"
    )


def _publish(
    run: ScoreRun,
    targets: list[tuple[Path | None, str]],
    templates: Path | None,
    date: str | None,
    *,
    summary: bool,
) -> None:
    """Write the reports, print the verdicts, annotate on GitHub; raise if a gate failed."""
    from scaleready.ci import github
    from scaleready.errors import GateFailed
    from scaleready.render.outputs import render, write_report

    if run.no_answers_warning:
        typer.echo(run.no_answers_warning, err=True)
    for path, fmt in targets:
        if path is not None:
            write_report(path, fmt, run, templates=templates, date=date)
            typer.echo(f"wrote {path} ({FORMAT_WORDS[fmt]})", err=True)
        elif fmt == "terminal":
            from rich.console import Console

            from scaleready.render.terminal import print_terminal

            print_terminal(run.result, run.questionnaire, Console(), run.answers.source)
        else:
            typer.echo(render(fmt, run, templates=templates, date=date), nl=False)
    for verdict in run.verdicts:
        typer.echo(verdict.line, err=True)
        for detail in verdict.details:
            typer.echo(f"  {detail}", err=True)
    if github.is_github_actions():
        shown, rest = github.split(github.run_annotations(run))
        # Workflow commands go to stdout unless stdout carries a report a program will read.
        to_stderr = any(path is None and fmt != "terminal" for path, fmt in targets)
        file = github.workspace_path(str(run.answers.source))
        for annotation in shown:
            typer.echo(annotation.command(file), err=to_stderr)
        if summary:
            github.append_summary(run, rest, templates)
    if run.failed:
        raise GateFailed()


@app.command(epilog="Example: scaleready diff main.json answers.yaml --format md")
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="Answers file or result JSON.")],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="Answers file or result JSON.")],
    questionnaire: QuestionnaireOption = None,
    fmt: Annotated[
        Optional[DiffFormat],  # noqa: UP045
        typer.Option("--format", "-f", help=_FORMAT_HELP),
    ] = None,
    output: Annotated[
        OptionalPath, typer.Option("--output", "-o", metavar="PATH", help="Write here.")
    ] = None,
    allow_version_change: Annotated[
        bool, typer.Option(help="Compare results of different questionnaire versions.")
    ] = False,
) -> None:
    """Show what changed between two answers files or results: answers, scores, risks."""
    from scaleready.ci.baseline import load_result_or_answers
    from scaleready.engine.compare import compare
    from scaleready.render.diff import render_delta
    from scaleready.render.outputs import output_format

    chosen = output_format(fmt, output, get_args(DiffFormat))  # before loading: a bad suffix

    old_result, old_answers = load_result_or_answers(old, questionnaire)
    new_result, new_answers = load_result_or_answers(new, questionnaire)
    delta = compare(
        old_result,
        new_result,
        old_answers=old_answers,
        new_answers=new_answers,
        allow_version_change=allow_version_change,
    )
    _write_or_echo(render_delta(delta, chosen), output)


def _write_or_echo(text: str, output: Path | None) -> None:
    """Write ``text`` to ``output``, or to stdout without one."""
    from scaleready.render.outputs import write_output

    if output is None:
        typer.echo(text, nl=False)
    else:
        write_output(output, text)
        typer.echo(f"wrote {output}", err=True)


@app.command(epilog="Example: scaleready history answers.yaml --format md")
def history(
    answers: AnswersArgument,
    questionnaire: QuestionnaireOption = None,
    fmt: Annotated[
        Optional[HistoryFormat],  # noqa: UP045
        typer.Option("--format", "-f", help=_FORMAT_HELP),
    ] = None,
    output: Annotated[
        OptionalPath, typer.Option("--output", "-o", metavar="PATH", help="Write here.")
    ] = None,
    follow_symlinks: FollowSymlinksOption = False,
) -> None:
    """Show the score and stage of an answers file at each commit that changed it."""
    from scaleready.atomic import check_outputs
    from scaleready.ci.history import render_history, score_versions
    from scaleready.cli._git_history import git_versions
    from scaleready.loading.inputs import file_named_by, open_questionnaire
    from scaleready.render.outputs import output_format

    if questionnaire is None and answers.is_file():
        # Its questionnaire as the file names it now scores every version, also those from
        # before it named one (a deleted file's versions name their own).
        questionnaire = file_named_by([answers])
    if output is not None:
        inputs = [answers, questionnaire_path(questionnaire)]
        check_outputs([output], inputs, follow_symlinks=follow_symlinks)
    chosen = output_format(fmt, output, get_args(HistoryFormat))  # before reading git
    explicit = None if questionnaire is None else open_questionnaire(questionnaire)
    versions, shallow = git_versions(answers)
    text = render_history(score_versions(str(answers), versions, explicit, shallow), chosen)
    _write_or_echo(text, output)


@app.command(
    epilog="Example: scaleready explain examples/productivity-collapse.yaml slow-cycle-time",
)
def explain(
    answers: AnswersArgument,
    item: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="A failure factor, capability, value, mechanism or outcome id, or 'stage' or "
            "'score'.",
        ),
    ],
    questionnaire: QuestionnaireOption = None,
) -> None:
    """Show every number behind a finding, down to the answers and rules that produced it."""
    from scaleready.engine import assess
    from scaleready.loading.inputs import load_inputs
    from scaleready.render.explain import explain as explain_item

    chosen, given = load_inputs(answers, questionnaire)
    typer.echo(explain_item(assess(chosen, given), chosen, item))
