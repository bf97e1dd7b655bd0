"""`export`: manifests on disk to one of the formats other tools read, as bytes with file names.

CycloneDX, SPDX 2.3 and SPDX 3.0.1 give one document for all the manifests; Croissant gives one
per dataset, named after the dataset's key. Nothing is written or printed here: the caller
decides where the bytes go.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mlassets.core.errors import UsageError

if TYPE_CHECKING:  # the CLI imports this module for ExportFormat: keep `--help` light
    from mlassets.manifests.model import Manifest


class ExportFormat(enum.StrEnum):
    CYCLONEDX = "cyclonedx"
    SPDX = "spdx"
    SPDX3 = "spdx3"
    CROISSANT = "croissant"


# The name of the one document a format gives, for a caller writing it into a directory.
SINGLE_DOCUMENT_NAMES = {
    ExportFormat.CYCLONEDX: "mlassets.cdx.json",
    ExportFormat.SPDX: "mlassets.spdx.json",
    ExportFormat.SPDX3: "mlassets.spdx3.json",
}


@dataclass(frozen=True)
class ExportedDocument:
    """One exported document: the file name it goes under and its UTF-8 bytes."""

    name: str
    content: bytes


@dataclass(frozen=True)
class ExportResult:
    """What an export produced: one document, or one per dataset for Croissant."""

    format: ExportFormat
    assets: int  # the manifests read, each revision of an asset counted
    documents: tuple[ExportedDocument, ...]


def export(paths: Sequence[Path], fmt: ExportFormat) -> ExportResult:
    """Export the manifests among `paths` (files, or directories searched for
    `*.json` files that look like manifests).

    `UsageError` when there is nothing to export, `ManifestError` for a file that is not a
    manifest, `ExportError` when an export library refuses the document.
    """
    return export_manifests(load_manifests(paths), fmt)


def load_manifests(paths: Sequence[Path]) -> list[Manifest]:
    """The manifests in the `*.json` files named or found under the directories named."""
    from mlassets.io.discovery import collect, is_manifest_file
    from mlassets.manifests.store import load_manifest

    found = collect(paths, is_manifest_file)
    return [load_manifest(p) for p, _ in found if p.suffix == ".json"]


def export_manifests(manifests: Sequence[Manifest], fmt: ExportFormat) -> ExportResult:
    """Export manifests already in hand."""
    if not manifests:
        raise UsageError("no manifests to export (give manifest files or directories)")
    if fmt is ExportFormat.CROISSANT:
        documents = _croissant(manifests)
    else:
        text = _single(manifests, fmt)
        documents = (ExportedDocument(SINGLE_DOCUMENT_NAMES[fmt], text.encode("utf-8")),)
    return ExportResult(fmt, len(manifests), documents)


def _single(manifests: Sequence[Manifest], fmt: ExportFormat) -> str:
    # Each exporter is imported only when chosen: the SPDX libraries are slow to import.
    if fmt is ExportFormat.CYCLONEDX:
        from mlassets.formats import cyclonedx

        return cyclonedx.dumps(manifests)
    if fmt is ExportFormat.SPDX3:
        from mlassets.formats import spdx3

        return spdx3.dumps(manifests)
    from mlassets.formats import spdx

    return spdx.dumps(spdx.document(manifests))


def _croissant(manifests: Sequence[Manifest]) -> tuple[ExportedDocument, ...]:
    """One document per dataset, in key order, named after the key as its manifest file is."""
    from mlassets.formats import croissant
    from mlassets.formats.common import keyed
    from mlassets.manifests.model import AssetKind
    from mlassets.manifests.store import manifest_filename

    datasets = [(key, m) for key, m in keyed(manifests) if m.kind is AssetKind.DATASET]
    if not datasets:
        raise UsageError("Croissant describes datasets, and none of these manifests is one")
    return tuple(
        ExportedDocument(
            manifest_filename(key).removesuffix(".json") + ".croissant.json",
            croissant.dumps(manifest).encode("utf-8"),
        )
        for key, manifest in datasets
    )
