"""`Catalog`: what the CLI, the benchmarks and library callers need from a catalog backend.

A backend opens a store, indexes manifests into it and answers searches, lineage walks,
recommendations and audits with the frozen result types of this package. SQLite
(`SqliteCatalog`, sqlite.py) is the embedded default; `PostgresCatalog` (postgres.py) the shared
one, for a `postgresql://` URL. Backends turn their driver's errors into `CatalogError` (naming
the store) and an unknown reference into `AssetNotFoundError`, and release their connection in
`close()`, which leaving a `with` block calls.
"""

from __future__ import annotations

import abc
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from mlassets.catalog.audit import Audit
from mlassets.catalog.graph import LineageGraph
from mlassets.catalog.index_report import IndexReport
from mlassets.catalog.query import SearchResult
from mlassets.catalog.recommend import Recommendations
from mlassets.catalog.records import AssetRecord, Evaluation, Facets


class Catalog(abc.ABC):
    """An open catalog; use it in a `with` block so that its connection is closed."""

    @classmethod
    def open(cls, target: Path | str, *, create: bool = False, any_thread: bool = False) -> Catalog:
        """Open the catalog at `target`, creating it when `create` is set.

        `target`: a SQLite file (a path), or a `postgresql://` URL (PostgresCatalog, which needs
        the `postgres` extra). `any_thread`: the catalog may be used from a thread other than
        the one that opened it (one thread at a time), as the web server does.
        `CatalogError` when there is no catalog there (and `create` is not set), or when it is
        locked, corrupt, not a catalog, or from a newer mlassets.
        """
        from mlassets.catalog.pg_db import is_url

        if is_url(target):
            from mlassets.catalog.postgres import PostgresCatalog

            return PostgresCatalog.open(str(target), create=create)
        from mlassets.catalog.sqlite import SqliteCatalog

        return SqliteCatalog.open(Path(target), create=create, any_thread=any_thread)

    @property
    @abc.abstractmethod
    def location(self) -> str:
        """Where the catalog lives (a file path, a database URL), for messages."""

    @abc.abstractmethod
    def index(self, paths: Sequence[Path], *, workers: int | None = None) -> IndexReport:
        """Add or update the manifests under `paths`; unchanged ones are skipped."""

    @abc.abstractmethod
    def search(
        self, query: str, filters: Mapping[str, str] | None = None, limit: int = 20
    ) -> SearchResult:
        """Assets matching the words of `query` (no syntax), ranked, with facet `filters`."""

    @abc.abstractmethod
    def lineage_graph(
        self, ref: str, *, up: bool = True, down: bool = False, depth: int = 5
    ) -> LineageGraph:
        """Where `ref` came from (`up`) and what came from it (`down`), `depth` generations."""

    @abc.abstractmethod
    def recommend_datasets(
        self, model_ref: str, *, use: str | None = None, limit: int = 10
    ) -> Recommendations:
        """The catalog's datasets for a model; incompatible licenses are listed apart."""

    @abc.abstractmethod
    def facets(self, query: str, filters: Mapping[str, str] | None = None) -> Facets:
        """How many assets matching `search(query, filters)` have each facet value."""

    @abc.abstractmethod
    def asset(self, ref: str) -> AssetRecord:
        """One asset as the catalog holds it; `AssetNotFoundError` for an unknown reference."""

    @abc.abstractmethod
    def evaluated_on(self, dataset_ref: str) -> tuple[Evaluation, ...]:
        """The models that report evaluation results on a dataset, best first per metric."""

    @abc.abstractmethod
    def audit(self, top: int = 15) -> Audit:
        """Documentation and licensing health of the whole catalog."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the connection; closing twice is harmless."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
