"""The embedded asset catalog: index manifests into SQLite, then search, walk lineage, recommend
and audit. The schema is documented and versioned in `db.py`."""

from mlassets.catalog.audit import Audit, audit
from mlassets.catalog.build import IndexReport, index_manifests
from mlassets.catalog.db import SCHEMA_VERSION, CatalogError, open_catalog
from mlassets.catalog.graph import AssetNotFound, LineageGraph, lineage_graph
from mlassets.catalog.query import SearchResult, search
from mlassets.catalog.recommend import Recommendations, recommend_datasets

__all__ = [
    "SCHEMA_VERSION",
    "AssetNotFound",
    "Audit",
    "CatalogError",
    "IndexReport",
    "LineageGraph",
    "Recommendations",
    "SearchResult",
    "audit",
    "index_manifests",
    "lineage_graph",
    "open_catalog",
    "recommend_datasets",
    "search",
]
