"""Why a common word's search is slow: its plans and timings on both backends, one client.

For N manifests from bench/catalog_gen.py (seed 7, generated into --work when missing), indexed
into a SQLite file and a new PostgreSQL database (a throwaway server, durability on):
- per word: how many assets match by id/title and anywhere; `search` timed (the second of two);
- PostgreSQL: `EXPLAIN (ANALYZE, BUFFERS)` of the statement `pg_query._ranked` sends first (the
  `names` pass), and of the same match counted without ranking;
- the same ranking on a narrow copy of the columns it reads (pk, id, dangling, names, document):
  whether the top 20 agree, and both timed five times, alternated;
- SQLite: the FTS5 match counted, bm25's top 20 from `fts` alone, and the query plan.

    cd bench && PYTHONPATH=bench:src:. .venv/bin/python common_word_plans.py [--size 100000]
        [words ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from _common import REPO
from team_catalog_bench import load, manifests_for

sys.path.insert(0, str(REPO))
from tests.support.realparts import PostgresServer, pg_bindir  # noqa: E402

from mlassets.catalog import Catalog  # noqa: E402
from mlassets.catalog.sqlite import SqliteCatalog, index_manifests  # noqa: E402

_RANKED = """SELECT a.id, ts_rank('{{0.1, 0.2, 0.4, 1.0}}'::float4[], a.document, q) AS rank
    FROM {table} a, to_tsquery('simple', %s) q WHERE a.names @@ q AND NOT a.dangling
    ORDER BY rank DESC, a.id LIMIT 20"""
_COUNTED = """SELECT count(*) FROM assets a, to_tsquery('simple', %s) q
    WHERE a.names @@ q AND NOT a.dangling"""
_BM25 = "bm25(fts, 8.0, 10.0, 1.0, 3.0, 2.0)"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed_search(catalog: Catalog, word: str) -> tuple[float, list[str]]:
    catalog.search(word)  # the first run warms the caches
    start = time.perf_counter()
    hits = catalog.search(word).hits
    return time.perf_counter() - start, [h.id for h in hits[:3]]


def explain(db: Any, statement: str, word: str) -> None:
    for (line,) in db.execute(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", (f"'{word}'",)):
        print(f"    {line}")


def postgres(catalog: Catalog, words: list[str]) -> None:
    db = catalog.connection  # type: ignore[attr-defined]
    db.execute("CREATE TABLE narrow AS SELECT pk, id, dangling, names, document FROM assets")
    db.execute("CREATE INDEX narrow_names ON narrow USING gin (names)")
    db.execute("VACUUM ANALYZE")
    pages = db.execute(
        "SELECT relname, relpages FROM pg_class WHERE relname IN ('assets', 'narrow')"
    ).fetchall()
    print(f"PostgreSQL heap blocks: {dict(pages)}")
    for word in words:
        lexeme = (f"'{word}'",)
        names, anywhere = db.execute(
            "SELECT count(*) FILTER (WHERE names @@ q), count(*) FILTER (WHERE document @@ q)"
            " FROM assets, to_tsquery('simple', %s) q",
            lexeme,
        ).fetchone()
        took, top = timed_search(catalog, word)
        print(f"{word!r}: {names:,} match by id/title, {anywhere:,} anywhere")
        print(f"  PostgreSQL search: {ms(took)}; top {top}")
        explain(db, _RANKED.format(table="assets"), word)
        print("  counted, not ranked:")
        explain(db, _COUNTED, word)
        tables: dict[str, list[float]] = {"assets": [], "narrow": []}
        results = {t: db.execute(_RANKED.format(table=t), lexeme).fetchall() for t in tables}
        for _ in range(5):
            for table, times in tables.items():
                start = time.perf_counter()
                db.execute(_RANKED.format(table=table), lexeme).fetchall()
                times.append(time.perf_counter() - start)
        same = results["assets"] == results["narrow"]
        spans = {t: ", ".join(ms(x) for x in sorted(v)) for t, v in tables.items()}
        print(f"  narrow copy: same top 20 {same}; assets {spans['assets']}")
        print(f"               narrow {spans['narrow']}")


def sqlite(catalog: SqliteCatalog, words: list[str]) -> None:
    db = catalog.connection
    for word in words:
        took, top = timed_search(catalog, word)
        start = time.perf_counter()
        (count,) = db.execute("SELECT count(*) FROM fts WHERE fts MATCH ?", (word,)).fetchone()
        counted = time.perf_counter() - start
        start = time.perf_counter()
        db.execute(
            f"SELECT rowid FROM fts WHERE fts MATCH ? ORDER BY {_BM25} LIMIT 20", (word,)
        ).fetchall()
        scored = time.perf_counter() - start
        print(f"SQLite {word!r}: {count:,} matches; search {ms(took)}; top {top}")
        print(f"  count only {ms(counted)}; bm25 top 20 from fts alone {ms(scored)}")
        plan = db.execute(
            f"EXPLAIN QUERY PLAN SELECT a.id, {_BM25} AS rank FROM fts"
            " JOIN assets a ON a.rowid = fts.rowid WHERE fts MATCH ? AND a.dangling = 0"
            " ORDER BY rank, a.id LIMIT 20",
            (word,),
        )
        print("  plan: " + "; ".join(str(row[3]) for row in plan))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("words", nargs="*", default=["the", "model"])
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/team16-floor"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    folder = manifests_for(args.size, args.work)
    print(f"N = {args.size:,}; load average {load()}")
    db = args.work / f"search-{args.size}.db"
    db.unlink(missing_ok=True)
    index_manifests([folder], db)
    bindir = pg_bindir()
    assert bindir is not None, "no PostgreSQL server binaries"
    server = PostgresServer(bindir, durable=True, settings="-c shared_buffers=1GB -c work_mem=32MB")
    server.start()
    try:
        with Catalog.open(server.create_database(), create=True) as catalog:
            start = time.perf_counter()
            catalog.index([folder])
            print(f"PostgreSQL index: {time.perf_counter() - start:.1f} s; load {load()}")
            catalog.connection.execute("ANALYZE")  # type: ignore[attr-defined]
            postgres(catalog, args.words)
    finally:
        server.stop()
    with SqliteCatalog.open(db) as lite:
        sqlite(lite, args.words)
    print(f"load average {load()}")


if __name__ == "__main__":
    main()
