"""Manifests as catalog rows: what `index` stores for each asset, computed in worker processes.

`prepare(path)` reads one manifest and returns the asset row (ASSET_COLUMNS order), its languages,
tags, lineage references (parent id, relation) and reported metrics, or an error message.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from mlassets.licenses.classify import classify
from mlassets.licenses.normalize import status_of

TRAINED_ON = "trained_on"
# Fields a well-documented card fills in (the audit's "most common missing fields").
RECOMMENDED = {
    "model": ("license", "task", "library", "languages", "datasets", "metrics", "description"),
    "dataset": ("license", "task", "languages", "description"),
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


def _size_bucket(files: list[dict[str, Any]]) -> str:
    sizes = [f["size"] for f in files if isinstance(f.get("size"), int)]
    if not sizes:
        return "unknown"
    total = sum(sizes)
    for limit, name in ((10**8, "<100MB"), (10**9, "100MB-1GB"), (10**10, "1GB-10GB")):
        if total < limit:
            return name
    return ">10GB"


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        return float(value)
    except ValueError:
        return None


def prepare(path: str) -> Prepared | str:
    """One manifest as catalog rows, or an error message naming the file."""
    try:
        with open(path, "rb") as file:
            data = json.loads(file.read())
    except (OSError, ValueError) as exc:
        return f"{path}: not readable as a JSON manifest: {exc}"
    if not isinstance(data, dict) or not isinstance(data.get("id"), str) or "license" not in data:
        return f"{path}: not an mlassets manifest (no id or license)"
    license_block = data.get("license") or {}
    concluded = license_block.get("concluded") or "NOASSERTION"
    klass = license_block.get("classification") or classify(concluded).to_json()
    kind = data.get("kind") or "model"
    codes = {f.get("code") for f in data.get("findings") or [] if isinstance(f, dict)}
    languages = tuple(str(x) for x in data.get("languages") or [])
    metrics = tuple(
        (m.get("dataset"), str(m.get("type")), _number(m.get("value")))
        for m in data.get("metrics") or []
        if isinstance(m, dict) and m.get("type")
    )
    present = {
        "license": bool(license_block.get("declared")),
        "task": bool(data.get("task")),
        "library": bool(data.get("library")),
        "languages": bool(languages),
        "datasets": bool(data.get("datasets")),
        "metrics": bool(metrics),
        "description": bool(data.get("description")),
    }
    missing = [f for f in RECOMMENDED.get(kind, ()) if not present[f]]
    commercial = klass.get("commercial_use")
    row = (
        data["id"],
        kind,
        data.get("source"),
        data.get("revision"),
        data.get("card_sha256"),
        data.get("title"),
        data.get("description"),
        concluded,
        klass.get("category", "unknown"),
        status_of(concluded),
        int(present["license"]),
        None if commercial is None else int(commercial),
        data.get("task"),
        data.get("library"),
        _size_bucket(data.get("files") or []),
        int(data.get("card_sha256") is not None and not (codes & _NO_METADATA)),
        ",".join(missing),
        path,
    )
    parents = tuple(
        (b["id"], b.get("relation") or "finetune")
        for b in data.get("base_models") or []
        if isinstance(b, dict) and b.get("id")
    ) + tuple((str(d), TRAINED_ON) for d in data.get("datasets") or [])
    tags = " ".join(str(t) for t in data.get("tags") or [])
    return Prepared(row, languages, tags, parents, metrics)
