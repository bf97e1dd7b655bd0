"""License titles, as people write them in prose: the name after "licensed under the ...", a
title before a colon and the terms, a link's text, and whether a short text is a title at all
("LDC User Agreement") or prose.

The prose scan of `freetext` knows the SPDX names; a title found here is looked up among
ScanCode's (and the Hub's) names, written out or shortened, and is otherwise at most a weak
LicenseRef.
"""

from __future__ import annotations

import re

from mlassets.licenses import guards, scancode_names
from mlassets.licenses.hub_ids import HUB_NAMES, HUB_TO_SPDX
from mlassets.licenses.mentions import Mention, idstring
from mlassets.licenses.names import lookup_id, lookup_name
from mlassets.licenses.tables import GENERIC_WORDS

_LICENSE_NOUNS = frozenset({"license", "agreement", "terms", "notice", "eula", "tos"})
VERBS = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "may", "can", "could", "must", "should"}
    | {"contains", "contain", "mentioned", "intended", "used", "released", "licensed"}
    | {"distributed", "published", "hinges", "provided", "applies", "apply"}
    | {"allows", "allow", "permits", "permit", "grants", "grant", "requires", "require"}
)


def lowered(text: str) -> str:
    """Lowercase with `licence` spelled `license`, keeping every offset of `text`."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.replace("licence", "license")


_UNDER_TITLE = re.compile(
    # "distributed by ELRA under the ELRA End User Licence": a few words may come between
    r"\b(?:(?:licensed|released|distributed|available|published|provided|used)(?:\s+[\w.-]+){0,6}?"
    r"\s+under|subject\s+to|(?:covered|governed)\s+by|sign|accept|agree\s+to|"
    r"(?:must|should|shall)\s+(?:follow|comply\s+with|abide\s+by))\s+"
    # a name may hold a dot or brackets: "the FLUX.1 [dev] Non-Commercial License"
    r"(?:the\s+|a\s+|an\s+|its\s+)?(?P<name>(?:[^.;,:()\n]|\.(?=\S)){2,80}?\b(?:license(?:\s+terms)?|"
    r"agreement|terms\s+of\s+(?:use|service|access))"
    r"(?:\s+agreement)?(?:\s+(?:version\s+|v)?\d+(?:\.\d+)*)?)\b"
)


_TERMS_OF = re.compile(
    r"(?:the\s+)?(?:terms|conditions|terms\s+and\s+conditions)\s+of\s+(?:the\s+)?"
)
# what a name may carry past its noun: " - Ontario", " - v1.0", its abbreviation " (MDL)", its
# date " (2015-05-13)"
_TITLE_TAIL = re.compile(
    r"(\s*-\s*[a-z0-9][\w.]*?(?:\s[a-z0-9][\w.]*?)?|\s*\([a-z][\w.-]{1,11}\)"
    r"|\s*\((?:19|20)\d\d-\d\d-\d\d\))\s*(?:[.;,)]|$)"  # W3C's titles carry their date
    # "the NVIDIA Data Agreement for Model Training": a known title's words after "for"
    r"|(\s+for\s+[a-z0-9][\w.]*(?:\s[a-z0-9][\w.]*){0,2}?)\s*(?:[.;,)]|$)"
)


_LEADING_TITLE = re.compile(
    # the title, then its terms, or a link the reader has blanked ("... Licence: https://...",
    # "WordNet License (https://...)"), or the title as the sentence's subject ("The Open Game
    # License v1.0a applies to ...")
    r"^\W*(?:the\s+)?(?P<name>(?:[^.;,:()\[\]\n]|\.(?=\d)){2,80}?\b(?:license|agreement)"
    r"(?:\s+agreement)?"
    r"(?:\s+v?\d+(?:\.\d+)*[a-z]?)?)"
    r"(?:\s*:(?:\s+\w|\s*$)|\s+(?:applies|governs|covers)\b|\s*\(\s*\)\s*$)"
)


def known_title(title: str) -> str | None:
    """A license's title as ScanCode (or the Hub) names it, written out or shortened; the
    names the scan of prose does not look for (it knows the SPDX names)."""
    from mlassets.licenses.inferred import (  # inferred reads titles
        vendor_and_name,
        without_product_version,
    )

    spdx = lookup_name(title)  # a one-word SPDX name the scan leaves to titles: "WordNet License"
    return (
        (spdx.expression if spdx else None)
        or scancode_names.lookup_scancode_name(title)
        or scancode_names.lookup_shortened(title)
        or scancode_names.lookup_word_license(title)
        or without_product_version(title)  # "the WordNet 3.0 license"
        or vendor_and_name(title)  # "the NTU S-Lab License 1.0"
        or scancode_names.lookup_with_a_word_left_out(title)  # "Stability Community License"
    )


def under_a_title(text: str, low: str) -> tuple[list[Mention], list[Mention]]:
    """The title after "licensed under the ...": a license mlassets knows by its name, or a
    weak LicenseRef of a title that names one ("the Mistral AI Research License")."""
    known: list[Mention] = []
    guess: list[Mention] = []
    # "Amazon Reviews Dataset License Agreement: the data may be used ...": a title, then terms
    leading = _LEADING_TITLE.match(low)
    for found in [*([leading] if leading else []), *_UNDER_TITLE.finditer(low)]:
        start, end = found.span("name")
        terms_of = _TERMS_OF.match(low, start)  # "under the terms of the WordNet 3.0 license"
        start = terms_of.end() if terms_of and terms_of.end() < end else start
        title = text[start:end]
        if guards.names_no_license(title) or re.match(r"\s+as\b", low[end : end + 4]):
            continue  # "under the same license as the original"
        # a name may go on past its noun: "the Open Government Licence - Ontario."
        tail = _TITLE_TAIL.match(low, end)
        tail_end = (tail.end(1) if tail.group(1) else tail.end(2)) if tail else end
        expression = known_title(text[start:tail_end]) if tail else None
        if expression and tail:
            end = tail_end
        else:
            expression = known_title(title)
        if expression:
            known.append(Mention(start, end, expression))
        elif names_a_license(title) and not guess:
            guess.append(Mention(start, end, "LicenseRef-" + idstring(title), weak=True))
    return known, guess


def strip_prose(text: str) -> str:
    return re.sub(r"^(?:the|a)\s+", "", text.strip(), flags=re.I).rstrip(" .:")


def is_prose(words: list[str]) -> bool:
    return not VERBS.isdisjoint(words)


def names_a_license(text: str) -> bool:
    """A short title with a license noun and a proper name in it ("LDC User Agreement")."""
    low = lowered(text)
    words = re.findall(r"[a-z0-9]+", low)
    if not 1 <= len(words) <= 8 or is_prose(words):
        return False
    if "©" in text or "copyright" in words or not _LICENSE_NOUNS.intersection(words):
        return False
    if (" / " in text or "," in text) and _names_a_known_license(low):
        return False  # "EPL-2.0 / Acme Terms", "MIT, Acme Terms": two licenses, not one title
    if guards.names_no_license(text):
        return False  # "Same license as the original model", "[Add license here]"
    if any((found := lookup_id(w)) and found.expression is None for w in words):
        return False  # "the OpenRAIL license": a family, whose member is not guessed
    family = lookup_name(text)
    if family and family.expression is None:
        return False  # "the Eclipse Public License": the SPDX names of several versions
    return any(
        w not in GENERIC_WORDS and w not in _KINDS_OF_HOLDER and not w.isdigit() for w in words
    )


def _names_a_known_license(low: str) -> bool:
    from mlassets.licenses.freetext import scan  # freetext reads titles

    return any(m.expression for m in scan(low))


def names_terms(slug: str) -> bool:
    """An `other-<x>` slug that names whose terms and what kind they are, without a license
    noun: "nasa-earthdata-policy", "imdb-non-commercial", "elra-end-user". A kind alone
    ("academic-use-only") or a name alone ("tsinghua-university") says no more than "other"."""
    words = re.findall(r"[a-z0-9]+", slug.lower())
    kind = bool(_TERMS_KINDS.intersection(words)) or any(
        pair <= set(words) for pair in _TERMS_KIND_PAIRS
    )
    if not kind or "privacy" in words:  # a privacy policy is no license
        return False
    from mlassets.licenses.freetext import scan  # freetext reads titles

    if scan(" ".join(words)):
        return False  # "mit-non-commercial": a license (or a family) with terms added: modified
    return any(
        w not in GENERIC_WORDS
        and w not in _KINDS_OF_HOLDER
        and w not in _TERMS_WORDS_ALL
        and not w.isdigit()
        for w in words
    )


_TERMS_KINDS = frozenset({"policy", "usage", "noncommercial", "eula"})
_TERMS_KIND_PAIRS = (frozenset({"non", "commercial"}), frozenset({"end", "user"}))
_TERMS_WORDS_ALL = _TERMS_KINDS | {"non", "commercial", "end", "user", "use", "only"}


# The Hub's `license_name` slugs of model licenses end in the license's kind: "qwen-research",
# "tencent-hunyuan-community", "sai-nc-community". Kinds that are no license alone.
_SLUG_KINDS = frozenset({"research", "community"})
_SLUG = re.compile(r"[a-z][a-z0-9.]*(?:-[a-z0-9.]+){1,4}")


def slug_license(text: str) -> str | None:
    """What a `license_name` slug of a model license names: "<name>-research" or
    "<name>-community" with a proper name in it is that publisher's license (a LicenseRef of
    the slug); a license id before the kind its name has is that license ("llama2-community"
    is the Llama 2 Community License). None for anything else, "mit-research" included: MIT's
    name has no "research", so that is an MIT modified, or prose."""
    if not _SLUG.fullmatch(text) or text.rsplit("-", 1)[-1] not in _SLUG_KINDS:
        return None
    words = text.split("-")
    stem = "-".join(w for w in words if w not in _SLUG_KINDS and w != "nc")
    if (found := lookup_id(stem)) and found.expression:
        if "nc" in words:  # "llama2-nc-community": no Llama 2 license is non-commercial
            return None
        named = set(re.findall(r"[a-z0-9]+", lowered(_names_of(found.expression))))
        return found.expression if _SLUG_KINDS.intersection(words) <= named else None
    if any(lookup_id(w) for w in words) or guards.names_no_license(text):
        return None  # a license or family ("mit", "cc"), or a source ("original-research")
    proper = [w for w in words if w.isalnum() and not w.isdigit() and w != "nc"]
    if all(w in GENERIC_WORDS or w in _KINDS_OF_HOLDER for w in proper):
        return None  # "open-research", "university-community"
    return "LicenseRef-" + idstring(text)


def one_word_license(text: str) -> str | None:
    """One word that is the name of one license in ScanCode's "<Word> License" sense, and the
    first word of no other license: `qwen`, `deepseek`, `unsplash` (a card's `license_name`,
    or the Hub's `other-unsplash`). A word several licenses begin with names their publisher,
    not one of them (`nvidia`: fourteen; `psf`: PSF-2.0 and the PSF text of Python 3.7.2)."""
    word = text.strip().lower()
    if not word.isalpha() or word in GENERIC_WORDS:
        return None
    named = scancode_names.lookup_word_license(f"{word} license")
    if named is None:
        return None
    if not _keys_begun_by(word) <= {named}:
        return None
    # a license ScanCode calls "<Word> License", not a product's ("Perl 1.0": the word is Perl)
    return named if _LICENSE_NOUNS.intersection(lowered(_names_of(named)).split()) else None


def publisher_of_several(word: str, expression: str) -> bool:
    """`word` opens the SPDX name of `expression` with more than a license noun after it
    ("Intel Open Source License"; not "MIT License"), and other licenses' ScanCode keys begin
    with it (intel-acpi, intel-bsd, ...): the word is their publisher's name."""
    from mlassets.licenses.spdx_list import spdx_list

    listed = spdx_list().get(expression)
    words = re.findall(r"[a-z0-9]+", lowered(listed.name)) if listed else []
    if not words or words[0] != word or set(words[1:]) <= _LICENSE_NOUNS:
        return False
    return len(_keys_begun_by(word) - {expression}) >= 2


def publishers_generic_title(words: list[str], expression: str) -> bool:
    """`words` are a publisher's name and a license noun ("nvidia license"), `expression` is a
    ScanCode license off the SPDX list, and the publisher's name begins other ScanCode keys
    (nvidia-2002, nvidia-apex-sdk-eula, ...): one of its licenses took that title in the
    LicenseDB, the words say not which."""
    if len(words) != 2 or words[1] not in _LICENSE_NOUNS or "scancode-" not in expression:
        return False
    return len(_keys_begun_by(words[0]) - {expression}) >= 2


def a_publishers_licenses(text: str) -> bool:
    """`text` is a publisher's name and a license noun ("Stability AI License", "Responsible
    AI License (RAIL)"), and the LicenseDB holds several of that publisher's licenses (keys
    stability-ai-community-2024, stability-ai-nc-...): the title names none of them."""
    words = re.findall(r"[a-z0-9]+", lowered(re.sub(r"\([^()]*\)", " ", strip_prose(text))))
    if not 2 <= len(words) <= 4 or words[-1] not in {"license", "licence"}:
        return False  # "Microsoft EULA" is one agreement of its kind: a title of its own
    return len(_keys_begun_by("-".join(words[:-1]))) >= 2


def _keys_begun_by(word: str) -> set[str]:
    """What the ScanCode keys that begin with `word` and a hyphen conclude (nvidia-2002, ...)."""
    from mlassets.licenses.spdx_list import scancode_index

    return {e.spdx_key for k, e in scancode_index().items() if k.startswith(word + "-")}


def _names_of(expression: str) -> str:
    """The names SPDX and ScanCode give a license, one text (a rare path: reads the LicenseDB)."""
    from mlassets.licenses.reference import concluded, scancode_licenses
    from mlassets.licenses.spdx_list import spdx_list

    listed = spdx_list().get(expression)
    names = [listed.name] if listed else []
    names += [e.name for e in scancode_licenses() if concluded(e) == expression]
    names += [name for name, hub_id in HUB_NAMES.items() if HUB_TO_SPDX.get(hub_id) == expression]
    return " ".join(names)


# Words that say what kind of body wrote a license, not which one: "University Research
# Agreement", "Institutional Data Use Agreement" name no license a reader could find
_KINDS_OF_HOLDER = frozenset(
    {"university", "universities", "institute", "institution", "institutional", "lab", "labs"}
    | {"laboratory", "company", "corporate", "corporation", "organisation", "organization"}
    | {"government", "team", "project", "group", "consortium", "partner", "partners", "member"}
    | {"members", "participant", "participants", "internal", "collaboration", "collaborator"}
    | {"vendor", "customer", "client", "author", "authors", "owner", "owners", "provider"}
)
