"""``scaleready workshop``: many participants' answers to one questionnaire, side by side.

- :mod:`~scaleready.workshop.load`: load and check the files (one questionnaire, one version);
- :mod:`~scaleready.workshop.aggregate`: per-question counts, distribution, median, spread and
  disagreement;
- :mod:`~scaleready.workshop.consensus`: the group's answers, and the consensus answers file;
- :mod:`~scaleready.workshop.agenda`: importance and the "discuss first" ranking;
- :mod:`~scaleready.workshop.gaps`: each participant's own view and the gaps between roles;
- :mod:`~scaleready.workshop._anonymise`: participant numbers and what an output may show;
- :mod:`~scaleready.workshop.core`: :func:`run_workshop`, which puts these together;
- :mod:`~scaleready.workshop.model`: the immutable :class:`WorkshopAssessment`;
- :mod:`~scaleready.workshop._view`: what the templates and the terminal summary read;
- :mod:`~scaleready.workshop._terminal`: the terminal summary;
- :mod:`~scaleready.workshop.render`: the format to write, and the text in each format;
- :mod:`~scaleready.cli._anonymous_option` and :mod:`~scaleready.workshop.run`: the CLI's glue.

This package imports nothing on import, so that the CLI's startup stays cheap: import the public
names from their modules (``core.run_workshop``, ``render.render_workshop``, ``model``).
docs/workshop.md is the consultant's guide, with every formula. Modules with a leading
underscore are used only inside the package.
"""

__all__: list[str] = []
