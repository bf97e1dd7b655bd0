"""`leaderboard`: the models measured on one dataset, best first, with provenance and license."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mlassets.catalog.query import find_asset
from mlassets.catalog.results import direction_of
from mlassets.core.errors import UsageError


@dataclass(frozen=True)
class Entry:
    model: str
    value: float
    split: str
    source: str
    revision: str | None
    fetched_at: str
    license: str | None
    license_category: str | None
    commercial_use: bool | None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Leaderboard:
    dataset: str
    metric: str
    split: str | None
    higher_is_better: bool
    use: str | None
    entries: tuple[Entry, ...]
    barred: tuple[Entry, ...]  # the license bars the intended use

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": 1,
            "dataset": self.dataset,
            "metric": self.metric,
            "split": self.split,
            "higher_is_better": self.higher_is_better,
            "use": self.use,
            "entries": [dict(e.to_json(), rank=i + 1) for i, e in enumerate(self.entries)],
            "barred": [e.to_json() for e in self.barred],
        }


def dataset_rowid(db: sqlite3.Connection, ref: str) -> tuple[int, str]:
    row = find_asset(db, ref)
    if row is None:
        raise UsageError(f"{ref}: not in the catalog")
    return int(row["rowid"]), str(row["id"])


def default_metric(db: sqlite3.Connection, dataset: int, split: str | None) -> str:
    """The metric most results on the dataset report."""
    query = "SELECT metric, count(*) FROM results WHERE dataset = ?"
    params: tuple[Any, ...] = (dataset,)
    if split is not None:
        query, params = query + " AND split = ?", (dataset, split)
    counts = Counter(dict(db.execute(query + " GROUP BY metric", params).fetchall()))
    if not counts:
        raise UsageError("no results on this dataset; import some with `mlassets results import`")
    return str(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])


def leaderboard(
    db: sqlite3.Connection,
    dataset_ref: str,
    *,
    metric: str | None = None,
    split: str | None = None,
    use: str | None = None,
    higher: bool | None = None,
) -> Leaderboard:
    """Each model's best value of `metric` on the dataset (ties: model id)."""
    rowid, dataset_id = dataset_rowid(db, dataset_ref)
    metric = metric or default_metric(db, rowid, split)
    up = direction_of(db, metric, higher)
    query = (
        "SELECT a.id, r.value, r.split, r.source, r.revision, r.fetched_at, a.license, "
        "a.license_category, a.commercial_use FROM results r JOIN assets a ON a.rowid = r.model "
        "WHERE r.dataset = ? AND r.metric = ?"
    )
    params: tuple[Any, ...] = (rowid, metric)
    if split is not None:
        query, params = query + " AND r.split = ?", (*params, split)
    return board(dataset_id, metric, split, up, use, db.execute(query, params))


def board(
    dataset_id: str,
    metric: str,
    split: str | None,
    up: bool,
    use: str | None,
    rows: Iterable[Any],
) -> Leaderboard:
    """The leaderboard of result `rows` (model id, value, split, source, revision, fetched_at,
    license, category, commercial use), in the order a backend reads them: each model's best
    value, the first read of equal ones."""
    best: dict[str, Entry] = {}
    for row in rows:
        model, value, on, source, revision, fetched, license_id, category, commercial = row
        entry = Entry(
            model,
            value,
            on,
            source,
            revision,
            fetched,
            license_id,
            category,
            None if commercial is None else bool(commercial),
        )
        held = best.get(entry.model)
        if held is None or (entry.value > held.value) == up and entry.value != held.value:
            best[entry.model] = entry
    order = sorted(best.values(), key=lambda e: (-e.value if up else e.value, e.model))
    barred = tuple(e for e in order if use == "commercial" and e.commercial_use is False)
    kept = tuple(e for e in order if e not in barred)
    return Leaderboard(dataset_id, metric, split, up, use, kept, barred)
