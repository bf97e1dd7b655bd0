"""Remote sources. This package is the only code in mlassets that touches the network."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from mlassets.core.errors import AssetReferenceError
from mlassets.core.refs import AssetRef
from mlassets.io.threads import thread_pool
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
    raise AssetReferenceError(f"{ref}: a local reference has nothing to fetch", str(ref))


def default_heads(
    refs: Iterable[AssetRef], policy: RetryPolicy | None = None, *, jobs: int = 16
) -> dict[AssetRef, str]:
    """The default-branch head commit of unpinned Hub references, where the Hub's listing
    answers for them more cheaply than one metadata call each would.

    References are grouped by kind and owner; a group of two or more is looked up in the owner's
    listing, reading at most `LISTING_PAGE` listed repositories per round that `jobs` parallel
    metadata calls would take. What
    the listing does not show is left out: fetch those one by one. The listing may trail a push
    by a moment, which delays noticing that commit until the next run."""
    policy = policy or RetryPolicy()
    groups: dict[tuple[str, str], list[AssetRef]] = defaultdict(list)
    for ref in refs:
        if ref.source == "huggingface" and ref.revision is None and "/" in ref.name:
            groups[(ref.kind or "model", ref.name.split("/")[0])].append(ref)
    groups = {key: members for key, members in groups.items() if len(members) >= 2}
    if not groups:
        return {}
    from mlassets.sources import huggingface

    def look_up(key: tuple[str, str]) -> dict[AssetRef, str]:
        members = groups[key]
        pages = max(1, math.ceil(len(members) / max(1, jobs)))
        heads = huggingface.default_heads(*key, [r.name for r in members], policy, pages)
        return {r: heads[r.name] for r in members if r.name in heads}

    found: dict[AssetRef, str] = {}
    with thread_pool(min(len(groups), jobs)) as pool:
        for heads in pool.map(look_up, groups):
            found.update(heads)
    return found


__all__ = ["FetchedAsset", "RemoteFile", "RetryPolicy", "default_heads", "fetch_remote"]
