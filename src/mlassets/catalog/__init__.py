"""The embedded asset catalog: index manifests, then search, walk lineage, recommend and audit.

Open one with `Catalog.open(path)` in a `with` block (the connection is closed when it ends):

    with Catalog.open(Path("mlassets.db")) as catalog:
        hits = catalog.search("sentiment", {"kind": "model"}).hits

`Catalog` is the interface a backend implements (interface.py); `SqliteCatalog` the SQLite one,
whose schema is documented and versioned in `db.py`; `PostgresCatalog` (postgres.py, the
`postgres` extra, not imported here so that SQLite needs nothing) the PostgreSQL one, opened by
`Catalog.open("postgresql://...")`. `index_manifests` builds or updates a catalog
file; `audit_directory` audits manifests without one.
"""

from __future__ import annotations

from mlassets.catalog.audit import Audit
from mlassets.catalog.db import SCHEMA_VERSION
from mlassets.catalog.errors import AssetNotFoundError, CatalogError
from mlassets.catalog.graph import LineageGraph
from mlassets.catalog.index_report import IndexReport
from mlassets.catalog.interface import Catalog
from mlassets.catalog.query import SearchResult
from mlassets.catalog.recommend import Recommendations
from mlassets.catalog.records import AssetRecord, Evaluation, Facets
from mlassets.catalog.sqlite import SqliteCatalog, audit_directory, index_manifests

__all__ = [
    "SCHEMA_VERSION",
    "AssetNotFoundError",
    "AssetRecord",
    "Audit",
    "Catalog",
    "CatalogError",
    "Evaluation",
    "Facets",
    "IndexReport",
    "LineageGraph",
    "Recommendations",
    "SearchResult",
    "SqliteCatalog",
    "audit_directory",
    "index_manifests",
]
