"""Evaluation results on a PostgreSQL catalog: import and leaderboard (the reads of `select`
are in pg_select.py).

The same records and answers as the SQLite functions (results.py, leaderboard.py, select.py):
rows keyed by (dataset, metric, split, config, model, source), so importing a file twice changes
nothing; unknown ids become dangling assets, numbered in the order SQLite numbers them (each
row's dataset, then its model), so that both backends break ties alike. An import is COPYed into
a staging table and merged in one transaction under an advisory lock: two imports at once run
one after the other, and neither loses nor duplicates a row.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from mlassets.catalog.leaderboard import Leaderboard, board
from mlassets.catalog.results import ImportReport, model_index_results
from mlassets.core.errors import UsageError
from mlassets.selection.directions import METRIC_DIRECTIONS, higher_is_better, normalise
from mlassets.selection.records import DatasetFeature, Result

if TYPE_CHECKING:
    import psycopg

    Connection = psycopg.Connection[tuple[Any, ...]]

_LOCK = 0x6D6C7273  # "mlrs": one results import at a time
_KEY = "dataset, metric, split, config, model, source"

_STAGE = """
CREATE TEMP TABLE stage_results (
    n bigint, dataset text, model text, metric text, split text, config text, source text,
    value double precision, revision text, fetched_at text
) ON COMMIT DROP;
CREATE TEMP TABLE stage_features (
    n bigint, dataset text, name text, value double precision, source text
) ON COMMIT DROP;
CREATE TEMP TABLE stage_ids (id text PRIMARY KEY, o bigint, kind text, pk bigint) ON COMMIT DROP;
"""

# Each id once, at its first place (a row's dataset before its model), resolved as SQLite's
# AssetIds does (exact id, then `hf://datasets/` or `hf://` added); the rest become dangling
# assets, numbered in first-place order.
_RESOLVE = """
UPDATE stage_ids s SET pk = coalesce(
    (SELECT pk FROM assets WHERE id = s.id),
    (SELECT pk FROM assets WHERE id = 'hf://datasets/' || s.id),
    (SELECT pk FROM assets WHERE id = 'hf://' || s.id));
WITH made AS (
    INSERT INTO assets (id, kind, dangling)
    SELECT id, kind, true FROM stage_ids WHERE pk IS NULL ORDER BY o
    ON CONFLICT (id) DO NOTHING RETURNING pk, id)
UPDATE stage_ids s SET pk = made.pk FROM made WHERE s.id = made.id;
UPDATE stage_ids s SET pk = (SELECT pk FROM assets WHERE id = s.id) WHERE pk IS NULL;
"""

_MERGE_RESULTS = f"""
INSERT INTO results
SELECT DISTINCT ON (d.pk, r.metric, r.split, r.config, m.pk, r.source)
       d.pk, r.metric, r.split, r.config, m.pk, r.source, r.value, r.revision, r.fetched_at
FROM stage_results r JOIN stage_ids d ON d.id = r.dataset JOIN stage_ids m ON m.id = r.model
ORDER BY d.pk, r.metric, r.split, r.config, m.pk, r.source, r.n DESC
ON CONFLICT ({_KEY}) DO UPDATE SET
    value = EXCLUDED.value, revision = EXCLUDED.revision, fetched_at = EXCLUDED.fetched_at;
DELETE FROM result_counts;
INSERT INTO result_counts SELECT dataset, metric, count(*) FROM results GROUP BY dataset, metric;
INSERT INTO meta VALUES ('results_version', clock_timestamp()::text)
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
"""

_MERGE_FEATURES = """
INSERT INTO dataset_features
SELECT DISTINCT ON (d.pk, f.name) d.pk, f.name, f.value, f.source
FROM stage_features f JOIN stage_ids d ON d.id = f.dataset ORDER BY d.pk, f.name, f.n DESC
ON CONFLICT (dataset, name) DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source;
INSERT INTO meta VALUES ('results_version', clock_timestamp()::text)
ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value;
"""


def stored_directions(db: Connection) -> dict[str, bool]:
    """The registry, overlaid with the directions users stated for other metrics."""
    stated = {
        str(m): bool(h) for m, h in db.execute("SELECT metric, higher FROM metric_directions")
    }
    return {**METRIC_DIRECTIONS, **stated}


def direction_of(db: Connection, metric: str, stated: bool | None = None) -> bool:
    if stated is not None:
        return stated
    return higher_is_better(metric, stored_directions(db).get(normalise(metric)))


def _directions(db: Connection, metrics: Iterable[str], higher: bool | None) -> None:
    """Every metric's direction known (stated ones stored), or a `UsageError`, as SQLite's."""
    known = stored_directions(db)
    for metric in metrics:
        name = normalise(metric)
        if higher is not None and known.get(name, higher) != higher:
            word = "higher" if known[name] else "lower"
            raise UsageError(f"{metric}: the registry says it is {word}-is-better")
        direction = higher_is_better(metric, higher if higher is not None else known.get(name))
        if name not in known:
            db.execute(
                "INSERT INTO metric_directions VALUES (%s, %s) "
                "ON CONFLICT (metric) DO UPDATE SET higher = EXCLUDED.higher",
                (name, direction),
            )
            known[name] = direction


def _stage_ids(cursor: psycopg.Cursor[tuple[Any, ...]], ids: dict[str, tuple[int, str]]) -> int:
    """Resolve the staged ids (id -> first place, kind); how many new assets were made."""
    with cursor.copy("COPY stage_ids (id, o, kind) FROM STDIN") as copy:
        for asset_id, (place, kind) in ids.items():
            copy.write_row((asset_id, place, kind))
    before = cursor.execute("SELECT count(*) FROM assets").fetchone()
    cursor.execute(_RESOLVE)
    after = cursor.execute("SELECT count(*) FROM assets").fetchone()
    return int(after[0]) - int(before[0]) if before and after else 0


def import_results(
    db: Connection, results: Iterable[Result], *, higher: bool | None = None
) -> ImportReport:
    """Store `results` (as results.import_results); of equal keys in one import the last stays,
    as in SQLite."""
    start = time.perf_counter()
    metrics: dict[str, None] = {}  # in the order they come, as SQLite checks them
    ids: dict[str, tuple[int, str]] = {}
    count = 0
    with db.transaction(), db.cursor() as cursor:
        cursor.execute(_STAGE)
        # Streamed into this session's staging table before the lock: two imports read and
        # send their files at once, and wait for each other only to merge.
        with cursor.copy(
            "COPY stage_results (n, dataset, model, metric, split, config, source, value, "
            "revision, fetched_at) FROM STDIN"
        ) as copy:
            for n, r in enumerate(results):
                ids.setdefault(r.dataset, (2 * n, "dataset"))
                ids.setdefault(r.model, (2 * n + 1, "model"))
                metrics.setdefault(r.metric)
                copy.write_row(
                    (n, r.dataset, r.model, r.metric, r.split, r.config, r.source, r.value)
                    + (r.revision, r.fetched_at)
                )
                count += 1
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
        _directions(db, metrics, higher)
        created = _stage_ids(cursor, ids)
        cursor.execute(_MERGE_RESULTS)
    return ImportReport(count, created, tuple(sorted(metrics)), time.perf_counter() - start)


def import_features(db: Connection, features: Iterable[DatasetFeature]) -> ImportReport:
    """Store dataset features (the last value of a name stays); as results.import_features."""
    start = time.perf_counter()
    rows = list(features)
    ids = {f.dataset: (n, "dataset") for n, f in reversed(list(enumerate(rows)))}
    with db.transaction(), db.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
        cursor.execute(_STAGE)
        with cursor.copy("COPY stage_features FROM STDIN") as copy:
            for n, f in enumerate(rows):
                copy.write_row((n, f.dataset, f.name, f.value, f.source))
        created = _stage_ids(cursor, ids)
        cursor.execute(_MERGE_FEATURES)
        cursor.execute(
            "INSERT INTO meta VALUES ('features_version', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            (str(time.time_ns()),),
        )
    names = tuple(sorted({f.name for f in rows}))
    return ImportReport(len(rows), created, names, time.perf_counter() - start)


def refresh_model_index(db: Connection, indexed_at: str) -> int:
    """The manifests' `model-index` rows as results (source `model-index`), as SQLite's index
    does after every run (results.refresh_model_index)."""
    rows = db.execute(
        "SELECT a.id, a.revision, m.dataset, m.metric, m.value FROM metrics m "
        "JOIN assets a ON a.pk = m.asset WHERE m.value IS NOT NULL AND m.dataset IS NOT NULL "
        "ORDER BY m.asset"
    ).fetchall()
    results = model_index_results(rows, stored_directions(db), indexed_at)
    with db.transaction():
        db.execute("DELETE FROM results WHERE source = 'model-index'")
    return import_results(db, results).rows


def card_texts(db: Connection) -> list[tuple[str, str]]:
    """(dataset id, card text) for every indexed dataset with a title, task or description."""
    rows = db.execute(
        "SELECT id, title, task, description FROM assets WHERE kind = 'dataset' AND NOT dangling "
        "ORDER BY pk"
    )
    texts = [(str(r[0]), " ".join(t for t in r[1:] if t)) for r in rows]
    return [(asset_id, text) for asset_id, text in texts if text.strip()]


def dataset(db: Connection, ref: str) -> tuple[int, str]:
    from mlassets.catalog.pg_query import find_asset

    found = find_asset(db, ref)
    if found is None:
        raise UsageError(f"{ref}: not in the catalog")
    return found


def default_metric(db: Connection, target: int, split: str | None) -> str:
    """The metric most results on the dataset report (ties: the first name)."""
    query = "SELECT metric, count(*) FROM results WHERE dataset = %s"
    params: tuple[Any, ...] = (target,) if split is None else (target, split)
    if split is not None:
        query += " AND split = %s"
    counts = db.execute(query + " GROUP BY metric", params).fetchall()
    if not counts:
        raise UsageError("no results on this dataset; import some with `mlassets results import`")
    return str(min(counts, key=lambda mc: (-mc[1], mc[0]))[0])


def leaderboard(
    db: Connection,
    dataset_ref: str,
    *,
    metric: str | None = None,
    split: str | None = None,
    use: str | None = None,
    higher: bool | None = None,
) -> Leaderboard:
    """Each model's best value of `metric` on the dataset (as leaderboard.leaderboard)."""
    target, dataset_id = dataset(db, dataset_ref)
    metric = metric or default_metric(db, target, split)
    up = direction_of(db, metric, higher)
    query = (
        "SELECT a.id, r.value, r.split, r.source, r.revision, r.fetched_at, a.license, "
        "a.license_category, a.commercial_use FROM results r JOIN assets a ON a.pk = r.model "
        "WHERE r.dataset = %s AND r.metric = %s"
    )
    params: tuple[Any, ...] = (target, metric)
    if split is not None:
        query, params = query + " AND r.split = %s", (*params, split)
    rows = db.execute(query + " ORDER BY r.split, r.config, r.model, r.source", params)
    return board(dataset_id, metric, split, up, use, rows)


def library_revision(db: Connection, model: str) -> tuple[str | None, str | None] | None:
    row = db.execute("SELECT library, revision FROM assets WHERE id = %s", (model,)).fetchone()
    return None if row is None else (row[0], row[1])
