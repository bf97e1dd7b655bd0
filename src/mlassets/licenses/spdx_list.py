"""The vendored SPDX License List and the ScanCode LicenseDB index that license-expression ships.

`scripts/refresh_license_data.py` rewrites data/spdx-licenses.json. Lookups are by lowercased id,
because people write SPDX ids in every case (`apache-2.0`, `ODC-BY-1.0`).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class SpdxLicense:
    id: str
    name: str
    deprecated: bool
    osi: bool
    fsf: bool


@dataclass(frozen=True)
class SpdxList:
    version: str
    licenses: dict[str, SpdxLicense]  # lowercased id -> entry
    exceptions: dict[str, str]  # lowercased id -> id

    def get(self, identifier: str) -> SpdxLicense | None:
        return self.licenses.get(identifier.lower())

    def current(self, identifier: str) -> str | None:
        """The id as SPDX spells it, for a license that is on the list and not deprecated."""
        entry = self.get(identifier)
        return entry.id if entry and not entry.deprecated else None


@functools.cache
def spdx_list() -> SpdxList:
    raw = (Path(__file__).resolve().parent / "data" / "spdx-licenses.json").read_bytes()
    data = json.loads(raw)
    licenses = {
        e["id"].lower(): SpdxLicense(e["id"], e["name"], e["deprecated"], e["osi"], e["fsf"])
        for e in data["licenses"]
    }
    exceptions = {e.lower(): e for e in data["exceptions"]}
    return SpdxList(data["licenseListVersion"], licenses, exceptions)


@dataclass(frozen=True)
class ScancodeEntry:
    key: str
    category: str
    spdx_key: str  # the SPDX id, or LicenseRef-scancode-<key> for licenses not on the SPDX list
    # A key for a kind of license or a detector's marker, not one license: "see-license",
    # "no-license", "unknown", "commercial-license", "other-permissive". Never concluded.
    names_a_kind: bool = False


@functools.cache
def scancode_index() -> dict[str, ScancodeEntry]:
    """ScanCode LicenseDB keys (lowercase) -> entry, from the index license-expression ships
    (stored with the other derived indexes: reading license-expression's costs ~20 ms)."""
    from mlassets.licenses.derived import stored_indexes

    stored = stored_indexes()
    if stored is None:
        return build_scancode_index()
    return {key: ScancodeEntry(*entry) for key, entry in stored["scancode_keys"].items()}


def build_scancode_index() -> dict[str, ScancodeEntry]:
    """`scancode_index`, derived from license-expression's index and the vendored LicenseDB
    (see `licenses.derived`). license-expression's release lags the LicenseDB's: the keys only
    the vendored data has (qwen-2024 and ~30 more) are added from it."""
    from license_expression import get_license_index  # 2,600 entries: read only when needed

    from mlassets.licenses.reference import concluded, scancode_licenses  # `is_generic`

    vendored = scancode_licenses()
    # Public domain is a kind ScanCode marks generic that the convention concludes by its key.
    kinds = {e.key for e in vendored if e.generic and e.category != "Public Domain"}
    entries: list[dict[str, Any]] = get_license_index()
    index = {
        e["license_key"].lower(): ScancodeEntry(
            e["license_key"],
            e.get("category") or "Unstated License",
            e.get("spdx_license_key") or f"LicenseRef-scancode-{e['license_key']}",
            e.get("category") == "Unstated License" or e["license_key"] in kinds,
        )
        for e in entries
        if not e.get("is_exception")
    }
    for entry in vendored:
        known = index.setdefault(
            entry.key.lower(),
            ScancodeEntry(
                entry.key,
                entry.category,
                entry.spdx,
                entry.category == "Unstated License" or entry.key in kinds,
            ),
        )
        if known.spdx_key.startswith("LicenseRef-"):  # a license SPDX has listed since
            index[entry.key.lower()] = replace(known, spdx_key=concluded(entry))
    return index


@functools.cache
def scancode_by_spdx() -> dict[str, ScancodeEntry]:
    """SPDX id or LicenseRef-scancode-<key> (lowercase) -> ScanCode entry."""
    by_spdx: dict[str, ScancodeEntry] = {}
    for entry in scancode_index().values():
        by_spdx.setdefault(entry.spdx_key.lower(), entry)
    return by_spdx
