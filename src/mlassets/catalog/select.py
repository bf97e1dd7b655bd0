"""`select models`: a predicted ranking of models for a dataset, each with its evidence.

The catalog may hold millions of results, so a query reads a neighbourhood only
(select_reads.py). Hyper-parameters of the nearest-datasets predictor are tuned on that
neighbourhood (inner leave-one-dataset-out) and cached in `meta` until the results change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from mlassets.catalog.select_reads import Reads, SqliteReads
from mlassets.selection.cf import Factorisation, ItemKnn
from mlassets.selection.matrix import Matrix
from mlassets.selection.neighbours import NearestDatasets
from mlassets.selection.probe import ProbeOutcome
from mlassets.selection.ranking import Plan, Ranked, predict
from mlassets.selection.tuning import tune_nearest

POOL = 20  # datasets a query reads besides the target
TUNING_FOLDS = 10  # held-out datasets the nearest-datasets setting is tuned on


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


def _rank(
    reads: Reads, matrix: Matrix, target: int, metric: str, limit: int
) -> tuple[Sequence[Ranked], Plan, NearestDatasets]:
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


def _describe(
    reads: Reads, ranked: Sequence[Ranked], up: bool, use: str | None, k: int
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
    return replace(candidate, rank=rank)
