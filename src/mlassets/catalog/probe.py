"""`select models --probe K`: rank, then really evaluate the top K runnable candidates on the
user's sample, store what they scored (source `probe`) and re-rank by the measured scores.

Runnable: Hub models whose manifest says `library: sklearn` or `skops` (loaded with skops, never
pickle) and OpenML flows (`openml://flow/ID`, rebuilt by openml-python's scikit-learn
extension). Probed candidates come first, by measured score, each still showing what was
predicted; candidates that failed or were not reached keep their predicted place after them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Protocol

from mlassets.catalog.results import ImportReport
from mlassets.catalog.select import Candidate, Selection
from mlassets.core.clock import fetch_time
from mlassets.selection.probe import ProbeOutcome, probe, read_sample
from mlassets.selection.records import Result

RUNNABLE_LIBRARIES = ("sklearn", "skops", "scikit-learn")
_WIDE = 10_000  # how far down the predicted ranking runnable candidates are looked for


@dataclass(frozen=True)
class ProbeRequest:
    sample: Path
    target: str
    k: int
    budget: float = 60.0
    folds: int = 5


class Prober(Protocol):
    """What probing needs from a catalog backend: a `Catalog` is one."""

    def select_models(
        self,
        dataset_ref: str,
        *,
        metric: str | None = None,
        k: int = 10,
        use: str | None = None,
        higher: bool | None = None,
    ) -> Selection: ...

    def library_revision(self, model: str) -> tuple[str | None, str | None] | None: ...

    def import_results(
        self, results: Iterable[Result], *, higher: bool | None = None
    ) -> ImportReport: ...


def _sqlite(db: sqlite3.Connection) -> Prober:
    """A connection as its catalog, for the length of a probe (the caller closes it)."""

    from mlassets.catalog.sqlite import SqliteCatalog

    return SqliteCatalog(db, Path(db.execute("PRAGMA database_list").fetchone()[2]))


def _loader(catalog: Prober, model: str) -> Callable[[], Any] | None:
    if model.startswith("openml://flow/"):
        from mlassets.sources.openml_results import flow_loader

        return flow_loader(int(model.rsplit("/", 1)[1])) if model[14:].isdigit() else None
    row = catalog.library_revision(model)
    if row is None or row[0] not in RUNNABLE_LIBRARIES or not model.startswith("hf://"):
        return None
    from mlassets.sources.hub_models import skops_loader

    return skops_loader(model.removeprefix("hf://"), row[1])


def probe_and_select(
    db: sqlite3.Connection | Prober,
    dataset_ref: str,
    request: ProbeRequest,
    *,
    metric: str | None = None,
    k: int = 10,
    use: str | None = None,
    higher: bool | None = None,
) -> Selection:
    """Probe on a SQLite catalog connection or a `Catalog`."""
    catalog = _sqlite(db) if isinstance(db, sqlite3.Connection) else db
    sample = read_sample(request.sample, request.target)  # a bad sample fails before any work
    wide = catalog.select_models(dataset_ref, metric=metric, k=_WIDE, use=use, higher=higher)
    chosen: list[tuple[str, Callable[[], Any]]] = []
    for candidate in wide.candidates:
        load = _loader(catalog, candidate.model)
        if load is not None and candidate.evidence != "measured":
            chosen.append((candidate.model, load))
        if len(chosen) == request.k:
            break
    outcomes = probe(chosen, sample, wide.metric, budget=request.budget, folds=request.folds)
    _store(catalog, wide, outcomes)
    return _reranked(wide, outcomes, k)


def _store(catalog: Prober, selection: Selection, outcomes: list[ProbeOutcome]) -> None:
    now = fetch_time()
    results = []
    for outcome in outcomes:
        if outcome.score is None:
            continue
        row = catalog.library_revision(outcome.model)
        results.append(
            Result(
                model=outcome.model,
                dataset=selection.dataset,
                metric=selection.metric,
                value=outcome.score,
                split=f"cv{outcome.folds}",
                source="probe",
                revision=row[1] if row else None,
                fetched_at=now,
            )
        )
    catalog.import_results(results, higher=selection.higher_is_better)


def _reranked(selection: Selection, outcomes: list[ProbeOutcome], k: int) -> Selection:
    scores = {o.model: o.score for o in outcomes if o.score is not None}
    sign = 1.0 if selection.higher_is_better else -1.0
    probed: list[Candidate] = []
    rest: list[Candidate] = []
    for candidate in selection.candidates:
        if candidate.model in scores:
            probed.append(
                replace(
                    candidate,
                    measured=scores[candidate.model],
                    evidence="probed",
                    method="probe",
                    confidence=1.0,
                )
            )
        else:
            rest.append(candidate)
    probed.sort(key=lambda c: (-sign * (c.measured or 0.0), c.model))
    ordered = [replace(c, rank=i + 1) for i, c in enumerate([*probed, *rest][:k])]
    return replace(selection, candidates=tuple(ordered), probes=tuple(outcomes))
