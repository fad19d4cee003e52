"""The command line: a thin shell over the core. Every error reaches one boundary, :func:`main`,
which maps it to an exit code (0 ok, 1 gate failed, 2 bad input or usage, 3 bug, 130 interrupted).

Heavy modules are imported inside the commands so that ``--help`` starts fast.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from scaleready import __version__

if TYPE_CHECKING:
    from scaleready.ci.score_run import ScoreRun

EXIT_OK = 0
EXIT_GATE = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130
ISSUES_URL = "https://github.com/scaleready/scaleready/issues"

app = typer.Typer(
    name="scaleready",
    help="Assess how ready a technology organisation is to scale: its failure factors for its "
    "stage, the capabilities that would mitigate them, and what to do first.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

QuestionnaireOption = Annotated[
    Optional[str],  # noqa: UP045 - typer reads the annotation at run time on Python 3.10
    typer.Option(
        "--questionnaire",
        "-q",
        metavar="Q",
        help="A bundled questionnaire's id or a path to a questionnaire file.",
    ),
]


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"scaleready {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Assess how ready a technology organisation is to scale."""


@app.command(
    epilog="Example: scaleready validate --strict questionnaires/*.yaml examples/*.yaml",
)
def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...", help="Questionnaires and answers files, told apart by content."
        ),
    ],
    questionnaire: QuestionnaireOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
) -> None:
    """Check questionnaires and answers files; report every problem with file, line and key."""
    from scaleready.loading.validate_files import validate_files

    reports = validate_files(files, questionnaire)
    for report in reports:
        for problem in report.problems:
            typer.echo(str(problem), err=True)
    failed = 0
    for report in reports:
        bad = report.errors or (strict and report.warnings)
        failed += bool(bad)
        verdict = "invalid" if bad else "ok"
        counts = ", ".join(
            f"{n} {word}{'s' if n != 1 else ''}"
            for n, word in ((report.errors, "error"), (report.warnings, "warning"))
            if n
        )
        detail = "; ".join(part for part in (report.summary, counts) if part)
        typer.echo(f"{verdict:8}{report.file}" + (f" ({detail})" if detail else ""))
    total = len(reports)
    typer.echo(f"{total} file{'s' if total != 1 else ''} checked, {failed} invalid")
    if failed:
        raise typer.Exit(EXIT_INPUT)


@app.command(epilog="Example: scaleready questionnaires")
def questionnaires() -> None:
    """List the bundled questionnaires: id, version, title and number of questions."""
    from rich.console import Console
    from rich.table import Table

    from scaleready.loading.bundled import bundled_questionnaires
    from scaleready.loading.questionnaire import load_questionnaire

    table = Table("id", "version", "title", "questions", box=None, header_style="bold")
    for path in bundled_questionnaires():
        loaded, _ = load_questionnaire(path, display=path.name)
        table.add_row(loaded.id, loaded.version, loaded.title, str(len(loaded.questions)))
    Console().print(table)


@app.command(
    epilog="Example: scaleready init answers.yaml, then fill it in and run "
    "scaleready validate answers.yaml",
)
def init(
    file: Annotated[Path, typer.Argument(help="The answers file to create.")],
    questionnaire: QuestionnaireOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Write a blank answers file with every question as a comment, to fill in an editor."""
    from scaleready.errors import UsageError
    from scaleready.formats.blank import blank_answers
    from scaleready.loading.inputs import open_questionnaire

    if file.exists() and not force:
        raise UsageError(f"{file} exists; not overwriting it (use --force to replace it)")
    loaded = open_questionnaire(questionnaire)
    try:
        file.write_text(blank_answers(loaded), encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {file}: {exc.strerror}") from None
    count = len(loaded.questions)
    typer.echo(f"wrote {file}: {count} questions of {loaded.id} {loaded.version} to answer")


class ReportFormat(str, Enum):
    """The formats ``score`` writes."""

    terminal = "terminal"
    json = "json"
    md = "md"
    html = "html"
    junit = "junit"


class RiskLevel(str, Enum):
    """Residual-risk levels, from least to most severe."""

    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


AnswersArgument = Annotated[Path, typer.Argument(metavar="ANSWERS", help="An answers file.")]
OptionalPath = Optional[Path]  # noqa: UP045 - typer reads the annotation at run time on 3.10
OptionalFloat = Optional[float]  # noqa: UP045
OptionalStr = Optional[str]  # noqa: UP045


@app.command(
    epilog="Example: scaleready score answers.yaml --fail-under 60 --baseline main.json "
    "--fail-on-regression --output report.md --output result.json",
)
def score(
    answers: AnswersArgument,
    questionnaire: QuestionnaireOption = None,
    fmt: Annotated[
        Optional[ReportFormat],  # noqa: UP045
        typer.Option(
            "--format", "-f", help="Output format [default: from --output's suffix, or terminal]."
        ),
    ] = None,
    output: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write here instead of stdout; repeat for several (.md .html .json .xml .txt).",
        ),
    ] = None,
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
        Optional[RiskLevel],  # noqa: UP045
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
    no_summary: Annotated[
        bool, typer.Option("--no-summary", help="On GitHub Actions, skip the job summary.")
    ] = False,
) -> None:
    """Score an answers file: stage, readiness, risks and what to do first, and why; with
    gates and a baseline, the CI check of a committed answers file."""
    from scaleready.ci.score_run import Gates, run_score
    from scaleready.render.outputs import plan_outputs

    targets = plan_outputs(fmt.value if fmt else None, output or [])
    gates = Gates(
        fail_under=fail_under,
        fail_on_risk=fail_on_risk.value if fail_on_risk else None,
        baseline=baseline,
        fail_on_regression=fail_on_regression,
        allow_version_change=allow_version_change,
    )
    run = run_score(answers, questionnaire, gates)
    _publish(run, targets, templates, date, summary=not no_summary)


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
    from scaleready.render.outputs import render, write_output

    for path, fmt in targets:
        if path is not None:
            write_output(path, render(fmt, run, templates=templates, date=date))
        elif fmt == "terminal":
            from rich.console import Console

            from scaleready.render.terminal import print_terminal

            print_terminal(run.result, run.questionnaire, Console())
        else:
            typer.echo(render(fmt, run, templates=templates, date=date), nl=False)
    for verdict in run.verdicts:
        typer.echo(verdict.line, err=True)
        for detail in verdict.details:
            typer.echo(f"  {detail}", err=True)
    if github.is_github_actions():
        shown, rest = github.split(github.collect_annotations(run.result, run.answers, run.delta))
        # Workflow commands go to stdout unless stdout carries a report a program will read.
        to_stderr = any(path is None and fmt != "terminal" for path, fmt in targets)
        file = github.workspace_path(str(run.answers.source))
        for annotation in shown:
            typer.echo(annotation.command(file), err=to_stderr)
        if summary:
            github.append_summary(run, rest, templates)
    if run.failed:
        raise GateFailed()


class DiffFormat(str, Enum):
    """The formats ``diff`` writes."""

    terminal = "terminal"
    md = "md"
    json = "json"


@app.command(epilog="Example: scaleready diff main.json answers.yaml --format md")
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="Answers file or result JSON.")],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="Answers file or result JSON.")],
    questionnaire: QuestionnaireOption = None,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.terminal,
    allow_version_change: Annotated[
        bool, typer.Option(help="Compare results of different questionnaire versions.")
    ] = False,
) -> None:
    """Show what changed between two answers files or results: answers, scores, risks."""
    from scaleready.engine.compare import compare
    from scaleready.loading.inputs import load_result_or_answers
    from scaleready.render.diff import render_delta

    old_result, old_answers = load_result_or_answers(old, questionnaire)
    new_result, new_answers = load_result_or_answers(new, questionnaire)
    delta = compare(
        old_result,
        new_result,
        old_answers=old_answers,
        new_answers=new_answers,
        allow_version_change=allow_version_change,
    )
    typer.echo(render_delta(delta, fmt.value), nl=False)


class HistoryFormat(str, Enum):
    """The formats ``history`` writes."""

    terminal = "terminal"
    md = "md"
    html = "html"
    json = "json"


@app.command(epilog="Example: scaleready history answers.yaml --format md")
def history(
    answers: AnswersArgument,
    questionnaire: QuestionnaireOption = None,
    fmt: Annotated[HistoryFormat, typer.Option("--format", "-f")] = HistoryFormat.terminal,
    output: Annotated[
        OptionalPath, typer.Option("--output", "-o", metavar="PATH", help="Write here.")
    ] = None,
) -> None:
    """Show the score and stage of an answers file at each commit that changed it."""
    from scaleready.ci.history import git_versions, render_history, score_versions
    from scaleready.loading.inputs import open_questionnaire
    from scaleready.render.outputs import write_output

    explicit = None if questionnaire is None else open_questionnaire(questionnaire)
    versions, shallow = git_versions(answers)
    text = render_history(score_versions(str(answers), versions, explicit, shallow), fmt.value)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_output(output, text)


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


class WorkshopFormat(str, Enum):
    """The formats ``workshop`` writes."""

    terminal = "terminal"
    md = "md"
    html = "html"
    json = "json"


def _workshop_command() -> type[typer.core.TyperCommand]:
    from scaleready.cli.anonymous_option import WorkshopCommand  # understands --anonymous=all

    return WorkshopCommand


@app.command(
    cls=_workshop_command(),
    epilog="Example: scaleready workshop answers/*.yaml --anonymous --output workshop.html "
    "--consensus consensus.yaml",
)
def workshop(
    answers: Annotated[
        list[Path], typer.Argument(metavar="ANSWERS...", help="The participants' answers files.")
    ],
    questionnaire: QuestionnaireOption = None,
    fmt: Annotated[
        Optional[WorkshopFormat],  # noqa: UP045
        typer.Option("--format", "-f", help="[default: from --output's suffix, or terminal]"),
    ] = None,
    output: Annotated[
        OptionalPath, typer.Option("--output", "-o", metavar="PATH", help="Write here.")
    ] = None,
    anonymous: Annotated[
        bool,
        typer.Option(
            "--anonymous",
            help="No names or file paths in any output; --anonymous=all hides roles too.",
        ),
    ] = False,
    anonymous_all: Annotated[bool, typer.Option("--anonymous-all", hidden=True)] = False,
    consensus: Annotated[
        OptionalPath,
        typer.Option(metavar="FILE", help="Also write the group's consensus as an answers file."),
    ] = None,
) -> None:
    """Aggregate a workshop's answers files: what to discuss first, the consensus, role gaps."""
    from scaleready.render.outputs import write_output
    from scaleready.workshop.run import anonymity_of, workshop_texts

    level = anonymity_of(anonymous, anonymous_all)
    texts = workshop_texts(
        answers, questionnaire, fmt.value if fmt else None, output, level, consensus is not None
    )
    if consensus is not None and texts.consensus is not None:
        write_output(consensus, texts.consensus)
    if output is None:
        typer.echo(texts.report, nl=False)
    else:
        write_output(output, texts.report)


class SchemaName(str, Enum):
    """The formats that have a JSON Schema."""

    questionnaire = "questionnaire"
    answers = "answers"
    result = "result"


@app.command(
    epilog="Example: scaleready schema questionnaire > questionnaire.schema.json, then put "
    "'# yaml-language-server: $schema=questionnaire.schema.json' at the top of a questionnaire",
)
def schema(name: Annotated[SchemaName, typer.Argument(help="Which file format.")]) -> None:
    """Print the JSON Schema of a file format, for editor completion and checks."""
    from scaleready.formats.schema import render_schema

    typer.echo(render_schema(name.value), nl=False)


@app.command(epilog="Example: scaleready assess --answers acme.yaml --name Ada --role cto")
def assess(
    questionnaire: QuestionnaireOption = None,
    answers: Annotated[
        Path,
        typer.Option(
            "--answers", "-a", metavar="FILE", help="The answers file to write, or to resume."
        ),
    ] = Path("answers.yaml"),
    name: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at run time on Python 3.10
        typer.Option("--name", metavar="NAME", help="Your name, kept in the answers file."),
    ] = None,
    role: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--role",
            metavar="ROLE",
            help="Your role (cto, engineering-manager...), kept in the file.",
        ),
    ] = None,
    review: Annotated[
        bool, typer.Option("--review", help="Walk through every answer to change it.")
    ] = False,
) -> None:
    """Answer the questionnaire in the terminal: saved after every answer, resumable."""
    from scaleready.interview.session import run_interview

    run_interview(questionnaire, answers, name=name, role=role, review=review)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code: the one place errors become exit codes."""
    from scaleready.errors import GateFailed, InputError, UsageError
    from scaleready.gcpause import gc_paused

    try:
        with gc_paused():  # once per command, for the whole command: see gc_paused
            app(args=list(argv) if argv is not None else None, prog_name="scaleready")
    except SystemExit as exc:  # typer's own way out, usage errors (2) included
        code = exc.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_INPUT)
    except InputError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        return EXIT_INPUT
    except UsageError as exc:
        typer.echo(f"scaleready: error: {exc}", err=True)
        return EXIT_INPUT
    except GateFailed:
        return EXIT_GATE
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        return EXIT_INTERRUPTED
    except Exception as exc:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        typer.echo(
            f"scaleready: internal error (a bug in scaleready {__version__}): "
            f"{type(exc).__name__}: {exc} at {Path(frame.filename).name}:{frame.lineno}\n"
            f"Please report it, with the command you ran, at {ISSUES_URL}",
            err=True,
        )
        if os.environ.get("SCALEREADY_DEBUG"):
            traceback.print_exc()
        return EXIT_INTERNAL
    return EXIT_OK
