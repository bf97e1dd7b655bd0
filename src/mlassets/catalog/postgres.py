"""`PostgresCatalog`: the catalog in a PostgreSQL database, shared by a team.

Open one with `Catalog.open("postgresql://user@host/db")`; credentials may also come from the
`PG*` variables or `~/.pgpass` (libpq reads them). Every message names the database by its URL
with the password masked. The schema and its migrations are in pg_db.py, the writer in
pg_build.py, the queries in pg_query.py. psycopg is the `postgres` extra, imported only when a
PostgreSQL catalog is opened. Recommendations are not implemented for PostgreSQL yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mlassets.catalog import pg_query
from mlassets.catalog.audit import Audit
from mlassets.catalog.errors import CatalogError
from mlassets.catalog.graph import LineageGraph
from mlassets.catalog.index_report import IndexReport
from mlassets.catalog.interface import Catalog
from mlassets.catalog.pg_build import index_into
from mlassets.catalog.pg_db import connect, masked, pg_errors
from mlassets.catalog.query import SearchResult
from mlassets.catalog.recommend import Recommendations
from mlassets.catalog.records import AssetRecord, Evaluation, Facets

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
            return index_into(self.connection, paths, workers=workers)

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

    def _unsupported(self, what: str) -> CatalogError:
        # recommend.py is being rewritten (select/leaderboard); it reads SQLite only so far.
        return CatalogError(
            f"{self.location}: `{what}` is not supported on PostgreSQL yet; "
            "index the manifests into a SQLite catalog for it",
            self.location,
        )
