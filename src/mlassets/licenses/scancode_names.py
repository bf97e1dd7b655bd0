"""The ScanCode LicenseDB's and the SPDX list's names as indexes, derived from the reference
data and stored beside it (see `licenses.derived`):
- names: every SPDX name, ScanCode name and ScanCode short name, keyed by its name tokens (see
  names.name_tokens) -> the expression mlassets concludes for it. `exact` keys keep word order;
  `unordered` keys are the sorted tokens, for "License, Apache 2.0" or "Public License GNU v3";
  `shortened` keys are the shorter spellings people write (without a date, a version,
  "Agreement"; initials); `one_word` the names that come down to one word;
- fuzzy keys: the ordered keys long enough for typos.py to correct a typo against.
A key that two licenses share is dropped from the index: it identifies neither.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from mlassets.licenses.reference import concluded, scancode_licenses, usable
from mlassets.licenses.spdx_list import spdx_list

FUZZY_MIN_LENGTH = 7  # shorter keys are too close to each other to correct a typo in


class _Index:
    """Key -> expression, where a key two different expressions claim is dropped."""

    def __init__(self) -> None:
        self.table: dict[str, str | None] = {}

    def add(self, key: str, expression: str, strong: bool = False) -> None:
        if not key:
            return
        if strong:  # the SPDX list wins over ScanCode's names for the same words
            self.table[key] = expression
            return
        known = self.table.get(key, expression)
        self.table[key] = expression if known == expression else None

    def result(self) -> dict[str, str]:
        return {k: v for k, v in self.table.items() if v is not None}


@dataclass(frozen=True)
class NameIndexes:
    exact: dict[str, str]
    unordered: dict[str, str]
    shortened: dict[str, str]  # names without their date, version or "Agreement" (see _shortened)
    fuzzy_keys: tuple[str, ...]
    one_word: dict[str, str]  # names that shorten to one word: "qwen" (see lookup_word_license)
    any_order: dict[str, str]  # shortened and undated SPDX names' words sorted (_any_order)


_DATE = re.compile(r"(?:\s(?:19|20)\d\d(?:\s\d\d){0,2})+$")
_ALIAS_TAIL = re.compile(r"\s*\([^()]*\)\s*$")  # a name's alias in parentheses, last
_ALIAS = re.compile(r"\s*\([^()]*\)")  # ... or anywhere
_TRAILING_VERSION = re.compile(r"(?:\s\d+(?:\.\d+)*[a-z]?)+$")
_ONE_VERSION = re.compile(r"\s\d+(?:\.\d+)*[a-z]?$")
# The language of the text ScanCode gives last: "Datenlizenz Deutschland - Namensnennung -
# Version 2.0 - Deutsch", "CeCILL-B License English".
_LANGUAGE = re.compile(r"\s(?:english|deutsch|german|french|francais|fran\u00e7ais|en|de|fr)$")


def _shortened(key: str) -> set[str]:
    """The shorter spellings people write for a long name: without the date ScanCode gives its
    text ("Qwen License Agreement 2024"), without a trailing version where it is the only one
    ("Falcon 2 11B TII License 1.0"), and without the word "Agreement". Two words at least: one
    word ("Boost", "Flex") is too easily something else."""
    undated = _DATE.sub("", key)
    # one version off, then every trailing number: "Anti 996 License 1.0" is "anti 996"
    forms = {undated, _ONE_VERSION.sub("", undated), _TRAILING_VERSION.sub("", undated)}
    forms |= {" ".join(w for w in f.split() if w != "agreement") for f in forms}
    forms |= {f.removesuffix(" terms") for f in forms}  # "Microsoft Research License Terms"
    return {f for f in forms if len(f.split()) >= 2 and f != key}


# read only when the indexes are derived (scripts/refresh_license_data.py, a test)
_NAME_AND_VERSION = (
    r"^(?P<words>[a-z][\w\s-]*?)\s+v?(?P<version>(?!(?:19|20)\d\d)\d{1,2}(?:\.\d+)*(?:-[a-z]+)?)$"
)
_SMALL_WORDS = frozenset({"the", "of", "and", "for", "a"})


def _initialism(name: str) -> set[str]:
    """The name's initials and its version, as people write a license they use often:
    "faipl-1.0-sd" for "Fair AI Public License 1.0-SD" (a word in capitals gives itself, "AI").
    Three letters at least; an SPDX id's spelling stays the SPDX id's."""
    from mlassets.licenses.names import lookup_id  # names imports this module

    found = re.match(_NAME_AND_VERSION, name.strip(), re.I)
    if not found:
        return set()
    words = [w for w in re.split(r"[\s-]+", found["words"]) if w.lower() not in _SMALL_WORDS]
    initials = "".join(w if len(w) > 1 and w.isupper() else w[0] for w in words if w)
    version = found["version"]
    if len(initials) < 3 or any(lookup_id(f"{initials}-{v}") for v in (version, version + ".0")):
        return set()  # "OSL 2" is the SPDX list's OSL-2.0, whatever else it abbreviates
    return {name_key(f"{initials} {version}")}


def _one_word(key: str) -> str | None:
    """The one word a license's full name comes down to without its date, its one version and
    "Agreement" ("Qwen License Agreement 2024": "qwen", "DeepSeek License Agreement v1.0":
    "deepseek"), if it does. One version only: "Anti 996 License 1.0" is not the "anti" one."""
    undated = _DATE.sub("", key)
    for form in (undated, _ONE_VERSION.sub("", undated)):
        words = [w for w in form.split() if w != "agreement"]
        if len(words) == 1 and not words[0].isdigit():
            return words[0]
    return None


def _spelled_out(name: str) -> set[str]:
    """A name as people write it out: a company's joined name apart ("HuggingFace Terms of
    Service 2022-09-15": "Hugging Face ..."), "TOS" as the words ("The Stack TOS 2023-07": "The
    Stack Terms of Use"), and those spellings without their date. Never without a version: a
    spelled-out family ("Creative Commons Share Alike", "Open Content") names no version."""
    apart = name_key(re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", name))
    forms = {apart}
    for form in list(forms):
        if re.search(r"\btos\b", form):
            forms |= {re.sub(r"\btos\b", words, form) for words in ("terms use", "terms service")}
    forms |= {_DATE.sub("", form) for form in forms}
    forms |= {" ".join(w for w in f.split() if w != "agreement") for f in forms}
    return {f for f in forms if f != name_key(name) and len(f.split()) >= 2}


def _untranslated(key: str) -> set[str]:
    """A name without the language ScanCode gives its text last ("Datenlizenz Deutschland -
    Namensnennung - Version 2.0 - Deutsch"), and its shorter spellings. Used only where no
    other name has that spelling: the untranslated text keeps "CeCILL-B" for itself."""
    bare = _LANGUAGE.sub("", key)
    forms = set() if bare == key else {bare} | _shortened(bare)
    return {f for f in forms if len(f.split()) >= 2}  # one word ("Scilab") is too easily prose


def name_key(text: str) -> str:
    from mlassets.licenses.names import name_tokens  # names imports this module

    return " ".join(t for t, _, _ in name_tokens(text.lower()))


def _unordered(key: str) -> str:
    # "and" counted once: W3C's own title repeats it where SPDX's name has it once ("W3C
    # Software and Document Notice and License"); any other word repeated tells names apart
    # ("cc by 4.0 cc by sa 4.0" is two licenses, not CC-BY-SA-4.0)
    words = key.split()
    return " ".join(sorted(w for i, w in enumerate(words) if w != "and" or "and" not in words[:i]))


@functools.cache
def name_indexes() -> NameIndexes:
    from mlassets.licenses.derived import stored_indexes

    stored = stored_indexes()
    if stored is None:  # a source tree whose file was deleted: derive (the tests say so)
        return build_name_indexes()
    names = stored["names"]
    return NameIndexes(
        names["exact"],
        names["unordered"],
        names["shortened"],
        tuple(names["fuzzy_keys"]),
        names["one_word"],
        names["any_order"],
    )


def build_name_indexes() -> NameIndexes:
    """The name indexes, derived from the reference data (see `licenses.derived`)."""
    exact, unordered, shortened, untranslated = _Index(), _Index(), _Index(), _Index()
    one_word = _Index()
    whole_words: dict[str, set[str]] = {}  # licenses whose whole name is "<Word> License"
    spdx_keys: set[str] = set()
    for entry in spdx_list().licenses.values():
        if entry.deprecated:
            continue
        key = name_key(entry.name)
        spdx_keys.add(key)
        unordered.add(_unordered(key), entry.id)
    english = _english_names_of_translations()
    for scancode in scancode_licenses():
        if not usable(scancode):
            continue
        expression = concluded(scancode)
        for name in dict.fromkeys((scancode.name, scancode.short_name)):  # in a fixed order
            key = name_key(name)
            if _without_agreement(key) in english.get(scancode.key, ()):
                continue  # scola-fr's short name is the English one: the English text's
            if len(key.split()) < 2 and not any(c.isdigit() for c in key):
                if name == scancode.name:
                    whole_words.setdefault(key, set()).add(expression)
                continue  # one plain word ("Python", "Unicode") is too easily something else
            if key not in spdx_keys:
                exact.add(key, expression)
            unordered.add(_unordered(key), expression)
            # an SPDX license has its id for short; one off the list is written by initials
            initials = _initialism(name) if expression.startswith("LicenseRef-") else set()
            # "Mulan Public License, Version 2 (Mulan PubL v2)" is written without its alias too
            bare = name_key(_ALIAS.sub(" ", name))  # "Montreal Data License (MDL) 2021" too
            unaliased = (
                {bare} | _shortened(bare) if bare != key and len(bare.split()) >= 2 else set()
            )
            # ... and the alias itself when it is a name: "Sleepycat License (Berkeley Database
            # License)"
            alias = _ALIAS_TAIL.search(name)
            if alias and re.search(r"\blicen[cs]e\b", alias[0], re.I):
                named = name_key(alias[0].strip(" ()"))
                unaliased |= {named} if len(named.split()) >= 2 else set()
            for short in sorted(_shortened(key) | initials | unaliased | _spelled_out(name)):
                shortened.add(short, expression)
            for short in sorted(_untranslated(key)):
                untranslated.add(short, expression)
            # A company's commercial terms named for its product ("Qt License Agreement") are
            # not what "Qt License" means in a card; the full name only, never an acronym.
            word = _one_word(key) if name == scancode.name else None
            if word is not None and scancode.category != "Commercial":
                one_word.add(word, expression)
    _add_hub_names(shortened)
    exact_table = exact.result()
    taken = exact_table.keys() | spdx_keys | _spdx_name_keys()
    short_table = {k: v for k, v in shortened.result().items() if k not in taken}
    claimed = taken | shortened.table.keys()  # a spelling two names share stays out too
    short_table |= {k: v for k, v in untranslated.result().items() if k not in claimed}
    fuzzy = tuple(k for k in exact_table if len(k) >= FUZZY_MIN_LENGTH)
    # A word a license's whole name already is ("NVIDIA License") means that license, or
    # another: the shortened "NVIDIA 2002 License" does not get it.
    words = {
        k: v
        for k, v in one_word.result().items()
        if k not in claimed and not _an_id(k, v) and whole_words.get(k, {v}) == {v}
    }
    # ... and a license whose whole name is "<Word> License" ("Unsplash License"), where that
    # name is the only one to come down to the word
    for word, expressions in sorted(whole_words.items()):
        only = next(iter(expressions))
        if len(expressions) == 1 and word not in claimed and not _an_id(word, only):
            words.setdefault(word, only)
    any_order = _any_order(short_table)
    return NameIndexes(exact_table, unordered.result(), short_table, fuzzy, words, any_order)


_TRANSLATION = re.compile(r"-(?:fr|de|es|it|nl|pt|ja|zh)$")


def _english_names_of_translations() -> dict[str, set[str]]:
    """For a translated text's key (`scola-fr`, whose English sibling is `scola-en`), the name
    keys of that English sibling, without "agreement": an English name is the English text's."""
    entries = {e.key: e for e in scancode_licenses()}
    names: dict[str, set[str]] = {}
    for key in entries:
        sibling = entries.get(_TRANSLATION.sub("-en", key)) if _TRANSLATION.search(key) else None
        if sibling:
            both = (sibling.name, sibling.short_name)
            names[key] = {_without_agreement(name_key(n)) for n in both}
    return names


def _without_agreement(key: str) -> str:
    return " ".join(w for w in key.split() if w != "agreement")


def _an_id(word: str, expression: str) -> bool:
    """An SPDX or Hub id or a family ("bsd", "cc0") that means other than `expression`, where
    what the word means wins; or the stem of several Hub ids ("llama": llama2, llama3, ...):
    "Llama License" names none of them."""
    from mlassets.licenses.hub_ids import HUB_TO_SPDX
    from mlassets.licenses.names import lookup_id  # names imports this module

    stems = [h for h in HUB_TO_SPDX if h != word and re.match(re.escape(word) + r"[\d.-]", h)]
    found = lookup_id(word)
    return (found is not None and found.expression != expression) or bool(stems)


def _add_hub_names(index: _Index) -> None:
    from mlassets.licenses.hub_ids import HUB_NAMES, HUB_TO_SPDX

    for name, hub_id in HUB_NAMES.items():
        if hub_id in HUB_TO_SPDX:
            for short in sorted(_shortened(name_key(name))):
                index.add(short, HUB_TO_SPDX[hub_id])
    # A Hub id off the SPDX list, in words, is a name too: "DeepFloyd IF License Agreement" is
    # deepfloyd-if-license, whose Hub name is "DeepFloyd IF Research License"
    for hub_id, expression in HUB_TO_SPDX.items():
        words = name_key(hub_id.replace("-", " "))
        if expression.startswith("LicenseRef-") and len(words.split()) >= 2:
            index.add(words, expression)


def _spdx_name_keys() -> set[str]:
    from mlassets.licenses.names import build_spdx_name_index  # names imports this module

    return set(build_spdx_name_index())


def lookup_shortened(text: str) -> str | None:
    """A ScanCode or Hub name written shorter (see _shortened): only where the shorter form
    names one license and is no other license's name."""
    key = name_key(text)
    indexes = name_indexes()
    # the text may carry the "Agreement" the name lacks ("FLUX.1 [dev] Non-Commercial License
    # Agreement" for ScanCode's "FLUX.1 [dev] Non-Commercial License")
    bare = " ".join(w for w in key.split() if w != "agreement")
    found = indexes.shortened.get(key) or indexes.exact.get(bare) or indexes.shortened.get(bare)
    if found or " " not in bare:
        return found
    if " " in text.strip():  # "Perl Artistic License": the shorter "Artistic License (Perl)"
        return indexes.any_order.get(_unordered(bare))
    # a Hub slug glues its owner's name: "stabilityai-ai-community" for "Stability AI Community"
    unglued = _unglued(bare)
    return indexes.shortened.get(unglued) if unglued != bare else None


def _any_order(shortened: dict[str, str]) -> dict[str, str]:
    """The shortened names, and the SPDX names without their date or one version, by their
    words in any order, where those words are one license's: W3C's own title "W3C Software and
    Document Notice and License" is SPDX's "W3C Software Notice and Document License
    (2015-05-13)"."""
    found = _Index()
    for key, expression in shortened.items():
        found.add(_unordered(key), expression)
    for entry in spdx_list().licenses.values():
        if not entry.deprecated:
            for short in sorted(_shortened(name_key(entry.name))):
                found.add(_unordered(short), entry.id)
    return found.result()


# Words whose absence changes what a license allows: never the word left out
_TERMS_WORDS = frozenset(
    {"non", "commercial", "noncommercial", "nc", "research", "no", "derivatives", "nd", "sa"}
    | {"share", "alike", "evaluation", "academic", "personal", "only", "not", "free"}
)


def lookup_with_a_word_left_out(text: str) -> str | None:
    """A ScanCode or Hub name with the second word of its publisher's name left out: "Stability
    Community License" for the "Stability AI Community License Agreement 2024". Two words at
    least besides "License"; the words left out are a publisher's name in ScanCode's keys and
    say nothing of the terms; one license only. "Open Data Commons" without "Attribution", or
    "Intel Software License" without "ACPI", names none."""
    key = " ".join(w for w in name_key(text).split() if w != "agreement")
    return _second_word_left_out().get(key) if len(key.split()) >= 2 else None


@functools.cache
def _second_word_left_out() -> dict[str, str]:
    """Name keys without "agreement" and their second word -> the one license they name."""
    from mlassets.licenses.spdx_list import scancode_index

    # a publisher's two-word name is one several of its licenses' keys begin with
    # ("stability-ai-community-2024", "stability-ai-nc-..."); "Intel ACPI" is one license's
    # name, and its "ACPI" tells it from Intel's other agreements
    heads: dict[str, int] = {}
    for key in scancode_index():
        head = "-".join(key.split("-")[:2])
        heads[head] = heads.get(head, 0) + (key.count("-") >= 2)
    indexes = name_indexes()
    found: dict[str, set[str]] = {}
    for table in (indexes.exact, indexes.shortened):
        for name, expression in table.items():
            longer = [w for w in name.split() if w != "agreement"]
            if (
                len(longer) >= 3
                and longer[1] not in _TERMS_WORDS
                and not longer[1][0].isdigit()  # "Llama 4 Community": a version, no publisher's
                and heads.get(f"{longer[0]}-{longer[1]}", 0) >= 2
            ):
                found.setdefault(" ".join(longer[:1] + longer[2:]), set()).add(expression)
    return {key: next(iter(e)) for key, e in found.items() if len(e) == 1}


def _unglued(key: str) -> str:
    """`key` with each word no name has, but two of its words make, split in two, and a word
    then written twice in a row written once."""
    vocabulary = _name_vocabulary()
    words: list[str] = []
    for word in key.split():
        halves = [
            (word[:at], word[at:])
            for at in range(2, len(word) - 1)
            if word[:at] in vocabulary and word[at:] in vocabulary
        ]
        split = list(halves[0]) if word not in vocabulary and len(halves) == 1 else [word]
        words += [w for w in split if not words or w != words[-1]]
    return " ".join(words)


@functools.cache
def _name_vocabulary() -> frozenset[str]:
    indexes = name_indexes()
    return frozenset(w for key in (*indexes.exact, *indexes.shortened) for w in key.split())


def lookup_word_license(text: str) -> str | None:
    """ "<Word> License" ("Qwen License", "deepseek-license", "Boost License Agreement"): the one
    ScanCode license whose name comes down to that word. Only with "license" written out: a bare
    word in a license field ("qwen", "boost", "ogl") is as often a model family, a company or a
    project as a license, and stays refused."""
    from mlassets.licenses.names import name_tokens

    words = re.findall(r"[a-z0-9]+", text.lower().replace("licence", "license"))
    if "license" not in words:
        return None
    tokens = [t for t, _, _ in name_tokens(text.lower()) if t != "agreement"]
    if len(tokens) != 1 or len(words) > 4:  # "the qwen license agreement" at most
        return None
    return name_indexes().one_word.get(tokens[0])


def lookup_scancode_name(text: str) -> str | None:
    """A ScanCode name or short name, written as ScanCode writes it (any case)."""
    return name_indexes().exact.get(name_key(text))


def lookup_unordered(text: str) -> str | None:
    """A name whose words are all there, in another order."""
    from mlassets.licenses.names import bare_word

    key = name_key(text)
    if not key or bare_word(text, key):
        return None
    return name_indexes().unordered.get(_unordered(key))
