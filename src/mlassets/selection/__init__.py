"""Data-driven model selection: evaluation results as records, metric directions, collaborative
filtering over the model-on-dataset matrix, nearest datasets by features for a cold start,
probing on the user's own sample, and the ranking metrics that measure it all.

Nothing here touches the network or the terminal; heavy dependencies (scikit-learn, skops) are
imported only by `probe`.
"""

from mlassets.selection.directions import METRIC_DIRECTIONS, UnknownMetricError, higher_is_better
from mlassets.selection.records import Result

__all__ = ["METRIC_DIRECTIONS", "Result", "UnknownMetricError", "higher_is_better"]
