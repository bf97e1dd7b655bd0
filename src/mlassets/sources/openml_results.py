"""Evaluation results from OpenML, through the real client (`openml.evaluations`).

Each OpenML run's evaluation becomes a result: the model is the flow (`openml://flow/ID`), the
dataset is `openml://ID`, the metric the evaluation function, provenance the run. Several runs
of one flow on one task keep the best value. Errors map as in `sources/openml.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mlassets.core.refs import AssetRef
from mlassets.selection.directions import higher_is_better
from mlassets.selection.records import DatasetFeature, Result
from mlassets.sources.openml import _guarded, configured_client
from mlassets.sources.retry import RetryPolicy, with_deadline


def flow_id(flow: int) -> str:
    return f"openml://flow/{flow}"


def fetch_evaluations(
    function: str,
    *,
    tasks: Sequence[int] = (),
    flows: Sequence[int] = (),
    size: int | None = None,
    policy: RetryPolicy | None = None,
    server: str | None = None,
    fetched_at: str = "",
) -> list[Result]:
    """The evaluations of `function` (e.g. predictive_accuracy) for the tasks and flows given."""
    policy = policy or RetryPolicy()
    openml = configured_client(server)

    def call() -> Any:
        return with_deadline(
            lambda: openml.evaluations.list_evaluations(
                function,
                size=size,
                tasks=list(tasks) or None,
                flows=list(flows) or None,
                output_format="object",
            ),
            policy.timeout,
        )

    ref = AssetRef(kind="dataset", source="openml", name=f"evaluations/{function}")
    evaluations = _guarded(ref, openml, call, policy)
    return [_result(function, e, fetched_at) for e in _best_per_run(evaluations, function)]


def _best_per_run(evaluations: Any, function: str) -> list[Any]:
    """The best evaluation of each (dataset, task, flow), in that order."""
    up = higher_is_better(function)
    best: dict[tuple[int, int, int], Any] = {}
    for evaluation in evaluations.values():
        if evaluation.value is None:
            continue
        key = (evaluation.data_id, evaluation.task_id, evaluation.flow_id)
        held = best.get(key)
        if held is None or (evaluation.value > held.value) == up:
            best[key] = evaluation
    return [e for _, e in sorted(best.items())]


def _result(function: str, e: Any, fetched_at: str) -> Result:
    return Result(
        model=flow_id(e.flow_id),
        dataset=f"openml://{e.data_id}",
        metric=function,
        value=float(e.value),
        config=f"task/{e.task_id}",
        source="openml",
        revision=f"run/{e.run_id}",
        fetched_at=fetched_at,
    )


def flow_loader(flow: int, server: str | None = None, timeout: float = 30.0) -> Any:
    """A loader for an OpenML flow rebuilt as a scikit-learn estimator (openml 0.15 ships its
    scikit-learn extension inside; from 0.16 it is the separate `openml-sklearn` package)."""

    def load() -> Any:
        openml = configured_client(server)
        ref = AssetRef(kind="model", source="openml", name=f"flow/{flow}")
        policy = RetryPolicy(attempts=1, timeout=timeout)
        rebuilt = _guarded(
            ref,
            openml,
            lambda: with_deadline(
                lambda: openml.flows.get_flow(flow, reinstantiate=True, strict_version=False),
                timeout,
            ),
            policy,
        )
        return rebuilt.model

    return load


def fetch_qualities(
    dataset: int, policy: RetryPolicy | None = None, server: str | None = None
) -> list[DatasetFeature]:
    """The dataset's OpenML qualities (NumberOfInstances, ...) as features, NaN left out."""
    policy = policy or RetryPolicy()
    openml = configured_client(server)

    def call() -> Any:
        return with_deadline(
            lambda: openml.datasets.get_dataset(
                dataset,
                download_data=False,
                download_qualities=True,
                download_features_meta_data=False,
                force_refresh_cache=True,
            ),
            policy.timeout,
        )

    ref = AssetRef(kind="dataset", source="openml", name=str(dataset))
    qualities = _guarded(ref, openml, call, policy).qualities or {}
    return [
        DatasetFeature(f"openml://{dataset}", name, float(value), "openml-qualities")
        for name, value in sorted(qualities.items())
        if value == value  # NaN: the server has no value
    ]
