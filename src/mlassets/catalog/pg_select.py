"""`select models` on a PostgreSQL catalog: the neighbourhood it reads, and its cache in meta.

The same reads as select_reads.py's on SQLite (the pool of datasets, the matrix of their best
results, the features, the tuned setting cached until the results change), ordered so that
equal values come in SQLite's order: the ranking logic itself (select.select_models) is shared.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mlassets.catalog.pg_results import dataset, default_metric, direction_of
from mlassets.catalog.results_units import Vectors
from mlassets.catalog.select_pool import choose_pool
from mlassets.catalog.select_reads import PER_DATASET, SHARED_MODELS, features_of
from mlassets.core.errors import UsageError
from mlassets.selection.matrix import Matrix

if TYPE_CHECKING:
    import psycopg

    Connection = psycopg.Connection[tuple[Any, ...]]


@dataclass(frozen=True)
class PgReads:
    """`select.Reads` over a PostgreSQL catalog: the same neighbourhood as SQLite reads."""

    db: Connection
    location: str

    def dataset(self, ref: str) -> tuple[int, str]:
        return dataset(self.db, ref)

    def any_metric(self, target: int) -> str:
        if self.db.execute(
            "SELECT 1 FROM results WHERE dataset = %s LIMIT 1", (target,)
        ).fetchone():
            return default_metric(self.db, target, None)
        row = self.db.execute(
            "SELECT metric FROM result_counts GROUP BY metric "
            'ORDER BY sum(results) DESC, metric COLLATE "C"'
        ).fetchone()
        if row is None:
            raise UsageError(
                "the catalog has no results; import some with `mlassets results import`"
            )
        return str(row[0])

    def direction(self, metric: str, higher: bool | None) -> bool:
        return direction_of(self.db, metric, higher)

    def features(self) -> tuple[dict[str, dict[str, float]], Vectors, Vectors]:
        version = self.db.execute(
            "SELECT value FROM meta WHERE key = 'features_version'"
        ).fetchone()
        key = (self.location, str(version[0]) if version else "")
        return features_of(
            key, lambda: self.db.execute("SELECT dataset, name, value FROM dataset_features")
        )

    def pool(self, target: int, metric: str, pool: int) -> list[int]:
        counts: dict[int, int] = dict(
            self.db.execute(
                "SELECT dataset, results FROM result_counts WHERE metric = %s", (metric,)
            )
        )
        shared: dict[int, int] = dict(
            self.db.execute(
                "SELECT dataset, count(*) FROM results WHERE model IN (SELECT model FROM results "
                "WHERE dataset = %s AND metric = %s ORDER BY split, config, model, source "
                "LIMIT %s) AND dataset != %s GROUP BY dataset",
                (target, metric, SHARED_MODELS, target),
            )
        )
        return choose_pool(counts, shared, self.features()[2], target, pool)

    def matrix(self, datasets: list[int], target: int, metric: str, up: bool) -> Matrix:
        sign, order = (1.0, "DESC") if up else (-1.0, "ASC")
        cells = []
        for pk in datasets:
            rows = self.db.execute(
                "SELECT model, value FROM results WHERE dataset = %s AND metric = %s "
                f"ORDER BY value {order}, split, config, model, source LIMIT %s",
                (pk, metric, None if pk == target else PER_DATASET),
            )
            cells += [(str(pk), str(model), sign * value) for model, value in rows]
        wanted = {str(d) for d in datasets}
        return Matrix.build(cells, {d: f for d, f in self.features()[0].items() if d in wanted})

    def cached(self, key: str) -> tuple[str, dict[str, Any] | None]:
        # every results import stamps a version: a value replaced at the same counts changes it
        version = self.db.execute("SELECT value FROM meta WHERE key = 'results_version'").fetchone()
        stamp = self.db.execute(
            "SELECT count(*), coalesce(sum(results), 0) FROM result_counts"
        ).fetchone()
        assert stamp is not None
        made = version[0] if version else "-"
        cache_key = f"select:{key}:{made}:{stamp[0]}:{float(stamp[1])}"
        row = self.db.execute("SELECT value FROM meta WHERE key = %s", (cache_key,)).fetchone()
        return cache_key, None if row is None else json.loads(row[0])

    def store(self, key: str, cache_key: str, plan: dict[str, Any]) -> None:
        with self.db.transaction():
            self.db.execute("DELETE FROM meta WHERE key LIKE %s", (f"select:{key}:%",))
            self.db.execute(
                "INSERT INTO meta VALUES (%s, %s) ON CONFLICT (key) DO UPDATE "
                "SET value = EXCLUDED.value",
                (cache_key, json.dumps(plan)),
            )

    def asset(self, pk: int) -> tuple[str, str | None, str | None, int | None]:
        row = self.db.execute(
            "SELECT id, license, license_category, commercial_use FROM assets WHERE pk = %s",
            (pk,),
        ).fetchone()
        assert row is not None  # results name assets, which are never deleted
        return str(row[0]), row[1], row[2], row[3]
