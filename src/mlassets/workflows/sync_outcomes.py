"""What `sync` reports: one outcome per asset, and whether the lock was written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, TypedDict

from mlassets.core.shapes import Keywords, SchemaVersion, Text
from mlassets.documents.lock import LockEntry

_STATUSES = ["fetched", "unchanged", "staged", "failed", "removed", "current", "restored"]


class SyncAssetJson(TypedDict):
    ref: Text
    status: Annotated[str, Keywords(enum=[*_STATUSES, "outdated"])]
    revision: str | None
    locked_revision: str | None
    license: str | None
    error: str | None


class SyncReportJson(TypedDict):
    """mlassets sync --json"""

    schema_version: SchemaVersion
    lock_written: Annotated[
        bool,
        Keywords(
            description="True when this run replaced the lock file; false when it failed, "
            "ran --frozen, or found the lock already saying exactly this."
        ),
    ]
    assets: list[SyncAssetJson]


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

    def to_json(self) -> SyncReportJson:
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
