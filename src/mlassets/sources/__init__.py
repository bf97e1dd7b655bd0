"""Remote sources. This package is the only code in mlassets that touches the network."""

from __future__ import annotations

from mlassets.errors import AssetReferenceError
from mlassets.refs import AssetRef
from mlassets.sources.base import FetchedAsset, RemoteFile
from mlassets.sources.retry import RetryPolicy


def fetch_remote(
    ref: AssetRef,
    policy: RetryPolicy | None = None,
    *,
    openml_server: str | None = None,
    known_revision: str | None = None,
) -> FetchedAsset:
    """Fetch a Hub or OpenML asset. Local references are not fetched: read them with `cards`.

    With `known_revision`, a Hub asset that still resolves to it comes back `unchanged`, after the
    metadata call alone (its card is not downloaded)."""
    policy = policy or RetryPolicy()
    if ref.source == "huggingface":
        from mlassets.sources import huggingface

        return huggingface.fetch(ref, policy, known_revision)
    if ref.source == "openml":
        from mlassets.sources import openml

        return openml.fetch(ref, policy, openml_server)
    raise AssetReferenceError(f"{ref}: a local reference has nothing to fetch")


__all__ = ["FetchedAsset", "RemoteFile", "RetryPolicy", "fetch_remote"]
