"""`index` into PostgreSQL: upserts in batches, each batch one transaction, safe beside others.

Several `index` runs may write one database at once (a team's CI jobs): a batch is copied into
temporary staging tables (COPY: the fast path), then merged with `INSERT ... ON CONFLICT`, so an
asset is never stored twice and a change is never lost. A row whose `card_sha256` and `revision`
are unchanged is left alone (the conflict clause's WHERE). Dangling parents are inserted with
`ON CONFLICT DO NOTHING` and filled in when their manifest arrives. A batch that deadlocks with
another writer is rolled back and retried. Parsing is shared with SQLite (rows.py, build.py), and
so is forgetting the manifests deleted from an indexed directory (forget.py), after the batches.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlassets.catalog.build import _prepared, _stop, _violation
from mlassets.catalog.forget import forget_postgres
from mlassets.catalog.index_report import IndexReport, index_report
from mlassets.catalog.rows import ASSET_COLUMNS, TRAINED_ON, Prepared, manifest_files
from mlassets.core.clock import fetch_time

if TYPE_CHECKING:
    import psycopg

BATCH = 5000
_RETRIES = 5
_COLUMNS = (*ASSET_COLUMNS, "tags")
_UPDATE = ", ".join(f"{c} = EXCLUDED.{c}" for c in _COLUMNS[1:])
_STAGE = f"""
CREATE TEMP TABLE IF NOT EXISTS stage_assets ON COMMIT DELETE ROWS
    AS SELECT {", ".join(_COLUMNS)} FROM assets WITH NO DATA;
CREATE TEMP TABLE IF NOT EXISTS stage_languages (id text, language text) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS stage_parents (id text, parent text, relation text, kind text)
    ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS stage_metrics (id text, dataset text, metric text,
    value double precision) ON COMMIT DELETE ROWS;
CREATE TEMP TABLE IF NOT EXISTS changed (pk bigint PRIMARY KEY, id text, fresh boolean,
    revived boolean)
    ON COMMIT DELETE ROWS;
"""
# `old` is read before the upsert: an asset that was dangling gets its manifest, which counts as
# added, as in SQLite. Unchanged rows are not returned (the WHERE skips them).
_UPSERT = f"""
WITH old AS (SELECT a.id, a.dangling FROM assets a JOIN stage_assets s USING (id)),
up AS (
    INSERT INTO assets ({", ".join(_COLUMNS)})
    SELECT {", ".join(_COLUMNS)} FROM stage_assets ORDER BY id
    ON CONFLICT (id) DO UPDATE SET {_UPDATE}, dangling = false
    WHERE assets.dangling
       OR assets.card_sha256 IS DISTINCT FROM EXCLUDED.card_sha256
       OR assets.revision IS DISTINCT FROM EXCLUDED.revision
    RETURNING pk, id
)
INSERT INTO changed
SELECT up.pk, up.id, old.id IS NULL OR old.dangling, coalesce(old.dangling, false)
FROM up LEFT JOIN old USING (id)
"""
_DETAILS = """
DELETE FROM languages WHERE asset IN (SELECT pk FROM changed WHERE NOT fresh);
DELETE FROM edges WHERE child IN (SELECT pk FROM changed WHERE NOT fresh);
DELETE FROM metrics WHERE asset IN (SELECT pk FROM changed WHERE NOT fresh);
INSERT INTO languages SELECT c.pk, s.language FROM stage_languages s JOIN changed c USING (id)
    ON CONFLICT DO NOTHING;
INSERT INTO metrics SELECT c.pk, s.dataset, s.metric, s.value
    FROM stage_metrics s JOIN changed c USING (id);
"""
_DANGLING = """
INSERT INTO assets (id, kind, dangling)
SELECT DISTINCT ON (s.parent) s.parent, s.kind, true
FROM stage_parents s JOIN changed c USING (id) ORDER BY s.parent
ON CONFLICT (id) DO NOTHING
"""
_EDGES = """
INSERT INTO edges (child, parent, relation)
SELECT c.pk, p.pk, s.relation FROM stage_parents s JOIN changed c USING (id)
JOIN assets p ON p.id = s.parent
ON CONFLICT DO NOTHING
"""
# Two index lookups joined by UNION: `child IN (...) OR parent IN (...)` scans every edge.
_TOUCHED = """
WITH touched AS (
    SELECT e.* FROM changed c JOIN edges e ON e.child = c.pk
    UNION
    SELECT e.* FROM changed c JOIN edges e ON e.parent = c.pk
)
SELECT e.child, e.parent, e.relation, ch.license, pa.license, pa.dangling, e.violation
FROM touched e JOIN assets ch ON ch.pk = e.child JOIN assets pa ON pa.pk = e.parent
"""


def index_into(
    connection: psycopg.Connection[tuple[Any, ...]],
    paths: Sequence[Path],
    *,
    workers: int | None = None,
) -> IndexReport:
    """Index every manifest under `paths` through `connection`, one transaction per batch."""
    import os

    start = time.perf_counter()
    workers = workers if workers is not None else (os.cpu_count() or 1)
    files = manifest_files(paths)
    pool = None
    if workers > 1 and len(files) >= 2000:
        from multiprocessing import Pool

        pool = Pool(workers)
    try:
        writer = _Writer(connection)
        errors = writer.write(_prepared(files, pool))
        writer.forget(paths, files)
    finally:
        if pool is not None:
            _stop(pool)
    return index_report(writer, len(files), errors, start)


class _Writer:
    def __init__(self, connection: psycopg.Connection[tuple[Any, ...]]) -> None:
        self.db = connection
        self.added = self.updated = self.unchanged = self.dangling = 0
        with connection.transaction():
            connection.execute(_STAGE.encode())

    def write(self, items: Iterable[Prepared | str]) -> list[str]:
        errors: list[str] = []
        batch: dict[str, Prepared] = {}
        for item in items:
            if isinstance(item, str):
                errors.append(item)
                continue
            if item.id in batch:  # twice in one run: the later file wins, as in SQLite
                self.updated += 1
            batch[item.id] = item
            if len(batch) >= BATCH:
                self._retrying(list(batch.values()))
                batch = {}
        self._retrying(list(batch.values()))
        with self.db.transaction():
            self.db.execute(
                "INSERT INTO meta VALUES ('indexed_at', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                (fetch_time(),),
            )
        return errors

    def forget(self, roots: Sequence[Path], files: Sequence[str]) -> None:
        """Forget the assets whose manifest was deleted from one of `roots` (forget.py)."""
        with self.db.transaction(), self.db.cursor() as cursor:
            pks = forget_postgres(cursor, roots, files)
            if pks:  # their children's edges: the rules again (a dangling parent has none)
                rows = [(pk, None, False, False) for pk in pks]
                cursor.executemany("INSERT INTO changed VALUES (%s, %s, %s, %s)", rows)
                self._mark_violations(cursor)

    def _retrying(self, batch: list[Prepared]) -> None:
        import psycopg.errors

        if not batch:
            return
        for attempt in range(_RETRIES):
            try:
                with self.db.transaction():
                    counts = self._store(batch)
            except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure):
                if attempt == _RETRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
                continue
            added, updated, dangling = counts  # counted only once the batch is committed
            self.added += added
            self.updated += updated
            self.unchanged += len(batch) - added - updated
            self.dangling += dangling
            return

    def _store(self, batch: list[Prepared]) -> tuple[int, int, int]:
        db = self.db
        with db.cursor() as cursor:
            with cursor.copy(f"COPY stage_assets ({', '.join(_COLUMNS)}) FROM STDIN") as copy:
                for item in batch:
                    copy.write_row((*item.row, item.tags))
            with cursor.copy("COPY stage_languages FROM STDIN") as copy:
                for item in batch:
                    for language in item.languages:
                        copy.write_row((item.id, language))
            with cursor.copy("COPY stage_parents FROM STDIN") as copy:
                for item in batch:
                    for parent, relation in item.parents:
                        kind = "dataset" if relation == TRAINED_ON else "model"
                        copy.write_row((item.id, parent, relation, kind))
            with cursor.copy("COPY stage_metrics FROM STDIN") as copy:
                for item in batch:
                    for metric in item.metrics:
                        copy.write_row((item.id, *metric))
            cursor.execute(_UPSERT)
            row = cursor.execute(
                "SELECT count(*) FILTER (WHERE fresh), count(*) FILTER (WHERE revived), count(*) "
                "FROM changed"
            )
            fresh, revived, changed = row.fetchone() or (0, 0, 0)
            if not changed:
                return 0, 0, 0
            cursor.execute(_DETAILS.encode())
            dangling = cursor.execute(_DANGLING).rowcount
            cursor.execute(_EDGES)
            self._mark_violations(cursor)
        return int(fresh), int(changed) - int(fresh), dangling - int(revived)

    def _mark_violations(self, cursor: psycopg.Cursor[tuple[Any, ...]]) -> None:
        """The lineage rules on every edge that starts or ends at an asset of this batch."""
        updates = []
        for child, parent, relation, child_license, parent_license, dangling, old in cursor.execute(
            _TOUCHED
        ).fetchall():
            violation = _violation(child_license, parent_license, relation, bool(dangling))
            if violation != old:
                updates.append((violation, child, parent, relation))
        if updates:
            cursor.executemany(
                "UPDATE edges SET violation = %s"
                " WHERE child = %s AND parent = %s AND relation = %s",
                updates,
            )
