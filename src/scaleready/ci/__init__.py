"""``scaleready score`` as CI runs it: gates, baselines, GitHub integration, history.

- :mod:`~scaleready.ci.score_run`: score, compare with a baseline, apply the gates;
- :mod:`~scaleready.ci._gates`: each gate's verdict line;
- :mod:`~scaleready.ci.github`: GitHub Actions annotations and the job summary;
- :mod:`~scaleready.ci.history`: the score over an answers file's git history.

Nothing is imported here, so that the CLI's startup stays cheap. Modules with a leading
underscore are used only inside the package.
"""

__all__: list[str] = []
