"""The catalog's errors: every one is an `MlassetsError`.

`CatalogError` (core) is a database that cannot be opened, read or written: missing, locked,
corrupt, not a catalog, or from a newer mlassets. `AssetNotFoundError` is a reference that names
no asset in the catalog: the caller's input, so a `UsageError`, and a `LookupError` as before.
"""

from __future__ import annotations

from mlassets.core.errors import CatalogError, UsageError

__all__ = ["AssetNotFoundError", "CatalogError"]


class AssetNotFoundError(UsageError, LookupError):
    """A reference that names no asset in the catalog (`subject`: the reference)."""

    def __init__(self, ref: str, location: str | None = None) -> None:
        where = f"the catalog {location}" if location else "the catalog"
        super().__init__(f"{ref}: not in {where}", ref)
