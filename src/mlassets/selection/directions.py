"""Which way each metric points: one registry, consulted by import, leaderboard and select."""

from __future__ import annotations

import re

from mlassets.core.errors import UsageError

# True: higher is better. Keys are normalised names (lower case, `-`/space as `_`).
METRIC_DIRECTIONS: dict[str, bool] = {
    "accuracy": True,
    "acc": True,
    "balanced_accuracy": True,
    "predictive_accuracy": True,  # OpenML's name
    "f1": True,
    "f1_macro": True,
    "f1_micro": True,
    "f1_weighted": True,
    "f_measure": True,
    "precision": True,
    "recall": True,
    "auc": True,
    "roc_auc": True,
    "area_under_roc_curve": True,
    "exact_match": True,
    "bleu": True,
    "rouge": True,
    "rouge1": True,
    "rougel": True,
    "map": True,
    "ndcg": True,
    "r2": True,
    "kappa": True,
    "matthews_correlation": True,
    "score": True,  # Hub `.eval_results/` benchmark scores
    "loss": False,
    "error": False,
    "error_rate": False,
    "wer": False,
    "cer": False,
    "ter": False,
    "perplexity": False,
    "rmse": False,
    "root_mean_squared_error": False,
    "mse": False,
    "mae": False,
    "mean_absolute_error": False,
    "log_loss": False,
}
_SEPARATORS = re.compile(r"[\s\-]+")


class UnknownMetricError(UsageError):
    """A metric whose direction the registry does not know and the caller did not state."""


def normalise(metric: str) -> str:
    return _SEPARATORS.sub("_", metric.strip().lower())


def higher_is_better(metric: str, stated: bool | None = None) -> bool:
    """The metric's direction: `stated` when given, else the registry's; else UnknownMetricError."""
    if stated is not None:
        return stated
    known = METRIC_DIRECTIONS.get(normalise(metric))
    if known is None:
        raise UnknownMetricError(
            f"{metric}: unknown metric direction; say --higher-is-better or --lower-is-better"
        )
    return known


def oriented(value: float, higher: bool) -> float:
    """`value` turned so that larger is always better."""
    return value if higher else -value
