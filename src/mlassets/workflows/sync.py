"""`sync`: fetch every asset `mlassets.yaml` declares, concurrently, and write manifests + lock.

- An asset whose lock entry still matches upstream (its pinned or default revision resolves to
  the locked commit) costs at most one metadata call: no card is downloaded, its manifest is
  kept. Unpinned Hub assets of one owner are checked together through the owner's listing (a
  paged request, not a call per asset), and a commit pin is not checked at all.
- New manifests are staged in `<out>/.sync-staging/`; only when every asset succeeded are they
  moved into place and the lock replaced, together (`sync_commit`): a lock that cannot be written
  puts every manifest back, and a commit a crash interrupted is completed by the next run. A sync
  that fails part way leaves the earlier lock and manifests as they were, and a rerun reuses what
  was staged (without card downloads).
- One sync at a time: the project file is locked (`flock`) for the run; a second sync meanwhile
  fails at once with `ConcurrentRunError` (exit 3) instead of racing for the staging directory.
- Each asset's failure (fetching, a card the parser cannot take, writing) is its own.
- `frozen=True` never changes the lock: it reports what moved upstream (CI), and rebuilds missing
  manifests from the locked commit and fetch time, byte for byte (a second machine).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mlassets.core.clock import fetch_time
from mlassets.core.errors import OperationalError, UnwritableFileError
from mlassets.core.refs import AssetRef
from mlassets.documents.lock import LockEntry, read_lock
from mlassets.documents.project import DeclaredAsset, Project, ProjectError
from mlassets.io.locking import exclusive
from mlassets.io.threads import thread_pool
from mlassets.manifests.build import from_fetched, guarded
from mlassets.manifests.model import Manifest
from mlassets.manifests.store import manifest_filename, read_manifest, write_manifest_at
from mlassets.sources import FetchedAsset, default_heads, fetch_remote
from mlassets.sources.retry import RetryPolicy
from mlassets.workflows.sync_commit import STAGING, Notice, commit, recover
from mlassets.workflows.sync_outcomes import SyncOutcome, SyncReport

_COMMIT = re.compile(r"[0-9a-f]{40}")


def _staged(staging: Path, filename: str) -> Manifest | None:
    path = staging / filename
    try:
        return read_manifest(path) if path.exists() else None
    except OperationalError:  # a staged file that does not read back is fetched again
        return None


def _lock_entry(ref: str, manifest: Manifest, filename: str) -> LockEntry:
    return LockEntry(
        ref,
        manifest.id,
        manifest.revision,
        manifest.card_sha256,
        manifest.license.concluded,
        manifest.fetched_at,
        filename,
    )


def _one(asset: DeclaredAsset, locked: LockEntry | None, *args: Any, **kwargs: Any) -> SyncOutcome:
    """One asset's outcome: whatever fails for it (fetching, parsing its card, writing its
    manifest) is its own failure, never the whole sync's."""
    try:
        return _sync_one(asset, locked, *args, **kwargs)
    except OperationalError as exc:
        return SyncOutcome(asset.declared, "failed", error=str(exc))


def _sync_one(
    asset: DeclaredAsset,
    locked: LockEntry | None,
    out: Path,
    staging: Path,
    *,
    head: str | None,
    frozen: bool,
    retry: RetryPolicy,
    openml_server: str | None,
    fetched_at: str,
) -> SyncOutcome:
    filename = manifest_filename(asset.declared)
    have = locked if locked and (out / locked.manifest).exists() else None
    pin = asset.ref.revision or ""
    if (
        have is not None
        and not frozen
        and not have.card_sha256
        and asset.ref.source == "huggingface"
    ):
        return _recheck(asset, have, staging, filename, retry, openml_server, fetched_at)
    if have is not None and _COMMIT.fullmatch(pin) and have.revision == pin and not frozen:
        # A commit is immutable: what the lock holds for it cannot have moved upstream.
        return SyncOutcome(asset.declared, "unchanged", have, None, have.revision)
    if have is not None and head is not None and head == have.revision:  # listing answered
        return SyncOutcome(
            asset.declared, "current" if frozen else "unchanged", have, None, have.revision
        )
    staged = None if frozen else _staged(staging, filename)
    known = have.revision if have else (staged.revision if staged else None)
    fetched = fetch_remote(asset.ref, retry, openml_server=openml_server, known_revision=known)
    locked_revision = locked.revision if locked else None
    if frozen:
        return _frozen(asset, locked, have, fetched, out)
    if have is not None and fetched.revision == have.revision:
        return SyncOutcome(asset.declared, "unchanged", have, None, locked_revision)
    if staged is not None and fetched.revision == staged.revision:
        entry = _lock_entry(asset.declared, staged, filename)
        return SyncOutcome(asset.declared, "staged", entry, None, locked_revision)
    if fetched.unchanged:  # the known revision was a stale lock entry without its manifest
        fetched = fetch_remote(asset.ref, retry, openml_server=openml_server)
    data = guarded(asset.declared, lambda: from_fetched(fetched, fetched_at))
    write_manifest_at(data, staging / filename)
    entry = _lock_entry(asset.declared, data, filename)
    return SyncOutcome(asset.declared, "fetched", entry, None, locked_revision)


def _frozen(
    asset: DeclaredAsset,
    locked: LockEntry | None,
    have: LockEntry | None,
    fetched: FetchedAsset,
    out: Path,
) -> SyncOutcome:
    locked_revision = locked.revision if locked else None
    if locked is None or fetched.revision != locked.revision:
        return SyncOutcome(asset.declared, "outdated", locked, None, locked_revision)
    if have is not None:
        return SyncOutcome(asset.declared, "current", have, None, locked_revision)
    # Another machine: what was just fetched is the locked commit (no manifest, so nothing was
    # known and the card came too); with the locked fetch time it gives the same bytes as on the
    # machine that wrote the lock.
    data = guarded(asset.declared, lambda: from_fetched(fetched, locked.fetched_at))
    write_manifest_at(data, out / locked.manifest)
    return SyncOutcome(asset.declared, "restored", locked, None, locked_revision)


def _recheck(
    asset: DeclaredAsset,
    have: LockEntry,
    staging: Path,
    filename: str,
    retry: RetryPolicy,
    openml_server: str | None,
    fetched_at: str,
) -> SyncOutcome:
    """An entry locked without a card hash may record a card download that failed (mlassets
    once took that for "no card"): fetch it in full, and change the lock only when a card is
    there now. An asset that really has no card costs its metadata call, as before the lock."""
    fetched = fetch_remote(asset.ref, retry, openml_server=openml_server)
    same = fetched.revision == have.revision
    when = have.fetched_at if same else fetched_at  # unchanged bytes when nothing changed
    data = guarded(asset.declared, lambda: from_fetched(fetched, when))
    if same and data.card_sha256 is None:
        return SyncOutcome(asset.declared, "unchanged", have, None, have.revision)
    write_manifest_at(data, staging / filename)
    entry = _lock_entry(asset.declared, data, filename)
    return SyncOutcome(asset.declared, "fetched", entry, None, have.revision)


def _heads(
    project: Project, locked: dict[str, LockEntry], out: Path, retry: RetryPolicy, jobs: int
) -> dict[AssetRef, str]:
    """Default-branch heads, from the owners' listings, of the assets whose lock entry and
    manifest are both there (the only ones a head alone can settle)."""
    settled_by_head = [
        a.ref
        for a in project.assets
        if a.declared in locked and (out / locked[a.declared].manifest).exists()
    ]
    return default_heads(settled_by_head, retry, jobs=jobs)


def sync(
    project: Project,
    out: Path,
    lock_path: Path,
    *,
    jobs: int = 16,
    frozen: bool = False,
    retry: RetryPolicy | None = None,
    openml_server: str | None = None,
    progress: Callable[[SyncOutcome], None] | None = None,
    notice: Notice | None = None,
) -> SyncReport:
    """Fetch every declared asset; stage new manifests; then move them into place and write the
    lock, all or nothing. One sync at a time per project (`ConcurrentRunError` for a second).
    A commit a crash interrupted is completed first (`notice` is told)."""
    _check_names(project)
    with exclusive(project.path, "sync"):
        recover(lock_path, notice)
        return _sync_locked(
            project, out, lock_path, jobs, frozen, retry or RetryPolicy(), openml_server, progress
        )


def _check_names(project: Project) -> None:
    """Two declared assets must not share a manifest file (names that differ only in case do
    on macOS and Windows)."""
    seen: dict[str, str] = {}
    for asset in project.assets:
        other = seen.setdefault(manifest_filename(asset.declared).casefold(), asset.declared)
        if other != asset.declared:
            raise ProjectError(
                f"{project.path}: {asset.declared} and {other} would share one manifest file "
                "(their names differ only in case)",
                str(project.path),
            )


def _sync_locked(
    project: Project,
    out: Path,
    lock_path: Path,
    jobs: int,
    frozen: bool,
    retry: RetryPolicy,
    openml_server: str | None,
    progress: Callable[[SyncOutcome], None] | None,
) -> SyncReport:
    locked = read_lock(lock_path)
    staging = out / STAGING
    if not frozen:
        try:
            staging.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UnwritableFileError(f"{staging}: cannot create: {exc.strerror}") from exc
    fetched_at = fetch_time()
    heads = _heads(project, locked, out, retry, jobs)
    with thread_pool(jobs) as pool:
        futures = [
            pool.submit(
                _one,
                asset,
                locked.get(asset.declared),
                out,
                staging,
                head=heads.get(asset.ref),
                frozen=frozen,
                retry=retry,
                openml_server=openml_server,
                fetched_at=fetched_at,
            )
            for asset in project.assets
        ]
        outcomes = []
        for future in futures:
            outcome = future.result()
            outcomes.append(outcome)
            if progress:
                progress(outcome)
    return _finish(project, out, lock_path, locked, tuple(outcomes), frozen)


def _finish(
    project: Project,
    out: Path,
    lock_path: Path,
    locked: dict[str, LockEntry],
    outcomes: tuple[SyncOutcome, ...],
    frozen: bool,
) -> SyncReport:
    """Commit what the assets' outcomes say: the staged manifests and the lock, or nothing."""
    staging = out / STAGING
    report = SyncReport(outcomes, lock_written=False)
    declared = {a.declared for a in project.assets}
    if frozen:
        extra = sorted(set(locked) - declared)
        removed = tuple(
            SyncOutcome(ref, "outdated", locked[ref], "no longer declared") for ref in extra
        )
        return SyncReport(report.outcomes + removed, lock_written=False)
    if report.failed:
        return report  # the earlier lock and manifests stay; what was staged is reused next time
    moved = [o.entry.manifest for o in outcomes if o.status in ("fetched", "staged") and o.entry]
    entries = {o.ref: o.entry for o in outcomes if o.entry is not None}
    # Assets no longer declared leave with the manifests sync wrote for them. Only files the old
    # lock listed are touched: `manifests/` may hold others, e.g. from license-check --fetch.
    kept = {e.manifest for e in entries.values()}
    gone = sorted(set(locked) - declared)
    deleted = sorted({locked[ref].manifest for ref in gone} - kept)
    # All of it together, recoverably (sync_commit): a crash mid-way is completed by the next run.
    written = commit(out, lock_path, moved, entries, deleted)
    dropped = [SyncOutcome(ref, "removed", locked[ref], None, locked[ref].revision) for ref in gone]
    with contextlib.suppress(OSError):  # staged leftovers of assets no longer declared: harmless
        staging.rmdir()
    return SyncReport(report.outcomes + tuple(dropped), lock_written=written)
