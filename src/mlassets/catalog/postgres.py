"""`PostgresCatalog`: the catalog in a PostgreSQL database, shared by a team.

Open one with `Catalog.open("postgresql://user@host/db")`; credentials may also come from the
`PG*` variables or `~/.pgpass` (libpq reads them). Every message names the database by its URL
with the password masked. The schema and its migrations are in pg_db.py, the writer in
pg_build.py, the queries in pg_query.py, the evaluation results (import, leaderboard) in
pg_results.py and the reads of `select models` in pg_select.py. psycopg is the `postgres` extra,
imported only when a PostgreSQL catalog is opened. Recommendations are not implemented for
PostgreSQL yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlassets.catalog import pg_query, pg_results
from mlassets.catalog.audit import Audit
from mlassets.catalog.errors import CatalogError
from mlassets.catalog.graph import LineageGraph
from mlassets.catalog.index_report import IndexReport
from mlassets.catalog.interface import Catalog
from mlassets.catalog.leaderboard import Leaderboard
from mlassets.catalog.pg_build import index_into
from mlassets.catalog.pg_db import connect, masked, pg_errors
from mlassets.catalog.pg_select import PgReads
from mlassets.catalog.probe import ProbeRequest, probe_and_select
from mlassets.catalog.query import SearchResult
from mlassets.catalog.recommend import Recommendations
from mlassets.catalog.records import AssetRecord, Evaluation, Facets
from mlassets.catalog.results import ImportReport
from mlassets.catalog.select import Selection, select_models
from mlassets.core.clock import fetch_time
from mlassets.selection.records import DatasetFeature, Result

if TYPE_CHECKING:
    import psycopg


class PostgresCatalog(Catalog):
    """A catalog database opened with `PostgresCatalog.open(url)` (or `Catalog.open(url)`)."""

    def __init__(self, connection: psycopg.Connection[tuple[Any, ...]], url: str) -> None:
        self._connection: psycopg.Connection[tuple[Any, ...]] | None = connection
        self._url = url

    @classmethod
    def open(cls, target: str, *, create: bool = False) -> PostgresCatalog:  # type: ignore[override]
        """Connect to the database `target` (a URL) and migrate its catalog schema."""
        connection = connect(target, create=create)
        connection.autocommit = True  # reads need no transaction; writes open their own
        return cls(connection, target)

    @property
    def location(self) -> str:
        return masked(self._url)

    @property
    def connection(self) -> psycopg.Connection[tuple[Any, ...]]:
        """The open connection, for PostgreSQL-specific queries (benchmarks, tests)."""
        if self._connection is None:
            raise CatalogError(f"{self.location}: the catalog is closed", self.location)
        return self._connection

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def index(self, paths: Sequence[Path], *, workers: int | None = None) -> IndexReport:
        with pg_errors(self._url):
            report = index_into(self.connection, paths, workers=workers)
            pg_results.refresh_model_index(self.connection, fetch_time())  # as SQLite's index
        return report

    def search(
        self, query: str, filters: Mapping[str, str] | None = None, limit: int = 20
    ) -> SearchResult:
        with pg_errors(self._url):
            return pg_query.search(self.connection, query, dict(filters or {}), limit)

    def facets(self, query: str, filters: Mapping[str, str] | None = None) -> Facets:
        with pg_errors(self._url):
            return pg_query.facets(self.connection, query, dict(filters or {}))

    def asset(self, ref: str) -> AssetRecord:
        with pg_errors(self._url):
            pk, _ = pg_query.require(self.connection, ref, self.location)
            return pg_query.asset(self.connection, pk)

    def evaluated_on(self, dataset_ref: str) -> tuple[Evaluation, ...]:
        with pg_errors(self._url):
            _, dataset_id = pg_query.require(self.connection, dataset_ref, self.location)
            return pg_query.evaluated_on(self.connection, dataset_id)

    def lineage_graph(
        self, ref: str, *, up: bool = True, down: bool = False, depth: int = 5
    ) -> LineageGraph:
        with pg_errors(self._url):
            pk, _ = pg_query.require(self.connection, ref, self.location)
            return pg_query.lineage_graph(self.connection, pk, up=up, down=down, depth=depth)

    def recommend_datasets(
        self, model_ref: str, *, use: str | None = None, limit: int = 10
    ) -> Recommendations:
        raise self._unsupported("recommend datasets")

    def audit(self, top: int = 15) -> Audit:
        with pg_errors(self._url):
            return pg_query.audit(self.connection, top)

    def import_results(
        self, results: Iterable[Result], *, higher: bool | None = None
    ) -> ImportReport:
        with pg_errors(self._url):
            return pg_results.import_results(self.connection, results, higher=higher)

    def import_results_csv(
        self, path: Path, fetched_at: str, *, higher: bool | None = None
    ) -> ImportReport:
        from mlassets.catalog.results_csv import read_results_csv

        with pg_errors(self._url):
            rows = read_results_csv(path, fetched_at)
            return pg_results.import_results(self.connection, rows, higher=higher)

    def import_features(self, features: Iterable[DatasetFeature]) -> ImportReport:
        with pg_errors(self._url):
            return pg_results.import_features(self.connection, features)

    def card_features(self) -> list[DatasetFeature]:
        from mlassets.selection.text_features import card_vector

        with pg_errors(self._url):
            texts = pg_results.card_texts(self.connection)
        return [
            DatasetFeature(asset_id, f"card:{i}", v, "card-text")
            for asset_id, text in texts
            for i, v in enumerate(card_vector(text))
        ]

    def leaderboard(
        self,
        dataset_ref: str,
        *,
        metric: str | None = None,
        split: str | None = None,
        use: str | None = None,
        higher: bool | None = None,
    ) -> Leaderboard:
        with pg_errors(self._url):
            return pg_results.leaderboard(
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
        reads = PgReads(self.connection, self.location)
        with pg_errors(self._url):
            return select_models(reads, dataset_ref, metric=metric, k=k, use=use, higher=higher)

    def library_revision(self, model: str) -> tuple[str | None, str | None] | None:
        with pg_errors(self._url):
            return pg_results.library_revision(self.connection, model)

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
        return probe_and_select(
            self, dataset_ref, request, metric=metric, k=k, use=use, higher=higher
        )

    def _unsupported(self, what: str) -> CatalogError:
        # recommend.py is being rewritten (select/leaderboard); it reads SQLite only so far.
        return CatalogError(
            f"{self.location}: `{what}` is not supported on PostgreSQL yet; "
            "index the manifests into a SQLite catalog for it",
            self.location,
        )
