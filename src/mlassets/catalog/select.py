"""`select models`: a predicted ranking of models for a dataset, each with its evidence.

The catalog may hold millions of results, so a query reads a neighbourhood only: the target's
own results, the `pool` datasets nearest to it by features (the largest ones when it has no
features), and the datasets its measured models were also measured on. Hyper-parameters of the
nearest-datasets predictor are tuned on that neighbourhood (inner leave-one-dataset-out) and
cached in `meta` until the results change.
"""

from __future__ import annotations

import heapq
import json
import operator
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from mlassets.catalog.leaderboard import dataset_rowid, default_metric
from mlassets.catalog.results import direction_of, name_id
from mlassets.catalog.results_units import Vectors, dataset_units, raw_features, unit
from mlassets.selection.cf import Factorisation, ItemKnn
from mlassets.selection.matrix import Matrix, standardised
from mlassets.selection.neighbours import NearestDatasets
from mlassets.selection.probe import ProbeOutcome
from mlassets.selection.ranking import Plan, Ranked, predict
from mlassets.selection.tuning import tune_nearest

POOL = 20  # datasets a query reads besides the target
PER_DATASET = 200  # best results read from each of them
TUNING_FOLDS = 10  # held-out datasets the nearest-datasets setting is tuned on
SHARED_MODELS = 100  # the target's models whose other datasets count as shared


@dataclass(frozen=True)
class Candidate:
    model: str
    rank: int
    predicted: float
    measured: float | None
    evidence: str
    method: str
    confidence: float
    basis: tuple[str, ...]
    license: str | None
    license_category: str | None
    commercial_use: bool | None

    def to_json(self) -> dict[str, Any]:
        return {**self.__dict__, "basis": list(self.basis)}


@dataclass(frozen=True)
class Selection:
    dataset: str
    metric: str
    higher_is_better: bool
    use: str | None
    method: str  # how unmeasured models were placed
    errors: dict[str, float]  # held-out RMSE of the collaborative filters that competed
    nearest: dict[str, float]  # the tuned nearest-datasets setting
    candidates: tuple[Candidate, ...]
    barred: tuple[Candidate, ...]
    probes: tuple[ProbeOutcome, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": 1,
            "dataset": self.dataset,
            "metric": self.metric,
            "higher_is_better": self.higher_is_better,
            "use": self.use,
            "method": self.method,
            "errors": self.errors,
            "nearest": self.nearest,
            "candidates": [c.to_json() for c in self.candidates],
            "barred": [c.to_json() for c in self.barred],
            "probes": [p.to_json() for p in self.probes],
        }


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


def _pool(db: sqlite3.Connection, target: int, metric: str, pool: int) -> list[int]:
    """Up to `pool` datasets: those sharing the most models with the target (half at most),
    then the nearest by features, then (without features) the largest."""
    counts: dict[int, int] = dict(
        db.execute("SELECT dataset, results FROM result_counts WHERE metric = ?", (metric,))
    )
    shared: dict[int, int] = dict(
        db.execute(
            "SELECT dataset, count(*) FROM result_rows WHERE model IN (SELECT model FROM "
            "result_rows WHERE dataset = ? AND metric = ? LIMIT ?) AND dataset != ? "
            "GROUP BY dataset",
            (target, _metric_id(db, metric), SHARED_MODELS, target),
        )
    )
    return choose_pool(counts, shared, dataset_units(db), target, pool)


def choose_pool(
    counts: dict[int, int], shared: dict[int, int], units: Vectors, target: int, pool: int
) -> list[int]:
    """`_pool`'s choice from the datasets' result `counts`, the models each `shared` with the
    target, and the unit feature vectors."""
    shared = {d: n for d, n in shared.items() if d in counts}
    chosen = sorted(shared, key=lambda d: (-shared[d], d))[: pool // 2]
    mine = units.get(str(target))
    featured = [d for d in counts if mine is not None and str(d) in units]
    if mine is not None:
        # Only the nearest are needed: a partial selection, not a sort of every dataset.
        near = heapq.nlargest(
            pool, featured, key=lambda d: (sum(map(operator.mul, mine, units[str(d)])), -d)
        )
    else:
        near = []
    ordered = near + sorted(set(counts) - set(featured), key=lambda d: (-counts[d], d))
    for dataset in ordered:
        if len(chosen) >= pool:
            break
        if dataset not in chosen and dataset != target:
            chosen.append(dataset)
    return sorted({*chosen, target})


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
    stamp = db.execute("SELECT count(*), total(results) FROM result_counts").fetchone()
    cache_key = f"select:{key}:{stamp[0]}:{stamp[1]}"
    row = db.execute("SELECT value FROM meta WHERE key = ?", (cache_key,)).fetchone()
    return cache_key, None if row is None else json.loads(row[0])


def _store(db: sqlite3.Connection, key: str, cache_key: str, plan: dict[str, Any]) -> None:
    with db:
        db.execute("DELETE FROM meta WHERE key LIKE ?", (f"select:{key}:%",))
        db.execute("INSERT INTO meta VALUES (?, ?)", (cache_key, json.dumps(plan)))


class Reads(Protocol):
    """What `select models` reads from (and caches in) a catalog backend: SQLite's queries are
    the functions of this module (`SqliteReads`), PostgreSQL's those of pg_results.py."""

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


def _rank(
    reads: Reads, matrix: Matrix, target: int, metric: str, limit: int
) -> tuple[list[Ranked], Plan, NearestDatasets]:
    """Rank with the tuned setting and filter, chosen on this neighbourhood's held-out data the
    first time and cached in meta until the results change."""
    tuned_key, tuned = reads.cached(f"tuned:{metric}")
    if tuned is None:
        tuned = {"nearest": tune_nearest(matrix, limit=TUNING_FOLDS).chosen.__dict__}
        reads.store(f"tuned:{metric}", tuned_key, tuned)
    key = f"{target}:{metric}"
    cache_key, cached = reads.cached(key)
    if cached is not None:
        nearest = NearestDatasets(**tuned["nearest"])
        filters: dict[str, ItemKnn | Factorisation] = {
            "ItemKnn": ItemKnn(),
            "Factorisation": Factorisation(),
        }
        cf = filters.get(cached["method"])
        ranked, plan = predict(matrix, str(target), matrix.models(), nearest, cf, limit)
        return ranked, Plan(plan.method, cached["errors"]), nearest
    nearest = NearestDatasets(**tuned["nearest"])
    ranked, plan = predict(matrix, str(target), matrix.models(), nearest, limit=limit)
    stored = {"method": plan.method, "errors": plan.errors}
    reads.store(key, cache_key, stored)
    return ranked, plan, nearest


def select_models(
    db: sqlite3.Connection | Reads,
    dataset_ref: str,
    *,
    metric: str | None = None,
    k: int = 10,
    use: str | None = None,
    higher: bool | None = None,
    pool: int = POOL,
) -> Selection:
    """The top `k` models for the dataset: measured, or predicted, best first. `db`: a SQLite
    catalog connection, or any backend's `Reads` (PostgreSQL's: pg_results.PgReads)."""
    reads = SqliteReads(db) if isinstance(db, sqlite3.Connection) else db
    target, dataset_id = reads.dataset(dataset_ref)
    metric = metric or reads.any_metric(target)
    up = reads.direction(metric, higher)
    matrix = reads.matrix(reads.pool(target, metric, pool), target, metric, up)
    ranked, plan, nearest = _rank(reads, matrix, target, metric, max(1000, 10 * k))
    described = _describe(reads, ranked, up, use, k)
    kept = tuple(c for c in described if not (use == "commercial" and c.commercial_use is False))
    barred = tuple(c for c in described if c not in kept)
    numbered = tuple(_renumber(c, i + 1) for i, c in enumerate(kept[:k]))
    return Selection(
        dataset_id, metric, up, use, plan.method, plan.errors, nearest.__dict__, numbered, barred
    )


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


def _describe(
    reads: Reads, ranked: list[Ranked], up: bool, use: str | None, k: int
) -> list[Candidate]:
    """Ids and licenses for as many ranked models as the top k and the barred ones need."""
    out = []
    for item in ranked:
        row = reads.asset(int(item.model))
        sign = 1.0 if up else -1.0
        commercial = None if row[3] is None else bool(row[3])
        out.append(
            Candidate(
                row[0],
                0,
                round(sign * item.predicted, 6),
                None if item.measured is None else sign * item.measured,
                item.evidence,
                item.method,
                item.confidence,
                tuple(reads.asset(int(r))[0] for r in item.basis[:5]),
                row[1],
                row[2],
                commercial,
            )
        )
        if sum(1 for c in out if not (use == "commercial" and c.commercial_use is False)) >= k:
            break
    return out


def _renumber(candidate: Candidate, rank: int) -> Candidate:
    from dataclasses import replace

    return replace(candidate, rank=rank)
