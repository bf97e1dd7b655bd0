"""Exports of curated manifests to the formats other tools read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mlassets.manifest import fetch_time


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
