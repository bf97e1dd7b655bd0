"""What an index run reports, whichever backend wrote it."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class IndexReport:
    scanned: int
    added: int
    updated: int
    unchanged: int
    dangling: int
    errors: tuple[str, ...]
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": 1,
            "scanned": self.scanned,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "dangling": self.dangling,
            "errors": list(self.errors),
            "seconds": round(self.seconds, 3),
        }


class Counts(Protocol):
    """What a catalog writer counts as it goes."""

    added: int
    updated: int
    unchanged: int
    dangling: int


def index_report(writer: Counts, files: int, errors: Sequence[str], start: float) -> IndexReport:
    """The report of an index run that began at `start` (a perf_counter reading)."""
    counts = (writer.added, writer.updated, writer.unchanged, writer.dangling)
    return IndexReport(files, *counts, tuple(errors), time.perf_counter() - start)
