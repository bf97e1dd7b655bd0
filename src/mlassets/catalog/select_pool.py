"""Which datasets a `select` query reads besides its target, for both catalog backends.

Half at most are those sharing the most models with the target; the rest are its nearest by
features (cosine of the unit vectors), then, without features, the largest. The nearest are
ranked over every dataset with results (10,000 at the scale benchmark): with NumPy (the
`select` extra), from a process's second query on, the products are computed at once and only
the datasets within a hair of the cut are scored again in Python, so the choice is the
pure-Python one, float for float.
"""

from __future__ import annotations

import heapq
import operator
import os
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from mlassets.catalog.results_units import Vectors

# NumPy's products differ from Python's left-to-right sums in the last bits only (16 terms of
# unit vectors: < 1e-14); every dataset within this margin of the cut is scored again exactly.
MARGIN = 1e-9


def numpy_or_none() -> Any:
    """NumPy, when it is installed (the `select` extra) and MLASSETS_SELECT_NUMPY is not 0."""
    if os.environ.get("MLASSETS_SELECT_NUMPY", "1") == "0":
        return None
    try:
        import numpy
    except ImportError:
        return None
    return numpy


@dataclass
class _Layout:
    """What a query needs of the datasets with results, kept while `counts` and `units` are
    the same objects (both are cached until results or features change)."""

    featured: list[int]  # datasets with results and features, in `counts` order
    vectors: list[tuple[float, ...]]  # their unit vectors
    unfeatured: list[int]  # the others, largest first
    uses: int = 0

    @cached_property
    def array(self) -> Any:
        """The vectors as a NumPy matrix (None when their lengths differ); NumPy only."""
        if len({len(v) for v in self.vectors}) != 1:
            return None
        return numpy_or_none().array(self.vectors, dtype=float)


_LAST: list[tuple[dict[int, int], Vectors, _Layout]] = []


def _layout(counts: dict[int, int], units: Vectors) -> _Layout:
    if _LAST and _LAST[0][0] is counts and _LAST[0][1] is units:
        return _LAST[0][2]
    featured = [d for d in counts if str(d) in units]
    vectors = [units[str(d)] for d in featured]
    unfeatured = sorted(set(counts) - set(featured), key=lambda d: (-counts[d], d))
    layout = _Layout(featured, vectors, unfeatured)
    _LAST[:] = [(counts, units, layout)]
    return layout


def _nearest(layout: _Layout, mine: tuple[float, ...], pool: int) -> list[int]:
    """The `pool` featured datasets of the largest dot product with `mine` (ties: lower id)."""
    candidates: Any = range(len(layout.featured))
    # NumPy from the second query of a process on: importing it costs a one-query process
    # (the CLI) ~50 ms wall and ~100 ms CPU (its BLAS threads start), ten times what it saves.
    layout.uses += 1
    numpy = numpy_or_none() if layout.uses > 1 and len(layout.featured) > pool else None
    array = None if numpy is None else layout.array
    if numpy is not None and array is not None and len(mine) == array.shape[1]:
        approx = array @ numpy.array(mine, dtype=float)
        if not numpy.isnan(approx).any():
            cut = numpy.partition(approx, -pool)[-pool]
            candidates = numpy.nonzero(approx >= cut - MARGIN)[0].tolist()
    vectors, featured = layout.vectors, layout.featured
    best = heapq.nlargest(
        pool,
        candidates,
        key=lambda i: (sum(map(operator.mul, mine, vectors[i])), -featured[i]),
    )
    return [featured[i] for i in best]


def choose_pool(
    counts: dict[int, int], shared: dict[int, int], units: Vectors, target: int, pool: int
) -> list[int]:
    """Up to `pool` datasets and the target, from the datasets' result `counts`, the models
    each `shared` with the target, and the unit feature vectors."""
    shared = {d: n for d, n in shared.items() if d in counts}
    chosen = sorted(shared, key=lambda d: (-shared[d], d))[: pool // 2]
    mine = units.get(str(target))
    if mine is not None:
        layout = _layout(counts, units)
        # Only the nearest are needed: a partial selection, not a sort of every dataset.
        ordered = _nearest(layout, mine, pool) + layout.unfeatured
    else:
        ordered = sorted(counts, key=lambda d: (-counts[d], d))
    for dataset in ordered:
        if len(chosen) >= pool:
            break
        if dataset not in chosen and dataset != target:
            chosen.append(dataset)
    return sorted({*chosen, target})
