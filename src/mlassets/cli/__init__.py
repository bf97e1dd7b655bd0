"""The command-line interface: the only code in mlassets that imports typer and rich.

Each command parses its options, calls the core, renders the result and returns an exit code:
0 ok, 1 findings, 2 usage or config error, 3 operational error, 130 interrupted.
"""

from __future__ import annotations

from typing import Annotated

import typer

from mlassets.cli.catalog import audit, index, lineage, recommend_app, search
from mlassets.cli.diff import diff
from mlassets.cli.export import export
from mlassets.cli.fetch import fetch
from mlassets.cli.licenses import license_check, licenses_app
from mlassets.cli.sync import outdated, sync, verify
from mlassets.cli.validate import validate

app = typer.Typer(
    name="mlassets",
    help="Curate, validate and license-check machine-learning assets (models and datasets).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(fetch)
app.command()(validate)
app.command("license-check")(license_check)
app.add_typer(licenses_app)
app.command()(index)
app.command()(search)
app.command()(lineage)
app.add_typer(recommend_app)
app.command()(audit)
app.command()(diff)
app.command()(sync)
app.command()(outdated)
app.command()(verify)
app.command()(export)


def _version(value: bool) -> None:
    if value:
        from mlassets import __version__

        typer.echo(__version__)
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Curate, validate and license-check machine-learning assets."""


def main() -> None:
    app()
