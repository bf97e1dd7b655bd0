"""Ranking quality against held-out truth: precision@k, NDCG@k and regret of the top pick."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence


def _ideal(truth: Mapping[str, float]) -> list[str]:
    return sorted(truth, key=lambda m: (-truth[m], m))


def precision_at(ranked: Sequence[str], truth: Mapping[str, float], k: int) -> float:
    """Share of the top k that are in the true top k (k capped at the number of candidates)."""
    size = min(k, len(truth))
    return len(set(ranked[:size]) & set(_ideal(truth)[:size])) / size


def ndcg_at(ranked: Sequence[str], truth: Mapping[str, float], k: int) -> float:
    """NDCG@k with gains scaled to 0..1 within the dataset (worst candidate 0, best 1)."""
    low, high = min(truth.values()), max(truth.values())

    def gain(model: str) -> float:
        return (truth[model] - low) / (high - low) if high > low else 1.0

    def dcg(order: Sequence[str]) -> float:
        return sum(gain(m) / math.log2(i + 2) for i, m in enumerate(order[:k]))

    ideal = dcg(_ideal(truth))
    return dcg(ranked) / ideal if ideal else 1.0


def regret_at_1(ranked: Sequence[str], truth: Mapping[str, float]) -> float:
    """How much worse the top pick is than the best candidate (in the metric's units)."""
    return max(truth.values()) - truth[ranked[0]]
