"""Probe: cross-validate runnable candidates on the user's own sample, within a time budget.

scikit-learn and numpy are imported here only, on first use (the `select` extra). Each fold
fits a fresh clone of the candidate's estimator; the budget is checked before every fold, so a
run overshoots it by at most one fold. A candidate that fails is reported and the others go on.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mlassets.core.errors import MissingExtraError, UnreadableFileError, UsageError
from mlassets.selection.directions import normalise

# metric -> (scikit-learn scorer, sign that turns the scorer's value into the metric's units)
SCORERS: dict[str, tuple[str, float]] = {
    "accuracy": ("accuracy", 1.0),
    "acc": ("accuracy", 1.0),
    "predictive_accuracy": ("accuracy", 1.0),
    "balanced_accuracy": ("balanced_accuracy", 1.0),
    "f1": ("f1_macro", 1.0),
    "f1_macro": ("f1_macro", 1.0),
    "f1_weighted": ("f1_weighted", 1.0),
    "auc": ("roc_auc_ovr", 1.0),
    "roc_auc": ("roc_auc_ovr", 1.0),
    "area_under_roc_curve": ("roc_auc_ovr", 1.0),
    "r2": ("r2", 1.0),
    "rmse": ("neg_root_mean_squared_error", -1.0),
    "root_mean_squared_error": ("neg_root_mean_squared_error", -1.0),
    "mse": ("neg_mean_squared_error", -1.0),
    "mae": ("neg_mean_absolute_error", -1.0),
    "mean_absolute_error": ("neg_mean_absolute_error", -1.0),
    "log_loss": ("neg_log_loss", -1.0),
}
CLASSIFICATION = {"accuracy", "balanced_accuracy", "f1_macro", "f1_weighted", "roc_auc_ovr"}


@dataclass(frozen=True)
class Sample:
    columns: tuple[str, ...]
    features: Any  # numpy array, rows x columns
    target: Any  # numpy array


@dataclass(frozen=True)
class ProbeOutcome:
    model: str
    score: float | None  # mean over folds, in the metric's units; None when it did not finish
    folds: int
    seconds: float
    error: str | None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _numpy() -> Any:
    try:
        import numpy
        import sklearn  # noqa: F401
    except ImportError as exc:
        raise MissingExtraError(
            "probing needs the select extra: pip install 'mlassets[select]'"
        ) from exc
    return numpy


def read_sample(path: Path, target: str) -> Sample:
    """A CSV with a header: numeric feature columns and the `target` column."""
    numpy = _numpy()
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        raise UnreadableFileError(f"{path}: {exc.strerror or exc}") from exc
    if not rows or target not in rows[0]:
        raise UsageError(f"{path}: no column {target!r} (or no rows)")
    columns = tuple(c for c in rows[0] if c != target)
    try:
        features = numpy.array([[float(r[c]) for c in columns] for r in rows])
    except ValueError as exc:
        raise UsageError(f"{path}: feature columns must be numeric ({exc})") from None
    return Sample(columns, features, numpy.array([r[target] for r in rows]))


def scorer_for(metric: str) -> tuple[str, float]:
    found = SCORERS.get(normalise(metric))
    if found is None:
        raise UsageError(f"{metric}: mlassets cannot compute this metric on a sample")
    return found


def probe(
    candidates: Sequence[tuple[str, Callable[[], Any]]],
    sample: Sample,
    metric: str,
    *,
    budget: float,
    folds: int = 5,
    seed: int = 0,
) -> list[ProbeOutcome]:
    """Cross-validate each candidate (id, loader returning an unfitted-or-fitted estimator)."""
    name, sign = scorer_for(metric)
    deadline = time.monotonic() + budget
    splits = _splits(sample, name, folds, seed)
    out = []
    for model, load in candidates:
        start = time.monotonic()
        if start >= deadline:
            out.append(ProbeOutcome(model, None, 0, 0.0, "not run: the budget was spent"))
            continue
        try:
            score, done = _cross_validate(load(), sample, name, splits, deadline)
        except Exception as exc:  # a candidate that fails must not stop the others
            error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
            out.append(ProbeOutcome(model, None, 0, time.monotonic() - start, error.strip()))
            continue
        elapsed = round(time.monotonic() - start, 3)
        if done < len(splits):
            message = f"the budget ran out after {done} of {len(splits)} folds"
            out.append(ProbeOutcome(model, None, done, elapsed, message))
        else:
            out.append(ProbeOutcome(model, round(sign * score, 6), done, elapsed, None))
    return out


def _splits(sample: Sample, scorer: str, folds: int, seed: int) -> list[tuple[Any, Any]]:
    from sklearn.model_selection import KFold, StratifiedKFold

    numpy = _numpy()
    if scorer in CLASSIFICATION:
        _, counts = numpy.unique(sample.target, return_counts=True)
        n = max(2, min(folds, int(counts.min())))
        splitter: Any = StratifiedKFold(n_splits=n, shuffle=True, random_state=seed)
    else:
        splitter = KFold(
            n_splits=max(2, min(folds, len(sample.target))), shuffle=True, random_state=seed
        )
    return list(splitter.split(sample.features, sample.target))


def _cross_validate(
    estimator: Any, sample: Sample, scorer: str, splits: list[tuple[Any, Any]], deadline: float
) -> tuple[float, int]:
    from sklearn.base import clone
    from sklearn.metrics import get_scorer

    score = get_scorer(scorer)
    values = []
    for train, test in splits:
        if time.monotonic() >= deadline:
            break
        fitted = clone(estimator).fit(sample.features[train], sample.target[train])
        values.append(float(score(fitted, sample.features[test], sample.target[test])))
    return (sum(values) / len(values) if values else 0.0), len(values)
