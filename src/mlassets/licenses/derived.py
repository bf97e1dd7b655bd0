"""Indexes derived from the reference data, stored beside it: names, URLs, ScanCode keys.

Deriving them (every SPDX and ScanCode name tokenised, every license URL keyed, and
license-expression's own ScanCode index read) costs about 150 ms, which each cold
`license-check`, and each `validate` of a card whose body states a license, paid before its first
answer. They depend only on the vendored data (and license-expression's index) and on the code in
`reference` and `spdx_list` that derives them, so they are stored in data/derived-indexes.json
and read from there (~10 ms); the SPDX name index and the one-version acronyms, which a plain id
needs, in a small file of their own (spdx-names-derived.json). `scripts/refresh_license_data.py`
writes both with the data; a test derives the indexes afresh and compares, so a change to the
data or to the derivation fails until they are written again
(`python scripts/refresh_license_data.py --derived`).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
STORED = DATA / "derived-indexes.json"
# The SPDX name index and the one-version acronyms are what a plain id's lookup needs (every
# cold license-check): a small file of their own, so that it does not read the 900 KB one.
SMALL = DATA / "spdx-names-derived.json"
SMALL_KEYS = ("spdx_names", "single_versions")
# The classification table is hand-written TOML (with its comments); every license-check reads
# it, and tomllib's import and parse were ~3 ms of a one-card check, so its data is stored as JSON
# beside it, apart from the large indexes that only names and URLs need.
CLASSIFICATION_SOURCE = DATA / "classification.toml"
CLASSIFICATION = DATA / "classification-derived.json"


def derive() -> dict[str, Any]:
    """The indexes as plain data, derived now."""
    from mlassets.licenses.inferred import build_single_versions
    from mlassets.licenses.names import build_spdx_name_index
    from mlassets.licenses.reference import build_second_keys
    from mlassets.licenses.scancode_names import build_name_indexes
    from mlassets.licenses.scancode_urls import build_site_index, build_url_index
    from mlassets.licenses.spdx_list import build_scancode_index

    names = build_name_indexes()
    scancode = build_scancode_index()
    urls = build_url_index()
    return {
        "spdx_names": build_spdx_name_index(),
        "single_versions": build_single_versions(),
        "names": {
            "exact": names.exact,
            "unordered": names.unordered,
            "shortened": names.shortened,
            "fuzzy_keys": list(names.fuzzy_keys),
            "one_word": names.one_word,
            "any_order": names.any_order,
        },
        "urls": urls,
        "url_sites": build_site_index(urls),
        "second_keys": build_second_keys(),
        "scancode_keys": {
            key: [entry.key, entry.category, entry.spdx_key, entry.names_a_kind]
            for key, entry in scancode.items()
        },
    }


def split(indexes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The derived indexes as the two files store them: (STORED's, SMALL's)."""
    small = {k: indexes[k] for k in SMALL_KEYS}
    return {k: v for k, v in indexes.items() if k not in SMALL_KEYS}, small


def dumps(indexes: dict[str, Any]) -> str:
    """The stored file's text: sorted, one key a line, so that a refresh diffs readably."""
    return json.dumps(indexes, indent=0, sort_keys=True, ensure_ascii=False) + "\n"


def _stored(path: Path) -> dict[str, Any] | None:
    """A stored file's data, or None where it is missing (a source tree being rebuilt)."""
    try:
        data: dict[str, Any] = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    return data


@functools.cache
def stored_indexes() -> dict[str, Any] | None:
    """STORED's indexes (names, URLs, ScanCode keys)."""
    return _stored(STORED)


@functools.cache
def stored_small() -> dict[str, Any] | None:
    """SMALL's indexes (the SPDX name index, the one-version acronyms)."""
    return _stored(SMALL)


def derive_classification() -> dict[str, Any]:
    """classification.toml's data, parsed now."""
    import tomllib

    data: dict[str, Any] = tomllib.loads(CLASSIFICATION_SOURCE.read_text(encoding="utf-8"))
    return data


@functools.cache
def classification() -> dict[str, Any]:
    """The classification table's data: stored, or parsed where the stored file is missing."""
    try:
        data: dict[str, Any] = json.loads(CLASSIFICATION.read_bytes())
    except FileNotFoundError:
        return derive_classification()
    return data
