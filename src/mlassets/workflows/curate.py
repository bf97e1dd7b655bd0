"""`fetch`: turn references (remote or local) into curated manifests on disk."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlassets.core.clock import fetch_time
from mlassets.core.errors import OperationalError
from mlassets.core.refs import AssetRef, parse_ref
from mlassets.documents.card import read_card
from mlassets.io.discovery import collect, is_card_file
from mlassets.manifests import build as manifest
from mlassets.sources.retry import RetryPolicy


@dataclass(frozen=True)
class Curated:
    """One reference's outcome: the manifest written, or the operational error that stopped it."""

    ref: str
    path: Path | None = None
    manifest: dict[str, Any] | None = None
    error: OperationalError | None = None


def _local_cards(ref: AssetRef) -> list[tuple[Path, AssetRef]]:
    """The card files a local reference names: itself, or the cards in its directory tree."""
    return [
        (p, AssetRef("local", None, name)) for p, name in collect([Path(ref.name)], is_card_file)
    ]


def curate(
    refs: Sequence[str],
    out_dir: Path,
    *,
    policy: RetryPolicy | None = None,
    kind: str | None = None,
    openml_server: str | None = None,
) -> Iterator[Curated]:
    """Write one manifest per asset under `out_dir`, yielding each outcome as it completes.

    All references are parsed first, so a malformed one fails the run (a usage error) before any
    work is done. An operational error on one asset is reported and the others go on.
    """
    parsed = [parse_ref(text) for text in refs]
    fetched_at = fetch_time()
    for ref in parsed:
        try:
            if ref.source == "local":
                for path, card_ref in _local_cards(ref):
                    data = manifest.from_card(
                        read_card(path, card_ref.name), card_ref, fetched_at, kind
                    )
                    yield Curated(card_ref.id, manifest.write_manifest(data, out_dir), data)
                continue
            from mlassets.sources import fetch_remote

            asset = fetch_remote(ref, policy, openml_server=openml_server)
            data = manifest.from_fetched(asset, fetched_at)
            yield Curated(str(ref), manifest.write_manifest(data, out_dir, str(ref)), data)
        except OperationalError as exc:
            yield Curated(str(ref), error=exc)
