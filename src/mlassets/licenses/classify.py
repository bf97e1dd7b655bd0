"""What a license lets you do, in the spirit of the Data Provenance Initiative's triple.

Each license gets: commercial use allowed, attribution required, share-alike/copyleft, derivatives
allowed, use-based restrictions, and a category. The answer comes from, in order:
1. data/classification.toml, written by this project for the licenses ML assets use most (the
   RAIL, Llama and Gemma terms, data licenses, the common software licenses);
2. the Creative Commons elements in the id (BY, SA, NC, ND), for every CC license and port;
3. the ScanCode LicenseDB category that license-expression ships, for anything else on it;
4. for a license known only by its name (a LicenseRef), the words "research", "NC" or
   "non-commercial" in it: commercial use is barred, the rest unknown.
`source` says which one answered. An expression combines its licenses: AND takes the stricter
answer for each question, OR the more permissive option.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

from mlassets.licenses.spdx_list import scancode_by_spdx
from mlassets.licenses.tree import NOASSERTION, Expr, Leaf, Or, coerce

# From the most to the least permissive; AND keeps the later one, OR the earlier.
CATEGORIES = (
    "public-domain",
    "permissive",
    "weak-copyleft",
    "copyleft",
    "responsible-ai",
    "no-derivatives",
    "non-commercial",
    "proprietary",
    "unknown",
)


@dataclass(frozen=True)
class LicenseClass:
    category: str
    commercial_use: bool | None  # None: the terms do not say, or mlassets does not know them
    attribution: bool | None
    share_alike: bool | None
    derivatives: bool | None
    use_restrictions: bool
    source: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


UNKNOWN = LicenseClass("unknown", None, None, None, None, False, "no license concluded")

_SCANCODE_CATEGORY = {
    "Public Domain": LicenseClass("public-domain", True, False, False, True, False, ""),
    "Permissive": LicenseClass("permissive", True, True, False, True, False, ""),
    "Copyleft Limited": LicenseClass("weak-copyleft", True, True, True, True, False, ""),
    "Copyleft": LicenseClass("copyleft", True, True, True, True, False, ""),
}


@functools.cache
def _table() -> dict[str, LicenseClass]:
    from mlassets.licenses.derived import classification  # only once the first is classified

    data = classification()
    table: dict[str, LicenseClass] = {}
    for category, spec in data.items():
        template = LicenseClass(
            category,
            spec.get("commercial_use"),
            spec.get("attribution"),
            spec.get("share_alike"),
            spec.get("derivatives"),
            spec.get("use_restrictions", False),
            "mlassets classification table",
        )
        for identifier in spec["licenses"]:
            table[identifier.lower()] = template
    return table


_CC = re.compile(r"^(?:LicenseRef-)?CC-(BY(?:-NC)?(?:-ND|-SA)?)-\d")  # ports not on SPDX too


@functools.lru_cache(maxsize=4096)
def classify_id(identifier: str) -> LicenseClass:
    """The class of one license id (an SPDX id or a LicenseRef)."""
    if identifier.endswith("+"):  # "LPPL-1.3c+", this version or a later: this version's terms
        return classify_id(identifier[:-1])
    known = _table().get(identifier.lower())
    if known:
        return known
    cc = _CC.match(identifier)
    if cc:
        elements = cc[1].split("-")
        category = (
            "non-commercial"
            if "NC" in elements
            else "no-derivatives"
            if "ND" in elements
            else "copyleft"
            if "SA" in elements
            else "permissive"
        )
        return LicenseClass(
            category,
            "NC" not in elements,
            True,
            "SA" in elements,
            "ND" not in elements,
            False,
            "Creative Commons elements of the id",
        )
    entry = scancode_by_spdx().get(identifier.lower())
    if entry and entry.category in _SCANCODE_CATEGORY:
        return replace(
            _SCANCODE_CATEGORY[entry.category], source=f"ScanCode category {entry.category}"
        )
    if _NAMED_NON_COMMERCIAL.search(identifier) and not _A_FILE.search(identifier):
        source = f"{identifier}: {BY_ITS_NAME}"
        return replace(UNKNOWN, category="non-commercial", commercial_use=False, source=source)
    if entry:
        return replace(
            UNKNOWN, category="proprietary", source=f"ScanCode category {entry.category}"
        )
    return replace(UNKNOWN, source=f"{identifier} is not in mlassets' tables or ScanCode's index")


BY_ITS_NAME = "its name says research or non-commercial use"
# A license whose name says so is for research or non-commercial use ("qwen-research",
# "sai-nc-community", ScanCode's stability-ai-nc-2023-12-06): what its terms allow beyond that is
# unknown, but commercial use is not among it.
_NAMED_NON_COMMERCIAL = re.compile(
    r"^LicenseRef-.*(?<![a-z0-9])(?:research|nc|non-?commercial)(?![a-z0-9])", re.I
)
# ... but not a reference to a repository's LICENSE file, named by its path
# (LicenseRef-google-research-bert-LICENSE: the owner's name, BERT's Apache-2.0 file)
# ("LICENSE-MODEL", "license.md"; a name ending in "-License" is no file)
_A_FILE = re.compile(
    r"-(?:(?:LICEN[CS]E|COPYING)(?:[-_.][A-Za-z0-9]+)*|(?i:licen[cs]e|copying)\.(?:md|txt|rst|pdf))$"
)


def classify(expression: str | Expr) -> LicenseClass:
    """The class of a concluded expression (text or tree): stricter for AND, more permissive for
    OR."""
    return _classify_tree(coerce(expression))


def _classify_tree(tree: Expr) -> LicenseClass:
    if isinstance(tree, Leaf):
        return UNKNOWN if tree.id == NOASSERTION else classify_id(tree.id)
    classes = [_classify_tree(p) for p in tree.parts]
    if isinstance(tree, Or):
        return min(classes, key=lambda c: CATEGORIES.index(c.category))
    return LicenseClass(
        max((c.category for c in classes), key=CATEGORIES.index),
        _strictest(c.commercial_use for c in classes),
        _any(c.attribution for c in classes),
        _any(c.share_alike for c in classes),
        _strictest(c.derivatives for c in classes),
        any(c.use_restrictions for c in classes),
        "; ".join(sorted({c.source for c in classes})),
    )


def _strictest(values: Iterable[bool | None]) -> bool | None:
    values = list(values)
    if False in values:
        return False
    return None if None in values else True


def _any(values: Iterable[bool | None]) -> bool | None:
    values = list(values)
    if True in values:
        return True
    return None if None in values else False
