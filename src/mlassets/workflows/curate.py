"""`fetch`: turn references (remote or local) into curated manifests on disk."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlassets.core.clock import fetch_time
from mlassets.core.errors import ManifestCollisionError, OperationalError
from mlassets.core.refs import AssetRef, parse_ref
from mlassets.documents.card import read_card
from mlassets.io.discovery import collect, is_card_file
from mlassets.manifests.build import from_card, from_fetched, guarded
from mlassets.manifests.model import Manifest
from mlassets.manifests.store import manifest_filename, write_manifest
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
    claims: dict[str, str] = {}
    for ref in parsed:
        run = _Run(out_dir, fetched_at, policy, kind, openml_server, claims)
        for outcome in _curate_one(ref, run):
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
        card = read_card(path, parsed.name)
        return guarded(parsed.id, lambda: from_card(card, parsed, fetched_at, kind))
    from mlassets.sources import fetch_remote

    asset = fetch_remote(parsed, policy, openml_server=openml_server)
    return guarded(str(parsed), lambda: from_fetched(asset, fetched_at))


@dataclass(frozen=True)
class _Run:
    out_dir: Path
    fetched_at: str
    policy: RetryPolicy | None
    kind: str | None
    openml_server: str | None
    # manifest file name (case-folded: macOS and Windows file systems fold case) -> asset id
    claims: dict[str, str]


def _write(run: _Run, manifest: Manifest, name: str) -> Path:
    """Write one manifest, unless another asset of this run already took its file name."""
    filename = manifest_filename(name)
    owner = run.claims.setdefault(filename.casefold(), name)
    if owner != name:
        raise ManifestCollisionError(
            f"{name}: its manifest file {filename} is already {owner}'s in this run "
            "(the names differ only in case); not overwriting it",
            name,
        )
    return write_manifest(manifest, run.out_dir, name)


def _curate_one(ref: AssetRef, run: _Run) -> Iterator[Curated]:
    try:
        if ref.source == "local":
            for path, card_ref in _local_cards(ref):
                yield _curate_local(path, card_ref, run)
            return
        from mlassets.sources import fetch_remote

        asset = fetch_remote(ref, run.policy, openml_server=run.openml_server)
        data = guarded(str(ref), lambda: from_fetched(asset, run.fetched_at))
        yield Curated(str(ref), _write(run, data, str(ref)), data)
    except OperationalError as exc:
        yield Curated(str(ref), error=exc)


def _curate_local(path: Path, card_ref: AssetRef, run: _Run) -> Curated:
    """One card of a local reference: its failure is its own, the directory's other cards go on."""
    try:
        data = guarded(
            card_ref.id,
            lambda: from_card(read_card(path, card_ref.name), card_ref, run.fetched_at, run.kind),
        )
        return Curated(card_ref.id, _write(run, data, card_ref.id), data)
    except OperationalError as exc:
        return Curated(card_ref.id, error=exc)
