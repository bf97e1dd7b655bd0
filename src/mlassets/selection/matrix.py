"""The model-on-dataset performance matrix for one metric, oriented so that larger is better."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Matrix:
    """`values[dataset][model]`: the oriented value (the best one, when a pair has several)."""

    values: Mapping[str, Mapping[str, float]]
    features: Mapping[str, tuple[float, ...]] = field(default_factory=dict)

    @staticmethod
    def build(
        cells: Iterable[tuple[str, str, float]],
        features: Mapping[str, Mapping[str, float]] | None = None,
    ) -> Matrix:
        """From (dataset, model, oriented value) cells and optional named features per dataset."""
        values: dict[str, dict[str, float]] = {}
        for dataset, model, value in cells:
            row = values.setdefault(dataset, {})
            row[model] = max(value, row.get(model, -math.inf))
        return Matrix(values, standardised(features or {}))

    def without(self, dataset: str) -> Matrix:
        """The matrix with one dataset's results held out (its features stay)."""
        return Matrix({d: r for d, r in self.values.items() if d != dataset}, self.features)

    def models(self) -> set[str]:
        return {m for row in self.values.values() for m in row}

    def dataset_means(self) -> dict[str, float]:
        return {d: sum(r.values()) / len(r) for d, r in self.values.items() if r}

    def global_mean(self) -> float:
        cells = [v for r in self.values.values() for v in r.values()]
        return sum(cells) / len(cells) if cells else 0.0


def standardised(features: Mapping[str, Mapping[str, float]]) -> dict[str, tuple[float, ...]]:
    """Every dataset's features as one vector, each feature scaled to mean 0 and unit variance
    over the datasets (a missing feature is the mean, 0)."""
    names = sorted({n for row in features.values() for n in row})
    columns: dict[str, tuple[float, float]] = {}
    for name in names:
        seen = [row[name] for row in features.values() if name in row]
        mean = sum(seen) / len(seen)
        spread = math.sqrt(sum((x - mean) ** 2 for x in seen) / len(seen))
        columns[name] = (mean, spread or 1.0)
    return {
        dataset: tuple((row[n] - columns[n][0]) / columns[n][1] if n in row else 0.0 for n in names)
        for dataset, row in features.items()
    }


def cosine(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    norm = math.sqrt(sum(x * x for x in a) * sum(y * y for y in b))
    return dot / norm if norm else 0.0
