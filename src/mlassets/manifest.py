"""Curated manifests: one deterministic, schema-valid JSON document per asset.

Identical input gives identical bytes. The only field that varies between runs is `fetched_at`,
and it is fixed when SOURCE_DATE_EPOCH is set (reproducible-builds convention).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from mlassets import openml_description
from mlassets.atomic import write_bytes_atomic
from mlassets.cards import Card, parse_card, read_json
from mlassets.checks import schema_findings
from mlassets.errors import UnreadableFileError
from mlassets.licenses import conclude_card_license, conclude_text
from mlassets.refs import AssetRef, is_repo_id
from mlassets.schemas import validator_for
from mlassets.sources.base import FetchedAsset
from mlassets.validate import check_card, infer_kind

SCHEMA_VERSION = 1
_DESCRIPTION_LIMIT = 1000


def fetch_time() -> str:
    """Now, or SOURCE_DATE_EPOCH when set, as `YYYY-MM-DDTHH:MM:SSZ`."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        if epoch and epoch.isdigit()
        else dt.datetime.now(dt.UTC)
    )
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def from_fetched(asset: FetchedAsset, fetched_at: str) -> dict[str, Any]:
    """The manifest for an asset a remote source returned."""
    if asset.description is not None:
        return _from_openml(asset, fetched_at)
    card = parse_card(asset.card, f"{asset.ref.id}/README.md") if asset.card is not None else None
    kind = asset.ref.kind or infer_kind(card.metadata if card else None, asset.ref.name)
    manifest = _from_card(asset.ref.id, kind, "huggingface", card, fetched_at)
    metadata = card.metadata if card and card.metadata else {}
    manifest.update(
        revision=asset.revision,
        task=manifest["task"] or asset.pipeline_tag,
        library=metadata.get("library_name") or asset.library_name,
        gated=asset.gated,
        last_modified=asset.last_modified,
        tags=sorted(set(manifest["tags"]) | set(asset.tags)),
        files=[
            {"path": f.path, "size": f.size, "sha256": f.sha256}
            for f in sorted(asset.files, key=lambda f: f.path)
        ],
    )
    if manifest["title"] is None:
        manifest["title"] = asset.ref.name
    return manifest


def from_card(
    card: Card, ref: AssetRef, fetched_at: str, kind: str | None = None
) -> dict[str, Any]:
    """The manifest for a local card file."""
    kind = kind or infer_kind(card.metadata, card.path)
    manifest = _from_card(ref.id, kind, "local", card, fetched_at)
    if manifest["title"] is None:
        manifest["title"] = Path(card.path).stem
    return manifest


def _skeleton(ident: str, kind: str, source: str, fetched_at: str) -> dict[str, Any]:
    """A manifest with every field present and empty; the builders fill in what they know."""
    return {
        "schema_version": SCHEMA_VERSION,
        "id": ident,
        "kind": kind,
        "source": source,
        "revision": None,
        "card_sha256": None,
        "fetched_at": fetched_at,
        "title": None,
        "description": None,
        "license": conclude_card_license(None).to_json(),
        "task": None,
        "languages": [],
        "datasets": [],
        "base_models": [],
        "metrics": [],
        "files": [],
        "tags": [],
        "library": None,
        "gated": False,
        "last_modified": None,
        "findings": [],
    }


def _from_card(
    ident: str, kind: str, source: str, card: Card | None, fetched_at: str
) -> dict[str, Any]:
    manifest = _skeleton(ident, kind, source, fetched_at)
    if card is None:
        return manifest
    metadata: dict[str, Any] = card.metadata or {}
    task = metadata.get("pipeline_tag")
    categories = metadata.get("task_categories")
    if task is None and isinstance(categories, list) and categories:
        task = categories[0]
    manifest.update(
        card_sha256=card.sha256,
        title=_text(metadata.get("pretty_name")) or _first_heading(card.body),
        description=_first_paragraph(card.body),
        license=conclude_card_license(card.metadata, card.located, card.body).to_json(),
        task=_text(task),
        languages=_string_list(metadata.get("language")),
        datasets=[_dataset_ref(d) for d in _string_list(metadata.get("datasets"))],
        base_models=_base_models(metadata),
        metrics=_metrics(metadata.get("model-index")),
        tags=sorted(set(_string_list(metadata.get("tags")))),
        library=_text(metadata.get("library_name")),
        findings=[f.to_json() for f in check_card(card, kind)[1]],
    )
    return manifest


def _from_openml(asset: FetchedAsset, fetched_at: str) -> dict[str, Any]:
    fields = asset.description or {}
    findings = schema_findings(validator_for("openml-description"), fields, None)
    manifest = _skeleton(asset.ref.id, "dataset", "openml", fetched_at)
    manifest.update(
        revision=asset.revision,
        card_sha256=hashlib.sha256(openml_description.dumps_for_hash(fields)).hexdigest(),
        title=_text(fields.get("name")),
        description=_clip(_text(fields.get("description"))),
        license=conclude_text(fields.get("licence")).to_json(),
        languages=_string_list(fields.get("language")),
        tags=sorted(set(_string_list(fields.get("tag")))),
        last_modified=_text(fields.get("upload_date")),
        findings=[f.to_json() for f in findings],
    )
    return manifest


def _text(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _string_list(value: Any) -> list[str]:
    if value is None or isinstance(value, dict):
        return []
    items = value if isinstance(value, list) else [value]
    return [str(v) for v in items if v is not None and not isinstance(v, dict | list)]


def _dataset_ref(name: str) -> str:
    return f"hf://datasets/{name}" if is_repo_id(name) else name


def _base_models(metadata: dict[str, Any]) -> list[dict[str, Any]]:
    relation = metadata.get("base_model_relation")
    relation = relation if relation in ("adapter", "merge", "quantized", "finetune") else None
    return [
        {"id": f"hf://{b}" if is_repo_id(b) else b, "relation": relation}
        for b in _string_list(metadata.get("base_model"))
    ]


def _metrics(model_index: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    if not isinstance(model_index, list):
        return rows
    for entry in model_index:
        if not isinstance(entry, dict):
            continue
        for result in entry.get("results") or []:
            if not isinstance(result, dict):
                continue
            task = _mapping(result.get("task"))
            data = _mapping(result.get("dataset"))
            for metric in result.get("metrics") or []:
                if not isinstance(metric, dict) or _text(metric.get("type")) is None:
                    continue
                value = metric.get("value")
                rows.append(
                    {
                        "model": _text(entry.get("name")),
                        "task": _text(task.get("type")),
                        "dataset": _text(data.get("type")),
                        "dataset_config": _text(data.get("config")),
                        "split": _text(data.get("split")),
                        "type": _text(metric.get("type")),
                        "name": _text(metric.get("name")),
                        "value": value
                        if isinstance(value, int | float | str | bool) or value is None
                        else str(value),
                    }
                )
    return rows


_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _first_heading(body: str) -> str | None:
    match = _HEADING.search(body)
    return match.group(1).strip() if match else None


def _first_paragraph(body: str) -> str | None:
    """The first block of prose: not a heading, badge, HTML, table, code fence or list."""
    for block in re.split(r"\n\s*\n", body.replace("\r\n", "\n")):
        text = block.strip()
        if not text or text[0] in "#<![|`>-*" or text.startswith(("```", "---")):
            continue
        return _clip(" ".join(text.split()))
    return None


def _clip(text: str | None) -> str | None:
    if text is None or len(text) <= _DESCRIPTION_LIMIT:
        return text
    return text[: _DESCRIPTION_LIMIT - 1].rstrip() + "…"


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


def dumps(manifest: dict[str, Any]) -> bytes:
    """The canonical bytes of a manifest: sorted keys, two-space indent, UTF-8, final newline."""
    return (
        json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    ).encode()


def write_manifest(manifest: dict[str, Any], out_dir: Path, name: str | None = None) -> Path:
    """Check a manifest against its schema and write it atomically under `out_dir`."""
    target = out_dir / manifest_filename(name or manifest["id"])
    write_manifest_at(manifest, target)
    return target


def write_manifest_at(manifest: dict[str, Any], target: Path) -> None:
    """Check a manifest against its schema and write it atomically to `target`."""
    errors = sorted(
        validator_for("manifest").iter_errors(manifest), key=lambda e: list(e.absolute_path)
    )
    if errors:  # a bug in mlassets, not in the user's input: never write a manifest that lies
        first = errors[0]
        raise AssertionError(
            f"manifest for {manifest.get('id')} breaks its schema: {first.message}"
        )
    write_bytes_atomic(target, dumps(manifest))


def read_manifest(path: Path) -> dict[str, Any] | None:
    """The manifest in a JSON file, or None when the JSON is something else."""
    data = read_json(path, "a JSON manifest")
    if isinstance(data, dict) and "id" in data and "license" in data:
        return data
    return None


def load_manifest(path: Path) -> dict[str, Any]:
    data = read_manifest(path)
    if data is None:
        raise UnreadableFileError(f"{path}:1:1: not an mlassets manifest (no id or license)")
    return data
