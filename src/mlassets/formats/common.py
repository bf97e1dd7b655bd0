"""Exports of curated manifests to the formats other tools read."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from mlassets.core.clock import fetch_time
from mlassets.core.errors import ExportError
from mlassets.manifests.model import AssetKind, Manifest


def download_location(asset_id: str) -> str | None:
    """Where an asset lives on the web: its Hub page or its OpenML page."""
    if asset_id.startswith("hf://"):
        return "https://huggingface.co/" + asset_id.removeprefix("hf://")
    if asset_id.startswith("openml://"):
        return "https://www.openml.org/d/" + asset_id.removeprefix("openml://")
    return None


def created_at(manifests: Sequence[Manifest]) -> str:
    """The newest manifest's fetch time: an export's time, so the same input gives the same
    bytes."""
    return max((m.fetched_at for m in manifests if m.fetched_at), default=fetch_time())


def created_time(manifests: Sequence[Manifest]) -> dt.datetime:
    """`created_at` as a naive UTC datetime; `ExportError` when it is not `YYYY-MM-DDTHH:MM:SSZ`
    (the schema only asks for a string, and the SPDX libraries need a time)."""
    text = created_at(manifests)
    try:
        return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError as exc:
        owner = next((m.id for m in manifests if m.fetched_at == text), None)
        raise ExportError(
            f"{owner}: fetched_at {text!r} is not YYYY-MM-DDTHH:MM:SSZ", owner
        ) from exc


def keyed(manifests: Sequence[Manifest]) -> list[tuple[str, Manifest]]:
    """Each manifest with the key that names it in an export, in key order.

    The key is the asset's id, or `id@revision` when the export holds more than one revision of
    it (a project may lock two). A lineage reference names a bare id, so it then matches none of
    them: exporters show it as an asset named without a revision, which is what the card says.
    The same id at the same revision twice is one asset, kept once."""
    unique = {(m.id, m.revision): m for m in manifests}
    revisions = Counter(asset_id for asset_id, _ in unique)
    pairs = [
        (f"{asset_id}@{revision}" if revisions[asset_id] > 1 and revision else asset_id, manifest)
        for (asset_id, revision), manifest in unique.items()
    ]
    return sorted(pairs, key=lambda pair: pair[0])


def parents(manifest: Manifest) -> list[str]:
    """What the asset derives from, as its card names them: base models, then datasets."""
    return [b.id for b in manifest.base_models] + list(manifest.datasets)


def unresolved(ordered: Sequence[tuple[str, Manifest]]) -> list[str]:
    """The parents that name no key of `ordered`, each once, in the order they are first named:
    exporters still show them (as assets without details) so that every lineage link resolves."""
    known = {key for key, _ in ordered}
    missing = (parent for _, m in ordered for parent in parents(m) if parent not in known)
    return list(dict.fromkeys(missing))


def referenced_kind(asset_id: str) -> AssetKind:
    """The kind of an asset known only by reference: its id is all there is to go by."""
    return AssetKind.DATASET if asset_id.startswith("hf://datasets/") else AssetKind.MODEL
