"""Manifests on disk by asset id, for lineage: the ones given as targets, the manifests
directory's, and, with fetching on, the ones fetched into it on demand."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mlassets.core.errors import OperationalError, UsageError
from mlassets.core.refs import AssetRef, parse_ref
from mlassets.licenses.lineage import Node
from mlassets.manifests.model import Manifest
from mlassets.manifests.store import read_manifest

if TYPE_CHECKING:  # the sources package (threads, HTTP plumbing) only when fetching
    from mlassets.sources.retry import RetryPolicy


class ManifestIndex:
    """Manifests on disk by asset id, fetched into the directory on demand."""

    def __init__(
        self,
        directory: Path,
        *,
        fetch: bool = False,
        retry: RetryPolicy | None = None,
        openml_server: str | None = None,
    ) -> None:
        self.directory = directory
        self.fetch = fetch
        self.retry = retry
        self.openml_server = openml_server
        self.by_id: dict[str, tuple[Path, Manifest]] = {}
        self.errors: dict[str, str] = {}
        self._unreadable: list[OperationalError] = []
        self._scanned = False

    def _scan(self) -> None:
        """Read the directory on the first lookup: a check without lineage never reads it, so a
        broken file there cannot fail it."""
        if self._scanned:
            return
        self._scanned = True
        if not self.directory.is_dir():
            return
        # Sorted, so `x.json` (unpinned) wins over `x@v1.json`; other JSON files are skipped.
        found: dict[str, tuple[Path, Manifest]] = {}
        for path in sorted(self.directory.glob("*.json")):
            try:
                data = read_manifest(path)
            except OperationalError as exc:
                self._unreadable.append(exc)
                continue
            if data is not None:
                found.setdefault(data.id, (path, data))
        self.by_id = {**self.by_id, **found}  # as before: the directory's file wins

    def add(self, path: Path, manifest: Manifest) -> None:
        """Make a manifest the caller holds (a target of the check) resolvable as an ancestor."""
        self.by_id.setdefault(manifest.id, (path, manifest))

    def get(self, asset_id: str, *, fetch: bool | None = None) -> tuple[Path, Manifest] | None:
        """The manifest for an id or reference: known, or fetched when fetching is on.

        A fetch that fails raises its `OperationalError`: an ancestor that could not be read is
        never taken for one that does not exist.
        """
        self._scan()
        ref = _as_ref(asset_id)
        key = ref.id if ref else asset_id
        known = self.by_id.get(key)
        if known and (ref is None or ref.revision in (None, known[1].revision)):
            return known
        if ref is None or ref.source == "local" or not (self.fetch if fetch is None else fetch):
            if self._unreadable:  # the ancestor may be in a file that does not read
                raise self._unreadable[0]
            return None
        from mlassets.workflows.curate import curate

        report = curate(
            [str(ref)], self.directory, policy=self.retry, openml_server=self.openml_server
        )
        for outcome in report.outcomes:
            if outcome.error:
                self.errors[key] = str(outcome.error)
                raise outcome.error
            if outcome.path and outcome.manifest:
                self.by_id[outcome.manifest.id] = (outcome.path, outcome.manifest)
                return outcome.path, outcome.manifest
        return None

    def node(self, asset_id: str) -> Node | None:
        found = self.get(asset_id)
        return found[1].lineage_node() if found else None


def _as_ref(text: str) -> AssetRef | None:
    """Lineage names assets as `hf://org/name`, `hf://datasets/name`, or a bare dataset name."""
    try:
        return parse_ref(text)
    except UsageError:  # not a reference mlassets can fetch: only an exact id can resolve it
        return None
