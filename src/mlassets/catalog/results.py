"""Evaluation results and dataset features into the catalog, from any source.

Ids the catalog does not know become dangling assets, as unresolved base models do at `index`,
and are filled in when their manifest arrives. Rows are keyed by (dataset, metric, split,
config, model, source): importing the same file twice changes nothing.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mlassets.catalog.results_units import store_units
from mlassets.core.errors import UsageError
from mlassets.selection.directions import METRIC_DIRECTIONS, higher_is_better, normalise
from mlassets.selection.records import DatasetFeature, Result

_BATCH = 50_000
_REQUIRED = ("dataset", "model", "metric", "value")


@dataclass(frozen=True)
class ImportReport:
    rows: int
    new_assets: int
    metrics: tuple[str, ...]
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": 1,
            "rows": self.rows,
            "new_assets": self.new_assets,
            "metrics": list(self.metrics),
            "seconds": round(self.seconds, 3),
        }


class AssetIds:
    """Asset id -> rowid for the whole catalog, numbering unknown ids as dangling assets.

    The new rows wait in `pending` until `write` (before the results that use them): a forked
    reader process can then number them without a connection of its own."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.rowids: dict[str, int] = dict(db.execute("SELECT id, rowid FROM assets"))
        self.created = 0
        self.next_rowid = (db.execute("SELECT max(rowid) FROM assets").fetchone()[0] or 0) + 1
        self.pending: list[tuple[int, str, str]] = []

    def rowid(self, asset_id: str, kind: str) -> int:
        found = self.rowids.get(asset_id)
        if found is None:
            for variant in (f"hf://datasets/{asset_id}", f"hf://{asset_id}"):
                found = self.rowids.get(variant)
                if found is not None:
                    break
        if found is None:
            found = self.next_rowid
            self.next_rowid += 1
            self.pending.append((found, asset_id, kind))
            self.rowids[asset_id] = found
            self.created += 1
        return found

    def take(self) -> list[tuple[int, str, str]]:
        taken, self.pending = self.pending, []
        return taken


def write_assets(db: sqlite3.Connection, rows: list[tuple[int, str, str]]) -> None:
    db.executemany("INSERT INTO assets (rowid, id, kind, dangling) VALUES (?, ?, ?, 1)", rows)


class Names:
    """Metric, split, config, source, revision and fetch-time strings -> their id in
    `result_names` (the results key is all integers); new strings are numbered here and wait
    in `pending` until `write`, as `AssetIds` does."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.ids: dict[str, int] = dict(db.execute("SELECT name, id FROM result_names"))
        self.next_id = max(self.ids.values(), default=0) + 1
        self.pending: list[tuple[int, str]] = []

    def id(self, name: str) -> int:
        found = self.ids.get(name)
        if found is None:
            found = self.ids[name] = self.next_id
            self.next_id += 1
            self.pending.append((found, name))
        return found

    def take(self) -> list[tuple[int, str]]:
        taken, self.pending = self.pending, []
        return taken


def write_names(db: sqlite3.Connection, rows: list[tuple[int, str]]) -> None:
    db.executemany("INSERT INTO result_names (id, name) VALUES (?, ?)", rows)


def name_id(db: sqlite3.Connection, name: str) -> int | None:
    """The id of a string in `result_names`; None when no result uses it."""
    row = db.execute("SELECT id FROM result_names WHERE name = ?", (name,)).fetchone()
    return None if row is None else int(row[0])


def stored_directions(db: sqlite3.Connection) -> dict[str, bool]:
    """The registry, overlaid with the directions users stated for other metrics."""
    stated = {m: bool(h) for m, h in db.execute("SELECT metric, higher FROM metric_directions")}
    return {**METRIC_DIRECTIONS, **stated}


def direction_of(db: sqlite3.Connection, metric: str, stated: bool | None = None) -> bool:
    if stated is not None:
        return stated
    known = stored_directions(db).get(normalise(metric))
    return higher_is_better(metric, known)


def import_results(
    db: sqlite3.Connection, results: Iterable[Result], *, higher: bool | None = None
) -> ImportReport:
    """Store `results`; every metric needs a known direction, or `higher` stated for all."""
    start = time.perf_counter()
    ids, names = AssetIds(db), Names(db)
    known = stored_directions(db)
    metrics: set[str] = set()
    count = 0
    with db:
        batch: list[tuple[Any, ...]] = []
        for result in results:
            if result.metric not in metrics:
                _check_direction(db, result.metric, known, higher)
                metrics.add(result.metric)
            batch.append(_row(ids, names, result))
            if len(batch) >= _BATCH:
                count += _flush(db, ids, names, batch)
        count += _flush(db, ids, names, batch)
        _recount(db)
    return ImportReport(count, ids.created, tuple(sorted(metrics)), time.perf_counter() - start)


def _check_direction(
    db: sqlite3.Connection, metric: str, known: dict[str, bool], higher: bool | None
) -> None:
    name = normalise(metric)
    if higher is not None and known.get(name, higher) != higher:
        raise UsageError(f"{metric}: the registry says it is {_word(known[name])}-is-better")
    direction = higher_is_better(metric, higher if higher is not None else known.get(name))
    if name not in known:
        db.execute("INSERT OR REPLACE INTO metric_directions VALUES (?, ?)", (name, direction))
        known[name] = direction


def _word(higher: bool) -> str:
    return "higher" if higher else "lower"


def _row(ids: AssetIds, names: Names, result: Result) -> tuple[Any, ...]:
    return (
        ids.rowid(result.dataset, "dataset"),
        names.id(result.metric),
        names.id(result.split),
        names.id(result.config),
        ids.rowid(result.model, "model"),
        names.id(result.source),
        result.value,
        None if result.revision is None else names.id(result.revision),
        names.id(result.fetched_at),
    )


def _flush(
    db: sqlite3.Connection, ids: AssetIds, names: Names, batch: list[tuple[Any, ...]]
) -> int:
    write_assets(db, ids.take())
    write_names(db, names.take())
    db.executemany("INSERT OR REPLACE INTO result_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
    done = len(batch)
    batch.clear()
    return done


def _recount(db: sqlite3.Connection) -> None:
    """Recount results per (dataset, metric) and stamp a new `results_version` (every write of
    results ends here, in its transaction): what `select` keys its caches by, so that a value
    replaced by an import with the same counts is seen too."""
    db.execute("INSERT OR REPLACE INTO meta VALUES ('results_version', ?)", (str(time.time_ns()),))
    db.execute("DELETE FROM result_counts")
    db.execute(
        "INSERT INTO result_counts "
        "SELECT r.dataset, n.name, count(*) FROM result_rows r JOIN result_names n "
        "ON n.id = r.metric GROUP BY r.dataset, r.metric"
    )


def import_features(db: sqlite3.Connection, features: Iterable[DatasetFeature]) -> ImportReport:
    start = time.perf_counter()
    ids = AssetIds(db)
    names: set[str] = set()
    with db:
        rows = [(ids.rowid(f.dataset, "dataset"), f.name, f.value, f.source) for f in features]
        write_assets(db, ids.take())
        names.update(r[1] for r in rows)
        db.executemany("INSERT OR REPLACE INTO dataset_features VALUES (?, ?, ?, ?)", rows)
        version = str(time.time_ns())
        db.execute("INSERT OR REPLACE INTO meta VALUES ('features_version', ?)", (version,))
        store_units(db, version)
    return ImportReport(len(rows), ids.created, tuple(sorted(names)), time.perf_counter() - start)


def refresh_model_index(db: sqlite3.Connection, indexed_at: str) -> int:
    """Mirror the manifests' `model-index` rows (table `metrics`) as results, source
    `model-index`, at the manifest's revision. Datasets named without a scheme are Hub ids."""
    rows = db.execute(
        "SELECT a.id, a.revision, m.dataset, m.metric, m.value FROM metrics m "
        "JOIN assets a ON a.rowid = m.asset WHERE m.value IS NOT NULL AND m.dataset IS NOT NULL"
    ).fetchall()
    results = model_index_results(rows, stored_directions(db), indexed_at)
    with db:
        db.execute(
            "DELETE FROM result_rows WHERE source IN "
            "(SELECT id FROM result_names WHERE name = 'model-index')"
        )
    return import_results(db, results).rows


def model_index_results(
    rows: Iterable[tuple[Any, Any, str, str, Any]], known: Iterable[str], indexed_at: str
) -> list[Result]:
    """Results from `model-index` rows (model id, revision, dataset, metric, value), for both
    catalog backends: a dataset named without a scheme is a Hub id, and a metric of unknown
    direction (not in `known`) is left out, since it cannot be ranked."""
    directions = set(known)
    return [
        Result(
            model=str(model),
            dataset=dataset if "://" in dataset else f"hf://datasets/{dataset}",
            metric=metric,
            value=float(value),
            source="model-index",
            revision=revision,
            fetched_at=indexed_at,
        )
        for model, revision, dataset, metric, value in rows
        if normalise(metric) in directions
    ]


def card_features(db: sqlite3.Connection) -> list[DatasetFeature]:
    """`card:0`..`card:15` for every dataset with a card text in the catalog (title, task,
    description)."""
    from mlassets.selection.text_features import card_vector

    out = []
    for asset_id, title, task, description in db.execute(
        "SELECT id, title, task, description FROM assets WHERE kind = 'dataset' AND dangling = 0"
    ):
        text = " ".join(t for t in (title, task, description) if t)
        if text.strip():
            vector = card_vector(text)
            out += [
                DatasetFeature(asset_id, f"card:{i}", v, "card-text") for i, v in enumerate(vector)
            ]
    return out
