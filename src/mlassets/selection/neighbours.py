"""Cold start: a dataset with no results borrows them from its nearest datasets by features.

A model's prediction is the similarity-weighted mean of its results on the `k` nearest
datasets, shrunk towards its mean over every dataset (and that towards the mean of all
results). `centre` subtracts each dataset's offset from the mean first, so that a model measured
on an easy dataset does not look better than one measured on a hard dataset.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mlassets.selection.matrix import Matrix, cosine
from mlassets.selection.prediction import NEAREST, Prediction


@dataclass(frozen=True)
class NearestDatasets:
    k: int = 10
    shrink: float = 1.0  # weight of the model's prior against its neighbours' evidence
    bandwidth: float = 3.0  # weight exp(bandwidth * (cosine - 1)): 1 for the same direction
    centre: float = 0.0  # 0: raw values; 1: values minus the dataset's offset
    relative: float = 0.0  # share of the model's standing within the dataset (0..1 percentile)

    def weights(self, matrix: Matrix, target: str) -> list[tuple[str, float]]:
        """The k nearest datasets that have results, with weights in (0, 1]; without features
        every dataset weighs exp(-bandwidth)."""
        mine = matrix.features.get(target)
        scored = []
        for dataset in matrix.values:
            if dataset == target:
                continue
            theirs = matrix.features.get(dataset)
            similarity = cosine(mine, theirs) if mine is not None and theirs is not None else 0.0
            scored.append((dataset, math.exp(self.bandwidth * (similarity - 1))))
        scored.sort(key=lambda pair: (-pair[1], pair[0]))
        return scored[: self.k]

    def predict(self, matrix: Matrix, target: str, models: Iterable[str]) -> dict[str, Prediction]:
        scores = self.scores(matrix, target, models)
        return {model: scores.prediction(model) for model in scores.value}

    def scores(self, matrix: Matrix, target: str, models: Iterable[str]) -> NearestScores:
        """The predicted values of `models`; a `Prediction` is built only for the models that
        are shown (`NearestScores.prediction`), not for all the thousands that are ranked."""
        means = matrix.dataset_means()
        overall = matrix.global_mean()
        standing = _percentiles(matrix) if self.relative else {}

        def adjusted(dataset: str) -> Mapping[str, float]:
            row = matrix.values[dataset]
            if not (self.centre or self.relative):
                return row
            offset = self.centre * (means[dataset] - overall)
            ranks = standing.get(dataset, {})
            share = self.relative
            return {
                m: (1 - share) * (v - offset) + share * ranks.get(v, 0.0) for m, v in row.items()
            }

        values = {d: adjusted(d) for d in matrix.values if d != target}
        totals: dict[str, list[float]] = {}
        for row in values.values():
            for model, value in row.items():
                entry = totals.get(model)
                if entry is None:
                    totals[model] = [value, 1.0]
                else:
                    entry[0] += value
                    entry[1] += 1
        evidence: dict[str, list[float]] = {}
        weights = self.weights(matrix, target)
        for dataset, weight in weights:
            for model, value in values[dataset].items():
                entry = evidence.setdefault(model, [0.0, 0.0])
                entry[0] += weight * value
                entry[1] += weight
        out: dict[str, float] = {}
        for model in models:
            total, count = totals.get(model, (0.0, 0.0))
            prior = (total + overall) / (count + 1)
            weighted, weight = evidence.get(model, (0.0, 0.0))
            out[model] = (weighted + self.shrink * prior) / (weight + self.shrink)
        return NearestScores(out, evidence, self.shrink, [values[d] for d, _ in weights], weights)


@dataclass(frozen=True)
class NearestScores:
    """`NearestDatasets.scores`: each model's predicted value, and what its `Prediction` says."""

    value: dict[str, float]
    evidence: dict[str, list[float]]  # model -> [weighted sum, sum of weights]
    shrink: float
    rows: list[Mapping[str, float]]  # the nearest datasets' rows, in `weights` order
    weights: list[tuple[str, float]]

    def prediction(self, model: str) -> Prediction:
        weight = self.evidence.get(model, (0.0, 0.0))[1]
        confidence = weight / (weight + self.shrink)
        pairs = zip(self.weights, self.rows, strict=True)
        basis = tuple(dataset for (dataset, _), row in pairs if model in row)
        return Prediction(model, self.value[model], round(confidence, 4), NEAREST, basis)


def _percentiles(matrix: Matrix) -> dict[str, dict[float, float]]:
    """dataset -> value -> its standing among the dataset's values (0 worst, 1 best; ties share)."""
    out: dict[str, dict[float, float]] = {}
    for dataset, row in matrix.values.items():
        ordered = sorted(row.values())
        last = max(len(ordered) - 1, 1)
        ranks: dict[float, list[int]] = {}
        for index, value in enumerate(ordered):
            ranks.setdefault(value, []).append(index)
        out[dataset] = {
            v: (sum(i) / len(i) / last if len(ordered) > 1 else 0.5) for v, i in ranks.items()
        }
    return out
