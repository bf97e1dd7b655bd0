"""Hyper-parameters and methods chosen on held-out data, never on the data being predicted.

- `tune_nearest`: leave-one-dataset-out over the matrix it is given (the training data), scored
  by NDCG@5 on the held-out dataset's models that have results elsewhere (the others carry no
  evidence either way, so they cannot tell two settings apart).
- `choose_cf`: item-kNN or matrix factorisation, whichever predicts a held-out fifth of the
  cells better (root mean squared error).
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass

from mlassets.selection.cf import Factorisation, ItemKnn
from mlassets.selection.evaluation import ndcg_at
from mlassets.selection.matrix import Matrix
from mlassets.selection.neighbours import NearestDatasets

GRID: tuple[NearestDatasets, ...] = tuple(
    NearestDatasets(k, shrink, bandwidth, centre, relative)
    for relative, k, shrink, bandwidth, centre in itertools.product(
        (0.0, 0.25, 0.5), (3, 10, 10_000), (0.05, 0.5, 2.0), (0.0, 3.0, 10.0), (0.0, 1.0)
    )
)
DEFAULT = NearestDatasets()


@dataclass(frozen=True)
class Tuned:
    chosen: NearestDatasets
    score: float | None  # mean inner NDCG@5; None when no fold carried evidence
    folds: int


def _folds(matrix: Matrix, limit: int) -> list[tuple[str, dict[str, float]]]:
    seen: dict[str, int] = {}
    for row in matrix.values.values():
        for model in row:
            seen[model] = seen.get(model, 0) + 1
    folds = []
    for dataset in sorted(matrix.values):
        informative = {m: v for m, v in matrix.values[dataset].items() if seen[m] > 1}
        if len(informative) >= 2:
            folds.append((dataset, informative))
    return folds[:limit]


def tune_nearest(matrix: Matrix, grid: Sequence[NearestDatasets] = GRID, limit: int = 60) -> Tuned:
    """The setting with the best mean inner NDCG@5 (the first in `grid` order on a tie)."""
    folds = _folds(matrix, limit)
    if not folds:
        return Tuned(DEFAULT, None, 0)
    best: tuple[float, int] = (-math.inf, 0)
    held = [(matrix.without(d), d, truth) for d, truth in folds]
    for index, setting in enumerate(grid):
        total = 0.0
        for rest, dataset, truth in held:
            predicted = setting.predict(rest, dataset, truth)
            ranked = sorted(truth, key=lambda m: (-predicted[m].value, m))
            total += ndcg_at(ranked, truth, 5)
        if total / len(held) > best[0]:
            best = (total / len(held), index)
    return Tuned(grid[best[1]], round(best[0], 4), len(held))


def choose_cf(matrix: Matrix, seed: int = 0) -> tuple[ItemKnn | Factorisation, dict[str, float]]:
    """The collaborative filter with the lower held-out RMSE, and both errors."""
    rng = random.Random(seed)
    held: dict[str, dict[str, float]] = {}
    kept: dict[str, dict[str, float]] = {}
    for dataset, row in sorted(matrix.values.items()):
        for model, value in sorted(row.items()):
            out = len(row) >= 3 and rng.random() < 0.2
            (held if out else kept).setdefault(dataset, {})[model] = value
    if not held:
        return ItemKnn(), {}
    train = Matrix(kept, matrix.features)
    means = train.dataset_means()
    fitted = Factorisation().fit(train)
    errors = {}
    for name, predict in (
        ("item-knn", lambda d, ms: ItemKnn().predict(train, d, ms)),
        ("matrix-factorisation", fitted.predict),
    ):
        squared = []
        for dataset, truth in held.items():
            predicted = predict(dataset, truth)
            fallback = means.get(dataset, train.global_mean())
            squared += [
                (truth[m] - (predicted[m].value if m in predicted else fallback)) ** 2
                for m in truth
            ]
        errors[name] = math.sqrt(sum(squared) / len(squared))
    chosen: ItemKnn | Factorisation = (
        Factorisation() if errors["matrix-factorisation"] < errors["item-knn"] else ItemKnn()
    )
    return chosen, errors
