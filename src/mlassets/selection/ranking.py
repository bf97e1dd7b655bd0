"""One ranking logic for `select models`: measured results first-hand, collaborative filtering
when the dataset has some results, its nearest datasets by features when it has none."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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
) -> tuple[list[Ranked], Plan]:
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
        ordered = sorted(rest, key=lambda m: (-values[m], m))
        shortlist = ordered[:SHORTLIST]
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
    ranked = [
        Ranked(m, -v, -v, MEASURED, MEASURED, 1.0, ())
        if measured
        else _ranked(filtered[m] if m in filtered else scores.prediction(m))
        for v, m, measured in order
    ]
    return ranked, Plan(method, {k: round(v, 6) for k, v in errors.items()})


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
