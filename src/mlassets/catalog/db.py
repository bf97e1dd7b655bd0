"""The catalog's SQLite schema, versioned with `PRAGMA user_version` and migrated in order.

Tables (schema version 1):
- `assets`: one row per asset id, from its manifest, or a *dangling* row (`dangling = 1`) for an
  asset a manifest names as a base model or dataset but that the catalog has no manifest for.
  Facet columns: kind, task, license, license_category, license_status, library, source,
  size_bucket; `languages` holds the language facet (one row per language).
- `edges`: child → parent with `relation` (finetune, adapter, merge, quantized, or `trained_on`
  for datasets) and `violation`: the lineage rules that fire on that edge, as `CODE:severity`
  separated by spaces ("" when none).
- `metrics`: reported evaluation results (`model-index`): model, dataset, metric type, value.
- `fts`: FTS5 over id, title, description (the card's opening text), tags and task; ranked with
  BM25. Its rowid is the asset's rowid.
- `meta`: key/value (`schema_version`, `indexed_at`).

Schema version 2 adds `results`, `dataset_features` and `metric_directions` (see
`results_schema.py`). Schema version 3 stores results in `result_rows`, all integers (every
string interned once in `result_names`), behind a view `results` with version 2's columns, and
adds `dataset_units`: each dataset's standardised features at unit length, stored at feature
import (`results_units.py`).

To change the schema, append a migration to MIGRATIONS; `connect` applies the missing ones.
Everything here is SQLite-specific, used by the SQLite backend only (`SqliteCatalog`); sqlite3
errors leave it as `CatalogError` (`sqlite_errors`).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from mlassets.catalog.results_schema import COMPACT_SCHEMA, RESULTS_SCHEMA
from mlassets.core.errors import CatalogError

SCHEMA_VERSION = 3

# The secondary indexes, by name: a build into an empty catalog drops them, loads, and creates
# them again (sorting once is much faster than keeping them up to date row by row).
INDEXES: dict[str, str] = {
    "assets_id": "CREATE UNIQUE INDEX assets_id ON assets (id)",
    "assets_kind_task": "CREATE INDEX assets_kind_task ON assets (kind, task)",
    "assets_license": "CREATE INDEX assets_license ON assets (license)",
    "assets_license_category": "CREATE INDEX assets_license_category ON assets (license_category)",
    "assets_library": "CREATE INDEX assets_library ON assets (library)",
    "languages_asset": "CREATE INDEX languages_asset ON languages (asset)",
    "languages_language": "CREATE INDEX languages_language ON languages (language, asset)",
    "edges_parent": "CREATE INDEX edges_parent ON edges (parent, child)",
    "metrics_asset": "CREATE INDEX metrics_asset ON metrics (asset)",
    "metrics_dataset": "CREATE INDEX metrics_dataset ON metrics (dataset)",
}

MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE assets (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        kind TEXT,
        source TEXT,
        revision TEXT,
        card_sha256 TEXT,
        title TEXT,
        description TEXT,
        license TEXT,
        license_category TEXT,
        license_status TEXT,
        license_declared INTEGER NOT NULL DEFAULT 0,
        commercial_use INTEGER,
        task TEXT,
        library TEXT,
        size_bucket TEXT,
        has_metadata INTEGER NOT NULL DEFAULT 0,
        missing_fields TEXT NOT NULL DEFAULT '',
        manifest_path TEXT,
        dangling INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE languages (asset INTEGER NOT NULL, language TEXT NOT NULL);
    CREATE TABLE edges (
        child INTEGER NOT NULL,
        parent INTEGER NOT NULL,
        relation TEXT NOT NULL,
        violation TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (child, parent, relation)
    ) WITHOUT ROWID;
    CREATE TABLE metrics (
        asset INTEGER NOT NULL,
        dataset TEXT,
        metric TEXT NOT NULL,
        value REAL
    );
    CREATE VIRTUAL TABLE fts USING fts5 (
        id, title, description, tags, task, tokenize = 'unicode61 remove_diacritics 2'
    );
    """
    + ";\n".join(INDEXES.values())
    + ";",
    # 2: evaluation results with provenance, dataset features, metric directions (selection)
    RESULTS_SCHEMA,
    # 3: an all-integer results key, unit-length standardised dataset features
    COMPACT_SCHEMA,
)


# SQLite's primary result codes (`sqlite_errorcode & 0xFF`): what each means for the catalog,
# and what to do about it.
_MEANINGS: dict[int, tuple[str, str]] = {
    sqlite3.SQLITE_BUSY: ("the catalog is locked", "another process is using it; try again later"),
    sqlite3.SQLITE_LOCKED: ("the catalog is locked", "try again later"),
    sqlite3.SQLITE_NOTADB: ("not a catalog", ""),
    sqlite3.SQLITE_CORRUPT: ("the catalog is corrupt", "delete it and run `mlassets index` again"),
    sqlite3.SQLITE_CANTOPEN: ("cannot open the catalog", ""),
    sqlite3.SQLITE_READONLY: ("the catalog is read-only", ""),
    sqlite3.SQLITE_PERM: ("no permission to use the catalog", ""),
    sqlite3.SQLITE_FULL: ("the disk is full", ""),
    sqlite3.SQLITE_IOERR: ("an I/O error on the catalog", ""),
}


def catalog_error(path: Path, exc: sqlite3.Error) -> CatalogError:
    """A sqlite3 error as a one-line `CatalogError` that names the file."""
    code = getattr(exc, "sqlite_errorcode", None)
    meaning, hint = _MEANINGS.get(code & 0xFF, ("", "")) if isinstance(code, int) else ("", "")
    detail = (str(exc).splitlines() or [type(exc).__name__])[0]
    message = f"{path}: {meaning or 'catalog error'} ({detail})" + (f"; {hint}" if hint else "")
    return CatalogError(message, str(path))


@contextlib.contextmanager
def sqlite_errors(path: Path) -> Iterator[None]:
    """Turn any sqlite3 error raised inside into a `CatalogError` for `path`."""
    try:
        yield
    except sqlite3.Error as exc:
        raise catalog_error(path, exc) from exc


def connect(
    path: Path, *, create: bool = True, timeout: float = 5.0, any_thread: bool = False
) -> sqlite3.Connection:
    """Open (and create or migrate) the catalog at `path`; `CatalogError` when it cannot be.

    `timeout` is how long to wait for another process's lock before giving up; `any_thread`
    lets another thread use the connection (the caller makes sure one thread at a time does).
    """
    if not create and not path.exists():
        raise CatalogError(
            f"{path}: no catalog here; build one with `mlassets index DIR`", str(path)
        )
    with sqlite_errors(path):
        connection = sqlite3.connect(path, timeout=timeout, check_same_thread=not any_thread)
    try:
        with sqlite_errors(path):
            _migrate(connection, path)
    except BaseException:
        connection.close()
        raise
    connection.row_factory = sqlite3.Row
    return connection


def _migrate(connection: sqlite3.Connection, path: Path) -> None:
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise CatalogError(
            f"{path}: catalog schema {version} is newer than this mlassets ({SCHEMA_VERSION})",
            str(path),
        )
    if version == 0 and connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        raise CatalogError(f"{path}: a SQLite database, but not an mlassets catalog", str(path))
    for number in range(version + 1, SCHEMA_VERSION + 1):
        with connection:
            connection.executescript(MIGRATIONS[number - 1])
            connection.execute(f"PRAGMA user_version = {number}")
            connection.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(number),)
            )
