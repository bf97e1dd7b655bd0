"""Options several commands share, declared once."""

from __future__ import annotations

import enum
import math
from typing import Annotated

import typer


def _positive_seconds(value: float) -> float:
    # 0, negative, NaN and infinity would each mean "no timeout" or "fail at once" to some
    # client below, silently: only a finite, positive number of seconds is a timeout.
    if not math.isfinite(value) or value <= 0:
        raise typer.BadParameter(f"{value} is not a number of seconds above 0")
    return value


Timeout = Annotated[
    float,
    typer.Option(help="Seconds to wait for each request.", callback=_positive_seconds),
]
Retries = Annotated[
    int,
    typer.Option(min=0, max=20, help="Retries after a 429, a 5xx or a refused connection."),
]
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
