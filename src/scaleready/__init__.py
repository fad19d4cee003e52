"""scaleready: a scaling-readiness assessment for technology organisations.

The Python API, for scripts that assess (docs/api.md has a worked example)::

    import scaleready

    questionnaire = scaleready.load_questionnaire()  # the bundled one; or an id, or a path
    answers = scaleready.load_answers("answers.yaml", questionnaire)
    result = scaleready.assess(questionnaire, answers)
    print(result.score, result.stage.name)
    markdown = scaleready.render_report(result, questionnaire, answers, "md")

Every function raises :class:`InputError` (every problem of an input file, located) or
:class:`UsageError` (a questionnaire id that names nothing, an unknown format); both are
:class:`ScalereadyError`. ``import scaleready`` imports nothing else: the command line imports this
package first and must start fast, so the functions import what they need when called, and the
types are loaded on first use (``__getattr__`` below).
"""

from __future__ import annotations

# Not typing.TYPE_CHECKING: importing typing and pathlib here would add ~20 ms to every
# `import scaleready`, and a script or a command may need neither.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from scaleready.errors import InputError, Problem, ScalereadyError, UsageError
    from scaleready.formats.answers import Answers
    from scaleready.formats.questionnaire import Questionnaire
    from scaleready.formats.result import Assessment
    from scaleready.vocabulary import ScoreFormat

__version__ = "0.1.0"

__all__ = [
    "Answers",
    "Assessment",
    "InputError",
    "Problem",
    "Questionnaire",
    "ScalereadyError",
    "UsageError",
    "__version__",
    "assess",
    "load_answers",
    "load_questionnaire",
    "render_report",
]

# Each type of the API -> the module that defines it, imported on first use.
_TYPES = {
    "Answers": "scaleready.formats.answers",
    "Assessment": "scaleready.formats.result",
    "InputError": "scaleready.errors",
    "Problem": "scaleready.errors",
    "Questionnaire": "scaleready.formats.questionnaire",
    "ScalereadyError": "scaleready.errors",
    "UsageError": "scaleready.errors",
}


def __getattr__(name: str) -> Any:
    if name in _TYPES:
        import importlib

        value = getattr(importlib.import_module(_TYPES[name]), name)
        globals()[name] = value  # once loaded, an ordinary attribute
        return value
    raise AttributeError(f"module 'scaleready' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)


def load_questionnaire(ref: str | Path = "scaling-readiness") -> Questionnaire:
    """A questionnaire, loaded and checked: a bundled one by its id (``scaleready
    questionnaires`` lists them), or a file by its path.

    The same file's bytes are read and checked once per process; the value is immutable, so
    sharing it is safe.
    """
    from scaleready.loading.inputs import open_questionnaire

    return open_questionnaire(str(ref))


def load_answers(path: str | Path, questionnaire: Questionnaire) -> Answers:
    """An answers file, loaded and checked against ``questionnaire``."""
    from pathlib import Path

    from scaleready.loading.answers import load_answers as load

    return load(Path(path), questionnaire)


def assess(questionnaire: Questionnaire, answers: Answers) -> Assessment:
    """Score answers: the stage, scores, risks, recommendations and outcomes, each traceable
    to the answers and rules behind it. Pure: the same inputs give the same result."""
    from scaleready.engine.assess import assess as score

    return score(questionnaire, answers)


# Not "render": importing the subpackage scaleready.render sets that attribute of this package.
def render_report(
    result: Assessment,
    questionnaire: Questionnaire,
    answers: Answers,
    fmt: ScoreFormat = "md",
) -> str:
    """A report of ``result`` as text: Markdown, HTML, JSON, JUnit XML, or the terminal summary
    as plain text, exactly as ``scaleready score --format FMT`` writes it to a file."""
    from scaleready.ci.score_run import Gates, ScoreRun
    from scaleready.errors import UsageError
    from scaleready.render.outputs import render as render_run
    from scaleready.vocabulary import SCORE_FORMATS

    if fmt not in SCORE_FORMATS:
        raise UsageError(f"unknown format {fmt!r} (known: {', '.join(SCORE_FORMATS)})")
    return render_run(fmt, ScoreRun(questionnaire, answers, result, Gates(), None, ()))
