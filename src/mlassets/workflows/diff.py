"""`diff`: what changed between two manifests (two revisions of an asset, or two assets).

Changes are field-level, each with a JSON Pointer, and grouped by topic: `license` (anything
under /license), `lineage` (/base_models, /datasets, /license/lineage), `metrics` (/metrics) and
`other`. Lists of records are matched by their key (files by path, base models by id, metrics by
dataset, split and type), so a reordered list is not a change. `fetched_at` is not compared: it
says when, not what.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypedDict

from mlassets.core.findings import json_pointer
from mlassets.core.refs import parse_ref
from mlassets.core.shapes import Keywords, SchemaVersion, Text
from mlassets.manifests.model import Manifest
from mlassets.manifests.store import load_manifest
from mlassets.sources.retry import RetryPolicy
from mlassets.workflows.curate import fetch_manifest

IGNORED = frozenset({"fetched_at"})
_KEYS = {
    "files": ("path",),
    "base_models": ("id",),
    "metrics": ("dataset", "dataset_config", "split", "type", "name"),
    "findings": ("code", "pointer", "line", "column"),
}
TOPICS = ("license", "lineage", "metrics", "other")


class FieldChangeJson(TypedDict):
    pointer: str
    change: Annotated[str, Keywords(enum=["added", "removed", "changed"])]
    topic: Annotated[str, Keywords(enum=list(TOPICS))]
    before: Any
    after: Any


class ManifestDiffJson(TypedDict):
    """mlassets diff --json"""

    schema_version: SchemaVersion
    a: Text
    b: Text
    license_changed: bool
    changes: list[FieldChangeJson]


@dataclass(frozen=True)
class FieldChange:
    pointer: str
    change: str  # added, removed, changed
    before: Any
    after: Any

    @property
    def topic(self) -> str:
        if self.pointer.startswith("/license/lineage") or self.pointer.startswith(
            ("/base_models", "/datasets")
        ):
            return "lineage"
        if self.pointer.startswith("/license"):
            return "license"
        if self.pointer.startswith("/metrics"):
            return "metrics"
        return "other"

    def to_json(self) -> FieldChangeJson:
        return {
            "pointer": self.pointer,
            "change": self.change,
            "topic": self.topic,
            "before": self.before,
            "after": self.after,
        }


@dataclass(frozen=True)
class ManifestDiff:
    a: str
    b: str
    changes: tuple[FieldChange, ...]

    @property
    def license_changed(self) -> bool:
        return any(c.pointer == "/license/concluded" for c in self.changes)

    def by_topic(self, topic: str) -> tuple[FieldChange, ...]:
        return tuple(c for c in self.changes if c.topic == topic)

    def to_json(self) -> ManifestDiffJson:
        return {
            "schema_version": 1,
            "a": self.a,
            "b": self.b,
            "license_changed": self.license_changed,
            "changes": [c.to_json() for c in self.changes],
        }


def diff_manifests(a: Manifest, b: Manifest, names: tuple[str, str]) -> ManifestDiff:
    """The field-level changes from `a` to `b`, compared on their JSON form (as on disk)."""
    changes: list[FieldChange] = []
    _compare(
        {k: v for k, v in a.to_json().items() if k not in IGNORED},
        {k: v for k, v in b.to_json().items() if k not in IGNORED},
        (),
        changes,
    )
    order = {topic: i for i, topic in enumerate(TOPICS)}
    changes.sort(key=lambda c: (order[c.topic], c.pointer))
    return ManifestDiff(names[0], names[1], tuple(changes))


def _compare(a: Any, b: Any, path: tuple[str | int, ...], out: list[FieldChange]) -> None:
    if a == b:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key not in b:
                out.append(FieldChange(json_pointer((*path, key)), "removed", a[key], None))
            elif key not in a:
                out.append(FieldChange(json_pointer((*path, key)), "added", None, b[key]))
            else:
                _compare(a[key], b[key], (*path, key), out)
        return
    keys = _KEYS.get(str(path[-1])) if path and len(path) == 1 else None
    if isinstance(a, list) and isinstance(b, list) and keys and _records(a) and _records(b):
        _compare_records(a, b, path, keys, out)
        return
    if isinstance(a, list) and isinstance(b, list) and _scalars(a) and _scalars(b):
        gone = sorted(set(map(str, a)) - set(map(str, b)))
        new = sorted(set(map(str, b)) - set(map(str, a)))
        out.extend(FieldChange(json_pointer((*path, i)), "removed", i, None) for i in gone)
        out.extend(FieldChange(json_pointer((*path, i)), "added", None, i) for i in new)
        return
    out.append(FieldChange(json_pointer(path), "changed", a, b))


def _records(items: list[Any]) -> bool:
    return all(isinstance(i, dict) for i in items)


def _scalars(items: list[Any]) -> bool:
    return all(not isinstance(i, dict | list) for i in items)


def _compare_records(
    a: list[dict[str, Any]],
    b: list[dict[str, Any]],
    path: tuple[str | int, ...],
    keys: tuple[str, ...],
    out: list[FieldChange],
) -> None:
    def label(record: dict[str, Any]) -> str:
        return "|".join(str(record.get(k)) for k in keys if record.get(k) is not None)

    before = {label(r): r for r in a}
    after = {label(r): r for r in b}
    for name in sorted(set(before) | set(after)):
        where = (*path, name)
        if name not in after:
            out.append(FieldChange(json_pointer(where), "removed", before[name], None))
        elif name not in before:
            out.append(FieldChange(json_pointer(where), "added", None, after[name]))
        else:
            _compare(before[name], after[name], where, out)


def load_for_diff(
    target: str, *, retry: RetryPolicy | None = None, openml_server: str | None = None
) -> tuple[str, Manifest]:
    """A manifest to compare: a manifest file, a card file, or a reference fetched now."""
    ref = parse_ref(target)
    if ref.source == "local" and Path(ref.name).suffix == ".json":
        return target, load_manifest(Path(ref.name))
    return target, fetch_manifest(ref, policy=retry, openml_server=openml_server)
