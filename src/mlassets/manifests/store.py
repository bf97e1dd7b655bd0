"""Manifests on disk: canonical bytes, safe file names, atomic writes, typed reads."""

from __future__ import annotations

import json
import re
from pathlib import Path, PurePosixPath

from mlassets.core.errors import ManifestError
from mlassets.io.atomic import write_bytes_atomic
from mlassets.io.files import loads_json, read_json
from mlassets.manifests.check import check_schema
from mlassets.manifests.model import Manifest

_UNSAFE = re.compile(r"[^A-Za-z0-9._@-]+")
_PREFIXES = (("hf://datasets/", "datasets--"), ("hf://", "models--"), ("openml://", "openml--"))


def manifest_filename(ident: str) -> str:
    """A flat, safe file name for a reference (`models--acme--tiny.json`, `openml--61.json`).

    A reference pinned to a revision (`hf://acme/tiny@v1.0`) gets its own file
    (`models--acme--tiny@v1.0.json`), so two revisions fetched together both survive.

    Distinct references get distinct names. Where the plain name reads back as the reference
    (`/` as `--`, the characters above kept as they are), it is used as it is; where it would not
    (`x y.md` and `x/y.md` both flatten to `x--y`, non-ASCII names to nothing), it carries
    `~` and a hash of the whole reference, and `~` never appears in a plain name.
    """
    ident = _normal(ident)
    prefix, rest = next(
        ((p, ident[len(src) :]) for src, p in _PREFIXES if ident.startswith(src)),
        ("local--", ident),
    )
    if prefix == "local--":
        rest = rest[: -len(".md")] if rest.endswith(".md") else rest
    stem = prefix + _UNSAFE.sub("--", rest.replace("/", "--"))
    if _plain_reference(stem) != ident:
        import hashlib  # OpenSSL, ~3 ms: only for a name that needs a digest

        digest = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        stem = prefix + _UNSAFE.sub("--", rest.lstrip("./").replace("/", "--")) + "~" + digest
    return stem + ".json"


def _normal(ident: str) -> str:
    """`./cards/x.md` and `cards//x.md` name the file `cards/x.md` does: one manifest for all."""
    if "://" in ident or not ident:
        return ident
    return PurePosixPath(ident).as_posix()


def _plain_reference(stem: str) -> str | None:
    """The reference a plain (hash-free) file name stands for."""
    for source, prefix in (*_PREFIXES, ("", "local--")):
        if stem.startswith(prefix):
            back = source + stem[len(prefix) :].replace("--", "/")
            return back if source else back + ".md"
    return None


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


def read_manifest(path: Path, raw: bytes | None = None) -> Manifest | None:
    """The manifest in a JSON file (its bytes, when the caller has read them already), or None
    when the JSON is something else (not a manifest)."""
    where = str(path)
    data = (
        read_json(path, "a JSON manifest")
        if raw is None
        else loads_json(raw, where, "a JSON manifest")
    )
    if isinstance(data, dict) and "id" in data and "license" in data:
        return Manifest.from_json(data, where)
    return None


def load_manifest(path: Path, raw: bytes | None = None) -> Manifest:
    """The manifest in a JSON file; `ManifestError` when the file holds something else."""
    manifest = read_manifest(path, raw)
    if manifest is None:
        raise ManifestError(f"{path}:1:1: not an mlassets manifest (no id or license)", str(path))
    return manifest
