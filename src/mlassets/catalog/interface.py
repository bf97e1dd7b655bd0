"""`Catalog`: what the CLI, the benchmarks and library callers need from a catalog backend.

A backend opens a store, indexes manifests into it and answers searches, lineage walks,
recommendations and audits with the frozen result types of this package; it also stores
evaluation results and dataset features, and answers leaderboards and `select models` from them
(results.py, leaderboard.py, select.py, probe.py; pg_results.py and pg_select.py on
PostgreSQL). SQLite (`SqliteCatalog`, sqlite.py) is the embedded default; `PostgresCatalog`
(postgres.py) the shared one, for a `postgresql://` URL. Backends turn their driver's errors
into `CatalogError` (naming the store) and an unknown reference into `AssetNotFoundError`, and
release their connection in `close()`, which leaving a `with` block calls.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Self

from mlassets.catalog.audit import Audit
from mlassets.catalog.graph import LineageGraph
from mlassets.catalog.index_report import IndexReport
from mlassets.catalog.leaderboard import Leaderboard
from mlassets.catalog.probe import ProbeRequest
from mlassets.catalog.query import SearchResult
from mlassets.catalog.recommend import Recommendations
from mlassets.catalog.records import AssetRecord, Evaluation, Facets
from mlassets.catalog.results import ImportReport
from mlassets.catalog.select import Selection
from mlassets.selection.records import DatasetFeature, Result


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
    def import_results(
        self, results: Iterable[Result], *, higher: bool | None = None
    ) -> ImportReport:
        """Store evaluation results, keyed by (dataset, metric, split, config, model, source):
        storing them again changes nothing. Unknown ids become dangling assets; every metric
        needs a known direction, or `higher` stated for all (`UsageError`)."""

    @abc.abstractmethod
    def import_results_csv(
        self, path: Path, fetched_at: str, *, higher: bool | None = None
    ) -> ImportReport:
        """`import_results` from a CSV: `dataset`, `model`, `metric`, `value`[, `split`,
        `source`] (results_csv.py)."""

    @abc.abstractmethod
    def import_features(self, features: Iterable[DatasetFeature]) -> ImportReport:
        """Store numeric dataset features, keyed by (dataset, name)."""

    @abc.abstractmethod
    def card_features(self) -> list[DatasetFeature]:
        """Features derived from the indexed datasets' card text (title, task, description)."""

    @abc.abstractmethod
    def leaderboard(
        self,
        dataset_ref: str,
        *,
        metric: str | None = None,
        split: str | None = None,
        use: str | None = None,
        higher: bool | None = None,
    ) -> Leaderboard:
        """The models measured on a dataset, best first; the ones `use` bars listed apart."""

    @abc.abstractmethod
    def select_models(
        self,
        dataset_ref: str,
        *,
        metric: str | None = None,
        k: int = 10,
        use: str | None = None,
        higher: bool | None = None,
    ) -> Selection:
        """The top `k` models for a dataset, measured or predicted, each with its evidence."""

    @abc.abstractmethod
    def library_revision(self, model: str) -> tuple[str | None, str | None] | None:
        """An asset's library and revision (whether a probe can run it), None when unknown."""

    @abc.abstractmethod
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
        """`select_models`, then the top runnable candidates evaluated on the request's sample,
        their scores stored as results (source `probe`), and re-ranked (probe.py)."""

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
