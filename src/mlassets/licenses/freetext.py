"""Read a license out of free text: names, markdown links, bare URLs, lists and prose.

Every license mention is found (family recognisers, SPDX names, ids) with its span; overlapping
mentions keep the longest. Then, in order:
- a sentence about upstream sources ("The source DBpedia project uses ...") does not count when
  another sentence names a license;
- a family mention is dropped when a named member of it is also there ("CC BY 4.0 (CC-BY)"), and
  a plain "public domain" when a public-domain instrument is (CC0, PDDL);
- in a short list ("MIT, BSD and Apache"), every item must name a license, or nothing is
  concluded;
- a family left without its member makes the reading ambiguous (no member is guessed);
- the licenses left join as `joining` says (OR for a choice, AND for parts, "+" for "or later").

What a clause says besides its names (a source's sentence, a part's terms, a version's wildcard,
a "/" that may be two parts) is `clauses`'.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from mlassets.licenses import clauses, list_items
from mlassets.licenses.creative_commons import creative_commons
from mlassets.licenses.exceptions import merged_with_its_license, with_exceptions
from mlassets.licenses.families import apache, bsd, gnu
from mlassets.licenses.joining import join
from mlassets.licenses.mentions import (
    Mention,
    abbreviation_version,
    idstring,
    named,
    with_its_version,
)
from mlassets.licenses.name_mentions import name_mentions
from mlassets.licenses.names import lookup_id, lookup_spdx_id
from mlassets.licenses.results import ITEM_UNREAD, PART_UNREAD
from mlassets.licenses.spdx_list import spdx_list
from mlassets.licenses.tables import GENERIC_WORDS
from mlassets.licenses.titles import (
    known_title,
    lowered,
    names_a_license,
    under_a_title,
)
from mlassets.licenses.translations import german_mit
from mlassets.licenses.urls import URL, url_mention


@dataclass(frozen=True)
class Reading:
    expression: str | None = None
    weak: bool = False  # a LicenseRef from a link or a title, not a license mlassets knows
    why: str = ""  # a family was named without its member
    evidence: str = ""  # the phrases read, when the text says more than the license's name
    refusal: str = ""
    unread: str = ""  # a refusal's basis: a part's terms unread, or a list's item


RECOGNISERS = (creative_commons, gnu, bsd, apache, named, abbreviation_version)
_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\s*\)")
_REFERENCE = re.compile(r"\]\[[^\]]*\]")
_ID_TOKEN = re.compile(r"(?<![\w.+-])[a-z0-9][a-z0-9.+-]*[a-z0-9+](?:_\d+(?![\w.]))?")
_BARE_IDS = frozenset(
    {"mit", "isc", "zlib", "wtfpl", "unlicense", "postgresql", "odbl", "pddl", "cc0", "cco", "0bsd"}
)
_PUBLIC_DOMAIN = "LicenseRef-scancode-public-domain"
_PUBLIC_DOMAIN_INSTRUMENTS = frozenset(
    {"CC0-1.0", "PDDL-1.0", "Unlicense", "CC-PDDC", "CC-PDM-1.0"}
    | {"LicenseRef-scancode-us-govt-public-domain", "NCBI-PD"}
)
_FILLER = frozenset({"international", "unported", "generic", "version", "v", "creative", "commons"})


_ID_AFTER_TITLE = re.compile(r"\b(?:licen[cs]e|agreement)\s*\(([a-z][a-z0-9.+-]*)\)")
# An acronym in parentheses between a license's name and its version: the acronym of that name
_ALIAS_BEFORE_VERSION = re.compile(
    r"licen[cs]e\s*(\([a-z][a-z0-9+.-]{1,11}\)\s*,?)\s*(?=(?:v\.?\s*|version\s+|ver\.?\s*)?\d)"
)


def read(text: str) -> Reading:
    low = lowered(text)
    blank = list(low)

    def erase(start: int, end: int) -> None:
        blank[start:end] = " " * (end - start)

    strong: list[Mention] = []
    weak: list[Mention] = []
    for ref in _REFERENCE.finditer(low):
        erase(ref.start() + 1, ref.end())  # [![badge][image]][ref]: keep the alt text only
    for alias in _ALIAS_BEFORE_VERSION.finditer(low):
        # "License (LGPL) version 3": the version is the name's, past an acronym of a family;
        # an acronym that names one license ("(PDDL) v1.0") is read as it stands
        acronym = lookup_id(alias[1].strip(" ,()"))
        if not acronym or acronym.expression is None:
            erase(alias.start(1), alias.end(1))
    aliases_read = "".join(blank)  # a link's text is read without them too
    linked: list[Mention] = []  # weak titles of links: a part's terms, where a clause says so
    for link in _LINK.finditer(aliases_read):
        found, guess = _link(text, aliases_read, link)
        strong += found
        linked += guess
        erase(link.start(), link.end())
    for url in URL.finditer("".join(blank)):
        mention = url_mention(text[url.start() : url.end()], url.start())
        if mention:
            (weak if mention.weak else strong).append(mention)
        erase(url.start(), url.end())
    for start, end in german_mit(text):  # "Apache-Lizenz 2.0 mit Commons Clause": not MIT
        erase(start, end)
    strong += [clauses.any_version(low, m) for m in scan("".join(blank))]
    # "licensed under the Tongyi Qianwen LICENSE AGREEMENT": a name the scan does not know
    found, guess = under_a_title(text, "".join(blank))
    for title in found:
        # a title mlassets knows outranks a family it holds ("the Clear BSD License") and an id
        # it dates or qualifies ("the W3C Software and Document License (2015-05-13)": W3C's)
        inside = [m for m in strong if title.start < m.end and m.start < title.end]
        if all(
            _refined_by(title.expression, m.expression)
            and title.start <= m.start
            and m.end <= title.end
            for m in inside
        ):
            strong = [m for m in strong if m not in inside] + [title]
    if strong:
        strong += clauses.terms_of_a_part(low, [*linked, *guess], strong)
    weak += linked if strong else [*linked, *guess]
    mentions = merged_with_its_license(low, with_exceptions("".join(blank), longest(strong)))
    exhibit_b = EXHIBIT_B.search(low)
    said = exhibit_b and not re.search(r"\b(?:not|n['’]t)\W+$", low[: exhibit_b.start()])
    if exhibit_b and said and any(m.expression == "MPL-2.0" for m in mentions):
        mentions = [_without_copyleft_exception(m) for m in mentions]
        erase(*exhibit_b.span())  # the notice's words are no list item of their own
    if "invariant" in low:
        mentions = [_gfdl_variant(low, m) for m in mentions]
    return _conclude(text, low, "".join(blank), mentions, weak)


# MPL 2.0's Exhibit B notice, "Incompatible With Secondary Licenses", takes away section 3.3's
# permission to combine with the GPL family: SPDX's MPL-2.0-no-copyleft-exception
EXHIBIT_B = re.compile(r"incompatible\s+with\s+secondary\s+licenses")


# The GFDL's variants by its own words: "with no Invariant Sections" is SPDX's -no-invariants-
_NO_INVARIANTS = re.compile(r"\bno[\s-]+invariant[\s-]+sections?\b(?![^.;]*\bexcept\b)")
_GFDL = re.compile(r"^(GFDL-1\.[123])-(only|or-later)$")


def _gfdl_variant(low: str, mention: Mention) -> Mention:
    found = _GFDL.match(mention.expression or "")
    if not found or not _NO_INVARIANTS.search(low):
        return mention
    variant = f"{found[1]}-no-invariants-{found[2]}"
    return replace(mention, expression=variant) if spdx_list().get(variant) else mention


def _without_copyleft_exception(mention: Mention) -> Mention:
    if mention.expression != "MPL-2.0":
        return mention
    return replace(mention, expression="MPL-2.0-no-copyleft-exception")


def _refined_by(title: str | None, inside: str | None) -> bool:
    """A mention inside a title says less than the title: a family, or an id the title's
    license extends (W3C of W3C-20150513)."""
    return inside is None or (title is not None and title.startswith(inside + "-"))


def scan(low: str, offset: int = 0) -> list[Mention]:
    """Every mention in lowercased text, overlapping ones included, shifted by `offset`."""
    found = [m for recognise in RECOGNISERS for m in recognise(low)]
    found += name_mentions(low)
    for token in _ID_TOKEN.finditer(low):
        word = token.group()
        if "-" in word or word in _BARE_IDS or (any(c.isdigit() for c in word) and word.isalnum()):
            match = lookup_id(word)
            if match and match.expression:
                found.append(with_its_version(low, token.start(), token.end(), match.expression))
    for given in _ID_AFTER_TITLE.finditer(low):
        # "the FreeType License (FTL)": an SPDX id the text gives its title, though the words
        # alone ("ftl", "json", "tcl") would be too easily something else
        listed = _id_of_its_title(low[max(0, given.start() - 60) : given.start()], given[1])
        if listed:
            found.append(Mention(given.start(1) - 1, given.end(1) + 1, listed))
    if offset:
        found = [
            Mention(m.start + offset, m.end + offset, m.expression, m.family, m.why, m.weak)
            for m in found
        ]
    return found


def _id_of_its_title(before: str, token: str) -> str | None:
    """The SPDX id `token` when the title just before it shares a word of the id's own name
    (not only "license" or "open"): "Our Research License (Fair)" is not the Fair License."""
    listed = lookup_spdx_id(token)
    entry = spdx_list().get(listed.expression) if listed and listed.expression else None
    if entry is None:
        return None
    title = set(re.findall(r"[a-z0-9]+", before.split(".")[-1])) - GENERIC_WORDS
    own = set(re.findall(r"[a-z0-9]+", entry.name.lower())) - GENERIC_WORDS
    return entry.id if title & own else None


def longest(mentions: list[Mention]) -> list[Mention]:
    """Non-overlapping mentions, the longest first, returned in text order."""
    # Accepted mentions never overlap, so they are kept sorted by start and a candidate need only
    # be checked against its two neighbours: O(n log n), not O(n²), on long values.
    starts: list[int] = []
    accepted: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-m.length, m.start)):
        at = bisect.bisect_left(starts, mention.start)
        if at > 0 and accepted[at - 1].end > mention.start:
            continue
        if at < len(accepted) and accepted[at].start < mention.end:
            continue
        starts.insert(at, mention.start)
        accepted.insert(at, mention)
    return accepted


def _link(text: str, low: str, link: re.Match[str]) -> tuple[list[Mention], list[Mention]]:
    """A markdown link: its target when that names a license, else its label. `low` is the
    lowercased text with the acronyms before a version blanked ("... Licence (EUPL) v. 1.1")."""
    label = longest(scan(low[link.start(1) : link.end(1)], link.start(1)))
    target_text = text[link.start(2) : link.end(2)]
    if URL.match(target_text):
        target = url_mention(target_text, link.start(2))
    else:
        target = next(iter(longest(scan(low[link.start(2) : link.end(2)], link.start(2)))), None)
    label = _without_public_domain_beside_its_instrument(label)
    named = {m.expression for m in label if m.expression}
    if target and target.expression and not target.weak:
        # gnu.org's page for GPL-3.0 holds the text of -only and -or-later alike: the link's
        # text ("GNU General Public License v3.0 or later") says which
        if len(named) == 1 and _same_text(next(iter(named)), target.expression):
            return [Mention(link.start(), link.end(), next(iter(named)))], []
        if named and named != {target.expression}:
            said = " and ".join(sorted(named))
            why = f"a link whose text says {said} but whose target is {target.expression}"
            return [Mention(link.start(), link.end(), None, "", why)], []
        return [Mention(link.start(), link.end(), target.expression)], []
    if label:
        return label, []
    title = text[link.start(1) : link.end(1)]
    known = known_title(title)
    if known:  # "[Stability AI Community License](https://stability.ai/...)": the text says
        return [Mention(link.start(), link.end(), known)], []
    if target:  # the whole link: "subject to the [Terms](...)" binds a part by its text
        return [], [replace(target, start=link.start(), end=link.end())]
    if names_a_license(title):
        return [], [Mention(link.start(), link.end(), "LicenseRef-" + idstring(title), weak=True)]
    return [], []


def _same_text(one: str, other: str) -> bool:
    def base(expression: str) -> str:
        return expression.removesuffix("-only").removesuffix("-or-later")

    return one != other and base(one) == base(other) and " " not in one + other


def _conclude(
    text: str, low: str, blanked: str, mentions: list[Mention], weak: list[Mention]
) -> Reading:
    mentions = clauses.without_upstream(low, mentions)
    missing = list_items.unnamed_list_item(text, blanked, mentions)
    while missing:
        # "Apache 2.0 (code), Stability AI Community License (weights)": an item may be a name
        # the scan does not look for (ScanCode's), read as a title is
        titled = list_items.item_as_title(text, missing)
        if titled is None:
            item = text[missing[0] : missing[1]].strip()
            refusal = f"the list item {item!r} names no license mlassets knows"
            return Reading(refusal=refusal, unread=ITEM_UNREAD)
        mentions = sorted([*mentions, titled], key=lambda m: m.start)
        missing = list_items.unnamed_list_item(text, blanked, mentions)
    # "... except for the images, which are subject to the Flickr terms of use": a title
    # gives the excepted part its terms; "the weights must comply with the Model License":
    # terms that name no license leave that part's unknown
    terms = clauses.terms_named_for_a_part(text, mentions) if mentions else []
    if unread := next((t for t in terms if t.expression is None), None):
        return Reading(refusal=unread.why, unread=PART_UNREAD)
    mentions = sorted([*mentions, *terms], key=lambda m: m.start)
    given, unnamed = list_items.parts_given(text, low, mentions)  # "Code: MIT; weights: ..."
    if unnamed:
        return Reading(refusal=unnamed, unread=PART_UNREAD)
    mentions = sorted([*mentions, *given], key=lambda m: m.start)
    excepted = _EXCEPT.search(low)
    sources = excepted and _THEIR_OWN.search(low, excepted.start())  # the sources', not ours
    if excepted and not sources and not any(m.start > excepted.start() for m in mentions):
        # "The Unlicense, with the exception of the model weights (...)": that part's terms are
        # other ones, and no license mlassets knows names them
        part = text[excepted.start() :].strip()
        return Reading(
            refusal=f"the part {part!r} is under terms it does not name", unread=PART_UNREAD
        )
    named = list(dict.fromkeys(m.expression for m in mentions if m.expression))
    mentions = [
        m
        for m in mentions
        if m.expression or not (m.alone and named or any(_member_of(e, m.family) for e in named))
    ]
    mentions = _without_public_domain_beside_its_instrument(mentions)
    families = [m for m in mentions if not m.expression]
    if families:
        return Reading(why=families[0].why)
    if not mentions:
        return Reading(weak[0].expression, weak=True) if weak else Reading()
    rest = list(blanked)
    for mention in mentions:
        rest[mention.start : mention.end] = " " * mention.length
    leftover = set(re.findall(r"[a-z]+", "".join(rest))) - GENERIC_WORDS - _FILLER
    evidence = "; ".join(repr(text[m.start : m.end]) for m in mentions) if leftover else ""
    if mixed := clauses.mixed_slash(low, mentions) or clauses.contradicting_alias(low, mentions):
        return Reading(refusal=mixed)
    return Reading(join(low, mentions), evidence=evidence)


_EXCEPT = re.compile(
    r"\bwith\s+the\s+exceptions?\s+of\b|\bexcept\s+(?!in\s+compliance)(?:for\s+)?(?:the\s+)?\w"
)
_THEIR_OWN = re.compile(r"\b(?:original|their\s+own|its\s+own|respective)\b")


def _without_public_domain_beside_its_instrument(mentions: list[Mention]) -> list[Mention]:
    """ "Public domain" beside CC0 or the PDDL is what the instrument does ("CC0 1.0 Universal
    Public Domain Dedication"), not a second license."""
    named = {m.expression for m in mentions}
    if _PUBLIC_DOMAIN in named and _PUBLIC_DOMAIN_INSTRUMENTS.intersection(named):
        return [m for m in mentions if m.expression != _PUBLIC_DOMAIN]
    return mentions


def _member_of(expression: str, family: str) -> bool:
    if family == "CC-":
        return expression.startswith("CC")
    return expression.startswith(family) and expression[len(family) : len(family) + 1].isdigit()
