"""The Hub's old `other-<name>` form: <name> is a license ("other-imagenet-agreement"), terms of
a named kind ("other-nasa-earthdata-policy"), or words that name none ("other-google-llc",
"other-see-paper")."""

from __future__ import annotations

import re
from dataclasses import replace

from mlassets.core import rules
from mlassets.licenses.mentions import idstring
from mlassets.licenses.results import (
    LICENSEREF,
    PUBLISHER_OF_SEVERAL,
    LicenseResult,
    recorded,
    refuse,
    result,
)
from mlassets.licenses.tables import GENERIC_WORDS


def other_form(raw: str, name: str) -> LicenseResult:
    """The Hub's old `other-<name>`: <name> is a license, or terms that name none."""
    from mlassets.licenses import guards, titles  # past the exact tiers only
    from mlassets.licenses.normalize import normalize_license, placeholder  # it calls this

    words = re.findall(r"[a-z0-9]+", name.lower())
    if len(words) > 8 or titles.is_prose(words):
        return refuse(raw, rules.L102, f"{raw!r} describes terms in prose but names no license")
    if all(w in GENERIC_WORDS or placeholder(w) for w in words):
        return refuse(raw, rules.L102, f"{raw!r} describes terms but names no license")
    if guards.names_no_license(name):
        return refuse(raw, rules.L102, f"{raw!r} points to a source or holder, not to a license")
    inner = normalize_license(name)
    if inner.basis == PUBLISHER_OF_SEVERAL:
        # "other-amazon-license": the Hub's form gives the name of a license the card's author
        # means (the dev set's convention), though the publisher has others
        return licenseref(raw, name)
    generated = any(f.code == "L107" for f in inner.findings)
    if (inner.status != "noassertion" and not generated) or any(
        f.code == "L103" for f in inner.findings
    ):
        one_id = inner.certain or inner.basis == "id"  # "intel": an id in another case
        if one_id and inner.status != "noassertion" and name.isalnum():
            # One word after other- is often an organisation ("other-intel", "other-nokia")
            # that shares its name with a license: the id matches, but that is a guess, and
            # no guess where the word is a publisher's with licenses of several names
            if titles.publisher_of_several(name.lower(), inner.spdx):
                why = f"{raw!r} names a publisher of several licenses, not one of them"
                return refuse(raw, rules.L102, why)
            return replace(inner, raw=raw, certain=False, basis="one word after other-")
        if titles.publishers_generic_title(words, inner.spdx):  # "other-nvidia-license"
            why = f"{raw!r} names a publisher of several licenses, not one of them"
            return refuse(raw, rules.L102, why)
        return replace(inner, raw=raw)
    if slug := titles.slug_license(name.lower()):
        return slug_result(raw, name.lower(), slug)
    if not titles.names_a_license(name) and not titles.names_terms(name):
        return refuse(raw, rules.L102, f"{raw!r} names no license (an organisation, a source?)")
    return licenseref(raw, name)


def slug_result(raw: str, slug: str, expression: str) -> LicenseResult:
    if expression != LICENSEREF + idstring(slug):  # "llama2-community": an id and its kind
        return result(raw, expression, basis="license id and its kind")
    return recorded(raw, expression, f"{slug!r} is the slug of a license not on the SPDX list")


def licenseref(raw: str, name: str) -> LicenseResult:
    reference = LICENSEREF + idstring(name)
    return recorded(raw, reference, f"{name!r} is not on the SPDX list")
