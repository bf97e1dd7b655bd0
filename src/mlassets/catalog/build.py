"""`index` into SQLite: build or update the catalog from manifests, incrementally.

A manifest whose `card_sha256` and `revision` match the row already indexed is skipped. Base
models and datasets that have no manifest become dangling rows, filled in when their manifest
arrives. Parsing (rows.py: typed manifests to rows) is spread over worker processes for large
batches; writing is one transaction on the connection `SqliteCatalog` holds.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mlassets.catalog.db import INDEXES
from mlassets.catalog.forget import forget, gone_rowids
from mlassets.catalog.index_report import IndexReport, index_report
from mlassets.catalog.results import refresh_model_index
from mlassets.catalog.rows import ASSET_COLUMNS, TRAINED_ON, Prepared, manifest_files, prepare
from mlassets.core.clock import fetch_time
from mlassets.core.findings import Severity
from mlassets.licenses.lineage import Node, edge_findings

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

PARALLEL_THRESHOLD = 2000
Gone = Callable[[sqlite3.Connection], list[int]]
_SLICE = 20_000


def _prepared(files: list[str], pool: Pool | None) -> Iterator[Prepared | str]:
    if pool is None:
        yield from map(prepare, files)
        return
    # In slices, so that parsed manifests never pile up faster than they are written.
    for start in range(0, len(files), _SLICE):
        yield from pool.imap(prepare, files[start : start + _SLICE], chunksize=256)


def _stop(pool: Pool) -> None:
    pool.close()
    pool.join()


def index_into(
    connection: sqlite3.Connection,
    paths: Sequence[Path],
    *,
    workers: int | None = None,
    unjournaled: bool = False,
) -> IndexReport:
    """Index every manifest under `paths` through `connection`, in one transaction.

    `unjournaled`: the file is new and nobody else sees it yet (it is renamed into place when
    complete), so it is written without a rollback journal.
    """
    start = time.perf_counter()
    workers = workers if workers is not None else (os.cpu_count() or 1)
    pool = None
    if workers > 1:
        from multiprocessing import Pool

        pool = Pool(workers)  # before the big lists exist: small workers
    try:
        files = manifest_files(paths)
        if pool is not None and len(files) < PARALLEL_THRESHOLD:
            _stop(pool)
            pool = None
        writer = _Writer(connection, unjournaled=unjournaled)
        errors = writer.write(_prepared(files, pool), lambda db: gone_rowids(db, paths, files))
        refresh_model_index(connection, fetch_time())  # model-index rows become results
    finally:
        if pool is not None:
            _stop(pool)
    return index_report(writer, len(files), errors, start)


def _fingerprint(card_sha256: str | None, revision: str | None) -> int:
    """What decides "unchanged", in an int (a million pairs of hex strings would not fit)."""
    return hash((card_sha256, revision)) | 1  # never 0: 0 marks a dangling row


class _Writer:
    def __init__(self, connection: sqlite3.Connection, *, unjournaled: bool = False) -> None:
        self.db = connection
        self.unjournaled = unjournaled
        self.added = self.updated = self.unchanged = self.dangling = 0
        # id -> (rowid, fingerprint); fingerprint 0: a dangling row.
        self.known: dict[str, tuple[int, int]] = {
            r[0]: (r[1], 0 if r[4] else _fingerprint(r[2], r[3]))
            for r in connection.execute(
                "SELECT id, rowid, card_sha256, revision, dangling FROM assets"
            )
        }
        self.fresh_build = not self.known
        self.next_rowid = 1 + max((v[0] for v in self.known.values()), default=0)
        self.touched: set[int] = set()

    def write(self, items: Iterable[Prepared | str], gone: Gone | None = None) -> list[str]:
        """Write prepared manifests (strings are errors); forget the assets `gone` names."""
        errors: list[str] = []
        db = self.db
        if self.unjournaled:  # a file nobody else sees yet: renamed into place when complete
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("PRAGMA synchronous = OFF")
        else:
            db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA cache_size = -65536")  # 64 MiB
        with db:  # one transaction: the catalog is updated whole, or not at all
            if self.fresh_build:
                for name in INDEXES:
                    db.execute(f"DROP INDEX IF EXISTS {name}")
                # Fewer, larger FTS merges while loading; the default again for later updates.
                db.execute("INSERT INTO fts (fts, rank) VALUES ('automerge', 16)")
            batch: list[Prepared] = []
            for item in items:
                if isinstance(item, str):
                    errors.append(item)
                    continue
                batch.append(item)
                if len(batch) >= 5000:
                    self._store(batch)
                    batch = []
            self._store(batch)
            if gone is not None and not self.fresh_build:
                self.touched.update(forget(db, gone(db)))  # their children's edges: rules again
            if self.fresh_build:
                for statement in INDEXES.values():
                    db.execute(statement)
                db.execute("INSERT INTO fts (fts, rank) VALUES ('automerge', 4)")
            self._mark_violations()
            db.execute(
                "INSERT OR REPLACE INTO meta VALUES ('indexed_at', ?)",
                (fetch_time(),),
            )
        return errors

    def _rowid_for(self, asset_id: str, kind: str) -> int:
        known = self.known.get(asset_id)
        if known:
            return known[0]
        rowid = self.next_rowid
        self.next_rowid += 1
        self.db.execute(
            "INSERT INTO assets (rowid, id, kind, dangling) VALUES (?, ?, ?, 1)",
            (rowid, asset_id, kind),
        )
        self.db.execute("INSERT INTO fts (rowid, id) VALUES (?, ?)", (rowid, asset_id))
        self.known[asset_id] = (rowid, 0)
        self.dangling += 1
        return rowid

    def _store(self, batch: list[Prepared]) -> None:
        fresh: list[Prepared] = []
        stale: list[Prepared] = []
        latest = {item.id: item for item in batch}  # twice in one run: the later file wins
        self.updated += len(batch) - len(latest)  # counted as PostgreSQL counts it
        for item in latest.values():
            known = self.known.get(item.id)
            if known and known[1] == _fingerprint(item.row[4], item.row[3]):
                self.unchanged += 1
                continue
            (stale if known else fresh).append(item)
        self._replace(stale)
        self._insert(fresh)
        changed = fresh + stale
        ids = [self.known[i.id][0] for i in changed]
        self._insert_details(ids, changed)
        if not self.fresh_build:  # a fresh build checks every edge anyway
            self.touched.update(ids)

    def _replace(self, stale: list[Prepared]) -> None:
        """Rows already in the catalog: updated in place, their details deleted."""
        sets = ", ".join(f"{c} = ?" for c in ASSET_COLUMNS[1:])
        for item in stale:
            rowid, fingerprint = self.known[item.id]
            if fingerprint == 0:  # a dangling reference gets its manifest: a new asset
                self.dangling -= 1
                self.added += 1
            else:
                self.updated += 1
            self.db.execute(
                f"UPDATE assets SET {sets}, dangling = 0 WHERE rowid = ?", (*item.row[1:], rowid)
            )
            for table, column in (("languages", "asset"), ("edges", "child"), ("metrics", "asset")):
                self.db.execute(f"DELETE FROM {table} WHERE {column} = ?", (rowid,))
            self.db.execute("DELETE FROM fts WHERE rowid = ?", (rowid,))
            self.known[item.id] = (rowid, _fingerprint(item.row[4], item.row[3]))

    def _insert(self, fresh: list[Prepared]) -> None:
        rows = []
        for item in fresh:
            rowid = self.next_rowid
            self.next_rowid += 1
            self.known[item.id] = (rowid, _fingerprint(item.row[4], item.row[3]))
            rows.append((rowid, *item.row))
        placeholders = ", ".join("?" * (len(ASSET_COLUMNS) + 1))
        self.db.executemany(
            f"INSERT INTO assets (rowid, {', '.join(ASSET_COLUMNS)}) VALUES ({placeholders})", rows
        )
        self.added += len(fresh)

    def _insert_details(self, ids: list[int], changed: list[Prepared]) -> None:
        """Full text, languages, metrics and lineage edges of the rows just written."""
        pairs = list(zip(ids, changed, strict=True))
        db = self.db
        db.executemany(
            "INSERT INTO fts (rowid, id, title, description, tags, task) VALUES (?, ?, ?, ?, ?, ?)",
            [(rowid, i.id, i.row[5], i.row[6], i.tags, i.row[12]) for rowid, i in pairs],
        )
        db.executemany(
            "INSERT INTO languages VALUES (?, ?)",
            [(rowid, lang) for rowid, i in pairs for lang in i.languages],
        )
        db.executemany(
            "INSERT INTO metrics VALUES (?, ?, ?, ?)",
            [(rowid, *m) for rowid, i in pairs for m in i.metrics],
        )
        edges = []
        for rowid, item in pairs:
            for parent_id, relation in item.parents:
                kind = "dataset" if relation == TRAINED_ON else "model"
                edges.append((rowid, self._rowid_for(parent_id, kind), relation))
        db.executemany(
            "INSERT OR IGNORE INTO edges (child, parent, relation) VALUES (?, ?, ?)", edges
        )

    def _mark_violations(self) -> None:
        """The lineage rules on every edge that starts or ends at an asset written in this run."""
        db = self.db
        query = """SELECT e.child, e.parent, e.relation, c.license, p.license, p.dangling
                   FROM edges e JOIN assets c ON c.rowid = e.child
                   JOIN assets p ON p.rowid = e.parent"""
        if not self.fresh_build:
            if not self.touched:
                return
            db.execute("CREATE TEMP TABLE touched (rowid INTEGER PRIMARY KEY)")
            db.executemany("INSERT INTO temp.touched VALUES (?)", ((r,) for r in self.touched))
            query += " WHERE e.child IN temp.touched OR e.parent IN temp.touched"
        updates = []
        for child, parent, relation, child_license, parent_license, dangling in db.execute(query):
            violation = _violation(child_license, parent_license, relation, bool(dangling))
            if violation or not self.fresh_build:  # a fresh edge already holds ""
                updates.append((violation, child, parent, relation))
        db.executemany(
            "UPDATE edges SET violation = ? WHERE child = ? AND parent = ? AND relation = ?",
            updates,
        )
        if not self.fresh_build:
            db.execute("DROP TABLE temp.touched")


@functools.lru_cache(maxsize=4096)
def _violation(
    child_license: str | None, parent_license: str | None, relation: str, dangling: bool
) -> str:
    """`CODE:severity` for the rules that fire on an edge (the licenses decide, not the ids)."""
    if dangling:
        return ""
    rule_relation = "training data" if relation == TRAINED_ON else relation
    child = Node("child", "model", child_license or "NOASSERTION")
    parent = Node("parent", "model", parent_license or "NOASSERTION")
    findings = edge_findings(child, parent, rule_relation)
    serious = [f for f in findings if f.severity is not Severity.NOTICE]
    return " ".join(sorted({f"{f.code}:{f.severity.value}" for f in serious}))
