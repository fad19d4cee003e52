"""Every output format of an assessment: terminal, Markdown, HTML, JSON, JUnit, explain, diff."""

__all__: list[str] = []
