"""The lock: what `sync` resolved for each declared asset, so that a second machine gets the
same manifests byte for byte (`sync --frozen` checks nothing moved).

Per asset: the declared reference, the manifest id, the resolved commit sha (Hub) or dataset
version (OpenML), `card_sha256`, the concluded license, the time of fetch and the manifest file.
Written deterministically (sorted) and atomically.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from mlassets.core.errors import UnreadableFileError, UsageError
from mlassets.io.atomic import write_bytes_atomic
from mlassets.io.files import read_bytes, read_json
from mlassets.io.paths import confined

LOCK_VERSION = 1
DEFAULT_LOCK = Path("mlassets.lock")


@dataclass(frozen=True)
class LockEntry:
    ref: str
    id: str
    revision: str | None
    card_sha256: str | None
    license: str
    fetched_at: str
    manifest: str  # file name in the manifests directory


def read_lock(path: Path) -> dict[str, LockEntry]:
    """The lock's entries by declared reference ({} when there is no lock yet)."""
    if not path.exists():
        return {}
    from mlassets.schemas import validator_for  # the validator loads only when there is a lock

    data = read_json(path, "a lock file")
    errors = list(validator_for("lock").iter_errors(data))
    if errors:
        raise UnreadableFileError(
            f"{path}:1:1: not a valid lock file: {errors[0].message}", str(path)
        )
    entries = {e["ref"]: LockEntry(**e) for e in data["assets"]}
    for entry in entries.values():
        # sync deletes and writes the file named here: it must be a plain name in the manifests
        # directory, never `../x` or `/etc/x` (the lock may come from anyone's pull request).
        confined(Path("."), entry.manifest, f"{path}: {entry.ref}: manifest", flat=True)
    return entries


def locked_manifests(lock_path: Path, out: Path) -> list[Path]:
    """The manifest of every locked asset, in the lock's order."""
    entries = read_lock(lock_path)
    if not entries:
        raise UsageError(
            f"{lock_path}: no locked assets yet; run mlassets sync first", str(lock_path)
        )
    return [out / entries[ref].manifest for ref in sorted(entries)]


def dumps(entries: dict[str, LockEntry]) -> bytes:
    document = {
        "lock_version": LOCK_VERSION,
        "assets": [asdict(entries[k]) for k in sorted(entries)],
    }
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def write_lock(path: Path, entries: dict[str, LockEntry]) -> bool:
    """Write the lock, unless it already holds exactly these bytes: then its modification time
    stays, and make-style tools see that nothing changed. True when the file was written."""
    data = dumps(entries)
    with contextlib.suppress(OSError):  # UnreadableFileError included: then write it anew
        if read_bytes(path) == data:
            return False
    write_bytes_atomic(path, data)
    return True
