"""`serve`: the local web catalog (the `serve` extra: Starlette on uvicorn)."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from mlassets.catalog.pg_db import is_url
from mlassets.cli._errors import ExitCode, exits
from mlassets.cli.catalog import DEFAULT_DB, Db
from mlassets.core.errors import MissingExtraError, UsageError


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@exits
def serve(
    db: Db = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="The port (0: any free one).")] = 8000,
) -> int:
    """Serve the catalog as a local website: search, assets with lineage, audit, a JSON API."""
    try:
        import uvicorn

        from mlassets.web.app import create_app
    except ImportError as exc:
        raise MissingExtraError(
            "`mlassets serve` needs the serve extra: pip install 'mlassets[serve]'"
        ) from exc
    if not is_url(db) and not Path(db).exists():
        raise UsageError(f"{db}: no catalog here; build one with `mlassets index DIR`")
    app = create_app(db)
    location = app.state.pool.location()  # opens the catalog now: a bad --db fails here
    if not _loopback(host):
        typer.echo(
            f"mlassets: warning: serving on {host}, not only this machine: anyone who can reach "
            f"it can read the catalog",
            err=True,
        )
    typer.echo(f"mlassets: serving {location} on http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    return ExitCode.OK
