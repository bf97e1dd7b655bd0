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
        return entry.spdx
    listed = spdx_list().get(entry.spdx)
    if listed is None:
        return f"LicenseRef-scancode-{entry.key}"
    if not listed.deprecated:
        return listed.id
    return spdx_list().current(listed.id + "-only") or listed.id


_KIND_WORDS = frozenset({"tou", "terms", "of", "use", "agreement"})


def _kindless(key: str) -> list[str]:
    return [w for w in key.split() if w not in _KIND_WORDS]


def usable(entry: ScancodeLicense) -> bool:
    """An entry that names one license: not generic, not a detector's marker."""
    return not entry.generic and entry.category != "Unstated License"
