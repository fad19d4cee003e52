"""The ``schema`` command."""

from __future__ import annotations

from typing import Annotated

import typer

from scaleready.cli._app import app
from scaleready.vocabulary import SchemaName


@app.command(
    epilog="Example: scaleready schema questionnaire > questionnaire.schema.json, then put "
    "'# yaml-language-server: $schema=questionnaire.schema.json' at the top of a questionnaire",
)
def schema(name: Annotated[SchemaName, typer.Argument(help="Which file format.")]) -> None:
    """Print the JSON Schema of a file format, for editor completion and checks."""
    from scaleready.formats.schema import render_schema

    typer.echo(render_schema(name), nl=False)
