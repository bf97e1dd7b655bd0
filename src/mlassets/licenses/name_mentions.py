"""SPDX names found inside longer text ("released under the Mozilla Public License 2.0"), by
the name index of `names`: a license's name, a family's name of three words or more (within one
clause, as a license's name), and the member a family's notice gives after it ("the LaTeX
Project Public License, either version 1.3c of this license or ... any later version").
"""

from __future__ import annotations

import functools
import re

from mlassets.licenses.mentions import Mention
from mlassets.licenses.names import ZERO_MINOR, name_tokens, spdx_name_index


@functools.cache
def _prefixes() -> frozenset[tuple[str, ...]]:
    """Every leading run of words of an indexed name: the scan stops as soon as the words read
    so far begin no name, so each token costs a few set lookups."""
    return frozenset(
        tuple(words[:i])
        for words in (k.split() for k in spdx_name_index())
        for i in range(1, len(words) + 1)
    )


def name_mentions(text: str) -> list[Mention]:
    """SPDX names of two or more words (or one with a version) inside longer text."""
    tokens = name_tokens(text)
    index = spdx_name_index()
    prefixes = _prefixes()
    found = []
    i = 0
    while i < len(tokens):
        best: tuple[int, str | None] | None = None
        words: tuple[str, ...] = ()
        for j in range(i, len(tokens)):  # until the words begin no name
            words = (*words, tokens[j][0])
            if words not in prefixes:
                break
            if len(words) == 1 and not any(c.isdigit() for c in words[0]):
                continue  # one plain word ("fair", "python") is too easily prose
            key = " ".join(words)
            if index.get(key) or (
                key in index and len(words) >= 3 and _family_named(text, tokens[i][1], tokens[j][2])
            ):
                best = (j, index[key])
        if best:
            found.append(_named(text, tokens[i][1], tokens[best[0]][2], best[1], index))
            i = best[0] + 1
        else:
            i += 1
    return found


def _family_named(text: str, start: int, end: int) -> bool:
    """The words at start:end name a family of licenses, not a phrase that shares its words:
    within one clause, and with a license noun ("funded by the European Union. Public release
    under CC BY 4.0" is no European Union Public Licence)."""
    span = text[start:end]
    noun = _FAMILY_NOUN.search(span) or _FAMILY_NOUN.match(text, end)
    return noun is not None and not re.search(r"[.;:!?]\s", span)


_FAMILY_NOUN = re.compile(r"\s*\b(?:licen[cs]e|agreement)\b", re.I)


# "... the LaTeX Project Public License, either version 1.3c of this license or (at your
# option) any later version": a family's notice that gives its version after the name
_MEMBER_NOTICE = re.compile(
    r"(?:\s+licen[cs]e)?[\s,]*(?:either\s+)?version\s+(\d+(?:\.\d+)*[a-z]?)\s+of\s+(?:this|the)\s+licen[cs]e"
    r"(,?\s*or\s*(?:\(?\s*at\s+your\s+option\s*\)?,?\s*)?any\s+later\s+version)?"
)


def _named(
    text: str, start: int, end: int, identifier: str | None, index: dict[str, str | None]
) -> Mention:
    """The mention of the name at start:end: its license, or the member a notice after a
    family's name gives, or the family."""
    if identifier:
        return Mention(start, end, identifier)
    key = " ".join(t for t, _, _ in name_tokens(text[start:end]))
    negated = _NEGATED.search(text, max(0, start - 24), start)  # "we do not use the ..."
    notice = None if negated else _MEMBER_NOTICE.match(text, end)
    member = index.get(f"{key} {ZERO_MINOR.sub('', notice[1])}") if notice else None
    if notice and member:
        return Mention(start, notice.end(), member + ("+" if notice[2] else ""))
    why = f"the {text[start:end]!r} family without its version"
    return Mention(start, end, None, why=why, alone=True)


_NEGATED = re.compile(r"\b(?:not|never|no|nor|without|over|unlike)\b[^.;]*$")
