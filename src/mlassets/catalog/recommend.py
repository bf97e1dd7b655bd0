"""`recommend`: models for a dataset, and datasets for a model, each score explained.

Models for a dataset: task match, language overlap, license fit for the intended use, and the
evaluation results the models report (`model-index`) on that dataset, or on datasets that share
its task and language. Datasets for a model: task, language and modality fit; a dataset whose
license the lineage rules reject for this model and use is listed apart, with the reason.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any

from mlassets.catalog.query import find_asset
from mlassets.core.findings import Severity
from mlassets.licenses.classify import classify
from mlassets.licenses.lineage import Node, edge_findings

# Metrics where lower is better (their values are inverted before they are compared).
LOWER_IS_BETTER = frozenset({"loss", "wer", "cer", "perplexity", "mae", "mse", "rmse", "ter"})
WEIGHTS = {"task": 0.35, "language": 0.15, "license": 0.2, "evaluation": 0.3}


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


def recommend_models(
    db: sqlite3.Connection,
    dataset_ref: str,
    *,
    use: str | None = None,
    metric: str | None = None,
    limit: int = 10,
) -> Recommendations:
    dataset = find_asset(db, dataset_ref)
    if dataset is None:
        raise LookupError(dataset_ref)
    languages = _languages(db, dataset["rowid"])
    task = dataset["task"]
    names = {_short_id(dataset["id"]), dataset["id"]}
    # Datasets that share the task and a language: their results count half.
    similar = {
        _short_id(r[0])
        for r in db.execute(
            "SELECT a.id FROM assets a JOIN languages l ON l.asset = a.rowid "
            f"WHERE a.kind = 'dataset' AND a.task = ? AND l.language IN ({_marks(languages)})",
            (task, *languages),
        )
    } - names
    evaluated: dict[int, list[tuple[str, str, float]]] = {}
    for rowid, on, kind, value in db.execute(
        f"SELECT asset, dataset, metric, value FROM metrics WHERE value IS NOT NULL "
        f"AND dataset IN ({_marks(names | similar)})",
        (*names, *similar),
    ):
        evaluated.setdefault(rowid, []).append((on, kind, value))
    chosen = metric or _most_common_metric(evaluated, names)
    best = _best_values(evaluated, chosen, names, similar)
    candidates = db.execute(
        f"SELECT rowid, id, task, license, commercial_use FROM assets "
        f"WHERE kind = 'model' AND dangling = 0 AND (task = ? OR rowid IN ({_marks(evaluated)}))",
        (task, *evaluated),
    ).fetchall()
    ranked = []
    for rowid, asset_id, model_task, license_id, commercial in candidates:
        parts = [
            _task_part(model_task, task),
            _language_part(_languages(db, rowid), languages),
            _license_part(commercial, use, license_id),
            _evaluation_part(evaluated.get(rowid, []), chosen, names, similar, best),
        ]
        ranked.append(Recommendation(asset_id, _total(parts), tuple(parts), license_id))
    ranked.sort(key=lambda r: (-r.score, r.id))
    return Recommendations(dataset["id"], tuple(ranked[:limit]), (), chosen)


def _marks(values: Any) -> str:
    return ", ".join("?" * len(values)) or "NULL"


def _most_common_metric(
    evaluated: dict[int, list[tuple[str, str, float]]], names: set[str]
) -> str | None:
    counts = Counter(kind for rows in evaluated.values() for on, kind, _ in rows if on in names)
    if not counts:
        counts = Counter(kind for rows in evaluated.values() for _, kind, _ in rows)
    return counts.most_common(1)[0][0] if counts else None


def _oriented(kind: str, value: float) -> float:
    return -value if kind.lower() in LOWER_IS_BETTER else value


def _best_values(
    evaluated: dict[int, list[tuple[str, str, float]]],
    metric: str | None,
    names: set[str],
    similar: set[str],
) -> dict[str, tuple[float, float]]:
    """Per dataset: the (worst, best) oriented value of the chosen metric among candidates."""
    spread: dict[str, list[float]] = {}
    for rows in evaluated.values():
        for on, kind, value in rows:
            if kind == metric and (on in names or on in similar):
                spread.setdefault(on, []).append(_oriented(kind, value))
    return {on: (min(v), max(v)) for on, v in spread.items()}


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


def _license_part(commercial: int | None, use: str | None, license_id: str | None) -> ScorePart:
    name = license_id or "NOASSERTION"
    if use != "commercial":
        value = 0.5 if name == "NOASSERTION" else 1.0
        why = (
            f"{name}: no license concluded"
            if value < 1
            else f"{name}: fine for {use or 'research'} use"
        )
        return ScorePart("license", value, WEIGHTS["license"], why)
    if commercial == 1:
        return ScorePart("license", 1.0, WEIGHTS["license"], f"{name} allows commercial use")
    if commercial == 0:
        return ScorePart("license", 0.0, WEIGHTS["license"], f"{name} bars commercial use")
    return ScorePart("license", 0.3, WEIGHTS["license"], f"{name}: commercial use unknown")


def _evaluation_part(
    rows: list[tuple[str, str, float]],
    metric: str | None,
    names: set[str],
    similar: set[str],
    best: dict[str, tuple[float, float]],
) -> ScorePart:
    scores = []
    for on, kind, value in rows:
        if kind != metric or on not in best:
            continue
        low, high = best[on]
        relative = 1.0 if high == low else (_oriented(kind, value) - low) / (high - low)
        weight = 1.0 if on in names else 0.5
        scores.append((relative * weight, f"{kind} {value:g} on {on}"))
    if not scores:
        return ScorePart(
            "evaluation", 0.0, WEIGHTS["evaluation"], f"no {metric or 'metric'} reported"
        )
    value, why = max(scores)
    return ScorePart("evaluation", round(value, 4), WEIGHTS["evaluation"], why)


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
