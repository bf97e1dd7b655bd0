"""`select models` gives the same answers on every path its speed comes from.

A generated catalog (120 datasets, 300 models, 40 results each, 8 coarse features, so that
cosines tie) is queried with NumPy and without (MLASSETS_SELECT_NUMPY=0), with the fitted
factorisations cached and refitted; then results and features are imported and the next query
must see them (the caches are keyed by the results and features versions).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mlassets.catalog import SqliteCatalog
from mlassets.catalog.results import import_features, import_results
from mlassets.catalog.results_units import unit
from mlassets.catalog.select import select_models
from mlassets.catalog.select_pool import choose_pool, numpy_or_none
from mlassets.catalog.select_reads import results_stamp
from mlassets.selection import cf
from mlassets.selection.records import DatasetFeature, Result
from tests.support.results_gen import generated_results

DATASETS = [f"d{i}" for i in range(120)]
COLD = ["cold0", "cold1"]


def _results() -> list[Result]:
    return generated_results(DATASETS, 300, 40, 11, 3)


def _features(datasets: list[str], seed: int) -> list[DatasetFeature]:
    rng = random.Random(seed)
    return [
        DatasetFeature(dataset, f"f{j}", float(rng.randrange(-2, 3)))
        for dataset in datasets
        for j in range(8)
    ]


@pytest.fixture
def catalog(tmp_path: Path) -> Iterator[Any]:
    opened = SqliteCatalog.open(tmp_path / "c.db", create=True)
    import_results(opened.connection, _results())
    import_features(opened.connection, _features(DATASETS + COLD, 12))
    yield opened.connection
    opened.close()


def _answers(db: Any) -> list[dict[str, Any]]:
    return [
        select_models(db, dataset, k=k, use=use).to_json()
        for dataset in [*DATASETS[::10], *COLD]
        for k, use in ((5, None), (30, "commercial"))
    ]


def test_numpy_and_python_and_cached_fits_rank_alike(
    catalog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("numpy")
    monkeypatch.setenv("MLASSETS_SELECT_NUMPY", "0")
    assert numpy_or_none() is None
    cf._FITS.clear()
    python = _answers(catalog)
    monkeypatch.setenv("MLASSETS_SELECT_NUMPY", "1")
    assert numpy_or_none() is not None
    cached = _answers(catalog)  # the factorisations fitted by the Python run
    cf._FITS.clear()
    refitted = _answers(catalog)
    assert python == cached == refitted
    methods = {answer["method"] for answer in python}
    assert {"Factorisation", "NearestDatasets"} <= methods  # fitted factors and a cold start


def test_pool_is_the_same_with_numpy_on_tied_cosines(monkeypatch: pytest.MonkeyPatch) -> None:
    """Vectors that are permutations of each other have equal cosines in exact arithmetic and
    differ in the last bits by the order of the sums: the NumPy pre-selection must not change
    which datasets make the cut."""
    pytest.importorskip("numpy")
    rng = random.Random(13)
    base = [rng.choice((0.1, 0.3, 0.7)) for _ in range(16)]
    units = {}
    for d in range(600):
        rng.shuffle(base)
        units[str(d)] = unit(tuple(base))
    counts = {d: 10 + d % 7 for d in range(600)}
    pools = {}
    for flag in ("0", "1"):
        monkeypatch.setenv("MLASSETS_SELECT_NUMPY", flag)
        pools[flag] = [choose_pool(counts, {}, units, t, 20) for t in range(0, 600, 7)]
    assert pools["0"] == pools["1"]
    # The target is its own nearest: 19 others at least, besides it.
    assert all(len(p) >= 20 and t in p for p, t in zip(pools["1"], range(0, 600, 7), strict=True))


def test_imported_results_and_features_are_seen_by_the_next_select(catalog: Any) -> None:
    before = select_models(catalog, "cold0", k=300)
    assert "fresh" not in {c["model"] for c in before.to_json()["candidates"]}
    # A new dataset with cold0's features, and a model measured only there, best of all.
    import_features(catalog, _twin(catalog))
    import_results(
        catalog,
        [Result("fresh", "near", "accuracy", 0.99)]
        + [Result(f"m{i}", "near", "accuracy", 0.5) for i in range(30)],
    )
    after = select_models(catalog, "cold0", k=300).to_json()["candidates"]
    fresh = [c for c in after if c["model"] == "fresh"]
    assert fresh and fresh[0]["evidence"] == "predicted"
    assert "near" in fresh[0]["basis"]


def _twin(db: Any) -> list[DatasetFeature]:
    rows = db.execute(
        "SELECT f.name, f.value FROM dataset_features f JOIN assets a ON a.rowid = f.dataset "
        "WHERE a.id = 'cold0'"
    ).fetchall()
    return [DatasetFeature("near", name, value) for name, value in rows]


def test_a_replaced_value_is_a_new_results_version(catalog: Any) -> None:
    stamp = results_stamp(catalog)
    first = select_models(catalog, DATASETS[0], k=3).to_json()["candidates"][0]
    import_results(catalog, [Result(first["model"], DATASETS[0], "accuracy", 0.01)])
    assert results_stamp(catalog) != stamp
    again = select_models(catalog, DATASETS[0], k=300).to_json()["candidates"]
    moved = next(c for c in again if c["model"] == first["model"])
    assert moved["measured"] == 0.01 and moved["rank"] > 1
