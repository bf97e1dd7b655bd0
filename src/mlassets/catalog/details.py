"""SQLite reads for the web catalog: facet counts of a search, one asset, evaluations on a dataset.

The PostgreSQL backend answers the same questions in pg_query.py; both return records.py types.
"""

from __future__ import annotations

import sqlite3

from mlassets.catalog.query import FILTERS, fts_words
from mlassets.catalog.query import _where as where_of
from mlassets.catalog.records import (
    FACET_VALUES,
    FACETS,
    RECORD_COLUMNS,
    AssetRecord,
    Evaluation,
    Facets,
    record_of,
)
from mlassets.core.errors import UsageError


def facets(db: sqlite3.Connection, query: str, filters: dict[str, str] | None = None) -> Facets:
    """For each facet, how many assets matching the search have each value (top values)."""
    filters = {k: v for k, v in (filters or {}).items() if v}
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise UsageError(f"unknown search filter(s): {', '.join(sorted(unknown))}")
    where, params = where_of(filters)
    words = ['"' + w.replace('"', '""') + '"' for w in fts_words(query)]
    source, match = "assets a", ""
    if words:
        source = "fts JOIN assets a ON a.rowid = fts.rowid"
        match = "fts MATCH ? AND "
        params = [" ".join(words), *params]
        probe = f"SELECT 1 FROM {source} WHERE {match}{where} LIMIT 1"
        if len(words) > 1 and db.execute(probe, params).fetchone() is None:
            params[0] = " OR ".join(words)  # the search fell back to any word: so do these
    result: Facets = {}
    for facet in FACETS:
        column = "l.language" if facet == "language" else f"a.{facet}"
        join = "JOIN languages l ON l.asset = a.rowid" if facet == "language" else ""
        rows = db.execute(
            f"""SELECT {column}, count(*) AS n FROM {source} {join}
                WHERE {match}{where} AND {column} IS NOT NULL
                GROUP BY {column} ORDER BY n DESC, {column} LIMIT {FACET_VALUES}""",
            params,
        ).fetchall()
        result[facet] = tuple((str(v), int(n)) for v, n in rows)
    return result


def asset(db: sqlite3.Connection, rowid: int) -> AssetRecord:
    row = db.execute(
        f"SELECT {', '.join(RECORD_COLUMNS)} FROM assets WHERE rowid = ?", (rowid,)
    ).fetchone()
    tags = db.execute("SELECT tags FROM fts WHERE rowid = ?", (rowid,)).fetchone()
    query = "SELECT language FROM languages WHERE asset = ?"
    languages = [r[0] for r in db.execute(query, (rowid,))]
    metrics = db.execute(
        "SELECT dataset, metric, value FROM metrics WHERE asset = ? ORDER BY dataset, metric",
        (rowid,),
    ).fetchall()
    return record_of(tuple(row), languages, tags[0] if tags else "", [tuple(m) for m in metrics])


def evaluated_on(db: sqlite3.Connection, dataset_id: str) -> tuple[Evaluation, ...]:
    """The models that report a result on the dataset (its full or short id), best first."""
    short = dataset_id.removeprefix("hf://").removeprefix("datasets/")
    rows = db.execute(
        """SELECT a.id, m.metric, m.value FROM metrics m JOIN assets a ON a.rowid = m.asset
           WHERE m.dataset IN (?, ?) ORDER BY m.metric, m.value IS NULL, m.value DESC, a.id""",
        (dataset_id, short),
    ).fetchall()
    return tuple(Evaluation(str(a), str(m), None if v is None else float(v)) for a, m, v in rows)
