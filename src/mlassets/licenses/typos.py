"""Names written with a typo ("Apache Lisence 2.0", "Artisitc License 2.0"): rapidfuzz over the
SPDX names and the ordered name keys of scancode_names.py, with a cutoff, and the rule that every
number in the text (a version) is in the name and the reverse. Such a conclusion is inferred.
"""

from __future__ import annotations

import functools
import re

from mlassets.licenses.names import ANY_VERSION, bare_word, spdx_name_index
from mlassets.licenses.scancode_names import FUZZY_MIN_LENGTH, name_indexes, name_key
from mlassets.licenses.spdx_list import spdx_list

_FUZZY_CUTOFF = 92.0  # rapidfuzz ratio: one wrong or missing letter in a 25-letter name
_ONE_EDIT_MIN_LENGTH = 10  # "mit see" is one edit from a ScanCode key: too short to correct

_NUMBER = re.compile(r"\d+(?:\.\d+)*[a-z]?(?![a-z])")  # "1.3a": its letter is the version's


def lookup_fuzzy(text: str) -> tuple[str, str] | None:
    """(expression, the name matched) for a name written with a typo, or None."""
    from rapidfuzz import fuzz, process  # 8 ms of imports: only for a typo
    from rapidfuzz.distance import OSA

    key = name_key(text)
    if ANY_VERSION.search(text):
        return None  # a correction would pick one of the versions
    if "+" in text and "+" not in key:
        return None  # the sign was lost to the key: what it says cannot be checked
    swapped = _with_letters_swapped_back(key)
    if swapped:  # "Apahce 2.0", "The Unlicesne": two letters typed the wrong way round
        exact = spdx_name_index().get(swapped) or name_indexes().exact.get(swapped)
        if exact:
            return exact, swapped
    words = key.split()
    corrected = " ".join(w for w in words if not _misspelt_license(w))
    if corrected != key:  # "Apache Lisence 2.0": the noun the index leaves out, misspelt
        exact = spdx_name_index().get(corrected) or name_indexes().exact.get(corrected)
        if exact:
            return exact, corrected
        key = corrected
    if len(key) < FUZZY_MIN_LENGTH or (corrected == name_key(text) and bare_word(text, key)):
        return None  # one plain word ("Unicode") is corrected only beside a license noun
    spdx = spdx_name_index()
    found = process.extractOne(key, _choices(), scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
    if found is None and len(key) >= _ONE_EDIT_MIN_LENGTH and _unknown_long_word(key):
        # One letter wrong, missing, extra or two swapped ("Artisitc"): a short name's ratio
        # falls below the cutoff for that, so one such edit is accepted where it is the only
        # name within one edit, and inside a long word ("AU" is not "AT").
        near = process.extract(key, _choices(), scorer=OSA.distance, score_cutoff=1, limit=2)
        if len(near) != 1 or not _edit_in_long_word(key, near[0][0]):
            return None
        found = near[0]
    if found is None:
        return None
    name = found[0]
    if name == key:
        return None  # no typo: a shortened name as it is, read by the tier for those
    if ("+" in name) != ("+" in key):
        return None  # "RAIL++" is not RAIL: a sign is never corrected
    if _numbers(name) != _numbers(key) or not _codes(key) <= set(name.split()):
        return None  # a version or a code is never corrected: "GPL 2" is not "GPL 3", "ES" not "DE"
    if not _every_word_near(key, name):
        return None  # a typo changes words; it adds none ("ACME Collaborative ...")
    indexes = name_indexes()
    expression = spdx.get(name) or indexes.exact.get(name) or indexes.shortened.get(name)
    return (expression, name) if expression else None


@functools.cache
def _choices() -> tuple[str, ...]:
    spdx = spdx_name_index()
    long_enough = (k for k, v in spdx.items() if v and len(k) >= FUZZY_MIN_LENGTH)
    # and the shorter spellings people write ("Stability AI Community License", misspelt)
    shortened = (k for k in name_indexes().shortened if len(k) >= FUZZY_MIN_LENGTH)
    return (*long_enough, *name_indexes().fuzzy_keys, *shortened)


@functools.cache
def _name_words() -> frozenset[str]:
    return frozenset(w for key in _choices() for w in key.split())


def mended_words(text: str) -> str | None:
    """`text` with each word of five letters or more that no name has, and that one letter
    missing, extra or two swapped make a word many names spell, mended ("GNU Genral Public
    License", "Open Databse License", "unlicsense"); None where no word is. Read only for a
    text nothing else read, and never for one that negates or keeps a part apart ("not in the
    pubic domain"): the mended words would be read as a license the text does not give."""
    from rapidfuzz.distance import OSA  # 8 ms of imports: only for a typo

    from mlassets.licenses.tables import GENERIC_WORDS

    if _NEGATED_OR_APART.search(text):
        return None
    counts = _name_word_counts()
    mended, changed = text, False
    links = [m.span() for m in _LINK.finditer(text)]  # a link is spelt as it is
    words = list(re.finditer(r"[A-Za-z]+", text))
    alone = len(words) == 1 and text.strip() == words[0][0]  # "unlicsense", not "boast 1.0"
    for at, found in reversed(list(enumerate(words))):
        word = found[0].lower()
        if len(word) < 5 or word in counts or word in GENERIC_WORDS or word in _UNINDEXED_WORDS:
            continue
        if any(a <= found.start() < b for a, b in links):
            continue
        near = sorted(
            (
                (counts[w], w)
                for w in _words_by_ends().get((word[0], word[-1]), ())
                if abs(len(w) - len(word)) <= 1
                and OSA.distance(w, word) == 1
                and (len(w) != len(word) or sorted(w) == sorted(word))
            ),
            reverse=True,
        )
        # a word many names have ("genral": general, not the Portuguese "geral" of one
        # ScanCode name; "crawl" is no "CRAPL"), and no other such. A letter typed for another
        # makes other words too often ("gamma", "teams", "india"): only one missing, one extra
        # or two swapped are mended.
        best = near[0] if near and (alone or near[0][0] >= _COMMON) else None
        if best is None or len(near) > 1 and near[1][0] * 5 > best[0]:
            continue
        beside = [w[0].lower() for w in words[max(0, at - 1) : at] + words[at + 1 : at + 2]]
        if not alone and not any(
            counts.get(w, 0) >= _COMMON or w in _UNINDEXED_WORDS for w in beside
        ):
            continue  # "the latter", "you agree": prose, not a name misspelt
        mended = mended[: found.start()] + best[1] + mended[found.end() :]
        changed = True
    return mended if changed else None


_LINK = re.compile(r"\S*(?:://|www\.)\S*")
# a negation, or a part kept apart: a license mended into the text is not one it gives
_NEGATED_OR_APART = re.compile(
    r"\b(?:not|no|never|neither|nor|none|without|except|unlike|proprietary|reserved|trained|"
    r"base|original|upstream)\b|n['’]t\b",
    re.I,
)


@functools.cache
def _words_by_ends() -> dict[tuple[str, str], tuple[str, ...]]:
    """The name words of five letters or more by their first and last letters: an edit at a
    word's end makes another word ("apply" is no "apple", "unlicensed" no "unlicense"), so only
    words of the same ends are candidates."""
    found: dict[tuple[str, str], list[str]] = {}
    for word in _name_word_counts():
        if len(word) >= 5:
            found.setdefault((word[0], word[-1]), []).append(word)
    return {ends: tuple(words) for ends, words in found.items()}


@functools.cache
def _name_word_counts() -> dict[str, int]:
    """Each word of the names typos correct against (and of the names free text reads), with
    how many names hold it."""
    counts: dict[str, int] = dict.fromkeys(_NAMED_WORDS, 5)
    for key in _choices():
        for word in set(key.split()):
            counts[word] = counts.get(word, 0) + 1
    return counts


_COMMON = 5  # names that hold a word, for a misspelling to be mended to it

# words the name keys leave out ("version", "license"), which a text still holds
_UNINDEXED_WORDS = frozenset({"version", "versions", "licence", "license", "international"})


# words of the names free text reads that the name indexes spell otherwise ("database": the
# ODbL's, "unlicense")
_NAMED_WORDS = frozenset({"database", "unlicense", "commons", "attribution", "sharealike"})


def _with_letters_swapped_back(key: str) -> str | None:
    """`key` with one word of five letters or more that no name has mended, where swapping two
    neighbouring letters makes it a word of a name, and only one such swap in the whole key
    does. A short word stays as it is: "form" and "from" are both words."""
    words = key.split()
    mended = []
    for index, word in enumerate(words):
        if len(word) < 5 or word in _name_words() or not word.isalpha():
            continue
        for at in range(len(word) - 1):
            swap = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
            if swap != word and swap in _name_words():
                mended.append((index, swap))
    if len(mended) != 1:
        return None
    index, swap = mended[0]
    return " ".join([*words[:index], swap, *words[index + 1 :]])


def id_with_letters_swapped(text: str) -> str | None:
    """An SPDX or Hub id with two neighbouring letters of one of its words typed the wrong way
    round ("GLP-3.0", "WTFLP", "Unicode-DSF-2016"): the one id that one swap makes, if only one
    does. A word of three letters at least, in an id with a version or of five letters; the
    version is never touched."""
    from mlassets.licenses.names import lookup_id, lookup_spdx_id  # names imports this module

    token = text.strip()
    if not _ID_SHAPE.fullmatch(token) or lookup_id(token):
        return None
    parts = re.split(r"([-.])", token)
    if not any(c.isdigit() for c in token) and len(token) < 5:
        return None  # a bare "ODC" or "MTI" is as likely another abbreviation as a typo
    ids = set()
    for index, part in enumerate(parts):
        if len(part) < 3 or not part.isalpha():
            continue
        for at in range(len(part) - 1):
            swap = part[:at] + part[at + 1] + part[at] + part[at + 2 :]
            if swap.lower() == part.lower():
                continue
            match = lookup_spdx_id("".join([*parts[:index], swap, *parts[index + 1 :]]))
            # "FAL-1.2" is the Free Art License's, though "AFL-1.2" is one swap away
            if match and match.expression and part.lower() not in _abbreviations():
                ids.add(match.expression)
    return ids.pop() if len(ids) == 1 else None


@functools.cache
def _abbreviations() -> frozenset[str]:
    """The words that open a license's short name or id: each names a license of its own."""
    from mlassets.licenses.reference import scancode_licenses

    words = {e.short_name.split()[0].lower() for e in scancode_licenses() if e.short_name}
    return frozenset(words | {i.split("-")[0] for i in spdx_list().licenses})


_ID_SHAPE = re.compile(r"[A-Za-z]{3,}(?:[-.][A-Za-z0-9.+]+)*")


def _unknown_long_word(key: str) -> bool:
    """A word of five letters or more that no name has: the one a typo can be in."""
    return any(len(w) >= 5 and w not in _name_words() for w in key.split())


def _edit_in_long_word(key: str, name: str) -> bool:
    pairs = list(zip(key.split(), name.split(), strict=False))
    changed = [(a, b) for a, b in pairs if a != b]
    same_shape = len(key.split()) == len(name.split())
    return same_shape and len(changed) == 1 and min(map(len, changed[0])) >= 5


def _misspelt_license(word: str) -> bool:
    from rapidfuzz import fuzz  # 8 ms of imports: only for a typo

    return word[:1] == "l" and 5 <= len(word) <= 9 and fuzz.ratio(word, "license") >= 70


def _every_word_near(key: str, name: str) -> bool:
    """Each word of three letters or more is close to a word of the name, or holds one."""
    from rapidfuzz import fuzz

    near = name.split()
    return all(
        any(fuzz.ratio(word, v) >= 70 for v in near) or any(v in word for v in near)
        for word in key.split()
        if len(word) >= 3 and word.isalpha()
    )


def _codes(key: str) -> set[str]:
    """The two-letter words: jurisdictions ("es", "de") and variants ("nc", "sa"), too short for
    a typo in them to be told from another code."""
    return {w for w in key.split() if w.isalpha() and len(w) == 2}


def _numbers(key: str) -> list[str]:
    return [n.removesuffix(".0") for n in _NUMBER.findall(key)]
