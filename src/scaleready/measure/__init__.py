"""``scaleready measure``: DORA's five delivery metrics read from a repository's own history.

The layer is a functional core over git: :mod:`._git` runs the git command line and streams
what it prints, :mod:`._files` reads deploy logs and incident files, :mod:`.metrics` turns
deployments and changes into figures (pure), :mod:`.run` ties them together for one or several
repositories, and :mod:`.answers` maps the figures to a questionnaire's answers. Nothing here
prints or exits; errors are :class:`scaleready.errors.UsageError` naming the file or option.
The definitions, and how they differ from Four Keys' and DevLake's, are in ``docs/measure.md``.

Import from the modules (``scaleready.measure.run.measure_repos``, ``.model``): this package
imports nothing itself, so that the CLI can read :mod:`.patterns` while it starts.
"""
