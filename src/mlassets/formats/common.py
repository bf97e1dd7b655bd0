"""Exports of curated manifests to the formats other tools read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from mlassets.core.clock import fetch_time


def download_location(asset_id: str) -> str | None:
    """Where an asset lives on the web: its Hub page or its OpenML page."""
    if asset_id.startswith("hf://"):
        return "https://huggingface.co/" + asset_id.removeprefix("hf://")
    if asset_id.startswith("openml://"):
        return "https://www.openml.org/d/" + asset_id.removeprefix("openml://")
    return None


def created_at(manifests: Sequence[dict[str, Any]]) -> str:
    """The newest manifest's fetch time: an export's time, so the same input gives the same
    bytes."""
    return max((m["fetched_at"] for m in manifests if m.get("fetched_at")), default=fetch_time())


def keyed(manifests: Sequence[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    """Each manifest with the key that names it in an export, in key order.

    The key is the asset's id, or `id@revision` when the export holds more than one revision of
    it (a project may lock two). A lineage reference names a bare id, so it then matches none of
    them: exporters show it as an asset named without a revision, which is what the card says.
    The same id at the same revision twice is one asset, kept once."""
    unique = {(m["id"], m.get("revision")): m for m in manifests}
    revisions = Counter(asset_id for asset_id, _ in unique)
    pairs = [
        (f"{asset_id}@{revision}" if revisions[asset_id] > 1 and revision else asset_id, manifest)
        for (asset_id, revision), manifest in unique.items()
    ]
    return sorted(pairs, key=lambda pair: pair[0])
