"""Selection core: metric directions, the predictors, tuning, the ranking metrics."""

from __future__ import annotations

import random

import pytest

from mlassets.selection import cf
from mlassets.selection.cf import Factorisation, ItemKnn
from mlassets.selection.directions import UnknownMetricError, higher_is_better
from mlassets.selection.evaluation import ndcg_at, precision_at, regret_at_1
from mlassets.selection.matrix import Matrix
from mlassets.selection.neighbours import NearestDatasets
from mlassets.selection.ranking import predict
from mlassets.selection.tuning import choose_cf, tune_nearest


def test_directions_come_from_one_registry() -> None:
    assert higher_is_better("Accuracy") and higher_is_better("roc-auc")
    assert not higher_is_better("WER") and not higher_is_better("rmse")
    assert higher_is_better("bespoke", stated=False) is False
    with pytest.raises(UnknownMetricError, match="--higher-is-better or --lower-is-better"):
        higher_is_better("bespoke")


def test_ranking_metrics() -> None:
    truth = {"a": 0.9, "b": 0.8, "c": 0.5}
    assert ndcg_at(["a", "b", "c"], truth, 5) == 1.0
    assert ndcg_at(["c", "b", "a"], truth, 5) < 0.8
    assert precision_at(["a", "c", "b"], truth, 2) == 0.5
    assert regret_at_1(["b", "a", "c"], truth) == pytest.approx(0.1)


def _family(seed: int) -> tuple[Matrix, dict[str, float]]:
    """Two families of datasets (features far apart) on which models rank oppositely."""
    rng = random.Random(seed)
    cells, features = [], {}
    models = [f"m{i}" for i in range(8)]
    for family, sign in (("x", 1.0), ("y", -1.0)):
        for j in range(5):
            name = f"{family}{j}"
            features[name] = {"f1": sign * (3 + rng.random()), "f2": rng.random()}
            for i, model in enumerate(models):
                cells.append((name, model, 0.5 + sign * 0.05 * i + rng.gauss(0, 0.005)))
    features["target"] = {"f1": 3.5, "f2": 0.5}  # an x-family dataset with no results
    truth = {m: 0.5 + 0.05 * i for i, m in enumerate(models)}
    return Matrix.build(cells, features), truth


def test_nearest_datasets_follow_the_features() -> None:
    matrix, truth = _family(1)
    near = NearestDatasets(k=5, shrink=0.05, bandwidth=10.0)
    predicted = near.predict(matrix, "target", truth)
    ranked = sorted(truth, key=lambda m: -predicted[m].value)
    assert ranked[:3] == ["m7", "m6", "m5"]
    assert set(predicted["m7"].basis) == {f"x{j}" for j in range(5)}
    # Without features' help (every dataset alike), the two families cancel out.
    flat = NearestDatasets(k=10, shrink=0.05, bandwidth=0.0).predict(matrix, "target", truth)
    assert sorted(truth, key=lambda m: -flat[m].value)[:3] != ["m7", "m6", "m5"]


def test_tuning_picks_a_setting_that_uses_the_features() -> None:
    matrix, truth = _family(2)
    tuned = tune_nearest(matrix)
    assert tuned.folds == 10 and tuned.score is not None and tuned.score > 0.9
    ranked, plan = predict(matrix, "target", truth, tuned.chosen)
    assert plan.method == "NearestDatasets"
    assert ndcg_at([r.model for r in ranked], truth, 5) > 0.95


def test_collaborative_filters_on_a_low_rank_matrix() -> None:
    rng = random.Random(3)
    skill = {f"m{i}": rng.random() for i in range(12)}
    ease = {f"d{j}": rng.random() for j in range(10)}
    cells = [(d, m, ease[d] * 0.5 + skill[m] * 0.5) for d in ease for m in skill]
    hidden = {m for m in skill if int(m[1:]) % 3 == 0}
    cells = [(d, m, v) for d, m, v in cells if not (d == "d0" and m in hidden)]
    matrix = Matrix.build(cells)
    truth = {m: skill[m] for m in hidden}
    for method in (ItemKnn(), Factorisation(epochs=200)):
        predicted = method.predict(matrix, "d0", hidden)
        assert set(predicted) == hidden, method
        ranked = sorted(hidden, key=lambda m: -predicted[m].value)
        assert ndcg_at(ranked, truth, 4) > 0.9, method
    chosen, errors = choose_cf(matrix)
    assert set(errors) == {"item-knn", "matrix-factorisation"}
    assert isinstance(chosen, ItemKnn | Factorisation)
    ranked, plan = predict(matrix, "d0", skill, NearestDatasets())
    assert plan.method in ("ItemKnn", "Factorisation")
    measured = [r for r in ranked if r.evidence == "measured"]
    assert len(measured) == 8 and all(r.confidence == 1.0 for r in measured)


def test_a_factorisation_is_fitted_once_for_the_same_cells() -> None:
    rng = random.Random(4)
    cells = [(f"d{j}", f"m{i}", rng.random()) for j in range(6) for i in range(9)]
    cf._FITS.clear()
    first = Factorisation().fit(Matrix.build(cells))
    assert Factorisation().fit(Matrix.build(cells)) is first  # a second query: not refitted
    cf._FITS.clear()
    refitted = Factorisation().fit(Matrix.build(cells))
    assert refitted is not first and refitted == first  # the cache changes nothing
    changed = [(d, m, v + 0.1 if (d, m) == ("d0", "m0") else v) for d, m, v in cells]
    assert Factorisation().fit(Matrix.build(changed)) != first
    assert Factorisation(seed=1).fit(Matrix.build(cells)) != first
