"""Assets whose manifest is gone: re-indexing a directory forgets what was deleted from it.

Such an asset becomes a dangling node, as a base model or dataset without a manifest is (other
assets may still name it): it leaves search, facets, lineage rules and the audit, and is filled in
again if its manifest comes back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

_CLEARED = (
    "source = NULL, revision = NULL, card_sha256 = NULL, title = NULL, description = NULL, "
    "license = NULL, license_category = NULL, license_status = NULL, license_declared = 0, "
    "commercial_use = NULL, task = NULL, library = NULL, size_bucket = NULL, has_metadata = 0, "
    "missing_fields = '', manifest_path = NULL, dangling = 1"
)


def gone_rowids(
    db: sqlite3.Connection, roots: Sequence[Path], found: Sequence[str | Path]
) -> list[int]:
    """Assets indexed from a file under one of the directories `roots` that is not there now."""
    directories = [root.resolve() for root in roots if root.is_dir()]
    if not directories:
        return []
    present = {Path(path).resolve() for path in found}
    rows = db.execute(
        "SELECT rowid, manifest_path FROM assets WHERE dangling = 0 AND manifest_path IS NOT NULL"
    )
    gone = []
    for rowid, manifest_path in rows:
        where = Path(manifest_path).resolve()
        if where not in present and any(where.is_relative_to(d) for d in directories):
            gone.append(rowid)
    return gone


def forget(db: sqlite3.Connection, rowids: Sequence[int]) -> Sequence[int]:
    """Turn these assets into dangling nodes (inside the caller's transaction); say which."""
    keys = [(rowid,) for rowid in rowids]
    for table, column in (("languages", "asset"), ("metrics", "asset"), ("edges", "child")):
        db.executemany(f"DELETE FROM {table} WHERE {column} = ?", keys)
    db.executemany("DELETE FROM fts WHERE rowid = ?", keys)
    db.executemany(f"UPDATE assets SET {_CLEARED} WHERE rowid = ?", keys)
    return rowids
