"""What `select models` reads from a SQLite catalog: the neighbourhood of a query and the plan
cached in `meta`.

A query reads a neighbourhood only: the target's own results, the `pool` datasets nearest to it
by features (the largest ones when it has no features), and the datasets its measured models
were also measured on. `Reads` is the interface select.py ranks from; PostgreSQL's is in
pg_select.py.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from mlassets.catalog.leaderboard import dataset_rowid, default_metric
from mlassets.catalog.results import direction_of, name_id
from mlassets.catalog.results_units import Vectors, dataset_units, raw_features, unit
from mlassets.catalog.select_pool import choose_pool
from mlassets.selection.matrix import Matrix, standardised

PER_DATASET = 200  # best results read from each of them
SHARED_MODELS = 100  # the target's models whose other datasets count as shared

_VECTORS: dict[tuple[str, str], tuple[dict[str, dict[str, float]], Vectors, Vectors]] = {}


def features_of(
    key: tuple[str, str], rows: Callable[[], Iterable[tuple[Any, str, float]]]
) -> tuple[dict[str, dict[str, float]], Vectors, Vectors]:
    """Raw, standardised and unit-length standardised features read by `rows()` (dataset key,
    name, value), kept under `key` (the store and its `features_version`) until it changes. The
    PostgreSQL catalog's reads; SQLite's store their unit vectors (`results_units`)."""
    if key not in _VECTORS:
        raw: dict[str, dict[str, float]] = {}
        for dataset, name, value in rows():
            raw.setdefault(str(dataset), {})[name] = value
        vectors = standardised(raw)
        _VECTORS.clear()
        _VECTORS[key] = (raw, vectors, {d: unit(v) for d, v in vectors.items()})
    return _VECTORS[key]


def results_stamp(db: sqlite3.Connection) -> str:
    """What changes whenever the results do: the `results_version` every import stamps (a
    catalog whose results were imported before there was one gets one now), or, when the
    catalog cannot be written, the number of (dataset, metric) pairs and results."""
    query = "SELECT value FROM meta WHERE key = 'results_version'"
    row = db.execute(query).fetchone()
    if row is None:
        try:
            with db:
                db.execute(
                    "INSERT OR IGNORE INTO meta VALUES ('results_version', ?)",
                    (str(time.time_ns()),),
                )
            row = db.execute(query).fetchone()
        except sqlite3.OperationalError:  # read-only
            stamp = db.execute("SELECT count(*), total(results) FROM result_counts").fetchone()
            return f"{stamp[0]}:{stamp[1]}"
    return f"v{row[0]}"


_COUNTS: dict[tuple[str, str, str], dict[int, int]] = {}


def _counts(db: sqlite3.Connection, metric: str, stamp: str) -> dict[int, int]:
    """Results per dataset for `metric`, kept in the process under a stamped results version
    (10,000 rows a query otherwise); an unstamped catalog's are read every time, since its
    fallback stamp could be equal in two in-memory catalogs."""
    key = (db.execute("PRAGMA database_list").fetchone()[2], stamp, metric)
    found = _COUNTS.get(key)
    if found is None:
        found = dict(
            db.execute("SELECT dataset, results FROM result_counts WHERE metric = ?", (metric,))
        )
        if stamp.startswith("v"):
            _COUNTS.clear()
            _COUNTS[key] = found
    return found


def _pool(db: sqlite3.Connection, target: int, metric: str, pool: int) -> list[int]:
    """Up to `pool` datasets: those sharing the most models with the target (half at most),
    then the nearest by features, then (without features) the largest."""
    counts = _counts(db, metric, results_stamp(db))
    shared: dict[int, int] = dict(
        db.execute(
            "SELECT dataset, count(*) FROM result_rows WHERE model IN (SELECT model FROM "
            "result_rows WHERE dataset = ? AND metric = ? LIMIT ?) AND dataset != ? "
            "GROUP BY dataset",
            (target, _metric_id(db, metric), SHARED_MODELS, target),
        )
    )
    return choose_pool(counts, shared, dataset_units(db), target, pool)


def _matrix(
    db: sqlite3.Connection, datasets: list[int], target: int, metric: str, up: bool
) -> Matrix:
    """The target's results, and each other dataset's best PER_DATASET (the models that could
    make a top k; the rest of a large dataset only slows the query down)."""
    sign = 1.0 if up else -1.0
    order = "DESC" if up else "ASC"
    cells = []
    metric_id = _metric_id(db, metric)
    for dataset in datasets:
        limit = -1 if dataset == target else PER_DATASET
        rows = db.execute(
            "SELECT model, value FROM result_rows WHERE dataset = ? AND metric = ? "
            f"ORDER BY value {order} LIMIT ?",
            (dataset, metric_id, limit),
        )
        cells += [(str(dataset), str(model), sign * value) for model, value in rows]
    return Matrix.build(cells, raw_features(db, datasets))


def _metric_id(db: sqlite3.Connection, metric: str) -> int:
    found = name_id(db, metric)
    return -1 if found is None else found  # -1: no result has this metric


def _cached(db: sqlite3.Connection, key: str) -> tuple[str, dict[str, Any] | None]:
    """The cache key for this target, and what an earlier query stored under it."""
    cache_key = f"select:{key}:{results_stamp(db)}"
    row = db.execute("SELECT value FROM meta WHERE key = ?", (cache_key,)).fetchone()
    return cache_key, None if row is None else json.loads(row[0])


def _store(db: sqlite3.Connection, key: str, cache_key: str, plan: dict[str, Any]) -> None:
    with db:
        db.execute("DELETE FROM meta WHERE key LIKE ?", (f"select:{key}:%",))
        db.execute("INSERT INTO meta VALUES (?, ?)", (cache_key, json.dumps(plan)))


class Reads(Protocol):
    """What `select models` reads from (and caches in) a catalog backend: SQLite's queries are
    the functions of this module (`SqliteReads`), PostgreSQL's those of pg_select.py."""

    def dataset(self, ref: str) -> tuple[int, str]: ...
    def any_metric(self, target: int) -> str: ...
    def direction(self, metric: str, higher: bool | None) -> bool: ...
    def pool(self, target: int, metric: str, pool: int) -> list[int]: ...
    def matrix(self, datasets: list[int], target: int, metric: str, up: bool) -> Matrix: ...
    def cached(self, key: str) -> tuple[str, dict[str, Any] | None]: ...
    def store(self, key: str, cache_key: str, plan: dict[str, Any]) -> None: ...
    def asset(self, pk: int) -> tuple[str, str | None, str | None, int | None]: ...


@dataclass(frozen=True)
class SqliteReads:
    """`Reads` over a SQLite catalog connection: this module's own queries."""

    db: sqlite3.Connection

    def dataset(self, ref: str) -> tuple[int, str]:
        return dataset_rowid(self.db, ref)

    def any_metric(self, target: int) -> str:
        return _any_metric(self.db, target)

    def direction(self, metric: str, higher: bool | None) -> bool:
        return direction_of(self.db, metric, higher)

    def pool(self, target: int, metric: str, pool: int) -> list[int]:
        return _pool(self.db, target, metric, pool)

    def matrix(self, datasets: list[int], target: int, metric: str, up: bool) -> Matrix:
        return _matrix(self.db, datasets, target, metric, up)

    def cached(self, key: str) -> tuple[str, dict[str, Any] | None]:
        return _cached(self.db, key)

    def store(self, key: str, cache_key: str, plan: dict[str, Any]) -> None:
        _store(self.db, key, cache_key, plan)

    def asset(self, pk: int) -> tuple[str, str | None, str | None, int | None]:
        row = self.db.execute(
            "SELECT id, license, license_category, commercial_use FROM assets WHERE rowid = ?",
            (pk,),
        ).fetchone()
        return row[0], row[1], row[2], row[3]


def _any_metric(db: sqlite3.Connection, target: int) -> str:
    if db.execute("SELECT 1 FROM results WHERE dataset = ? LIMIT 1", (target,)).fetchone():
        return default_metric(db, target, None)
    row = db.execute(
        "SELECT metric FROM result_counts GROUP BY metric ORDER BY sum(results) DESC, metric"
    ).fetchone()
    if row is None:
        from mlassets.core.errors import UsageError

        raise UsageError("the catalog has no results; import some with `mlassets results import`")
    return str(row[0])
