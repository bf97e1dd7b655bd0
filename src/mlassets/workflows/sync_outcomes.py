"""What `sync` reports: one outcome per asset, and whether the lock was written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mlassets.documents.lock import LockEntry


@dataclass(frozen=True)
class SyncOutcome:
    ref: str
    # fetched, unchanged, staged (reused from a failed run), failed, removed (no longer
    # declared: its lock entry and manifest are gone); with frozen: current, restored (its
    # manifest rebuilt from the lock), outdated
    status: str
    entry: LockEntry | None = None
    error: str | None = None
    locked_revision: str | None = None


@dataclass(frozen=True)
class SyncReport:
    outcomes: tuple[SyncOutcome, ...]
    lock_written: bool

    @property
    def failed(self) -> tuple[SyncOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")

    @property
    def outdated(self) -> tuple[SyncOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "outdated")

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": 1,
            "lock_written": self.lock_written,
            "assets": [
                {
                    "ref": o.ref,
                    "status": o.status,
                    "revision": o.entry.revision if o.entry else None,
                    "locked_revision": o.locked_revision,
                    "license": o.entry.license if o.entry else None,
                    "error": o.error,
                }
                for o in self.outcomes
            ],
        }
