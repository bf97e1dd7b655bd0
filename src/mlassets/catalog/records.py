"""Backend-neutral result types for what the web catalog shows beside search and lineage.

`AssetRecord` is one asset as the catalog holds it (the columns both backends store, its
languages, tags and reported metrics); `Facets` counts the assets matching a search by facet
value; `Evaluation` is one model's reported result on a dataset.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# The facets a search can be narrowed by and counted on (query.FILTERS, in display order).
FACETS = (
    *("kind", "task", "license", "license_category", "language", "library", "source"),
    "size_bucket",
)
FACET_VALUES = 12  # the most common values shown per facet


@dataclass(frozen=True)
class Metric:
    dataset: str | None
    metric: str
    value: float | None


@dataclass(frozen=True)
class AssetRecord:
    id: str
    kind: str | None
    source: str | None
    revision: str | None
    card_sha256: str | None
    title: str | None
    description: str | None
    license: str | None
    license_category: str | None
    license_status: str | None
    commercial_use: bool | None
    task: str | None
    library: str | None
    size_bucket: str | None
    missing_fields: tuple[str, ...]
    manifest_path: str | None
    dangling: bool
    languages: tuple[str, ...]
    tags: tuple[str, ...]
    metrics: tuple[Metric, ...]

    def to_json(self) -> dict[str, Any]:
        return {"schema_version": 1, **asdict(self)}


@dataclass(frozen=True)
class Evaluation:
    model: str
    metric: str
    value: float | None


# facet -> ((value, assets), ...), most common first
Facets = dict[str, tuple[tuple[str, int], ...]]

# The asset columns an `AssetRecord` is built from, in its field order.
RECORD_COLUMNS = (
    *("id", "kind", "source", "revision", "card_sha256", "title", "description", "license"),
    *("license_category", "license_status", "commercial_use", "task", "library", "size_bucket"),
    *("missing_fields", "manifest_path", "dangling"),
)


def record_of(
    row: tuple[Any, ...],
    languages: list[str],
    tags: str,
    metrics: list[tuple[Any, ...]],
) -> AssetRecord:
    """An `AssetRecord` from a row in RECORD_COLUMNS order and the asset's details."""
    values = dict(zip(RECORD_COLUMNS, row, strict=True))
    commercial = values["commercial_use"]
    return AssetRecord(
        **{
            **values,
            "commercial_use": None if commercial is None else bool(commercial),
            "missing_fields": tuple(f for f in (values["missing_fields"] or "").split(",") if f),
            "dangling": bool(values["dangling"]),
        },
        languages=tuple(sorted(languages)),
        tags=tuple(t for t in (tags or "").split(" ") if t),
        metrics=tuple(Metric(d, m, v) for d, m, v in metrics),
    )
