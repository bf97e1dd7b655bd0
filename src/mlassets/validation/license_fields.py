"""`license: other` without a name or a link: one L104 warning at the `license` key.

The Hub accepts such a card, so this is not a schema error (the card schemas no longer require
`license_name` / `license_link`); it is a license that nobody can identify. In a dataset card the
legacy `license_details` (free text naming the license) says which license it is, as the Hub's
dataset cards of 2021–22 did, so it satisfies both.
"""

from __future__ import annotations

from typing import Any

from mlassets.core import rules
from mlassets.core.findings import Finding
from mlassets.io.yamlpos import Located


def _says_other(value: Any) -> bool:
    values = value if isinstance(value, list) else [value]
    return any(isinstance(v, str) and v.strip().lower() == "other" for v in values)


def other_license_findings(
    metadata: dict[str, Any], kind: str, located: Located | None
) -> list[Finding]:
    """L104 when `license: other` has no `license_name` or no `license_link` (none, or one)."""
    if not _says_other(metadata.get("license")):
        return []
    if kind == "dataset" and str(metadata.get("license_details") or "").strip():
        return []
    missing = [k for k in ("license_name", "license_link") if not metadata.get(k)]
    if not missing:
        return []
    position = located.position(("license",), prefer_key=True) if located else None
    return [
        rules.L104.at(
            f"license is 'other' without {' or '.join(missing)}: nobody can tell which license "
            "applies (add them; in a dataset card, license_details also names it)",
            "/license",
            position,
        )
    ]
