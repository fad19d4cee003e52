"""The yardstick for start-up time: the smallest useful typer app, two commands and no work.

``startup.py`` times its ``--help`` next to scaleready's, with the same interpreter in the same
run, so that the ratio says what scaleready adds to what any typer CLI costs.
"""

import typer

app = typer.Typer(help="A minimal typer app.")


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    typer.echo(f"Hello {name}")


@app.command()
def goodbye() -> None:
    """Say goodbye."""
    typer.echo("Goodbye")


if __name__ == "__main__":
    app()
