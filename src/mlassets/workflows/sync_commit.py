"""sync's final commit, recoverable: staged manifests into place, the new lock, removed manifests.

Before the first move, everything the commit will do is on disk: the manifests staged in
`<out>/.sync-staging/`, the new lock beside the lock (`.mlassets.lock.new`), and a journal beside
the lock (`.mlassets.lock.commit`, written atomically, io.journal) naming them. Then:

1. each staged manifest is renamed over its target; 2. the new lock is renamed over the lock;
3. the manifests of assets no longer declared are deleted; 4. the journal is deleted.

A failure mlassets sees undoes steps 1–2 (io.atomic.replace_together) and deletes the journal.
A crash (SIGKILL, power loss) leaves the journal, and the next `sync`, `verify` or `outdated`
completes the commit first (`recover`): every step is a rename that is done again only if its
source is still there, so completing it twice, or after a partial completion, is harmless.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from mlassets.core.errors import UnreadableFileError, UnwritableFileError, UsageError
from mlassets.documents.lock import LockEntry, dumps
from mlassets.io.atomic import replace_together, replacement_mode, write_bytes_atomic
from mlassets.io.files import read_bytes
from mlassets.io.journal import discard, held, interrupted
from mlassets.io.paths import confined

STAGING = ".sync-staging"
Notice = Callable[[str], None]


def journal_path(lock_path: Path) -> Path:
    return lock_path.with_name(f".{lock_path.name}.commit")


def staged_lock(lock_path: Path) -> Path:
    return lock_path.with_name(f".{lock_path.name}.new")


@dataclass(frozen=True)
class Commit:
    """What one commit does; `out` absolute, the names plain file names in it."""

    out: Path
    moved: tuple[str, ...]  # staged manifests, renamed from out/.sync-staging/ into out/
    lock: bool  # a new lock is staged beside the lock
    removed: tuple[str, ...]  # manifests deleted after the lock

    def to_bytes(self) -> bytes:
        data = {"journal": 1, "out": str(self.out), "moved": list(self.moved)}
        data |= {"lock": self.lock, "removed": list(self.removed)}
        return json.dumps(data, sort_keys=True).encode()

    @classmethod
    def from_bytes(cls, data: bytes, where: Path) -> Commit:
        what = f"{where}: manifest"
        try:
            raw = json.loads(data)
            out = Path(raw["out"])
            moved = tuple(str(confined(out, n, what, flat=True).name) for n in raw["moved"])
            removed = tuple(str(confined(out, n, what, flat=True).name) for n in raw["removed"])
            if raw["journal"] != 1 or not out.is_absolute() or not isinstance(raw["lock"], bool):
                raise ValueError("not a journal this mlassets writes")
        except (ValueError, KeyError, TypeError) as exc:
            raise UnreadableFileError(f"{where}: not a sync commit journal ({exc})") from exc
        return cls(out, moved, raw["lock"], removed)


def commit(
    out: Path,
    lock_path: Path,
    moved: Sequence[str],
    entries: dict[str, LockEntry],
    removed: Sequence[str],
) -> bool:
    """Commit the staged manifests `moved`, the lock of `entries` and the deletion of `removed`:
    all of it or, on a failure seen here, none of it. True when the lock was written."""
    data = dumps(entries)
    try:
        lock_changed = read_bytes(lock_path) != data
    except OSError:  # none yet, or unreadable: written anew
        lock_changed = True
    if not (moved or lock_changed or removed):
        return False
    new_lock = staged_lock(lock_path)
    if lock_changed:
        write_bytes_atomic(new_lock, data)
        os.chmod(new_lock, replacement_mode(lock_path))  # the lock keeps its mode
    out = out.absolute()
    staging = out / STAGING
    plan = Commit(out, tuple(moved), lock_changed, tuple(removed))
    journal = journal_path(lock_path)
    with held(journal, plan.to_bytes()):
        try:
            moves = [(staging / name, out / name) for name in moved]
            replace_together(moves, lambda: _replace(new_lock, lock_path) if lock_changed else 0)
        except BaseException:
            discard(journal)  # wholly undone: nothing to complete
            with contextlib.suppress(OSError):
                os.unlink(new_lock)
            raise
        for name in removed:
            (out / name).unlink(missing_ok=True)
    return lock_changed


def _replace(source: Path, target: Path) -> int:
    os.replace(source, target)
    return 1


def recover(lock_path: Path, notice: Notice | None = None) -> bool:
    """Complete the commit a crashed sync left (journal beside `lock_path`); True if there was one.
    `notice` is told what was done. `UnwritableFileError` when a step cannot be done (the journal
    stays, so the next run tries again)."""
    journal = journal_path(lock_path)
    with interrupted(journal) as data:
        if data is None:
            return False
        plan = Commit.from_bytes(data, journal)
        try:
            _complete(plan, lock_path)
        except OSError as exc:
            raise UnwritableFileError(
                f"{journal}: cannot complete an interrupted sync commit: {exc}", str(journal)
            ) from exc
        discard(journal)
    if notice is not None:
        lock = " and the lock" if plan.lock else ""
        notice(
            f"completed the sync commit a crash interrupted ({len(plan.moved)} manifest(s){lock}"
            f" in {plan.out}; journal {journal})"
        )
    return True


def recovered_lock(lock_path: Path, notice: Notice | None = None) -> Path:
    """`lock_path`, once a commit a crash interrupted is completed (the first sync's may bring
    the lock itself); `UsageError` when there is still none, never "0 problems"."""
    recover(lock_path, notice)
    if not lock_path.exists():
        raise UsageError(
            f"{lock_path}: no such file; a lock; run mlassets sync first", str(lock_path)
        )
    return lock_path


def _complete(plan: Commit, lock_path: Path) -> None:
    staging = plan.out / STAGING
    for name in plan.moved:
        if os.path.lexists(staging / name):  # not moved yet
            os.replace(staging / name, plan.out / name)
        for backup in plan.out.glob(f".{glob.escape(name)}.*.bak"):  # replace_together's
            backup.unlink(missing_ok=True)
    if plan.lock and os.path.lexists(staged_lock(lock_path)):
        os.replace(staged_lock(lock_path), lock_path)
    for name in plan.removed:
        (plan.out / name).unlink(missing_ok=True)
