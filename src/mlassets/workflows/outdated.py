"""`outdated`: the locked assets whose upstream moved, with the license each revision concludes.

Each locked asset is checked on its own: one that cannot be checked (its repository is gone, the
server fails) is reported as such beside the others, never in place of the whole report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from mlassets.core.clock import fetch_time
from mlassets.core.errors import OperationalError
from mlassets.core.refs import parse_ref
from mlassets.core.shapes import SchemaVersion, Text
from mlassets.documents.lock import LockEntry, read_lock
from mlassets.io.threads import thread_pool
from mlassets.manifests.build import from_fetched, guarded
from mlassets.sources import default_heads, fetch_remote
from mlassets.sources.retry import RetryPolicy
from mlassets.workflows.sync_commit import Notice, recovered_lock


class MovedJson(TypedDict):
    ref: Text
    locked_revision: str | None
    upstream_revision: str | None
    locked_license: Text
    upstream_license: str | None
    license_changed: bool


class UncheckedJson(TypedDict):
    ref: Text
    message: Text


class OutdatedReportJson(TypedDict):
    """mlassets outdated --json"""

    schema_version: SchemaVersion
    outdated: list[MovedJson]
    errors: list[UncheckedJson]


@dataclass(frozen=True)
class Moved:
    """An asset whose upstream moved since the lock."""

    ref: str
    locked_revision: str | None
    upstream_revision: str | None
    locked_license: str
    upstream_license: str | None

    @property
    def license_changed(self) -> bool:
        return self.upstream_license is not None and self.upstream_license != self.locked_license

    def to_json(self) -> MovedJson:
        return {
            "ref": self.ref,
            "locked_revision": self.locked_revision,
            "upstream_revision": self.upstream_revision,
            "locked_license": self.locked_license,
            "upstream_license": self.upstream_license,
            "license_changed": self.license_changed,
        }


@dataclass(frozen=True)
class OutdatedReport:
    """The assets that moved, and the ones that could not be checked (with the reason)."""

    moved: tuple[Moved, ...]
    failed: tuple[tuple[str, OperationalError], ...] = ()

    def to_json(self) -> OutdatedReportJson:
        unchecked = sorted((ref, one_line(error)) for ref, error in self.failed)
        errors: list[UncheckedJson] = [{"ref": r, "message": m} for r, m in unchecked]
        return {
            "schema_version": 1,
            "outdated": [m.to_json() for m in self.moved],
            "errors": errors,
        }


def one_line(error: Exception) -> str:
    """The error's message on one line (a server's text may hold line breaks)."""
    return " ".join(str(error).split()) or type(error).__name__


def outdated(
    lock_path: Path,
    *,
    jobs: int = 16,
    retry: RetryPolicy | None = None,
    openml_server: str | None = None,
    notice: Notice | None = None,
) -> OutdatedReport:
    """The locked assets whose upstream moved, with the license each revision concludes. A sync
    commit a crash interrupted is completed first (`notice` is told)."""
    recovered_lock(lock_path, notice)
    retry = retry or RetryPolicy()
    fetched_at = fetch_time()
    entries = list(read_lock(lock_path).values())
    heads = default_heads((parse_ref(e.ref) for e in entries), retry, jobs=jobs)

    def check(entry: LockEntry) -> Moved | OperationalError | None:
        ref = parse_ref(entry.ref)
        head = heads.get(ref)
        if head is not None and head == entry.revision:  # the owner's listing answered
            return None
        try:
            fetched = fetch_remote(
                ref, retry, openml_server=openml_server, known_revision=entry.revision
            )
            if fetched.unchanged or fetched.revision == entry.revision:
                return None
            upstream = guarded(entry.ref, lambda: from_fetched(fetched, fetched_at))
        except OperationalError as exc:
            return exc
        return Moved(
            entry.ref, entry.revision, fetched.revision, entry.license, upstream.license.concluded
        )

    with thread_pool(jobs) as pool:
        results = list(pool.map(check, entries))
    moved = tuple(r for r in results if isinstance(r, Moved))
    failed = tuple(
        (e.ref, r) for e, r in zip(entries, results, strict=True) if isinstance(r, OperationalError)
    )
    return OutdatedReport(moved, failed)
