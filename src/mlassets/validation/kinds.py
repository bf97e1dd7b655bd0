"""Which kind of card a file is, from its keys and its folder: no schema needed, so building a
manifest for `license-check` does not load the validator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

_DATASET_KEYS = frozenset(
    [
        "task_categories",
        "task_ids",
        "size_categories",
        "annotations_creators",
        "language_creators",
        "multilinguality",
        "source_datasets",
        "configs",
        "dataset_info",
        "pretty_name",
        "paperswithcode_id",
        "licenses",
    ]
)
_MODEL_KEYS = frozenset(
    [
        "model-index",
        "base_model",
        "base_model_relation",
        "pipeline_tag",
        "library_name",
        "new_version",
        "widget",
        "inference",
        "datasets",  # a model card's training data; dataset cards never have it
    ]
)


def infer_kind(metadata: dict[str, Any] | None, path: str) -> str:
    """'model' or 'dataset'. A card in a `models/` folder, or with any model key, is a model;
    then dataset keys, then a `datasets/` folder decide (cards-12: never a model as a dataset)."""
    folder = _kind_folder(path)
    keys = set(metadata or {})
    if folder == "model" or keys & _MODEL_KEYS:
        return "model"
    if keys & _DATASET_KEYS or folder == "dataset":
        return "dataset"
    return "model"


def _kind_folder(path: str) -> str | None:
    """The kind the nearest `models/` or `datasets/` folder in the path says, if any."""
    for part in reversed(Path(path).parts[:-1]):
        if part in ("models", "model"):
            return "model"
        if part in ("datasets", "dataset"):
            return "dataset"
    return None
