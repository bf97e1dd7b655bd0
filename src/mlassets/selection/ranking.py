"""One ranking logic for `select models`: measured results first-hand, collaborative filtering
when the dataset has some results, its nearest datasets by features when it has none."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import overload

from mlassets.selection.cf import Factorisation, ItemKnn
from mlassets.selection.matrix import Matrix
from mlassets.selection.neighbours import NearestDatasets
from mlassets.selection.prediction import Prediction
from mlassets.selection.tuning import choose_cf

MEASURED = "measured"
PREDICTED = "predicted"
PROBED = "probed"
SHORTLIST = 100
KNOWN = 100


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
    matrix: Matrix,
    target: str,
    candidates: Iterable[str],
    nearest: NearestDatasets,
    cf: ItemKnn | Factorisation | None = None,
    limit: int | None = None,
) -> tuple[Ranking, Plan]:
    """The candidates ranked for `target`, best first (ties by model id; the first `limit`).

    When the target has results, the nearest-datasets estimate shortlists SHORTLIST candidates
    and a collaborative filter (`cf`, or the one that wins on held-out cells) re-predicts them
    from a sub-matrix of the shortlist and the target's best KNOWN measured models: the work
    stays bounded however large the neighbourhood is."""
    known = matrix.values.get(target, {})
    rest = sorted(set(candidates) - set(known))
    scores = nearest.scores(matrix, target, rest)
    values = scores.value
    filtered: dict[str, Prediction] = {}
    errors: dict[str, float] = {}
    method = "NearestDatasets"
    if known:
        shortlist = heapq.nsmallest(SHORTLIST, rest, key=lambda m: (-values[m], m))
        best_known = sorted(known, key=lambda m: (-known[m], m))[:KNOWN]
        sub = _columns(matrix, {*shortlist, *best_known})
        if cf is None:
            cf, errors = choose_cf(sub)
        filtered = cf.predict(sub, target, shortlist)
        values = {**values, **{m: p.value for m, p in filtered.items()}}
        method = type(cf).__name__
    order = sorted(
        [(-v, m, True) for m, v in known.items()] + [(-v, m, False) for m, v in values.items()]
    )[:limit]

    def build(v: float, m: str, measured: bool) -> Ranked:
        if measured:
            return Ranked(m, -v, -v, MEASURED, MEASURED, 1.0, ())
        return _ranked(filtered[m] if m in filtered else scores.prediction(m))

    return Ranking(order, build), Plan(method, {k: round(v, 6) for k, v in errors.items()})


class Ranking(Sequence["Ranked"]):
    """The ranked candidates, best first; each `Ranked` is built when it is first read (a query
    shows ten of the thousand it ranks)."""

    def __init__(
        self, order: list[tuple[float, str, bool]], build: Callable[[float, str, bool], Ranked]
    ) -> None:
        self._order = order
        self._build = build
        self._built: dict[int, Ranked] = {}

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, index: int) -> Ranked: ...
    @overload
    def __getitem__(self, index: slice) -> list[Ranked]: ...
    def __getitem__(self, index: int | slice) -> Ranked | list[Ranked]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        position = range(len(self))[index]  # IndexError past the end, as a list's
        found = self._built.get(position)
        if found is None:
            found = self._built[position] = self._build(*self._order[position])
        return found


def _columns(matrix: Matrix, models: set[str]) -> Matrix:
    values = {d: {m: v for m, v in row.items() if m in models} for d, row in matrix.values.items()}
    return Matrix({d: row for d, row in values.items() if row}, matrix.features)


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
