"""What the options several commands share mean, declared once: help, bounds, checks.

Two bindings use this: typer's (`_options`, for most commands) and argparse's (the hook's
`license-check`, which must start without typer).
"""

from __future__ import annotations

import enum
import math


class Use(enum.StrEnum):
    """--use: the intended use a license must allow."""

    commercial = "commercial"
    research = "research"


TIMEOUT_HELP = "Seconds to wait for each request."
RETRIES_HELP = "Retries after a 429, a 5xx or a refused connection."
RETRIES_RANGE = (0, 20)
OPENML_SERVER_HELP = "OpenML API root (default: $MLASSETS_OPENML_SERVER, else www.openml.org)."


def positive_seconds(value: float) -> float:
    """`value` if it is a timeout; ValueError otherwise."""
    # 0, negative, NaN and infinity would each mean "no timeout" or "fail at once" to some
    # client below, silently: only a finite, positive number of seconds is a timeout.
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{value} is not a number of seconds above 0")
    return value


def retries(value: int) -> int:
    """`value` if it is a number of retries; ValueError otherwise."""
    low, high = RETRIES_RANGE
    if not low <= value <= high:
        raise ValueError(f"{value} is not in the range {low}<=x<={high}")
    return value
