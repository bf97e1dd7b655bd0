"""Assets whose manifest is gone: re-indexing a directory forgets what was deleted from it.

Such an asset becomes a dangling node, as a base model or dataset without a manifest is (other
assets may still name it): it leaves search, facets, lineage rules and the audit, and is filled in
again if its manifest comes back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from mlassets.io.discovery import display_name

if TYPE_CHECKING:
    import psycopg

Key = TypeVar("Key")

_CLEARED = (
    "source = NULL, revision = NULL, card_sha256 = NULL, title = NULL, description = NULL, "
    "license = NULL, license_category = NULL, license_status = NULL, license_declared = 0, "
    "commercial_use = NULL, task = NULL, library = NULL, size_bucket = NULL, has_metadata = 0, "
    "missing_fields = '', manifest_path = NULL"
)


def gone_keys(
    rows: Iterable[tuple[Key, str]], roots: Sequence[Path], found: Sequence[str | Path]
) -> list[Key]:
    """The keys of `rows` (key, manifest path) whose file, under one of the directories `roots`,
    is not among `found` now. Either backend's writer asks this."""
    directories = [root.resolve() for root in roots if root.is_dir()]
    if not directories:
        return []
    # Paths are compared as the catalog stores them (display_name: valid text). The same string
    # resolves the same: most rows are settled without a system call.
    named = {display_name(str(path)) for path in found}
    present: set[str] | None = None
    gone = []
    for key, manifest_path in rows:
        if manifest_path in named:
            continue
        if present is None:
            present = {display_name(str(Path(path).resolve())) for path in found}
        where = Path(manifest_path).resolve()
        if display_name(str(where)) not in present and any(
            where.is_relative_to(d) for d in directories
        ):
            gone.append(key)
    return gone


def gone_rowids(
    db: sqlite3.Connection, roots: Sequence[Path], found: Sequence[str | Path]
) -> list[int]:
    """Assets indexed from a file under one of the directories `roots` that is not there now."""
    rows = db.execute(
        "SELECT rowid, manifest_path FROM assets WHERE dangling = 0 AND manifest_path IS NOT NULL"
    )
    return gone_keys(rows, roots, found)


def forget(db: sqlite3.Connection, rowids: Sequence[int]) -> Sequence[int]:
    """Turn these assets into dangling nodes (inside the caller's transaction); say which."""
    keys = [(rowid,) for rowid in rowids]
    for table, column in (("languages", "asset"), ("metrics", "asset"), ("edges", "child")):
        db.executemany(f"DELETE FROM {table} WHERE {column} = ?", keys)
    db.executemany("DELETE FROM fts WHERE rowid = ?", keys)
    db.executemany(f"UPDATE assets SET {_CLEARED}, dangling = 1 WHERE rowid = ?", keys)
    return rowids


def forget_postgres(
    cursor: psycopg.Cursor[tuple[Any, ...]], roots: Sequence[Path], found: Sequence[str | Path]
) -> list[int]:
    """The same in PostgreSQL (inside the caller's transaction): the `pk`s it turned dangling."""
    rows = cursor.execute(
        "SELECT pk, manifest_path FROM assets WHERE NOT dangling AND manifest_path IS NOT NULL"
    ).fetchall()
    pks: list[int] = gone_keys(rows, roots, found)
    if not pks:
        return []
    for table, column in (("languages", "asset"), ("metrics", "asset"), ("edges", "child")):
        cursor.execute(f"DELETE FROM {table} WHERE {column} = ANY(%s)", (pks,))
    # NOT dangling: another writer may have indexed the asset again from elsewhere meanwhile.
    cleared = cursor.execute(
        f"UPDATE assets SET {_CLEARED}, tags = '', dangling = true"
        " WHERE pk = ANY(%s) AND NOT dangling RETURNING pk",
        (pks,),
    )
    return [int(pk) for (pk,) in cleared.fetchall()]
