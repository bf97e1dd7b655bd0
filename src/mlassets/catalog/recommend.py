"""`recommend datasets`: datasets for a model, each score explained.

Task, language and modality fit; a dataset whose license the lineage rules reject for this model
and use is listed apart, with the reason. (Models for a dataset are `select models`, in
`catalog/select.py`: ranked from evaluation results rather than by hand-set weights.)
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from mlassets.catalog.query import find_asset
from mlassets.core.findings import Severity
from mlassets.licenses.classify import classify
from mlassets.licenses.lineage import Node, edge_findings

WEIGHTS = {"task": 0.35, "language": 0.15, "license": 0.2}


@dataclass(frozen=True)
class ScorePart:
    name: str
    value: float  # 0..1
    weight: float
    why: str


@dataclass(frozen=True)
class Recommendation:
    id: str
    score: float
    parts: tuple[ScorePart, ...]
    license: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "score": self.score,
            "license": self.license,
            "parts": [p.__dict__ for p in self.parts],
        }


@dataclass(frozen=True)
class Rejected:
    id: str
    license: str | None
    reasons: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "license": self.license, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Recommendations:
    target: str
    ranked: tuple[Recommendation, ...]
    rejected: tuple[Rejected, ...]
    metric: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": 1,
            "for": self.target,
            "metric": self.metric,
            "ranked": [r.to_json() for r in self.ranked],
            "rejected": [r.to_json() for r in self.rejected],
        }


def modality(task: str | None) -> str:
    text = task or ""
    if any(w in text for w in ("image", "object", "depth", "video", "vision", "mask-generation")):
        return "vision"
    if any(w in text for w in ("audio", "speech", "voice")):
        return "audio"
    return "text" if text else "unknown"


def _languages(db: sqlite3.Connection, rowid: int) -> set[str]:
    return {r[0] for r in db.execute("SELECT language FROM languages WHERE asset = ?", (rowid,))}


def _short_id(asset_id: str) -> str:
    return asset_id.removeprefix("hf://").removeprefix("datasets/")


def _total(parts: list[ScorePart]) -> float:
    return round(sum(p.value * p.weight for p in parts) / sum(p.weight for p in parts), 4)


def _marks(values: Any) -> str:
    return ", ".join("?" * len(values)) or "NULL"


def _task_part(model_task: str | None, task: str | None) -> ScorePart:
    if not task:
        return ScorePart("task", 0.5, WEIGHTS["task"], "the target states no task")
    if model_task == task:
        return ScorePart("task", 1.0, WEIGHTS["task"], f"same task: {task}")
    if modality(model_task) == modality(task) and model_task:
        return ScorePart("task", 0.3, WEIGHTS["task"], f"{model_task}: same modality, other task")
    return ScorePart("task", 0.0, WEIGHTS["task"], f"task {model_task or 'unknown'} ≠ {task}")


def _language_part(model: set[str], wanted: set[str]) -> ScorePart:
    if not wanted:
        return ScorePart("language", 0.5, WEIGHTS["language"], "the target states no language")
    if not model:
        return ScorePart("language", 0.5, WEIGHTS["language"], "no language stated")
    shared = sorted(model & wanted)
    if shared:
        return ScorePart("language", 1.0, WEIGHTS["language"], f"shares {', '.join(shared)}")
    return ScorePart(
        "language", 0.0, WEIGHTS["language"], f"no shared language ({', '.join(sorted(model))})"
    )


def recommend_datasets(
    db: sqlite3.Connection, model_ref: str, *, use: str | None = None, limit: int = 10
) -> Recommendations:
    model = find_asset(db, model_ref)
    if model is None:
        raise LookupError(model_ref)
    languages = _languages(db, model["rowid"])
    task, kind = model["task"], modality(model["task"])
    node = Node(model["id"], "model", model["license"] or "NOASSERTION")
    ranked, rejected = [], []
    tasks = [
        r[0]
        for r in db.execute("SELECT DISTINCT task FROM assets WHERE kind = 'dataset'")
        if r[0] is not None and (r[0] == task or modality(r[0]) == kind)
    ]
    for rowid, asset_id, data_task, license_id in db.execute(
        "SELECT rowid, id, task, license FROM assets WHERE kind = 'dataset' AND dangling = 0"
        f" AND task IN ({_marks(tasks)})",
        tasks,
    ).fetchall():
        data = Node(asset_id, "dataset", license_id or "NOASSERTION")
        problems = [
            f for f in edge_findings(node, data, "training data") if f.severity is Severity.ERROR
        ]
        reasons = [f"{f.code}: {f.message}" for f in problems]
        if use == "commercial" and not reasons:
            reasons += _commercial_reasons(data)
        if license_id in (None, "NOASSERTION"):
            reasons.append("no license concluded: the terms of use are unknown")
        if reasons:
            rejected.append(Rejected(asset_id, license_id, tuple(reasons)))
            continue
        parts = [
            _task_part(data_task, task),
            _language_part(_languages(db, rowid), languages),
            ScorePart("modality", 1.0, 0.2, f"{kind} data for a {kind} model"),
        ]
        ranked.append(Recommendation(asset_id, _total(parts), tuple(parts), license_id))
    ranked.sort(key=lambda r: (-r.score, r.id))
    rejected.sort(key=lambda r: r.id)
    return Recommendations(model["id"], tuple(ranked[:limit]), tuple(rejected), None)


def _commercial_reasons(data: Node) -> list[str]:
    if classify(data.license).commercial_use is False:
        return [f"{data.license} bars commercial use, the intended use"]
    return []
