"""A name with an alias in parentheses: "General Public License (GPL) version 3", "Sun Industry
Standards Source License (SISSL)", "Licence publique de l'Union européenne (EUPL) v1.2".

- The name and its alias may name the same license, or the alias nothing mlassets knows; never
  two different ones.
- Where the name is not one mlassets reads (another language, an unusual wording), an alias
  that is a whole SPDX id with its version ("(CC BY-NC-ND 4.0)"), or an acronym with the
  version after it ("(NLOD) 2.0"), says which license it is.
- "(code)", "(weights)" give the part a license is for: such a text is read as free text, where
  the parts join with AND.
"""

from __future__ import annotations

import re

from mlassets.licenses import freetext, scancode_names
from mlassets.licenses.joining import names_a_part
from mlassets.licenses.names import lookup_id, lookup_name, lookup_spdx_id
from mlassets.licenses.spdx_list import spdx_list

ALIAS = re.compile(r"\s*\(([^()]*)\)\s*")
_PUBLIC_DOMAIN = "LicenseRef-scancode-public-domain"
_WITH = re.compile(r"\s*with\b", re.I)
_LATER = re.compile(r"\s*or\s+(?:any\s+)?(?:later|newer)\b", re.I)
_ACRONYM_AND_VERSION = re.compile(
    r"\(\s*([a-z][\w.-]{1,15})\s*\)\s*,?\s*(?:v\.?\s*|version\s+|ver\.?\s*)?(\d+(?:\.\d+)*)\s*$",
    re.I,
)


def with_an_alias(text: str) -> tuple[str, str] | None:
    """(expression, why) for a name with an alias in parentheses, or None."""
    outer = ALIAS.sub(" ", text).strip()
    # "(c)" is a copyright sign, not an alias: "MIT License, Copyright (c) 2021 …" is free text
    aliases = [a for a in ALIAS.findall(text) if a.strip() and a.strip().lower() != "c"]
    if re.search(r"\bexcept", outer, re.I):
        return None  # "X, with the exception of the weights (Y)": read as free text
    if not aliases or not outer or any(names_a_part(a) or _WITH.match(a) for a in aliases):
        # "Apache 2.0 (code) / CC BY-NC 4.0 (weights)": parts; "GPLv2 (with ... Exception)":
        # an exception; both read as free text
        return None
    if any(_LATER.match(a) or freetext.EXHIBIT_B.search(a.lower()) for a in aliases):
        # "GNU GPL v2 (or later)": the version's scope; MPL's "(Incompatible With Secondary
        # Licenses)": its variant; both read as free text
        return None
    named = name_only(outer) or scancode_names.lookup_shortened(outer) or reading(outer)
    if named == _PUBLIC_DOMAIN:  # "Public domain (U.S. Government)": whose says which it is
        return None
    if named and any(_another_family(a, named) for a in aliases):
        return None  # "CC BY 4.0 (CC BY-NC)": the alias names another license; free text says so
    if named and all(name_only(a) in (named, None) for a in aliases):
        return named, "a name with an alias in parentheses"
    if named:
        return None
    spelled = _id_of_the_name(outer, aliases)
    if spelled:  # "Sun Industry Standards Source License (SISSL)": the name has 3 versions
        return spelled, "an id in parentheses after a name its SPDX name contains"
    given = _versioned_id(text, aliases)
    if given:
        return given, "the id in parentheses after a name mlassets does not read"
    return None


def _another_family(alias: str, named: str) -> bool:
    """`alias` names a family of licenses `named` is no member of ("CC BY-NC" beside CC-BY-4.0)."""
    found = freetext.scan(alias.lower())
    families = {m.family for m in found if m.expression is None and m.family}
    return bool(families) and not any(named.startswith(f.rstrip("-")) for f in families)


def _versioned_id(text: str, aliases: list[str]) -> str | None:
    """The one license the aliases name with its version: an id ("CC BY-NC-ND 4.0") or an
    acronym with the version written after it ("(NLOD) 2.0")."""
    found = {e for a in aliases if (e := reading(a)) and re.search(r"\d", a)}
    acronym = _ACRONYM_AND_VERSION.search(text)
    if acronym:
        match = lookup_id(f"{acronym[1]}-{acronym[2]}") or lookup_id(f"{acronym[1]}-{acronym[2]}.0")
        if match and match.expression:
            found.add(match.expression)
    return found.pop() if len(found) == 1 else None


def _id_of_the_name(outer: str, aliases: list[str]) -> str | None:
    """The one alias that is an SPDX id whose SPDX name holds every word of `outer`."""
    words = set(scancode_names.name_key(outer).split())
    found = set()
    for alias in aliases:
        match = lookup_spdx_id(alias.strip())
        listed = spdx_list().get(match.expression) if match and match.expression else None
        if words and listed and words <= set(scancode_names.name_key(listed.name).split()):
            found.add(listed.id)
    return found.pop() if len(found) == 1 else None


def name_only(text: str) -> str | None:
    """The expression for text that is exactly an id or a name, in any word order."""
    match = lookup_id(text) or lookup_name(text)
    if match:
        return match.expression
    return scancode_names.lookup_scancode_name(text) or scancode_names.lookup_unordered(text)


def reading(text: str) -> str | None:
    """The free-text reading of `text`, if it names a license mlassets knows."""
    found = freetext.read(text)
    return found.expression if found.expression and not found.weak else None
