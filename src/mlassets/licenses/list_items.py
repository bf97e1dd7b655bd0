"""The items of a short list of licenses ("Apache 2.0 (code), CC BY-NC 4.0 (weights)", "MIT;
see LICENSE"), and parts given their licenses with a colon: `freetext` asks which item no
mention names, so that a license it does not know is never dropped from a list.
"""

from __future__ import annotations

import bisect
import re

from mlassets.licenses.clauses import names_its_own
from mlassets.licenses.joining import PART_WORDS, names_a_part_in
from mlassets.licenses.mentions import Mention, idstring
from mlassets.licenses.tables import GENERIC_WORDS
from mlassets.licenses.titles import VERBS, known_title, names_a_license, strip_prose

_LIST_SEPARATOR = re.compile(r"[,;]|\s(?:and|&|or)\s|\s/\s")  # "A / B": B is an item too
_CLAUSE_SEPARATOR = re.compile(r"[,;]")  # in a sentence, "and" joins words, not list items
# An item that opens so is a pointer, a note or a clause about the license before it
_NOT_ITEM_OPENINGS = frozenset(
    {"see", "also", "for", "contact", "please", "it", "which", "this", "same"}  # "the same as ..."
    | {"you", "either", "users"}  # "Apache 2.0 and CC-BY-4.0; you may choose either"
    | {"do", "use", "cite", "credit", "enjoy", "feel"}  # "...; do whatever you want with it"
    | {"pick", "choose", "whichever"}  # "Unlicense and MIT; pick whichever you prefer"
    | {"copyright"}  # "MIT License, Copyright (c) 2021 ...": the holder's notice, not a license
    | {"with"}  # "GFDL 1.3, with no Invariant Sections": the license's own options
    | {"commercial"}  # "GPL-3.0 or a commercial license from Acme": an offer of other terms
)
_COPYRIGHT_NOTICE = re.compile(r"\bcopyright\b|©|\(c\)")
_NOT_ITEMS = frozenset(
    {"see", "also", "file", "files", "details", "txt", "md", "copying", "etc"}
    | {"january", "february", "march", "april", "may", "june", "july", "august"}
    | {"september", "october", "november", "december"}  # "Version 2.0, January 2004"
    # qualifiers of the license before them: "the EUPL, version 1.2 only", "MIT or Apache 2.0,
    # at your option"
    | {"only", "at", "your", "option", "choice", "later", "any", "newer", "version", "versions"}
)

# a part named, a colon, and its license: "Code: Apache-2.0; model weights: ..."
_PART_GIVEN = re.compile(rf"(?:^|(?<=[;\n]))\s*{PART_WORDS}\s*:\s*(?P<terms>[^;\n]+)")


def parts_given(text: str, low: str, mentions: list[Mention]) -> tuple[list[Mention], str]:
    """Parts named each with a colon and their license ("Code: Apache-2.0; model weights: Yi
    Series Models Community License"): the mentions of the titles no mention covers, as those
    parts' LicenseRefs, and why the text names no license where such a part's words are no
    title ("weights: see the model card")."""
    given = list(_PART_GIVEN.finditer(low))
    found: list[Mention] = []
    for part in given if len(given) >= 2 else []:
        start, end = part.span("terms")
        if not any(start <= m.start < end for m in mentions):
            title = text[start:end].strip(" .")
            if not (names_a_license(title) and title[:1].isupper() and names_its_own(title)):
                return [], f"the part {part[0].strip()!r} is under terms it does not name"
            found.append(Mention(start, end, "LicenseRef-" + idstring(title), terms_of_a_part=True))
    return found, ""


def item_as_title(text: str, span: tuple[int, int]) -> Mention | None:
    """The list item at `span` as a license's title mlassets knows, without a part it names in
    parentheses ("... License (weights)")."""
    start, end = span
    item = re.sub(r"\s*\([^()]*\)\s*$", "", text[start:end]).strip()
    found = known_title(strip_prose(item)) if 2 <= len(item.split()) <= 10 else None
    if found:
        return Mention(start, end, found)
    title = strip_prose(item)
    titled = names_a_license(item) and item[:1].isupper() and names_its_own(title)
    if names_a_part_in(text[start:end].lower()) and titled:
        # "MIT (code), Mistral AI Research License (weights)": a title a part is under
        return Mention(start, end, "LicenseRef-" + idstring(title), terms_of_a_part=True)
    return None


def unnamed_list_item(text: str, low: str, mentions: list[Mention]) -> tuple[int, int] | None:
    """In a short list, the first item that overlaps no mention. `low` has links blanked out:
    a link that names nothing ("see [Code of Conduct](...)") is not an item."""
    bounds = [0]
    prose = not VERBS.isdisjoint(re.findall(r"[a-z]+", low))
    for separator in (_CLAUSE_SEPARATOR if prose else _LIST_SEPARATOR).finditer(low):
        bounds += [separator.start(), separator.end()]
    bounds.append(len(low))
    items = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    if len(items) < 2 or any(len(low[a:b].split()) > 6 for a, b in items):
        return None
    ends = [m.end for m in mentions]  # mentions do not overlap: their ends are sorted too
    notice = _COPYRIGHT_NOTICE.search(low)

    def next_item(start: int) -> tuple[int, int]:
        later = [item for item in items if item[0] > start]
        return later[0] if later else (len(low), len(low))

    for start, end in items:
        words = re.findall(r"[a-z][a-z0-9]*", low[start:end])
        # "but please cite our paper": a restriction after "but" was refused by the guards
        opening = next((w for w in words if w not in {"the", "a", "an", "but", "and"}), "")
        if notice is not None and notice.start() < end:
            break  # a copyright notice runs on past its commas: "Copyright 2024, the Foo Devs"
        if opening == "with" and "exception" in words:
            opening = "except"  # "with the exception of the model weights (...)"
        if opening in _NOT_ITEM_OPENINGS:
            continue  # "see LICENSE", "for commercial licensing contact the authors"
        if opening == "except" and _names_one(mentions, ends, *next_item(start)):
            continue  # "CC BY 4.0, except for the audio, which is CC BY-NC 4.0": the next names it
        words = [w for w in words if w not in _NOT_ITEMS]
        part = names_a_part_in(low[start:end])  # "Model License (weights)": that part's terms
        if not part and (not words or all(w in GENERIC_WORDS for w in words)):
            continue
        if words[0].endswith(("ed", "ing")) or not VERBS.isdisjoint(words):
            continue  # "adapted from the Wikipedia corpus", "following Wikipedia": not an item
        if not _names_one(mentions, ends, start, end):
            return start, end
    return None


def _names_one(mentions: list[Mention], ends: list[int], start: int, end: int) -> bool:
    """Whether a mention overlaps text[start:end]."""
    first = bisect.bisect_right(ends, start)  # the first mention ending after the start
    return first < len(mentions) and mentions[first].start < end
