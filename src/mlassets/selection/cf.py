"""Collaborative filtering for a dataset that has some results: item-based nearest neighbours
(models are the items) and a biased matrix factorisation, both on dataset-centred values."""

from __future__ import annotations

import math
import random
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from mlassets.selection.matrix import Matrix
from mlassets.selection.prediction import FACTORISATION, ITEM_KNN, Prediction


def _by_model(matrix: Matrix) -> dict[str, dict[str, float]]:
    """model -> dataset -> value minus the dataset's mean."""
    means = matrix.dataset_means()
    out: dict[str, dict[str, float]] = {}
    for dataset, row in matrix.values.items():
        for model, value in row.items():
            out.setdefault(model, {})[dataset] = value - means[dataset]
    return out


@dataclass(frozen=True)
class ItemKnn:
    k: int = 20
    damping: float = 2.0  # similarities on few shared datasets count less: n / (n + damping)

    def predict(self, matrix: Matrix, target: str, models: Iterable[str]) -> dict[str, Prediction]:
        known = matrix.values.get(target, {})
        if not known:
            return {}
        centred = _by_model(matrix)
        mean = sum(known.values()) / len(known)
        # Only measured models sharing a dataset (besides the target) with a model can be
        # similar to it; the others' similarity is 0 and only positive ones are used.
        measured_on: dict[str, list[str]] = {}
        for other in known:
            for dataset in centred[other]:
                measured_on.setdefault(dataset, []).append(other)
        out = {}
        for model in models:
            mine = centred.get(model, {})
            near = {o for d in mine if d != target for o in measured_on.get(d, ()) if o != model}
            similar = ((self._similarity(mine, centred[o], target), o) for o in near)
            useful = sorted(((s, o) for s, o in similar if s > 0), reverse=True)[: self.k]
            if not useful:
                continue
            weight = sum(s for s, _ in useful)
            value = mean + sum(s * (known[o] - mean) for s, o in useful) / weight
            basis = tuple(o for _, o in useful)
            out[model] = Prediction(model, value, round(weight / (weight + 1), 4), ITEM_KNN, basis)
        return out

    def _similarity(self, a: Mapping[str, float], b: Mapping[str, float], target: str) -> float:
        shared = [d for d in a if d in b and d != target]
        if not shared:
            return 0.0
        dot = sum(a[d] * b[d] for d in shared)
        norm = math.sqrt(sum(a[d] ** 2 for d in shared) * sum(b[d] ** 2 for d in shared))
        if not norm:
            return 0.0
        return dot / norm * len(shared) / (len(shared) + self.damping)


FITS_KEPT = 64  # fitted factorisations kept in the process, the least recently used dropped


@dataclass(frozen=True)
class Factorisation:
    rank: int = 4
    regularisation: float = 0.05
    epochs: int = 20
    rate: float = 0.05
    seed: int = 0

    def predict(self, matrix: Matrix, target: str, models: Iterable[str]) -> dict[str, Prediction]:
        if not matrix.values.get(target):
            return {}
        return self.fit(matrix).predict(target, models)

    def fit(self, matrix: Matrix) -> FittedFactorisation:
        """The factors of `matrix`, fitted once per process for the same cells in the same order
        (the fit depends on nothing else): a repeated query does not refit them, and any change
        of a value, a cell or the order is another key."""
        cells = tuple((d, m, v) for d, row in matrix.values.items() for m, v in row.items())
        key = (self, cells)
        fitted = _FITS.get(key)
        if fitted is None:
            counts: dict[str, int] = {}
            for _, m, _ in cells:
                counts[m] = counts.get(m, 0) + 1
            fitted = FittedFactorisation(*self._fit(list(cells)), counts)
            _FITS[key] = fitted
            if len(_FITS) > FITS_KEPT:
                _FITS.popitem(last=False)
        _FITS.move_to_end(key)
        return fitted

    def _fit(
        self, cells: list[tuple[str, str, float]]
    ) -> tuple[
        float, dict[str, float], dict[str, float], dict[str, list[float]], dict[str, list[float]]
    ]:
        rng = random.Random(self.seed)
        mu = sum(v for _, _, v in cells) / len(cells)
        bd: dict[str, float] = {}
        bm: dict[str, float] = {}
        p: dict[str, list[float]] = {}
        q: dict[str, list[float]] = {}
        for d, m, _ in cells:
            bd.setdefault(d, 0.0)
            bm.setdefault(m, 0.0)
            p.setdefault(d, [rng.gauss(0, 0.1) for _ in range(self.rank)])
            q.setdefault(m, [rng.gauss(0, 0.1) for _ in range(self.rank)])
        order = list(cells)
        lam, rate = self.regularisation, self.rate
        for _ in range(self.epochs):
            rng.shuffle(order)
            for d, m, v in order:
                pd, qm = p[d], q[m]
                error = v - (mu + bd[d] + bm[m] + sum(a * b for a, b in zip(pd, qm, strict=True)))
                bd[d] += rate * (error - lam * bd[d])
                bm[m] += rate * (error - lam * bm[m])
                for i in range(self.rank):
                    pi, qi = pd[i], qm[i]
                    pd[i] += rate * (error * qi - lam * pi)
                    qm[i] += rate * (error * pi - lam * qi)
        return mu, bd, bm, p, q


_FITS: OrderedDict[tuple[Factorisation, tuple[tuple[str, str, float], ...]], FittedFactorisation]
_FITS = OrderedDict()


@dataclass(frozen=True)
class FittedFactorisation:
    mu: float
    dataset_bias: dict[str, float]
    model_bias: dict[str, float]
    p: dict[str, list[float]]
    q: dict[str, list[float]]
    counts: dict[str, int]

    def predict(self, target: str, models: Iterable[str]) -> dict[str, Prediction]:
        if target not in self.p:
            return {}
        out = {}
        for model in models:
            if model not in self.q:
                continue
            dot = sum(a * b for a, b in zip(self.p[target], self.q[model], strict=True))
            value = self.mu + self.dataset_bias[target] + self.model_bias[model] + dot
            confidence = round(self.counts[model] / (self.counts[model] + 2), 4)
            out[model] = Prediction(model, value, confidence, FACTORISATION, ())
        return out
