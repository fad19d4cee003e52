"""``scaleready workshop``: many participants' answers to one questionnaire, side by side.

- :mod:`~scaleready.workshop.load`: load and check the files (one questionnaire, one version);
- :mod:`~scaleready.workshop.aggregate`: per-question counts, distribution, median, spread and
  disagreement;
- :mod:`~scaleready.workshop.consensus`: the group's answers, and the consensus answers file;
- :mod:`~scaleready.workshop.agenda`: importance and the "discuss first" ranking;
- :mod:`~scaleready.workshop.gaps`: each participant's own view and the gaps between roles;
- :mod:`~scaleready.workshop.anonymise`: participant numbers and what an output may show;
- :mod:`~scaleready.workshop.core`: :func:`run_workshop`, which puts these together;
- :mod:`~scaleready.workshop.model`: the immutable :class:`WorkshopAssessment`;
- :mod:`~scaleready.workshop.view`: what the templates and the terminal summary read;
- :mod:`~scaleready.workshop.terminal`: the terminal summary;
- :mod:`~scaleready.workshop.render`: the format to write, and the text in each format;
- :mod:`~scaleready.cli.anonymous_option` and :mod:`~scaleready.workshop.run`: the CLI's glue.

This package imports nothing on import: ``cli.py`` imports ``workshop.command`` at startup.
docs/workshop.md is the consultant's guide, with every formula.
"""
