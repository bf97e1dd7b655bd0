"""Inferred readings of a short value that is not an exact id or name: a name with an alias in
parentheses ("General Public License (GPL) version 3"), a name in another word order, or a name
with a typo. Each is a guess a curator should be able to see, so the normaliser marks the
conclusion inferred, not certain, and says which reading it used.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from mlassets.licenses import (
    reference,
    scancode_names,
    scancode_urls,
    titles,
    typos,
)
from mlassets.licenses.aliases import ALIAS, name_only, with_an_alias
from mlassets.licenses.hub_ids import HUB_TO_SPDX
from mlassets.licenses.names import lookup_id, lookup_spdx_id
from mlassets.licenses.spdx_list import scancode_index, spdx_list

_SIGNS = re.compile(r"[<>=]")


@dataclass(frozen=True)
class Inference:
    expression: str
    why: str  # for the L111 finding: "read from <why>"
    basis: str


def infer(text: str) -> Inference | None:
    """The first reading that identifies one license, or None (the text is then free text)."""
    if "://" in text or _SIGNS.search(text) or titles.is_prose(text.lower().split()):
        return None  # links, "GPL (>= 2)" and sentences are read as free text
    dated = _dated_name(text)
    if dated:  # before the alias: "Gemma Terms of Use (last modified: March 24, 2025)"
        return Inference(dated, "a name and the date of its text", "name with its date")
    aliased = with_an_alias(text)
    if aliased:
        return Inference(aliased[0], aliased[1], "name with an alias")
    for reader, why, basis in _READINGS:
        expression = reader(text)
        if expression:
            return Inference(expression, why, basis)
    only = single_versions().get(text.strip().lower())
    if only:
        why = f"an id written without its version (only {only} exists)"
        return Inference(only, why, "id without its version")
    swapped = typos.id_with_letters_swapped(text)
    if swapped:
        return Inference(swapped, "an id with two letters typed the wrong way round", "id typo")
    fuzzy = typos.lookup_fuzzy(text)
    if fuzzy:
        why = f"a close spelling of the name {fuzzy[1]!r}"
        return Inference(fuzzy[0], why, "name with a typo")
    return None


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE = re.compile(
    r"(?P<month>[a-z]{3})[a-z]*\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)"
    r"|(?P<day2>\d{1,2})\s+(?P<month2>[a-z]{3})[a-z]*\.?\s+(?P<year2>(?:19|20)\d\d)"
    r"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d)",
    re.I,
)
_DATE_WORDS = re.compile(r"\b(?:last\s+)?(?:modified|updated|revised|dated|effective)\b:?", re.I)


def _dated_name(text: str) -> str | None:
    """A ScanCode name that ends in the date of its text, written with the date in words or
    after "last modified": "Gemma Terms of Use, last modified March 24, 2025" is ScanCode's
    gemma-tou-2025-03-24."""
    found = _DATE.search(text)
    if not found:
        return None
    if found["iso"]:
        iso = found["iso"]
    else:
        month = (found["month"] or found["month2"]).lower()
        if month not in _MONTHS:
            return None
        day, year = found["day"] or found["day2"], found["year"] or found["year2"]
        iso = f"{year}-{_MONTHS.index(month) + 1:02d}-{int(day):02d}"
    rest = _DATE_WORDS.sub(" ", text[: found.start()] + " " + text[found.end() :])
    rest = re.sub(r"[(),;:]+", " ", rest).strip()
    return scancode_names.lookup_scancode_name(f"{rest} {iso}") if rest else None


def _classifier_alias(text: str) -> str | None:
    """The abbreviation a PyPI classifier gives its license in parentheses, written alone:
    "ISCL" (ISC License (ISCL)), "AFPL", "NOKOS"."""
    return _classifier_aliases().get(text.strip().lower())


@functools.cache
def _classifier_aliases() -> dict[str, str]:
    from mlassets.licenses.tables import PYPI_CLASSIFIERS

    stems: dict[str, int] = {}  # "mpl" is MPL-1.0's alias in its classifier, and MPL-2.0's stem
    for identifier in spdx_list().licenses:
        stem = identifier.split("-")[0]
        stems[stem] = stems.get(stem, 0) + 1
    claims: dict[str, set[str]] = {}
    for name, expression in PYPI_CLASSIFIERS.items():
        alias = re.search(r"\(([a-z][a-z0-9.+-]{2,})\)$", name)
        if alias and expression and not lookup_id(alias[1]) and stems.get(alias[1], 0) <= 1:
            claims.setdefault(alias[1], set()).add(expression)
    return {alias: found.pop() for alias, found in claims.items() if len(found) == 1}


def without_product_version(text: str) -> str | None:
    """ "WordNet 3.0 license": the license's name without its product's version, where the
    license has none."""
    product = _PRODUCT_VERSION.fullmatch(text.strip())
    if not product:
        return None
    unversioned = name_only(f"{product['name'] or product['slug']} license")
    return unversioned if unversioned and not any(c.isdigit() for c in unversioned) else None


def _spaced_id(text: str) -> str | None:
    """The SPDX id that `text` spells with spaces or underscores for its dashes ("MIT 0" is
    MIT-0). The free-text reading would find only the longest name inside such words ("MIT",
    "BSD 3 Clause" in "BSD 3 Clause Attribution"), so the whole is looked up first."""
    words = _SEPARATORS.split(text.strip())
    if len(words) < 2:  # "0-bsd", "cc-0": an id with a dash it does not have
        undashed = lookup_spdx_id(text.strip().replace("-", "")) if "-" in text else None
        return undashed.expression if undashed else None
    match = lookup_spdx_id("-".join(words))  # "See LICENSE" is prose, not the key see-license
    return match.expression if match else None


def _id_in_another_order(text: str) -> str | None:
    """An SPDX id whose parts are written in another order: GovData's portal ids
    ("dl-by-de/2.0" for DL-DE-BY-2.0), "BSD-Clause-3". Only where one id has those parts."""
    parts = _id_parts(text)
    return _ids_by_parts().get(parts) if len(parts) >= 3 else None


def _id_parts(text: str) -> tuple[str, ...]:
    parts = re.split(r"[-/_\s]+", text.strip().lower())
    return tuple(sorted(re.sub(r"^v(?=\d)", "", p) for p in parts if p))  # "v1.0" is "1.0"


@functools.cache
def _ids_by_parts() -> dict[tuple[str, ...], str]:
    claims: dict[tuple[str, ...], set[str]] = {}
    for entry in spdx_list().licenses.values():
        if not entry.deprecated:  # an id's parts are split by dashes alone
            claims.setdefault(tuple(sorted(entry.id.lower().split("-"))), set()).add(entry.id)
    return {parts: ids.pop() for parts, ids in claims.items() if len(ids) == 1}


def _vendor_and_id(text: str) -> str | None:
    """An SPDX id after a word of its own name, as a slug: "sil-ofl-1.1" (the SIL Open Font
    License), "mozilla-mpl-2.0"."""
    first, _, rest = text.strip().partition("-")
    match = lookup_spdx_id(rest) if first.isalpha() and rest else None
    listed = spdx_list().get(match.expression) if match and match.expression else None
    if listed and first.lower() in scancode_names.name_key(listed.name).split():
        return listed.id
    return None


def vendor_and_name(text: str) -> str | None:
    """A ScanCode name after its publisher's name, where the entry's key or one of its URLs
    spells that name: "MITRE Collaborative Virtual Workspace License" (ScanCode `cvwl`, at
    opensource.org/licenses/mitrepl), or the publisher is an acronym before a name of three words
    or more that the key spells ("NTU S-Lab License 1.0", `s-lab-1.0`)."""
    first, _, rest = text.strip().partition(" ")
    if not first.isalpha() or len(first) < 3 or len(rest.split()) < 2 or not rest[0].isalnum():
        return None  # "MIT / CC BY 4.0": two licenses, not a publisher and a name
    if (own := lookup_id(first)) and own.expression:
        return None  # "MIT CC BY 4.0": a license's id is no publisher's name
    expression = scancode_names.lookup_scancode_name(rest)
    if not expression:
        return None
    spelt = first.lower()
    acronym = first.isupper() and len(first) <= 5 and len(rest.split()) >= 3
    words = set(re.findall(r"[a-z0-9.]+", rest.lower()))
    for entry in reference.scancode_licenses():  # read only for such a name: ~30 ms
        if reference.concluded(entry) != expression:
            continue
        if spelt in entry.key or any(spelt in url.lower() for url in entry.urls):
            return expression
        if acronym and set(entry.key.split("-")) <= words:
            return expression  # "NTU S-Lab License 1.0": the key spells the name, not a holder
    return None


# "WordNet 3.0 license", and the slug "wordnet-3.0"
_PRODUCT_VERSION = re.compile(
    r"(?:the\s+)?(?P<name>[a-z][\w.-]*(?:\s+[a-z][\w-]*)?)\s+v?\d+(?:\.\d+)*\s+(?P<noun>licen[cs]e)"
    r"|(?P<slug>[a-z]+)-v?\d+(?:\.\d+)+",
    re.I,
)
_SEPARATORS = re.compile(r"[\s_/]+")  # "dl-de/by-2-0", the publisher's own spelling


_STEM = re.compile(r"^(.+?)-\d")


def _stem(identifier: str) -> str:
    found = _STEM.match(identifier)
    return (found[1] if found else identifier).lower()


@functools.cache
def single_versions() -> dict[str, str]:
    """Acronyms of licenses that have one version and no variant ("SSPL" for SSPL-1.0, "UPL"
    for UPL-1.0), where neither the SPDX list nor the ScanCode LicenseDB holds another version
    under the same acronym: naming such a license without its version guesses nothing. Stored
    with the other derived indexes (see `licenses.derived`)."""
    from mlassets.licenses.derived import stored_small

    stored = (stored_small() or {}).get("single_versions")
    if stored is None:  # a source tree whose file was deleted or predates the index
        return build_single_versions()
    singles: dict[str, str] = stored
    return singles


def build_single_versions() -> dict[str, str]:
    """`single_versions`, derived from the SPDX list and the ScanCode index."""
    members: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for entry in spdx_list().licenses.values():
        if not entry.deprecated:
            members.setdefault(_stem(entry.id), set()).add(entry.id)
            names[entry.id] = entry.name
    for key, scancode in scancode_index().items():
        members.setdefault(_stem(key), set()).add(scancode.spdx_key)
    singles: dict[str, str] = {}
    for stem, ids in members.items():
        only = next(iter(ids)) if len(ids) == 1 else ""
        # as SPDX writes it, not a ScanCode key's word ("boost"), and the initials of the
        # license's name: "SSPL", Server Side Public License; not "NASA", an agency
        written = _stem(only) == stem and _ACRONYM_VERSION.fullmatch(only)
        if written and stem.replace("-", "") == _initials(names.get(only, "")):
            singles[stem] = only
    return singles


# a version, not a year: "bsd-1988" and "llama-4-license-2025" are one text of a family each
_KEY_VERSION = re.compile(r"(.+?)(?:-licen[cs]e|-v)?(?:-\d{1,2}(?:\.\d+)*)+")


def _key_without_version(text: str) -> str | None:
    """A license's ScanCode key without its version, after the word license, where the
    LicenseDB holds one version of it: "falcon-2-11b-license" (falcon-2-11b-1.0)."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    if len(words) < 2 or words[-1] not in ("license", "licence"):
        return None
    return _keys_by_stem().get("-".join(words[:-1]))


@functools.cache
def _keys_by_stem() -> dict[str, str]:
    found: dict[str, set[str]] = {}
    for key, entry in scancode_index().items():
        stem = _KEY_VERSION.fullmatch(key)
        if stem and not entry.names_a_kind:
            found.setdefault(stem[1], set()).add(entry.spdx_key)
    for identifier in spdx_list().licenses:  # SPDX's TU-Berlin-1.0 beside ScanCode's one, 2.0
        stem = _KEY_VERSION.fullmatch(identifier.lower())
        if stem and stem[1] in found:
            found[stem[1]].add(spdx_list().licenses[identifier].id)
    for hub_id, expression in HUB_TO_SPDX.items():  # the Hub's openmdw-1.1 beside openmdw-1.0
        stem = _KEY_VERSION.fullmatch(hub_id)
        if stem and stem[1] in found:
            found[stem[1]].add(expression)
    return {stem: next(iter(ids)) for stem, ids in found.items() if len(ids) == 1}


_ACRONYM_VERSION = re.compile(r"[A-Z][A-Z0-9]{2,}(?:-[A-Z]+)*-\d+(?:\.\d+)*")


def _initials(name: str) -> str:
    words = re.findall(r"[a-z]+", name.lower())
    return "".join(w[0] for w in words if w not in {"v", "version", "the", "and", "of"})


# The readings tried in turn after the alias, each with what the L111 finding says and its basis
_LATER_IN_PARENTHESES = re.compile(r"\(\s*or\s+(?:any\s+)?(?:later|newer)", re.I)
_READINGS: tuple[tuple[Callable[[str], str | None], str, str], ...] = (
    (
        lambda text: (
            None  # "GNU GPL v2 (or later)": what is in parentheses is the version's scope
            if _LATER_IN_PARENTHESES.search(text)
            else vendor_and_name(ALIAS.sub(" ", text).strip() or text)
        ),
        "a name after its publisher's name, which the license's ScanCode entry spells",
        "name after its publisher",
    ),
    (_spaced_id, "an id written with spaces or slashes for its dashes", "id with spaces"),
    (_vendor_and_id, "an SPDX id after a word of its own name", "id after its publisher"),
    (_id_in_another_order, "an id with its parts in another order", "id in another order"),
    (
        _classifier_alias,
        "the abbreviation a PyPI classifier gives the license",
        "classifier's alias",
    ),
    (
        without_product_version,
        "a license's name with its product's version (the license has none)",
        "name with a product version",
    ),
    (
        scancode_names.lookup_unordered,
        "a license name in another word order",
        "name in another word order",
    ),
    (
        lambda text: scancode_urls.hub_space_names().get(text.strip().lower()),
        "the name of the Hub Space that holds the license's text",
        "Hub Space's name",
    ),
    (
        _key_without_version,
        "a ScanCode key without its version (the LicenseDB holds one)",
        "key without its version",
    ),
)
