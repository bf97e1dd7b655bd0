"""Exact lookups: ids (Hub, SPDX in any case, deprecated SPDX, ScanCode keys) and full names.

`lookup_id` answers for a single token such as `apache-2.0`, `GPL-3.0+` or `ODC-BY-1.0`.
`lookup_name` answers for a whole license name as the SPDX list spells it, in any case, with or
without "the", "license", "version" and "v" ("Mozilla Public License, version 2.0").
`name_mentions` (in `name_mentions.py`) finds such names inside longer text.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from mlassets.licenses.hub_ids import HUB_FAMILIES, HUB_NAMES, HUB_TO_SPDX
from mlassets.licenses.spdx_list import scancode_index, spdx_list


@dataclass(frozen=True)
class IdMatch:
    expression: str | None  # None: a family id, see `why`
    deprecated: bool = False
    why: str = ""
    without_version: bool = False  # a name written without the one version it has
    # a deprecated id SPDX's note gives another license's id for (BSD-2-Clause-NetBSD is
    # BSD-2-Clause): curators write either, so the rewriting is a reading
    rewritten: bool = False


# SPDX deprecated ids whose replacement is not simply "<id>-only" / "<id>-or-later".
_REPLACED = {
    "bsd-2-clause-freebsd": "BSD-2-Clause-Views",  # SPDX: FreeBSD's text is the views one
    "bsd-2-clause-netbsd": "BSD-2-Clause",
    "standardml-nj": "SMLNJ",
    "bzip2-1.0.5": "bzip2-1.0.6",
    "nunit": "zlib-acknowledgement",
    # the wxWindows Library Licence is the GNU *Library* GPL, version 2 or later, with an exception
    "wxwindows": "LGPL-2.0-or-later WITH WxWindows-exception-3.1",
    "ecos-2.0": "GPL-2.0-or-later WITH eCos-exception-2.0",
    "gpl-2.0-with-autoconf-exception": "GPL-2.0-only WITH Autoconf-exception-2.0",
    "gpl-2.0-with-bison-exception": "GPL-2.0-or-later WITH Bison-exception-2.2",
    "gpl-2.0-with-classpath-exception": "GPL-2.0-only WITH Classpath-exception-2.0",
    "gpl-2.0-with-font-exception": "GPL-2.0-only WITH Font-exception-2.0",
    "gpl-2.0-with-gcc-exception": "GPL-2.0-or-later WITH GCC-exception-2.0",
    "gpl-3.0-with-autoconf-exception": "GPL-3.0-only WITH Autoconf-exception-3.0",
    "gpl-3.0-with-gcc-exception": "GPL-3.0-only WITH GCC-exception-3.1",
}
# Short forms in wide use: CC0 without its version, and the GNU FDL written FDL (Kaggle's
# `FDL-1.3`).
_ID_ALIASES = {
    "cc0": "cc0-1.0",
    "cc-0": "cc0-1.0",
    "cco": "cc0-1.0",  # a letter O for the zero, as OpenML descriptions write it
    "cco-1.0": "cc0-1.0",
    "mspl": "ms-pl",  # the Microsoft Public License's acronym without its dash
    "publicdomain": "public-domain",  # ScanCode's key, as a slug without its dash
    "fdl-1.1": "gfdl-1.1",
    "fdl-1.2": "gfdl-1.2",
    "fdl-1.3": "gfdl-1.3",
    "elv2": "elastic-2.0",  # Elastic's own short name of its License 2.0
    # the PSF License's acronyms: SPDX's PSF-2.0 (ScanCode's psf-3.7.2 is its text as Python
    # 3.7.2 shipped it, not another license)
    "psf": "psf-2.0",
    "psfl": "psf-2.0",
    "nosa-1.3": "nasa-1.3",  # the NASA Open Source Agreement's own acronym
    "postgres": "postgresql",  # the project's short name (its license is the PostgreSQL License)
}
_VERSIONED_ID = re.compile(r"-\d+(?:\.\d+)*$")
_VERSION_DASH = re.compile(r"(\d)[-_](\d)$")  # cc-by-nc-nd-3-0, llama3_2 (Meta's own spelling)


# "Llama 2" alone as a license value means the model's license (the Hub id `llama2`).
_LLAMA = re.compile(r"^llama[\s-]?v?(\d(?:\.\d)?)$")  # "llama-v2" too


_TRAILING_ZERO = re.compile(r"(?<=\d\.\d)\.0$|(?<=\d\.\d\d)\.0$")


def lookup_id(token: str) -> IdMatch | None:
    key = token.lower()
    key = _ID_ALIASES.get(key, key)
    if llama := _LLAMA.match(key):
        key = f"llama{llama[1]}"
    if key in HUB_TO_SPDX:
        # `gpl-3.0` is the Hub's id; `GPL-3.0` is the deprecated SPDX id, worth a finding.
        listed = spdx_list().get(key)
        return IdMatch(HUB_TO_SPDX[key], bool(token != key and listed and listed.deprecated))
    if key in HUB_FAMILIES:
        return IdMatch(None, why=HUB_FAMILIES[key])
    found = _spdx_id(key)
    if found:
        return found
    dashed = _VERSION_DASH.sub(r"\1.\2", key)
    if dashed != key and (found := _spdx_id(dashed) or lookup_id(dashed)):
        return found
    shorter = _TRAILING_ZERO.sub("", key)  # "prosperity-3.0.0" is version 3.0
    if shorter != key and (found := lookup_id(shorter)):
        return found
    if key.endswith("+") and (plain := lookup_id(key[:-1])) and plain.expression:
        # "Apache-2.0+": SPDX's "or later" on an id whose list has no -or-later form of its own
        listed = spdx_list().get(plain.expression)
        if (
            listed
            and not plain.expression.endswith(("-only", "-or-later"))
            and _VERSIONED_ID.search(plain.expression)
        ):
            return IdMatch(plain.expression + "+")
    scancode = scancode_index().get(key)
    # single words ("fair", "python") are too easily prose; "see-license" names no license
    if scancode and "-" in key and not scancode.names_a_kind:
        return IdMatch(scancode.spdx_key)
    return None


_ID_AND_NOUN = re.compile(r"(?:the\s+)?([\w.+-]+)\s+licen[cs]e", re.IGNORECASE)


def lookup_id_and_noun(text: str) -> tuple[str, IdMatch] | None:
    """An SPDX id followed by the word license ("AAL license", "CAPEC-tou License"): the id as
    written, and what it is."""
    found = _ID_AND_NOUN.fullmatch(text.strip().rstrip("."))
    match = lookup_spdx_id(found[1]) if found else None
    return (found[1], match) if found and match else None


def lookup_spdx_id(token: str) -> IdMatch | None:
    """`lookup_id`, when it finds one license of the SPDX list: not a family, not a ScanCode
    key (ScanCode's keys are words too: "see-license")."""
    match = lookup_id(token)
    if match and match.expression and not match.expression.startswith("LicenseRef-"):
        return match
    return None


def contested(token: str) -> str | None:
    """The SPDX id spelt as `token` when ScanCode's key of that spelling is another license:
    the two databases can spell one id for two licenses (TPL-1.0 is THOR's on the SPDX list and
    Terracotta's key in ScanCode), and such a token names either."""
    scancode = scancode_index().get(token.lower())
    match = _spdx_id(token.lower()) if scancode else None
    if match and match.expression and scancode and scancode.spdx_key != match.expression:
        return match.expression
    return None


def _spdx_id(key: str) -> IdMatch | None:
    if key.endswith("+"):
        later = spdx_list().current(key[:-1] + "-or-later")
        if later:
            return IdMatch(later, deprecated=True)
    entry = spdx_list().get(key)
    if entry is None:
        return None
    if not entry.deprecated:
        return IdMatch(entry.id)
    replacement = _REPLACED.get(key) or spdx_list().current(key + "-only")
    if not replacement:
        return IdMatch(entry.id, deprecated=True)
    other = " WITH " not in replacement and not replacement.startswith(entry.id)
    return IdMatch(replacement, deprecated=True, rewritten=other)


# --- Names -------------------------------------------------------------------------------------

# a version's letter is part of it ("LPPL 1.3a", "OGL 1.0a"), not the article "a"
_NAME_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)*(?:(?<=\.\d)[a-z](?![a-z0-9]))?\+?")
# Words that never tell two licenses apart: "Creative Commons Attribution 4.0 International" and
# "... Attribution 4.0" are one license (the version already says which CC text it is), and a
# holder's legal form ("Unicode, Inc. License Agreement" is ScanCode's "Unicode Inc License
# Agreement").
_DROP = frozenset(
    {"the", "license", "version", "v", "ver", "a", "an", "of", "international", "unported"}
    | {"inc", "ltd", "llc", "gmbh"}
)
# "Llama 3.x", "v2.*": any version of a family, which names none of them
ANY_VERSION = re.compile(r"\d\.(?:x|\*)(?![a-z0-9])", re.IGNORECASE)
_VERSIONED = re.compile(r"^v(\d[\d.]*[a-z]?)$")
ZERO_MINOR = re.compile(r"(?<=\d)(?:\.0)+$")  # "2.0" and "2" are one version: "v2", "2.0.0"


def name_tokens(text: str) -> list[tuple[str, int, int]]:
    """Tokens of a name as the index keys them, with their spans in `text` (lowercased)."""
    tokens = []
    for m in _NAME_TOKEN.finditer(text.replace("licence", "license")):
        word = m.group()
        if word in _DROP:
            continue
        if word == "odc":  # "ODC Open Database License" is "Open Data Commons ..." in SPDX names
            tokens += [(w, m.start(), m.end()) for w in ("open", "data", "commons")]
            continue
        versioned = _VERSIONED.match(word)
        word = versioned[1] if versioned else word
        if tokens and tokens[-1][0] == "non" and word in ("commercial", "profit"):
            # "Non-Commercial", "Non Commercial" and "Noncommercial" are one word (not
            # "Non-Exclusive": ScanCode's "Nonexclusive License" is one license's name)
            tokens[-1] = ("non" + word, tokens[-1][1], m.end())
            continue
        tokens.append((ZERO_MINOR.sub("", word), m.start(), m.end()))
    return tokens


@functools.cache
def spdx_name_index() -> dict[str, str | None]:
    """Normalised SPDX name -> id (None where two current licenses share the name); stored with
    the other derived indexes (see `licenses.derived`)."""
    from mlassets.licenses.derived import stored_small

    stored = (stored_small() or {}).get("spdx_names")
    if stored is None:  # a source tree whose file was deleted or predates the index
        return build_spdx_name_index()
    index: dict[str, str | None] = stored
    return index


def build_spdx_name_index() -> dict[str, str | None]:
    """`spdx_name_index`, derived from the vendored SPDX list."""
    index: dict[str, str | None] = {}
    for entry in spdx_list().licenses.values():
        if entry.deprecated:
            continue
        key = " ".join(t for t, _, _ in name_tokens(entry.name.lower()))
        index[key] = entry.id if index.get(key, entry.id) == entry.id else None
    _add_without_aliases(index)
    _add_without_jurisdiction(index)
    families: dict[str, dict[str, set[str]]] = {}  # family -> version -> the ids of it
    for key, identifier in list(index.items()):
        family = _without_versions(key)
        if identifier and family and family != key and family not in index:
            version = key[len(family) :].strip()
            families.setdefault(family, {}).setdefault(version, set()).add(identifier)
    for family, versions in _other_versions(families).items():
        for version, members in versions.items():
            families[family].setdefault(version, set()).update(members)
    for family, version in _UNLISTED_VERSIONS.items():
        if family in families:
            families[family].setdefault(version, set())
    for family, versions in families.items():
        # Only one version exists: naming the family names it. Several: no version is guessed
        # (a LicenseDB text of an SPDX version, "Etalab Open License 2.0 English", is that one)
        members = next(iter(versions.values())) if len(versions) == 1 else set()
        on_list = {m for m in members if not m.startswith("LicenseRef-")}
        chosen = on_list if len(on_list) == 1 else members
        index[family] = next(iter(chosen)) if len(chosen) == 1 else None
    return index


# Earlier versions that neither list holds, of families whose one listed version a name
# without its version would otherwise be: the Licence Ouverte / Etalab Open License 1.0 of
# 2011, the NASA Open Source Agreement 1.1
_UNLISTED_VERSIONS = {"etalab open": "1.0", "nasa open source agreement": "1.1"}


def _without_versions(key: str) -> str:
    words = key.split()
    while words and words[-1][0].isdigit():
        words.pop()
    return " ".join(words)


def _other_versions(families: dict[str, dict[str, set[str]]]) -> dict[str, dict[str, set[str]]]:
    """Family words -> version -> licenses, for versions the SPDX names do not give a family:
    the LicenseDB's licenses off the SPDX list ("XFree86 License" has 1.0 there, 1.1 in SPDX;
    "Data Germany Attribution 1.0 English" is a 1.0 of DL-DE-BY), and, for a family of one
    word, SPDX's versions of it under a longer title ("Unicode License Agreement - Data Files
    and Software (2016)" beside "Unicode License v3": "Unicode License" names neither)."""
    from mlassets.licenses.reference import concluded, scancode_licenses, usable

    found: dict[str, dict[str, set[str]]] = {}
    for entry in scancode_licenses():
        # versions SPDX lacks; SPDX's own names say which of its ids a name is
        if usable(entry) and concluded(entry).startswith("LicenseRef-"):
            for name in (entry.name, entry.short_name):
                words = [t for t, _, _ in name_tokens(name.lower())]
                number = next((at for at, w in enumerate(words) if w[0].isdigit()), 0)
                family = " ".join(words[:number])
                if family in families:
                    found.setdefault(family, {}).setdefault(words[number], set()).add(
                        concluded(entry)
                    )
    for listed in spdx_list().licenses.values():
        words = [t for t, _, _ in name_tokens(listed.name.lower())]
        titled = len(words) > 2 and words[0] in families and words[-1][0].isdigit()
        if titled and not listed.deprecated and not words[1][0].isdigit():
            found.setdefault(words[0], {}).setdefault(" ".join(words[1:]), set()).add(listed.id)
    return found


_ABBREVIATION = re.compile(r"\s*\((?=(?:[^()]*[A-Z]){2})[A-Z][A-Za-z0-9.-]*\)")


_JURISDICTION = re.compile(r"^united\s+kingdom\s+", re.I)


def _add_without_jurisdiction(index: dict[str, str | None]) -> None:
    """SPDX names that open with "United Kingdom" ("United Kingdom Open Parliament Licence
    v3.0") are also written without it, where the rest names no other license. Not "Taiwan":
    other governments' open data licences share the rest of that name."""
    for entry in spdx_list().licenses.values():
        bare = _JURISDICTION.sub("", entry.name)
        key = " ".join(t for t, _, _ in name_tokens(bare.lower()))
        if not entry.deprecated and bare != entry.name and key and key not in index:
            index[key] = entry.id


def _add_without_aliases(index: dict[str, str | None]) -> None:
    """SPDX names that carry their abbreviation in parentheses ("Norwegian Licence for Open
    Government Data (NLOD) 2.0") are also written without it; other parenthesised parts
    ("(Perl)", "(University of California-Specific)") name a variant and stay. Such a key is
    added only where it names no other license and no two names share it."""
    shorter: dict[str, set[str]] = {}
    for entry in spdx_list().licenses.values():
        if entry.deprecated or "(" not in entry.name:
            continue
        key = " ".join(t for t, _, _ in name_tokens(_ABBREVIATION.sub(" ", entry.name).lower()))
        if key and key not in index:
            shorter.setdefault(key, set()).add(entry.id)
    index.update({k: ids.pop() for k, ids in shorter.items() if len(ids) == 1})


@functools.cache
def _hub_name_index() -> dict[str, str]:
    """The Hub's display names (hub_ids.HUB_NAMES), keyed like SPDX names -> Hub id."""
    keys: dict[str, str | None] = {}
    for name, hub_id in HUB_NAMES.items():
        key = " ".join(t for t, _, _ in name_tokens(name.lower()))
        keys[key] = hub_id if keys.get(key, hub_id) == hub_id else None
    return {k: v for k, v in keys.items() if v}


_LICENSE_NOUN = re.compile(r"licen[cs]e|agreement|terms", re.I)


def bare_word(text: str, key: str) -> bool:
    """The name key is one plain word and the text has no license noun: "cmu", not "CMU
    License"."""
    return " " not in key and key.isalpha() and not _LICENSE_NOUN.search(text)


def lookup_name(text: str) -> IdMatch | None:
    """A license's full name: the Hub's name for one of its ids, or an SPDX name. One plain word
    is a name only with its noun ("CMU License"): alone ("cmu") it is as likely an organisation,
    and a single word that is an id has been looked up as one already."""
    key = " ".join(t for t, _, _ in name_tokens(text.lower()))
    if not key or bare_word(text, key):
        return None
    hub_id = _hub_name_index().get(key)
    if hub_id:
        return lookup_id(hub_id)
    index = spdx_name_index()
    if key not in index:
        return None
    identifier = index[key]
    if identifier is None:
        return IdMatch(None, why="several licenses or versions")
    own = _own_key(identifier) or key
    # SPDX names a few versions without their version ("Non-Commercial Government Licence" is
    # NCGL-UK-2.0; there was a 1.0): that name read is a reading too, not certain
    unversioned = (
        own == key
        and bool(_DOTTED_VERSION.search(identifier))
        and not any(c.isdigit() for c in key)
    )
    return IdMatch(
        identifier,
        without_version=unversioned or (own != key and _without_versions(own) == key),
    )


_DOTTED_VERSION = re.compile(r"-\d+\.\d+$")


@functools.cache
def _own_key(identifier: str) -> str | None:
    """The name key of the SPDX name of `identifier`."""
    entry = spdx_list().get(identifier)
    return " ".join(t for t, _, _ in name_tokens(entry.name.lower())) if entry else None
