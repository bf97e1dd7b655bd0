"""The floors under `index`'s rate: what parsing costs, and what the database costs on its own.

Issue 16 asks for >= 20,000 manifests/s on this 2-core machine, which is at most 100 µs of CPU
per manifest for everything (client and database). For N manifests from bench/catalog_gen.py
(seed 7, generated into --work when missing) this measures:

(a) our parse pipeline in one process: `rows.prepare` on each file (read, JSON, schema check,
    typed `Manifest`, catalog rows), CPU per manifest;
(b) the database alone, parsing removed: the rows of (a), already built, loaded into the same
    schema in one transaction, the database's best case:
    - SQLite: `executemany` into a new catalog file (FTS5 included), without a journal, the
      secondary indexes dropped and rebuilt as a fresh `index` does; CPU of this process;
    - PostgreSQL: COPY of pre-encoded text into a new catalog database (the generated
      tsvector columns, their GIN indexes, the facet indexes, the foreign keys), a throwaway
      server with durability on; CPU of this process and of the server (/proc/<pid>/stat);
  and the same loads with the full-text work removed (no FTS5 rows; no tsvector columns and GIN
  indexes), and on PostgreSQL also without the facet and detail indexes, to show where the
  database's cost is. Variants alternate, each round into a new file or database.

    PYTHONPATH=src:. .venv/bin/python bench/index_floor.py [--size 100000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from _common import REPO
from team_catalog_bench import load, manifests_for, server_cpu

sys.path.insert(0, str(REPO))
from tests.support.realparts import PostgresServer, pg_bindir  # noqa: E402

from mlassets.catalog import Catalog, pg_db  # noqa: E402
from mlassets.catalog.db import INDEXES  # noqa: E402
from mlassets.catalog.rows import (  # noqa: E402
    ASSET_COLUMNS,
    TRAINED_ON,
    Prepared,
    manifest_files,
    prepare,
)
from mlassets.catalog.sqlite import SqliteCatalog  # noqa: E402

BUDGET_US = 100.0  # 2 cores x 1 s / 20,000 manifests
# Dropped for the "no facet/detail indexes" PostgreSQL load (the primary and unique keys stay).
_PG_SECONDARY = (
    *(f"assets_{c}" for c in ("kind", "task", "license", "license_category", "library")),
    *("assets_source", "assets_size_bucket", "languages_language", "edges_parent"),
    *("metrics_asset", "metrics_dataset"),
)


def _plain_words() -> str:
    """SQL that makes `document` and `names` again, with lower() where `_words` splits words."""
    document, names = pg_db._DOCUMENT, pg_db._NAMES
    for column in ("id", "title", "tags", "task", "description"):
        plain = f"lower(coalesce({column}, ''))"
        document, names = (e.replace(pg_db._words(column), plain) for e in (document, names))
    return f"""ALTER TABLE assets DROP COLUMN document, DROP COLUMN names,
        ADD COLUMN document tsvector GENERATED ALWAYS AS ({document}) STORED,
        ADD COLUMN names tsvector GENERATED ALWAYS AS ({names}) STORED;
        CREATE INDEX assets_document ON assets USING gin (document);
        CREATE INDEX assets_names ON assets USING gin (names)"""


_PLAIN_WORDS = _plain_words()


class Tables(NamedTuple):
    """Every row a load writes, built before the clock starts (dangling parents included)."""

    assets: list[tuple[Any, ...]]  # (rowid, *ASSET_COLUMNS, tags, dangling)
    languages: list[tuple[Any, ...]]
    metrics: list[tuple[Any, ...]]
    edges: list[tuple[Any, ...]]
    fts: list[tuple[Any, ...]]  # (rowid, id, title, description, tags, task)


def parse(files: Sequence[str]) -> tuple[list[Prepared], float]:
    """(a): every file through `rows.prepare`; the CPU seconds it took."""
    cpu = time.process_time()
    prepared = [p for p in map(prepare, files) if not isinstance(p, str)]
    return prepared, time.process_time() - cpu


def tables(prepared: list[Prepared]) -> Tables:
    rowids = {p.id: i for i, p in enumerate(prepared, 1)}
    # A dangling row holds the columns' defaults (NOT NULL ones included), as `index` writes it.
    defaults: dict[str, object] = {"license_declared": 0, "has_metadata": 0, "missing_fields": ""}
    blank = tuple(defaults.get(c) for c in ASSET_COLUMNS[2:])
    assets = [(rowids[p.id], *p.row, p.tags, False) for p in prepared]
    edges, fts = [], [(rowids[p.id], p.id, p.row[5], p.row[6], p.tags, p.row[12]) for p in prepared]
    for p in prepared:
        for parent, relation in p.parents:
            if parent not in rowids:  # no manifest: a dangling row
                rowids[parent] = len(rowids) + 1
                kind = "dataset" if relation == TRAINED_ON else "model"
                assets.append((rowids[parent], parent, kind, *blank, "", True))
                fts.append((rowids[parent], parent, None, None, "", None))
            edges.append((rowids[p.id], rowids[parent], relation))
    languages = list({(rowids[p.id], lang): None for p in prepared for lang in p.languages})
    metrics = [(rowids[p.id], *m) for p in prepared for m in p.metrics]
    return Tables(assets, languages, metrics, list(dict.fromkeys(edges)), fts)


def sqlite_load(rows: Tables, work: Path, *, fts: bool) -> tuple[float, float]:
    """(b) on SQLite: wall and CPU seconds of one transaction that writes every row."""
    path = Path(tempfile.mkdtemp(dir=work)) / "floor.db"
    SqliteCatalog.open(path, create=True).close()
    db = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -65536"):
        db.execute(f"PRAGMA {pragma}")
    wall, cpu = time.perf_counter(), time.process_time()
    db.execute("BEGIN")
    for name in INDEXES:
        db.execute(f"DROP INDEX {name}")
    marks = ", ".join("?" * (len(ASSET_COLUMNS) + 2))
    columns = f"rowid, {', '.join(ASSET_COLUMNS)}, dangling"
    db.executemany(f"INSERT INTO assets ({columns}) VALUES ({marks})", _no_tags(rows.assets))
    db.executemany("INSERT INTO languages VALUES (?, ?)", rows.languages)
    db.executemany("INSERT INTO metrics VALUES (?, ?, ?, ?)", rows.metrics)
    db.executemany("INSERT INTO edges (child, parent, relation) VALUES (?, ?, ?)", rows.edges)
    if fts:
        db.executemany(
            "INSERT INTO fts (rowid, id, title, description, tags, task) VALUES (?, ?, ?, ?, ?, ?)",
            rows.fts,
        )
    for statement in INDEXES.values():
        db.execute(statement)
    db.execute("COMMIT")
    result = time.perf_counter() - wall, time.process_time() - cpu
    db.close()
    path.unlink()
    path.parent.rmdir()
    return result


def _no_tags(assets: Iterable[tuple[Any, ...]]) -> Iterable[tuple[Any, ...]]:
    return ((*a[:-2], int(a[-1])) for a in assets)  # SQLite keeps tags in FTS5 only


def _field(value: object) -> str:
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def copy_text(rows: Iterable[tuple[Any, ...]]) -> bytes:
    """COPY's text format, encoded before the clock starts (no client formatting is timed)."""
    return "".join("\t".join(map(_field, row)) + "\n" for row in rows).encode()


def pg_load(
    server: PostgresServer,
    data: dict[str, bytes],
    *,
    tsvector: bool,
    secondary: bool,
    gin_after: bool = False,
    gin: bool = True,
    plain_words: bool = False,
) -> tuple[float, float, float]:
    """(b) on PostgreSQL: wall, client CPU and server CPU seconds of one COPY transaction;
    `gin_after`: the two GIN indexes built after the COPY, in the same transaction (a bulk
    load's way, which `index` cannot take beside other writers); not `gin`: the tsvector
    columns computed, their GIN indexes dropped; `plain_words`: the tsvector columns without
    their `regexp_replace` (to_tsvector splits the words its own way: not the catalog's)."""
    import psycopg

    url = server.create_database()
    Catalog.open(url, create=True).close()
    with psycopg.connect(url) as db:
        if not tsvector:
            db.execute("ALTER TABLE assets DROP COLUMN document, DROP COLUMN names")
        if not secondary:
            db.execute(f"DROP INDEX {', '.join(_PG_SECONDARY)}")
        if plain_words:
            db.execute(_PLAIN_WORDS)
        if gin_after or not gin:
            db.execute("DROP INDEX assets_document, assets_names")
        db.commit()
        # The earlier rounds' dirty pages written now, not by the checkpointer during this one
        # (this round's own pages are written after the clock stops: a floor, not a full cost).
        db.execute("CHECKPOINT")
        columns = f"pk, {', '.join(ASSET_COLUMNS)}, tags, dangling"
        targets = {
            "assets": f"assets ({columns})",
            "languages": "languages",
            "metrics": "metrics",
            "edges": "edges (child, parent, relation)",
        }
        wall, cpu, in_server = time.perf_counter(), time.process_time(), server_cpu(server)
        with db.cursor() as cursor:
            for table, target in targets.items():
                with cursor.copy(f"COPY {target} FROM STDIN") as copy:
                    copy.write(data[table])
            if gin_after:
                for column in ("document", "names"):
                    cursor.execute(f"CREATE INDEX assets_{column} ON assets USING gin ({column})")
        db.commit()
        return (
            time.perf_counter() - wall,
            time.process_time() - cpu,
            server_cpu(server) - in_server,
        )


def alternate(rounds: int, n: int, loads: dict[str, Callable[[], tuple[float, ...]]]) -> None:
    """Each load `rounds` times, the loads alternating; µs per manifest (of `n`) per round."""
    for number in range(1, rounds + 1):
        for name, run in loads.items():
            figures = run()
            print(f"  round {number}, {name}: {_describe(figures, n)}; load {load()}")


def _describe(figures: tuple[float, ...], n: int) -> str:
    wall, *cpus = figures
    total = sum(cpus)
    parts = " + ".join(f"{c / n * 1e6:.1f}" for c in cpus)
    return f"wall {wall:.2f} s ({n / wall:,.0f}/s), CPU {parts} = {total / n * 1e6:.1f} µs/manifest"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--work", type=Path, default=Path("/tmp/team16-floor"))
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    args.work.mkdir(parents=True, exist_ok=True)
    files = manifest_files([manifests_for(args.size, args.work)])
    print(f"N = {len(files):,} manifests; load average {load()}")
    for number in range(1, args.rounds + 1):
        prepared, cpu = parse(files)
        print(
            f"(a) parse, round {number}: {cpu / len(files) * 1e6:.1f} µs/manifest CPU;"
            f" load {load()}"
        )
    rows = tables(prepared)
    print(
        f"rows: {len(rows.assets):,} assets ({len(rows.assets) - len(prepared):,} dangling), "
        f"{len(rows.languages):,} languages, {len(rows.metrics):,} metrics,"
        f" {len(rows.edges):,} edges"
    )
    print("(b) SQLite, one transaction, CPU of this process (per manifest with a file):")
    alternate(
        args.rounds,
        len(prepared),
        {
            "FTS5": lambda: sqlite_load(rows, args.work, fts=True),
            "no FTS5": lambda: sqlite_load(rows, args.work, fts=False),
        },
    )
    bindir = pg_bindir()
    assert bindir is not None, "no PostgreSQL server binaries"
    # autovacuum off: its work on the previous round's database would be counted in this one.
    settings = "-c shared_buffers=1GB -c work_mem=32MB -c autovacuum=off"
    server = PostgresServer(bindir, durable=True, settings=settings)
    server.start()
    try:
        data = {
            name: copy_text(getattr(rows, name))
            for name in ("assets", "languages", "metrics", "edges")
        }
        print("(b) PostgreSQL, COPY in one transaction, CPU client + server:")
        alternate(
            args.rounds,
            len(prepared),
            {
                "full schema": lambda: pg_load(server, data, tsvector=True, secondary=True),
                "full schema, GIN built after the COPY": lambda: pg_load(
                    server, data, tsvector=True, secondary=True, gin_after=True
                ),
                "full schema, tsvector without regexp_replace": lambda: pg_load(
                    server, data, tsvector=True, secondary=True, plain_words=True
                ),
                "tsvector columns, no GIN": lambda: pg_load(
                    server, data, tsvector=True, secondary=True, gin=False
                ),
                "no tsvector/GIN": lambda: pg_load(server, data, tsvector=False, secondary=True),
                "no tsvector/GIN, no facet/detail indexes": lambda: pg_load(
                    server, data, tsvector=False, secondary=False
                ),
            },
        )
    finally:
        server.stop()
    print(f"budget for 20,000/s on 2 cores: {BUDGET_US:.0f} µs CPU per manifest, all included")


if __name__ == "__main__":
    main()
