"""Every output format of an assessment: terminal, Markdown, HTML, PDF, JSON, JUnit, explain, diff.

- :mod:`~scaleready.render.outputs`: which format goes where, and the text of a run in each;
- :mod:`~scaleready.render.terminal`: the terminal summary;
- :mod:`~scaleready.render.report`: the Markdown and HTML reports (Jinja2 templates);
- :mod:`~scaleready.render._pdf`: the HTML report printed to PDF by the system's Chromium;
- :mod:`~scaleready.render._junit`: the JUnit XML report;
- :mod:`~scaleready.render.explain`: every number behind one finding;
- :mod:`~scaleready.render.diff`: what moved between two assessments;
- :mod:`~scaleready.render.answer_text`: one way to show an answer, in each output's style;
- :mod:`~scaleready.render.claims`: measured DORA figures beside their claims, for every output.
- :mod:`~scaleready.render.coverage`: coverage in words, the same in every output and the
  interview.

Nothing is imported here, so that importing one format does not import the others. Modules with
a leading underscore are used only inside the package.
"""

__all__: list[str] = []
