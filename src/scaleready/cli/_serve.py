"""The ``serve`` command: a workshop session in the browser (see :mod:`scaleready.serve`)."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated

import typer

from scaleready.cli._app import OptionalStr, QuestionnaireOption, app


@app.command(
    epilog="Example: scaleready serve workshop/ --host 0.0.0.0 --organisation Acme; then "
    "scaleready workshop workshop/*.yaml"
)
def serve(
    workshop_dir: Annotated[
        Path,
        typer.Argument(
            metavar="WORKSHOP_DIR", help="The folder that keeps the participants' answers files."
        ),
    ],
    questionnaire: QuestionnaireOption = None,
    host: Annotated[
        str, typer.Option(help="The address to listen on; 0.0.0.0 for the whole network.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="The port (0: any free one).")] = 8000,
    organisation: Annotated[
        OptionalStr, typer.Option(metavar="NAME", help="Written in every answers file.")
    ] = None,
    min_group: Annotated[
        int,
        typer.Option(min=1, help="Roles with fewer participants are never shown apart."),
    ] = 3,
    anonymous: Annotated[
        bool, typer.Option("--anonymous", help="Do not ask participants for their names.")
    ] = False,
) -> None:
    """Run a workshop in the browser: participants answer on their laptops or phones."""
    import gc

    from scaleready.errors import InputError
    from scaleready.loading.inputs import file_named_by
    from scaleready.serve.run import serve as run_server

    if questionnaire is None and workshop_dir.is_dir():
        # Answers files already in the folder that name their questionnaire's file decide it;
        # one that does not load is reported where the session reads it, as before.
        with contextlib.suppress(InputError):
            files = sorted(p for p in workshop_dir.glob("*.yaml") if p.is_file())
            questionnaire = file_named_by(files)
    # The CLI pauses the collector for short commands (see cli.gcpause); a server runs for hours.
    gc.enable()
    run_server(
        workshop_dir,
        questionnaire,
        host=host,
        port=port,
        organisation=organisation,
        min_group=min_group,
        anonymous=anonymous,
        echo=typer.echo,
    )
