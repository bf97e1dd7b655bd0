"""Manifests on disk: canonical bytes, safe file names, atomic writes, typed reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mlassets.core.errors import ManifestError
from mlassets.io.atomic import write_bytes_atomic
from mlassets.io.files import read_json
from mlassets.manifests.check import check_schema
from mlassets.manifests.model import Manifest


def manifest_filename(ident: str) -> str:
    """A flat, safe file name for a reference (`models--acme--tiny.json`, `openml--61.json`).

    A reference pinned to a revision (`hf://acme/tiny@v1.0`) gets its own file
    (`models--acme--tiny@v1.0.json`), so two revisions fetched together both survive.
    """
    if ident.startswith("hf://datasets/"):
        stem = "datasets--" + ident[len("hf://datasets/") :]
    elif ident.startswith("hf://"):
        stem = "models--" + ident[len("hf://") :]
    elif ident.startswith("openml://"):
        stem = "openml--" + ident[len("openml://") :]
    else:
        stem = "local--" + Path(ident).with_suffix("").as_posix().lstrip("./")
    return re.sub(r"[^A-Za-z0-9._@-]+", "--", stem.replace("/", "--")) + ".json"


def dumps(manifest: Manifest) -> bytes:
    """The canonical bytes of a manifest: sorted keys, two-space indent, UTF-8, final newline."""
    text = json.dumps(
        manifest.to_json(), sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False
    )
    return (text + "\n").encode()


def write_manifest(manifest: Manifest, out_dir: Path, name: str | None = None) -> Path:
    """Write a manifest atomically under `out_dir`, named after `name` or its id."""
    target = out_dir / manifest_filename(name or manifest.id)
    write_manifest_at(manifest, target)
    return target


def write_manifest_at(manifest: Manifest, target: Path) -> None:
    """Write a manifest atomically to `target`, after checking it against its schema."""
    try:  # a bug in mlassets, not in the user's input: never write a manifest that lies
        check_schema(manifest.to_json(), str(target))
    except ManifestError as exc:
        raise AssertionError(f"manifest for {manifest.id} breaks its schema: {exc}") from exc
    write_bytes_atomic(target, dumps(manifest))


def read_manifest(path: Path) -> Manifest | None:
    """The manifest in a JSON file, or None when the JSON is something else (not a manifest)."""
    data = read_json(path, "a JSON manifest")
    if isinstance(data, dict) and "id" in data and "license" in data:
        return Manifest.from_json(data, str(path))
    return None


def load_manifest(path: Path) -> Manifest:
    """The manifest in a JSON file; `ManifestError` when the file holds something else."""
    manifest = read_manifest(path)
    if manifest is None:
        raise ManifestError(f"{path}:1:1: not an mlassets manifest (no id or license)", str(path))
    return manifest
