"""The vendored ScanCode LicenseDB index (data/scancode-licensedb.json, written by
scripts/refresh_license_data.py; its `source` records the release) and the expression the
project's convention concludes for each entry.

What is recognised from it lives beside it: its names (`scancode_names`) and its URLs
(`scancode_urls`), derived once and stored (see `licenses.derived`). ScanCode entries marked
generic or unknown ("Proprietary License", "Unknown License") are left out of both: they name a
kind of terms, not a license.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from mlassets.licenses.spdx_list import spdx_list


@dataclass(frozen=True)
class ScancodeLicense:
    key: str
    name: str
    short_name: str
    category: str
    spdx: str
    generic: bool
    urls: tuple[str, ...]


@functools.cache
def scancode_licenses() -> tuple[ScancodeLicense, ...]:
    raw = Path(__file__).resolve().parent / "data" / "scancode-licensedb.json"
    data = json.loads(raw.read_bytes())
    return tuple(
        ScancodeLicense(
            e["key"],
            e["name"],
            e["short_name"],
            e["category"],
            e["spdx"],
            e["generic"],
            tuple(e["urls"]),
        )
        for e in data["licenses"]
    )


def scancode_source() -> str:
    raw = Path(__file__).resolve().parent / "data" / "scancode-licensedb.json"
    return str(json.loads(raw.read_bytes())["source"])


def concluded(entry: ScancodeLicense) -> str:
    """The expression the project's convention concludes for a ScanCode license: its SPDX id
    when it is on the SPDX list (deprecated GNU ids as `-only`), else LicenseRef-scancode-<key>."""
    if entry.spdx.startswith("LicenseRef-"):
        # The SPDX list may have added the license since this ScanCode release: its key is an
        # SPDX id and both lists name it alike (openmdw-1.0, OpenMDW-1.0 in SPDX 3.28). The key
        # alone is not enough: ScanCode's bsl-1.0 is the Business Source License.
        from mlassets.licenses.scancode_names import name_key  # which reads this module

        listed = spdx_list().get(entry.key)
        if (
            listed
            and not listed.deprecated
            and _kindless(name_key(listed.name)) == _kindless(name_key(entry.name))
        ):  # (ScanCode's capec-tou is "... Classification ToU", SPDX's "... License")
            return listed.id
        # ... or its key is SPDX's id with a version SPDX leaves out, ScanCode gives it no name
        # but that key, and no other entry is that id (wtfnmfpl-1.0, "WTFNMFPL-1.0", is SPDX's
        # WTFNMFPL; wtfpl-1.0 is not WTFPL, which is ScanCode's wtfpl-2.0)
        unversioned = spdx_list().get(_TRAILING_VERSION.sub("", entry.key))
        if (
            unversioned
            and not unversioned.deprecated
            and name_key(entry.name) == name_key(entry.key)
            and unversioned.id not in _mapped_ids()
        ):
            return unversioned.id
        return entry.spdx
    listed = spdx_list().get(entry.spdx)
    if listed is None:
        return f"LicenseRef-scancode-{entry.key}"
    if not listed.deprecated:
        return listed.id
    return spdx_list().current(listed.id + "-only") or listed.id


@functools.cache
def _mapped_ids() -> frozenset[str]:
    """The SPDX ids ScanCode's entries give as their own."""
    return frozenset(e.spdx for e in scancode_licenses())


_TRAILING_VERSION = re.compile(r"-\d+(?:\.\d+)*$")
_KIND_WORDS = frozenset({"tou", "terms", "of", "use", "agreement"})


def _kindless(key: str) -> list[str]:
    return [w for w in key.split() if w not in _KIND_WORDS]


def usable(entry: ScancodeLicense) -> bool:
    """An entry that names one license: not generic, not a detector's marker."""
    return not entry.generic and entry.category != "Unstated License"


_LANGUAGE_SUFFIX = re.compile(r"-(?:en|fr|de|es|it|nl|pt|ja|zh|ko)$")
_VERSION_NUMBER = re.compile(r"\d+(?:\.\d+)*")


def build_second_keys() -> list[str]:
    """The LicenseRef-scancode-<key>s that may be a second key of a license SPDX lists: its
    text in another language (ogl-canada-2.0-fr beside ogl-canada-2.0) or a key that shares a
    license page and a version with one SPDX lists (free-art-1.3 beside lal-1.3, at
    artlibre.org/licence/lal/en). Reading such a name is not certain: the license may be the
    listed one. Stored with the derived indexes."""
    listed = [e for e in scancode_licenses() if not concluded(e).startswith("LicenseRef-")]
    keys = {e.key for e in listed}
    pages: dict[str, set[tuple[str, ...]]] = {}
    for entry in listed:
        for url in entry.urls:
            pages.setdefault(_page(url), set()).add(tuple(_VERSION_NUMBER.findall(entry.name)))
    found = []
    for entry in scancode_licenses():
        expression = concluded(entry)
        if not expression.startswith("LicenseRef-") or entry.generic:
            continue
        versions = tuple(_VERSION_NUMBER.findall(entry.name))
        shared = any(versions and versions in pages.get(_page(u), ()) for u in entry.urls)
        base = _LANGUAGE_SUFFIX.sub("", entry.key)
        if base != entry.key and (base in keys or spdx_list().get(base)) or shared:
            found.append(expression)
    return sorted(found)


def _page(url: str) -> str:
    return re.sub(r"^https?://(?:www\.)?", "", url.lower()).rstrip("/")


@functools.cache
def second_keys() -> frozenset[str]:
    """`build_second_keys`, as stored."""
    from mlassets.licenses.derived import stored_indexes

    stored = (stored_indexes() or {}).get("second_keys")
    return frozenset(build_second_keys() if stored is None else stored)
