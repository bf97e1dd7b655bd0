"""What a source hands back: the raw material of a manifest, before any curation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mlassets.core.refs import AssetRef


@dataclass(frozen=True)
class RemoteFile:
    path: str
    size: int | None
    sha256: str | None  # known for LFS files only


@dataclass(frozen=True)
class FetchedAsset:
    """An asset as a source saw it at one revision.

    `revision` is the resolved commit sha (Hub) or dataset version (OpenML). `card` holds the raw
    README.md bytes when the repository has one. `description` holds OpenML's normalised
    description fields. The rest is repository metadata the card does not carry.
    """

    ref: AssetRef
    revision: str | None
    card: bytes | None = None
    description: dict[str, Any] | None = None
    tags: tuple[str, ...] = ()
    gated: bool | str = False
    pipeline_tag: str | None = None
    library_name: str | None = None
    last_modified: str | None = None
    files: tuple[RemoteFile, ...] = field(default=())
    # True when the caller said which revision it already has and the source still resolves to
    # it: then nothing but the metadata was fetched (no card), and the caller keeps its manifest.
    unchanged: bool = False
