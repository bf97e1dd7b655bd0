"""`SqliteCatalog`: the catalog in one SQLite file, and the helpers built on it.

Everything SQLite-specific stays behind this class: the schema and its migrations (db.py), the
writer (build.py) and the queries (query.py, graph.py, recommend.py, audit.py), and the
evaluation results (results.py, results_csv.py, leaderboard.py, select.py, probe.py), which take
the connection this class holds. Every sqlite3 error leaves as a `CatalogError` naming the file.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from mlassets.catalog import details, probe, select
from mlassets.catalog import results as stored
from mlassets.catalog.audit import Audit
from mlassets.catalog.audit import audit as audit_assets
from mlassets.catalog.build import index_into
from mlassets.catalog.db import connect, sqlite_errors
from mlassets.catalog.errors import AssetNotFoundError, CatalogError
from mlassets.catalog.graph import LineageGraph
from mlassets.catalog.graph import lineage_graph as walk_lineage
from mlassets.catalog.index_report import IndexReport
from mlassets.catalog.interface import Catalog
from mlassets.catalog.leaderboard import Leaderboard
from mlassets.catalog.leaderboard import leaderboard as rank_results
from mlassets.catalog.probe import ProbeRequest
from mlassets.catalog.query import SearchResult, find_asset
from mlassets.catalog.query import search as search_assets
from mlassets.catalog.recommend import Recommendations
from mlassets.catalog.recommend import recommend_datasets as rank_datasets
from mlassets.catalog.records import AssetRecord, Evaluation, Facets
from mlassets.catalog.results import ImportReport
from mlassets.catalog.results_csv import import_results_csv
from mlassets.catalog.select import Selection
from mlassets.selection.records import DatasetFeature, Result


class SqliteCatalog(Catalog):
    """A catalog file opened with `SqliteCatalog.open(path)` (or `Catalog.open(path)`)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection: sqlite3.Connection | None = connection
        self.path = path

    @classmethod
    def open(
        cls,
        target: Path | str,
        *,
        create: bool = False,
        timeout: float = 5.0,
        any_thread: bool = False,
    ) -> SqliteCatalog:
        """Open (and migrate) the catalog file; `timeout`: seconds to wait for another's lock;
        `any_thread`: usable from another thread than this one (one at a time)."""
        path = Path(target)
        return cls(connect(path, create=create, timeout=timeout, any_thread=any_thread), path)

    @property
    def location(self) -> str:
        return str(self.path)

    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection, for SQLite-specific queries (benchmarks, tests)."""
        if self._connection is None:
            raise CatalogError(f"{self.path}: the catalog is closed", str(self.path))
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def index(
        self, paths: Sequence[Path], *, workers: int | None = None, unjournaled: bool = False
    ) -> IndexReport:
        """Index into this file; `unjournaled` only for a new file nobody else sees yet."""
        with sqlite_errors(self.path):
            return index_into(self.connection, paths, workers=workers, unjournaled=unjournaled)

    def search(
        self, query: str, filters: Mapping[str, str] | None = None, limit: int = 20
    ) -> SearchResult:
        with sqlite_errors(self.path):
            return search_assets(self.connection, query, dict(filters or {}), limit)

    def lineage_graph(
        self, ref: str, *, up: bool = True, down: bool = False, depth: int = 5
    ) -> LineageGraph:
        with sqlite_errors(self.path):
            self._require(ref)
            return walk_lineage(self.connection, ref, up=up, down=down, depth=depth)

    def recommend_datasets(
        self, model_ref: str, *, use: str | None = None, limit: int = 10
    ) -> Recommendations:
        with sqlite_errors(self.path):
            self._require(model_ref)
            return rank_datasets(self.connection, model_ref, use=use, limit=limit)

    def audit(self, top: int = 15) -> Audit:
        with sqlite_errors(self.path):
            return audit_assets(self.connection, top)

    def facets(self, query: str, filters: Mapping[str, str] | None = None) -> Facets:
        with sqlite_errors(self.path):
            return details.facets(self.connection, query, dict(filters or {}))

    def asset(self, ref: str) -> AssetRecord:
        with sqlite_errors(self.path):
            return details.asset(self.connection, self._require(ref)["rowid"])

    def evaluated_on(self, dataset_ref: str) -> tuple[Evaluation, ...]:
        with sqlite_errors(self.path):
            return details.evaluated_on(self.connection, self._require(dataset_ref)["id"])

    def import_results(
        self, results: Iterable[Result], *, higher: bool | None = None
    ) -> ImportReport:
        with sqlite_errors(self.path):
            return stored.import_results(self.connection, results, higher=higher)

    def import_results_csv(
        self, path: Path, fetched_at: str, *, higher: bool | None = None
    ) -> ImportReport:
        with sqlite_errors(self.path):
            return import_results_csv(self.connection, path, fetched_at, higher=higher)

    def import_features(self, features: Iterable[DatasetFeature]) -> ImportReport:
        with sqlite_errors(self.path):
            return stored.import_features(self.connection, features)

    def card_features(self) -> list[DatasetFeature]:
        with sqlite_errors(self.path):
            return stored.card_features(self.connection)

    def leaderboard(
        self,
        dataset_ref: str,
        *,
        metric: str | None = None,
        split: str | None = None,
        use: str | None = None,
        higher: bool | None = None,
    ) -> Leaderboard:
        with sqlite_errors(self.path):
            return rank_results(
                self.connection, dataset_ref, metric=metric, split=split, use=use, higher=higher
            )

    def select_models(
        self,
        dataset_ref: str,
        *,
        metric: str | None = None,
        k: int = 10,
        use: str | None = None,
        higher: bool | None = None,
    ) -> Selection:
        with sqlite_errors(self.path):
            return select.select_models(
                self.connection, dataset_ref, metric=metric, k=k, use=use, higher=higher
            )

    def library_revision(self, model: str) -> tuple[str | None, str | None] | None:
        with sqlite_errors(self.path):
            row = self.connection.execute(
                "SELECT library, revision FROM assets WHERE id = ?", (model,)
            ).fetchone()
        return None if row is None else (row[0], row[1])

    def probe_and_select(
        self,
        dataset_ref: str,
        request: ProbeRequest,
        *,
        metric: str | None = None,
        k: int = 10,
        use: str | None = None,
        higher: bool | None = None,
    ) -> Selection:
        with sqlite_errors(self.path):
            return probe.probe_and_select(
                self, dataset_ref, request, metric=metric, k=k, use=use, higher=higher
            )

    def _require(self, ref: str) -> sqlite3.Row:
        row = find_asset(self.connection, ref)
        if row is None:
            raise AssetNotFoundError(ref, self.location)
        return row


def index_manifests(paths: Sequence[Path], db: Path, *, workers: int | None = None) -> IndexReport:
    """Index every manifest under `paths` into the catalog file `db`, created when missing.

    A new catalog is built beside the target and renamed into place when complete, so it can be
    written without a journal and a reader never sees half of it; an existing one is updated in
    one transaction.
    """
    if db.exists():
        with SqliteCatalog.open(db) as catalog:
            return catalog.index(paths, workers=workers)
    building = db.with_name(f".{db.name}.{os.getpid()}.tmp")
    try:
        with SqliteCatalog.open(building, create=True) as catalog:
            report = catalog.index(paths, workers=workers, unjournaled=True)
        try:
            os.replace(building, db)
        except OSError as exc:
            message = f"{db}: cannot write the catalog ({exc.strerror or exc})"
            raise CatalogError(message, str(db)) from exc
    finally:
        building.unlink(missing_ok=True)
    return report


def audit_directory(
    paths: Sequence[Path], *, top: int = 15, workers: int | None = None
) -> tuple[Audit, IndexReport]:
    """Audit the manifests under `paths` without a catalog file: they are indexed into a scratch
    database, which is closed and removed before this returns. Also the index report, whose
    `errors` name the files that could not be read."""
    with tempfile.TemporaryDirectory(prefix="mlassets-audit-") as scratch:
        db = Path(scratch) / "audit.db"
        report = index_manifests(paths, db, workers=workers)
        with SqliteCatalog.open(db) as catalog:
            return catalog.audit(top), report
