"""Options several commands share, declared once."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

Timeout = Annotated[float, typer.Option(help="Seconds to wait for each request.")]
Retries = Annotated[int, typer.Option(help="Retries after a 429, a 5xx or a refused connection.")]
OpenmlServer = Annotated[
    str | None,
    typer.Option(
        help="OpenML API root (default: $MLASSETS_OPENML_SERVER, else www.openml.org).",
        show_default=False,
    ),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]


class Use(enum.StrEnum):
    """--use: the intended use a license must allow."""

    commercial = "commercial"
    research = "research"
