"""`search`: full-text search with BM25 ranking and facet filters.

The user's query is never handed to FTS5 as syntax: it is split into words, each quoted, so
`c++`, `"unbalanced` or `AND OR NOT` are plain words, not errors. All words must match; when
none of the results match all of them, the words are tried with OR (and the results say so).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from mlassets.core.errors import UsageError

# BM25 weights for the fts columns: id, title, description, tags, task.
_WEIGHTS = (8.0, 10.0, 1.0, 3.0, 2.0)
_WORD = re.compile(r"\w+", re.UNICODE)
FILTERS = (
    *("kind", "task", "license", "license_category", "language", "library", "source"),
    "size_bucket",
)


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: str | None
    title: str | None
    task: str | None
    license: str | None
    license_category: str | None
    library: str | None
    score: float  # BM25, higher is better (0 for a filter-only listing)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SearchResult:
    query: str
    mode: str  # "all words", "any word", or "filters only"
    hits: tuple[SearchHit, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": 1,
            "query": self.query,
            "mode": self.mode,
            "hits": [h.to_json() for h in self.hits],
        }


def fts_words(query: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(query)]


def search(
    db: sqlite3.Connection, query: str, filters: dict[str, str] | None = None, limit: int = 20
) -> SearchResult:
    filters = {k: v for k, v in (filters or {}).items() if v}
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise UsageError(f"unknown search filter(s): {', '.join(sorted(unknown))}")
    words = fts_words(query)
    if not words:
        return SearchResult(query, "filters only", _listing(db, filters, limit))
    quoted = ['"' + w.replace('"', '""') + '"' for w in words]
    hits = _ranked(db, " ".join(quoted), filters, limit)
    if hits or len(words) == 1:
        return SearchResult(query, "all words", hits)
    return SearchResult(query, "any word", _ranked(db, " OR ".join(quoted), filters, limit))


def _where(filters: dict[str, str]) -> tuple[str, list[Any]]:
    clauses, params = ["a.dangling = 0"], []
    for key, value in filters.items():
        if key == "language":
            clauses.append("a.rowid IN (SELECT asset FROM languages WHERE language = ?)")
        else:
            clauses.append(f"lower(a.{key}) = lower(?)")
        params.append(value)
    return " AND ".join(clauses), params


_SELECT = "a.id, a.kind, a.title, a.task, a.license, a.license_category, a.library"


def _ranked(
    db: sqlite3.Connection, match: str, filters: dict[str, str], limit: int
) -> tuple[SearchHit, ...]:
    where, params = _where(filters)
    weights = ", ".join(str(w) for w in _WEIGHTS)
    rows = db.execute(
        f"""SELECT {_SELECT}, bm25(fts, {weights}) AS rank
            FROM fts JOIN assets a ON a.rowid = fts.rowid
            WHERE fts MATCH ? AND {where}
            ORDER BY rank, a.id LIMIT ?""",
        (match, *params, limit),
    ).fetchall()
    return tuple(_hit(r, round(-r[7], 4)) for r in rows)


def _listing(db: sqlite3.Connection, filters: dict[str, str], limit: int) -> tuple[SearchHit, ...]:
    where, params = _where(filters)
    rows = db.execute(
        f"SELECT {_SELECT} FROM assets a WHERE {where} ORDER BY a.id LIMIT ?", (*params, limit)
    ).fetchall()
    return tuple(_hit(r, 0.0) for r in rows)


def _hit(row: sqlite3.Row, score: float) -> SearchHit:
    return SearchHit(row[0], row[1], row[2], row[3], row[4], row[5], row[6], score)


def find_asset(db: sqlite3.Connection, ref: str) -> sqlite3.Row | None:
    """The catalog row for a reference: its exact id, `hf://` added or dropped, or a title."""
    candidates = [ref, f"hf://{ref}", f"hf://datasets/{ref}", ref.removeprefix("hf://")]
    for candidate in candidates:
        row: sqlite3.Row | None = db.execute(
            "SELECT * FROM assets WHERE id = ?", (candidate,)
        ).fetchone()
        if row is not None:
            return row
    return None
