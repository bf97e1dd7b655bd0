"""Manifests as catalog rows: what `index` stores for each asset, computed in worker processes.

`prepare(path)` loads one manifest (`manifests.store`: checked against its schema) and returns
`rows_of(manifest)`: the asset row (ASSET_COLUMNS order), its languages, tags, lineage references
(parent id, relation) and reported metrics; or an error message. Nothing here is SQLite-specific:
any catalog backend stores these rows.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from mlassets.core.errors import MlassetsError
from mlassets.io.discovery import display_name
from mlassets.licenses.results import status_of
from mlassets.manifests.model import AssetKind, FileEntry, JsonScalar, Manifest, Relation
from mlassets.manifests.store import load_manifest

TRAINED_ON = "trained_on"
# Fields a well-documented card fills in (the audit's "most common missing fields").
RECOMMENDED: dict[AssetKind, tuple[str, ...]] = {
    AssetKind.MODEL: (
        "license",
        "task",
        "library",
        "languages",
        "datasets",
        "metrics",
        "description",
    ),
    AssetKind.DATASET: ("license", "task", "languages", "description"),
}
_NO_METADATA = frozenset({"C101", "C102", "C103", "C104", "C105"})
ASSET_COLUMNS = (
    *("id", "kind", "source", "revision", "card_sha256", "title", "description", "license"),
    *("license_category", "license_status", "license_declared", "commercial_use", "task"),
    *("library", "size_bucket", "has_metadata", "missing_fields", "manifest_path"),
)


class Prepared(NamedTuple):  # a tuple: cheap to send back from a worker process
    row: tuple[Any, ...]  # in ASSET_COLUMNS order
    languages: tuple[str, ...]
    tags: str
    parents: tuple[tuple[str, str], ...]  # (parent id, relation)
    metrics: tuple[tuple[str | None, str, float | None], ...]

    @property
    def id(self) -> str:
        return str(self.row[0])


def manifest_files(paths: Sequence[Path]) -> list[str]:
    """Every `*.json` under `paths`, in a stable order (strings: a million Paths sort slowly)."""
    files: list[str] = []
    for path in paths:
        if not path.is_dir():
            files.append(str(path))
            continue
        found = []
        for folder, subfolders, names in os.walk(path):
            subfolders[:] = [d for d in subfolders if not d.startswith(".")]
            found += [os.path.join(folder, n) for n in names if n.endswith(".json")]
        files += sorted(found)
    return files


def _size_bucket(files: tuple[FileEntry, ...]) -> str:
    sizes = [f.size for f in files if f.size is not None]
    if not sizes:
        return "unknown"
    total = sum(sizes)
    for limit, name in ((10**8, "<100MB"), (10**9, "100MB-1GB"), (10**10, "1GB-10GB")):
        if total < limit:
            return name
    return ">10GB"


def _number(value: JsonScalar) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def prepare(path: str) -> Prepared | str:
    """One manifest file as catalog rows, or the error message (naming the file) that stops it."""
    try:
        manifest = load_manifest(Path(path))
    except MlassetsError as exc:
        return display_name(str(exc))
    return rows_of(manifest, path)


def rows_of(manifest: Manifest, path: str | None = None) -> Prepared:
    """What the catalog stores for one manifest; `path` is where it was read from."""
    block = manifest.license
    codes = {f.code for f in manifest.findings}
    metrics = tuple((m.dataset, m.type, _number(m.value)) for m in manifest.metrics if m.type)
    present = {
        "license": bool(block.declared),
        "task": bool(manifest.task),
        "library": bool(manifest.library),
        "languages": bool(manifest.languages),
        "datasets": bool(manifest.datasets),
        "metrics": bool(metrics),
        "description": bool(manifest.description),
    }
    missing = [f for f in RECOMMENDED[manifest.kind] if not present[f]]
    commercial = block.classification.commercial_use
    row = (
        *(manifest.id, manifest.kind.value, manifest.source.value, manifest.revision),
        *(manifest.card_sha256, manifest.title, manifest.description, block.concluded),
        block.classification.category,
        status_of(block.concluded),
        int(present["license"]),
        None if commercial is None else int(commercial),
        *(manifest.task, manifest.library, _size_bucket(manifest.files)),
        int(manifest.card_sha256 is not None and not (codes & _NO_METADATA)),
        ",".join(missing),
        None if path is None else display_name(path),  # valid text: a name may not be UTF-8
    )
    parents = tuple(
        (b.id, b.relation.value if b.relation else Relation.FINETUNE.value)
        for b in manifest.base_models
        if b.id
    ) + tuple((d, TRAINED_ON) for d in manifest.datasets)
    return Prepared(row, manifest.languages, " ".join(manifest.tags), parents, metrics)
