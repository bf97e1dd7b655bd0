"""Every dataset's standardised feature vector at unit length, as `select` ranks datasets by.

Standardising needs every dataset's features (each feature's mean and spread), which a fresh
process would otherwise read at every start; so `import_features` stores the unit vectors in
`dataset_units` (doubles, in feature-name order) in the same transaction, stamped with the
`features_version` they were computed from. A reader whose stamp differs computes them from
`dataset_features` instead: a stale table is never used.
"""

from __future__ import annotations

import math
import sqlite3
from array import array

from mlassets.selection.matrix import standardised

Vectors = dict[str, tuple[float, ...]]
_CACHE: dict[tuple[str, str], Vectors] = {}


def unit(vector: tuple[float, ...]) -> tuple[float, ...]:
    norm = math.sqrt(sum(x * x for x in vector))
    return tuple(x / norm for x in vector) if norm else vector


def _version(db: sqlite3.Connection, key: str) -> str:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else ""


def computed_units(db: sqlite3.Connection) -> Vectors:
    raw: dict[str, dict[str, float]] = {}
    for dataset, name, value in db.execute("SELECT dataset, name, value FROM dataset_features"):
        raw.setdefault(str(dataset), {})[name] = value
    return {d: unit(v) for d, v in standardised(raw).items()}


def store_units(db: sqlite3.Connection, version: str) -> None:
    """Recompute and store every unit vector (inside the caller's transaction)."""
    db.execute("DELETE FROM dataset_units")
    db.executemany(
        "INSERT INTO dataset_units VALUES (?, ?)",
        ((int(d), array("d", v).tobytes()) for d, v in computed_units(db).items()),
    )
    db.execute("INSERT OR REPLACE INTO meta VALUES ('units_version', ?)", (version,))


def dataset_units(db: sqlite3.Connection) -> Vectors:
    """Dataset rowid (as text) -> unit vector; kept in this process until features change."""
    version = _version(db, "features_version")
    key = (db.execute("PRAGMA database_list").fetchone()[2], version)
    if key not in _CACHE:
        if version and _version(db, "units_version") == version:
            units = {
                str(d): tuple(array("d", blob))
                for d, blob in db.execute("SELECT dataset, unit FROM dataset_units")
            }
        else:
            units = computed_units(db)
        _CACHE.clear()
        _CACHE[key] = units
    return _CACHE[key]


def raw_features(db: sqlite3.Connection, datasets: list[int]) -> dict[str, dict[str, float]]:
    """The named features of just these datasets."""
    out: dict[str, dict[str, float]] = {}
    marks = ",".join("?" * len(datasets))
    query = f"SELECT dataset, name, value FROM dataset_features WHERE dataset IN ({marks})"
    for dataset, name, value in db.execute(query, datasets):
        out.setdefault(str(dataset), {})[name] = value
    return out
