"""Reads on the PostgreSQL catalog: search (tsvector + GIN), facets, assets, lineage, audit.

The search follows query.py's contract: the user's words are never syntax (each `\\w+` word
becomes a quoted lexeme), all words must match, else any word; facet filters compare
case-insensitively on indexed `lower(column)`. Ranking is `ts_rank` with weights close to the
SQLite BM25 ones (id and title first, then tags, task, description), and when enough assets
match by id or title, only those are ranked: the top results agree on the catalog tests'
queries, the order below may differ.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from mlassets.catalog.audit import Audit
from mlassets.catalog.errors import AssetNotFoundError
from mlassets.catalog.graph import EdgeRow, LineageGraph, NodeRow, walk
from mlassets.catalog.query import FILTERS, SearchHit, SearchResult, fts_words
from mlassets.catalog.records import (
    FACET_VALUES,
    FACETS,
    RECORD_COLUMNS,
    AssetRecord,
    Evaluation,
    Facets,
    record_of,
)
from mlassets.core.errors import UsageError

if TYPE_CHECKING:
    import psycopg

    Connection = psycopg.Connection[tuple[Any, ...]]

_WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'::float4[]"  # D description, C task, B tags, A id and title
_SELECT = "a.id, a.kind, a.title, a.task, a.license, a.license_category, a.library"


def _tsquery(words: list[str], joiner: str) -> str:
    # \w+ words hold no tsquery operators or quotes; quoting keeps each one a plain lexeme.
    return f" {joiner} ".join(f"'{w}'" for w in words)


def _where(filters: dict[str, str]) -> tuple[str, list[Any]]:
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise UsageError(f"unknown search filter(s): {', '.join(sorted(unknown))}")
    clauses, params = ["NOT a.dangling"], []
    for key, value in filters.items():
        if key == "language":
            clauses.append("a.pk IN (SELECT asset FROM languages WHERE language = %s)")
        else:
            clauses.append(f"lower(a.{key}) = lower(%s)")
        params.append(value)
    return " AND ".join(clauses), params


def _hit(row: tuple[Any, ...], score: float) -> SearchHit:
    return SearchHit(row[0], row[1], row[2], row[3], row[4], row[5], row[6], score)


def search(
    db: Connection, query: str, filters: dict[str, str] | None = None, limit: int = 20
) -> SearchResult:
    filters = {k: v for k, v in (filters or {}).items() if v}
    where, params = _where(filters)
    words = fts_words(query)
    if not words:
        rows = db.execute(
            f"SELECT {_SELECT} FROM assets a WHERE {where} ORDER BY a.id LIMIT %s",
            (*params, limit),
        ).fetchall()
        return SearchResult(query, "filters only", tuple(_hit(r, 0.0) for r in rows))
    hits = _ranked(db, _tsquery(words, "&"), where, params, limit)
    if hits or len(words) == 1:
        return SearchResult(query, "all words", hits)
    return SearchResult(query, "any word", _ranked(db, _tsquery(words, "|"), where, params, limit))


def _ranked(
    db: Connection, match: str, where: str, params: list[Any], limit: int
) -> tuple[SearchHit, ...]:
    # ts_rank reads and scores every matching row: for a common word, most of the catalog.
    # Assets whose id or title match (weight A, which outweighs the rest) are ranked first,
    # among themselves; only when they are fewer than `limit` is everything ranked.
    for column in ("names", "document"):
        rows = db.execute(
            f"""SELECT {_SELECT}, ts_rank({_WEIGHTS}, a.document, q) AS rank
                FROM assets a, to_tsquery('simple', %s) q
                WHERE a.{column} @@ q AND {where}
                ORDER BY rank DESC, a.id LIMIT %s""",
            (match, *params, limit),
        ).fetchall()
        if len(rows) >= limit:
            break
    return tuple(_hit(r, round(float(r[7]), 4)) for r in rows)


def facets(db: Connection, query: str, filters: dict[str, str] | None = None) -> Facets:
    """For each facet, how many assets matching the search have each value (top values)."""
    filters = {k: v for k, v in (filters or {}).items() if v}
    where, params = _where(filters)
    words = fts_words(query)
    match = ""
    if words:
        match = "a.document @@ to_tsquery('simple', %s) AND "
        params = [_tsquery(words, "&"), *params]
        probe = f"SELECT 1 FROM assets a WHERE {match}{where} LIMIT 1"
        if len(words) > 1 and db.execute(probe, params).fetchone() is None:
            params[0] = _tsquery(words, "|")  # the search fell back to any word: so do these
    result: Facets = {}
    for facet in FACETS:
        column = "l.language" if facet == "language" else f"a.{facet}"
        join = "JOIN languages l ON l.asset = a.pk" if facet == "language" else ""
        rows = db.execute(
            f"""SELECT {column}, count(*) AS n FROM assets a {join}
                WHERE {match}{where} AND {column} IS NOT NULL
                GROUP BY {column} ORDER BY n DESC, {column} LIMIT {FACET_VALUES}""",
            params,
        ).fetchall()
        result[facet] = tuple((str(v), int(n)) for v, n in rows)
    return result


def find_asset(db: Connection, ref: str) -> tuple[int, str] | None:
    """(pk, id) for a reference: its exact id, `hf://` added or dropped (as query.find_asset)."""
    candidates = [ref, f"hf://{ref}", f"hf://datasets/{ref}", ref.removeprefix("hf://")]
    rows: dict[str, int] = dict(
        db.execute("SELECT id, pk FROM assets WHERE id = ANY(%s)", (candidates,)).fetchall()
    )
    for candidate in candidates:
        if candidate in rows:
            return int(rows[candidate]), candidate
    return None


def require(db: Connection, ref: str, location: str) -> tuple[int, str]:
    found = find_asset(db, ref)
    if found is None:
        raise AssetNotFoundError(ref, location)
    return found


def asset(db: Connection, pk: int) -> AssetRecord:
    row = db.execute(
        f"SELECT {', '.join(RECORD_COLUMNS)}, tags FROM assets WHERE pk = %s", (pk,)
    ).fetchone()
    assert row is not None  # `pk` comes from find_asset in the same session
    languages = [r[0] for r in db.execute("SELECT language FROM languages WHERE asset = %s", (pk,))]
    metrics = db.execute(
        "SELECT dataset, metric, value FROM metrics WHERE asset = %s ORDER BY dataset, metric",
        (pk,),
    ).fetchall()
    return record_of(tuple(row[:-1]), languages, row[-1], metrics)


def evaluated_on(db: Connection, dataset_id: str) -> tuple[Evaluation, ...]:
    """The models that report a result on the dataset (its full or short id), best first."""
    short = dataset_id.removeprefix("hf://").removeprefix("datasets/")
    rows = db.execute(
        """SELECT a.id, m.metric, m.value FROM metrics m JOIN assets a ON a.pk = m.asset
           WHERE m.dataset = ANY(%s) ORDER BY m.metric, m.value DESC NULLS LAST, a.id""",
        ([dataset_id, short],),
    ).fetchall()
    return tuple(Evaluation(str(a), str(m), None if v is None else float(v)) for a, m, v in rows)


def lineage_graph(db: Connection, root: int, *, up: bool, down: bool, depth: int) -> LineageGraph:
    def node_of(pk: int) -> NodeRow:
        row = db.execute(
            "SELECT id, kind, license, dangling FROM assets WHERE pk = %s", (pk,)
        ).fetchone()
        assert row is not None  # edges reference assets (foreign keys)
        return str(row[0]), row[1], row[2], bool(row[3])

    def edges_of(pk: int, direction: str) -> list[EdgeRow]:
        column = "child" if direction == "up" else "parent"
        rows = db.execute(
            f"SELECT child, parent, relation, violation FROM edges WHERE {column} = %s "
            "ORDER BY child, parent, relation",
            (pk,),
        ).fetchall()
        return [(int(c), int(p), str(r), str(v)) for c, p, r, v in rows]

    return walk(root, node_of, edges_of, up=up, down=down, depth=depth)


def audit(db: Connection, top: int = 15) -> Audit:
    one = db.execute(
        """SELECT count(*), count(card_sha256), sum(has_metadata), sum(license_declared),
                  count(*) FILTER (WHERE license_status = 'spdx'),
                  count(*) FILTER (WHERE license_status = 'licenseref')
           FROM assets WHERE NOT dangling"""
    ).fetchone() or (0, 0, 0, 0, 0, 0)
    total = int(one[0] or 0)
    conflicts = db.execute(
        "SELECT count(DISTINCT child) FROM edges WHERE violation LIKE '%%:error%%'"
    ).fetchone()
    counts = {
        "with_card": int(one[1] or 0),
        "with_metadata": int(one[2] or 0),
        "with_license": int(one[3] or 0),
        "spdx": int(one[4] or 0),
        "licenseref": int(one[5] or 0),
        "with_lineage_conflicts": int(conflicts[0] if conflicts else 0),
    }
    shares = {k: round(v / total, 4) if total else 0.0 for k, v in counts.items()}
    missing: Counter[str] = Counter()
    for field, n in db.execute(
        """SELECT f, count(*) FROM assets, unnest(string_to_array(missing_fields, ',')) f
           WHERE NOT dangling AND f <> '' GROUP BY f"""
    ):
        missing[str(field)] = int(n)
    kinds = db.execute(
        "SELECT kind, count(*) FROM assets WHERE NOT dangling GROUP BY kind ORDER BY kind"
    )
    by_kind = {str(kind): int(n) for kind, n in kinds}
    licenses = tuple(
        (lic or "NOASSERTION", cat or "unknown", int(n))
        for lic, cat, n in db.execute(
            """SELECT license, min(license_category), count(*) AS n FROM assets
               WHERE NOT dangling GROUP BY license ORDER BY n DESC, license LIMIT %s""",
            (top,),
        )
    )
    dangling = db.execute("SELECT count(*) FROM assets WHERE dangling").fetchone()
    return Audit(
        total,
        by_kind,
        int(dangling[0] if dangling else 0),
        shares,
        counts,
        tuple(sorted(missing.items(), key=lambda kv: (-kv[1], kv[0]))),
        licenses,
    )
