"""`audit`: how well documented and licensed a collection is.

Shares of assets with a card, with YAML metadata, with a declared license, concluding to an SPDX
expression or a LicenseRef, and with lineage conflicts (an error-level rule on one of their
edges); the most common missing fields; the license distribution. Dangling assets (named by a
manifest, with no manifest of their own) are counted apart.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Audit:
    assets: int
    by_kind: dict[str, int]
    dangling: int
    shares: dict[str, float]  # name -> share of `assets`, 0..1
    counts: dict[str, int]
    missing_fields: tuple[tuple[str, int], ...]
    licenses: tuple[tuple[str, str, int], ...]  # (license, category, count)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": 1,
            "assets": self.assets,
            "by_kind": self.by_kind,
            "dangling": self.dangling,
            "shares": self.shares,
            "counts": self.counts,
            "missing_fields": [{"field": f, "assets": n} for f, n in self.missing_fields],
            "licenses": [
                {"license": lic, "category": cat, "assets": n} for lic, cat, n in self.licenses
            ],
        }


def audit(db: sqlite3.Connection, top: int = 15) -> Audit:
    one = db.execute(
        """SELECT count(*),
                  sum(card_sha256 IS NOT NULL),
                  sum(has_metadata),
                  sum(license_declared),
                  sum(license_status = 'spdx'),
                  sum(license_status = 'licenseref')
           FROM assets WHERE dangling = 0"""
    ).fetchone()
    total = one[0] or 0
    conflicts = db.execute(
        """SELECT count(DISTINCT child) FROM edges
           WHERE violation LIKE '%:error%'"""
    ).fetchone()[0]
    counts = {
        "with_card": one[1] or 0,
        "with_metadata": one[2] or 0,
        "with_license": one[3] or 0,
        "spdx": one[4] or 0,
        "licenseref": one[5] or 0,
        "with_lineage_conflicts": conflicts,
    }
    shares = {k: round(v / total, 4) if total else 0.0 for k, v in counts.items()}
    missing: Counter[str] = Counter()
    for (fields,) in db.execute("SELECT missing_fields FROM assets WHERE dangling = 0"):
        missing.update(f for f in fields.split(",") if f)
    kinds = db.execute(
        "SELECT kind, count(*) FROM assets WHERE dangling = 0 GROUP BY kind ORDER BY kind"
    )
    by_kind = {str(kind): int(n) for kind, n in kinds}
    licenses = tuple(
        (lic or "NOASSERTION", cat or "unknown", n)
        for lic, cat, n in db.execute(
            """SELECT license, license_category, count(*) AS n FROM assets WHERE dangling = 0
               GROUP BY license ORDER BY n DESC, license LIMIT ?""",
            (top,),
        )
    )
    dangling = db.execute("SELECT count(*) FROM assets WHERE dangling = 1").fetchone()[0]
    return Audit(
        total,
        by_kind,
        dangling,
        shares,
        counts,
        tuple(sorted(missing.items(), key=lambda kv: (-kv[1], kv[0]))),
        licenses,
    )
