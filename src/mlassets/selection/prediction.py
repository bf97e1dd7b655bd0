"""What every predictor returns for one model on the target dataset."""

from __future__ import annotations

from dataclasses import dataclass

NEAREST = "nearest-datasets"
ITEM_KNN = "item-knn"
FACTORISATION = "matrix-factorisation"


@dataclass(frozen=True)
class Prediction:
    model: str
    value: float  # predicted, oriented (larger is better)
    confidence: float  # 0..1: how much evidence the prediction rests on
    method: str
    basis: tuple[str, ...]  # the datasets (nearest-datasets) or models (item-knn) it came from
