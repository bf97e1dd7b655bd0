"""One ranking logic for `select models`: measured results first-hand, collaborative filtering
when the dataset has some results, its nearest datasets by features when it has none."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mlassets.selection.matrix import Matrix
from mlassets.selection.neighbours import NearestDatasets
from mlassets.selection.prediction import Prediction
from mlassets.selection.tuning import choose_cf

MEASURED = "measured"
PREDICTED = "predicted"
PROBED = "probed"


@dataclass(frozen=True)
class Ranked:
    model: str
    predicted: float  # oriented: larger is better
    measured: float | None
    evidence: str  # measured | predicted | probed
    method: str  # how it was placed: measured, item-knn, matrix-factorisation, nearest-datasets
    confidence: float
    basis: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """How the ranking was made: the method used for unmeasured models and why."""

    method: str
    errors: dict[str, float]  # held-out RMSE of each collaborative filter, when they competed


def predict(
    matrix: Matrix, target: str, candidates: Iterable[str], nearest: NearestDatasets
) -> tuple[list[Ranked], Plan]:
    """Every candidate ranked for `target`, best first (ties by model id)."""
    known = matrix.values.get(target, {})
    rest = sorted(set(candidates) - set(known))
    errors: dict[str, float] = {}
    if known:
        chosen, errors = choose_cf(matrix)
        predictions = chosen.predict(matrix, target, rest)
        method = type(chosen).__name__
        # A model the filter cannot reach still gets the nearest datasets' estimate.
        missing = [m for m in rest if m not in predictions]
        predictions |= nearest.predict(matrix, target, missing)
    else:
        predictions = nearest.predict(matrix, target, rest)
        method = "NearestDatasets"
    ranked = [Ranked(m, v, v, MEASURED, MEASURED, 1.0, ()) for m, v in known.items()]
    ranked += [_ranked(p) for p in predictions.values()]
    ranked.sort(key=lambda r: (-r.predicted, r.model))
    return ranked, Plan(method, {k: round(v, 6) for k, v in errors.items()})


def _ranked(prediction: Prediction) -> Ranked:
    return Ranked(
        prediction.model,
        prediction.value,
        None,
        PREDICTED,
        prediction.method,
        prediction.confidence,
        prediction.basis,
    )
