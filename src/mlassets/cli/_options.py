"""Options several commands share, bound to typer (their meaning is in `_common_options`)."""

from __future__ import annotations

from typing import Annotated

import typer

from mlassets.cli._common_options import (
    OPENML_SERVER_HELP,
    RETRIES_HELP,
    RETRIES_RANGE,
    TIMEOUT_HELP,
    Use,
    positive_seconds,
)

__all__ = ["AsJson", "OpenmlServer", "Retries", "Timeout", "Use"]


def _seconds(value: float) -> float:
    try:
        return positive_seconds(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


Timeout = Annotated[float, typer.Option(help=TIMEOUT_HELP, callback=_seconds)]
Retries = Annotated[
    int, typer.Option(min=RETRIES_RANGE[0], max=RETRIES_RANGE[1], help=RETRIES_HELP)
]
OpenmlServer = Annotated[str | None, typer.Option(help=OPENML_SERVER_HELP, show_default=False)]
AsJson = Annotated[bool, typer.Option("--json", help="Print JSON.")]
