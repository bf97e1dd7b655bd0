"""Model-selection quality on ../shared/eval/modelsel: `select` against three baselines.

Two protocols, as the data's README describes: the given cold-start split (train on
hf_results_train.csv, rank the models of the 4 datasets in hf_results_test.csv) and
leave-one-dataset-out over every dataset with at least two results. For each held-out dataset
the candidates are the models measured on it; each method ranks them without seeing their values
there. `select`'s hyper-parameters are chosen by inner leave-one-dataset-out on the training part
of each fold only (bench never looks at the held-out values to tune).

    .venv/bin/python bench/select_quality.py [--data DIR] [--k 5] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import statistics
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from mlassets.selection.evaluation import ndcg_at, precision_at, regret_at_1
from mlassets.selection.matrix import Matrix
from mlassets.selection.ranking import predict
from mlassets.selection.tuning import _folds, tune_nearest

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "modelsel"
Ranker = Callable[[Matrix, str, Mapping[str, float]], list[str]]


def read_results(path: Path) -> list[tuple[str, str, float]]:
    with path.open(newline="") as handle:
        rows = list(csv.reader(handle))[1:]
    return [(f"d{r[0]}", f"m{r[1]}", float(r[2])) for r in rows]


def read_features(path: Path) -> dict[str, dict[str, float]]:
    with path.open(newline="") as handle:
        return {
            f"d{row.pop('dataset_id')}": {k: float(v) for k, v in row.items()}
            for row in csv.DictReader(handle)
        }


def select_ranker(train: Matrix, target: str, truth: Mapping[str, float]) -> list[str]:
    tuned = tune_nearest(train)
    ranked, _ = predict(train, target, truth, tuned.chosen)
    return [r.model for r in ranked]


def best_mean(train: Matrix, target: str, truth: Mapping[str, float]) -> list[str]:
    sums: dict[str, list[float]] = {}
    for row in train.values.values():
        for model, value in row.items():
            sums.setdefault(model, []).append(value)
    mean = {m: statistics.fmean(v) for m, v in sums.items()}
    return sorted(truth, key=lambda m: (-mean.get(m, -1.0), m))


def most_often_best(train: Matrix, target: str, truth: Mapping[str, float]) -> list[str]:
    wins: dict[str, int] = {}
    for row in train.values.values():
        top = max(row.values())
        for model, value in row.items():
            wins[model] = wins.get(model, 0) + (value == top)
    fallback = best_mean(train, target, truth)
    return sorted(truth, key=lambda m: (-wins.get(m, 0), fallback.index(m)))


def random_ranker(seed: int) -> Ranker:
    def rank(train: Matrix, target: str, truth: Mapping[str, float]) -> list[str]:
        order = sorted(truth)
        random.Random(f"{seed}:{target}").shuffle(order)
        return order

    return rank


def score(
    folds: list[tuple[Matrix, str, dict[str, float]]], ranker: Ranker, k: int
) -> dict[str, float]:
    p, n, r = [], [], []
    for train, target, truth in folds:
        ranked = ranker(train, target, truth)
        if len(truth) > k:
            p.append(precision_at(ranked, truth, k))
        n.append(ndcg_at(ranked, truth, k))
        r.append(regret_at_1(ranked, truth))
    return {
        f"precision@{k}": round(statistics.fmean(p), 4) if p else float("nan"),
        f"ndcg@{k}": round(statistics.fmean(n), 4),
        "regret@1": round(statistics.fmean(r), 4),
        "datasets": len(n),
        f"datasets_over_{k}": len(p),
    }


def evaluate(
    folds: list[tuple[Matrix, str, dict[str, float]]], k: int
) -> dict[str, dict[str, float]]:
    out = {
        "select": score(folds, select_ranker, k),
        "most-often-best": score(folds, most_often_best, k),
        "best-mean-accuracy": score(folds, best_mean, k),
    }
    runs = [score(folds, random_ranker(seed), k) for seed in range(20)]
    out["random (mean of 20)"] = {
        key: round(statistics.fmean(run[key] for run in runs), 4) for key in runs[0]
    }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--k", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.data / "hf_results_all.csv").is_file():
        print(f"{args.data}: no modelsel data here", file=sys.stderr)
        return 2
    features = read_features(args.data / "hf_dataset_features.csv")
    train = Matrix.build(read_results(args.data / "hf_results_train.csv"), features)
    cold = Matrix.build(read_results(args.data / "hf_results_test.csv"), features)
    cold_folds = [(train, d, dict(row)) for d, row in sorted(cold.values.items())]
    full = Matrix.build(read_results(args.data / "hf_results_all.csv"), features)
    lodo = [
        (full.without(d), d, dict(row)) for d, row in sorted(full.values.items()) if len(row) >= 2
    ]
    report: dict[str, object] = {
        "cold-start split": evaluate(cold_folds, args.k),
        "leave-one-dataset-out": evaluate(lodo, args.k),
        # Inner folds with evidence (held-out models measured elsewhere too): with none, select
        # cannot tune and uses its defaults.
        "inner folds, cold-start training part": len(_folds(train, 10_000)),
        "inner folds, leave-one-dataset-out (mean)": round(
            statistics.fmean(len(_folds(m, 10_000)) for m, _, _ in lodo), 2
        ),
    }
    if args.json:
        print(json.dumps(report, indent=2, sort_keys=True))
        return 0
    for protocol, methods in report.items():
        if not isinstance(methods, dict):
            print(f"{protocol}: {methods}")
            continue
        print(f"## {protocol}")
        for name, figures in methods.items():
            print(f"{name:22} " + "  ".join(f"{k} {v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
