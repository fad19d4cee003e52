"""The checks CI runs, as pure functions: ``score`` with gates and baselines, ``validate``,
``history``, and the GitHub integration.

- :mod:`~scaleready.ci.score_run`: score, compare with a baseline, apply the gates;
- :mod:`~scaleready.ci.baseline`: a baseline or a side of a diff (a result JSON or answers);
- :mod:`~scaleready.ci._gates`: each gate's verdict line;
- :mod:`~scaleready.ci.validate`: ``scaleready validate`` (questionnaires, answers, fixtures);
- :mod:`~scaleready.ci.github`: GitHub Actions annotations and the job summary;
- :mod:`~scaleready.ci.history`: the score over an answers file's git history.

Nothing is imported here, so that the CLI's startup stays cheap. Modules with a leading
underscore are used only inside the package.
"""

__all__ = ["baseline", "github", "history", "score_run", "validate"]
