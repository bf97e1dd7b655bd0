"""Evaluation results and dataset features as frozen records, each with its provenance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

SOURCES = ("model-index", "eval-results", "openml", "csv", "probe")


@dataclass(frozen=True)
class Result:
    """One measured value of `metric` for `model` on `dataset` (a config and split of it)."""

    model: str
    dataset: str
    metric: str
    value: float
    split: str = ""
    config: str = ""
    source: str = "csv"
    revision: str | None = None
    fetched_at: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "dataset": self.dataset,
            "metric": self.metric,
            "value": self.value,
            "split": self.split,
            "config": self.config,
            "source": self.source,
            "revision": self.revision,
            "fetched_at": self.fetched_at,
        }


@dataclass(frozen=True)
class DatasetFeature:
    dataset: str
    name: str
    value: float
    source: str = "csv"
