"""`fetch`: turn references (remote or local) into curated manifests on disk."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlassets.core.clock import fetch_time
from mlassets.core.errors import OperationalError
from mlassets.core.refs import AssetRef, parse_ref
from mlassets.documents.card import read_card
from mlassets.io.discovery import collect, is_card_file
from mlassets.manifests.build import from_card, from_fetched
from mlassets.manifests.model import Manifest
from mlassets.manifests.store import write_manifest
from mlassets.sources.retry import RetryPolicy

REPORT_VERSION = 1


@dataclass(frozen=True)
class Curated:
    """One reference's outcome: the manifest written, or the operational error that stopped it."""

    ref: str
    path: Path | None = None
    manifest: Manifest | None = None
    error: OperationalError | None = None


@dataclass(frozen=True)
class CurateReport:
    """Every reference's outcome, in the order the references were given."""

    outcomes: tuple[Curated, ...]

    @property
    def written(self) -> tuple[Curated, ...]:
        return tuple(o for o in self.outcomes if o.manifest is not None)

    @property
    def failed(self) -> tuple[Curated, ...]:
        return tuple(o for o in self.outcomes if o.error is not None)

    def to_json(self) -> dict[str, Any]:
        manifests = [
            {
                "id": o.ref,
                "path": str(o.path),
                "revision": o.manifest.revision,
                "license": o.manifest.license.concluded,
            }
            for o in self.outcomes
            if o.manifest is not None
        ]
        return {
            "schema_version": REPORT_VERSION,
            "manifests": sorted(manifests, key=lambda m: str(m["id"])),
            "errors": sorted(str(o.error) for o in self.failed),
        }


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
    on_outcome: Callable[[Curated], None] | None = None,
) -> CurateReport:
    """Write one manifest per asset under `out_dir` and report each outcome.

    All references are parsed first, so a malformed one fails the call (`AssetReferenceError`)
    before any work is done. An operational error on one asset is reported and the others go on.
    `on_outcome`, when given, hears of each outcome as it completes (for progress).
    """
    parsed = [parse_ref(text) for text in refs]
    fetched_at = fetch_time()
    outcomes: list[Curated] = []
    for ref in parsed:
        for outcome in _curate_one(ref, out_dir, fetched_at, policy, kind, openml_server):
            outcomes.append(outcome)
            if on_outcome is not None:
                on_outcome(outcome)
    return CurateReport(tuple(outcomes))


def fetch_manifest(
    ref: str | AssetRef,
    *,
    policy: RetryPolicy | None = None,
    openml_server: str | None = None,
    kind: str | None = None,
) -> Manifest:
    """The manifest of one asset, in memory: nothing is written.

    A remote reference is fetched at its revision; a local one must name one card file.
    """
    parsed = parse_ref(ref) if isinstance(ref, str) else ref
    fetched_at = fetch_time()
    if parsed.source == "local":
        path = Path(parsed.name)
        return from_card(read_card(path, parsed.name), parsed, fetched_at, kind)
    from mlassets.sources import fetch_remote

    return from_fetched(fetch_remote(parsed, policy, openml_server=openml_server), fetched_at)


def _curate_one(
    ref: AssetRef,
    out_dir: Path,
    fetched_at: str,
    policy: RetryPolicy | None,
    kind: str | None,
    openml_server: str | None,
) -> Iterator[Curated]:
    try:
        if ref.source == "local":
            for path, card_ref in _local_cards(ref):
                data = from_card(read_card(path, card_ref.name), card_ref, fetched_at, kind)
                yield Curated(card_ref.id, write_manifest(data, out_dir), data)
            return
        from mlassets.sources import fetch_remote

        asset = fetch_remote(ref, policy, openml_server=openml_server)
        data = from_fetched(asset, fetched_at)
        yield Curated(str(ref), write_manifest(data, out_dir, str(ref)), data)
    except OperationalError as exc:
        yield Curated(str(ref), error=exc)
