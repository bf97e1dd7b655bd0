"""Normalise one raw license string to a concluded SPDX expression, without guessing.

The order of attempts, from the most to the least certain:
0. the value cleaned (cleaning.py: quotes, emphasis, a trailing date, a "License:" prefix);
1. placeholders (`unknown`, `[More Information Needed]`, typos of them) and values of other
   fields (`10K<n<100K`);
2. closed vocabularies: PyPI classifiers, Kaggle names, the Hub's `other-<x>` form;
3. one id (Hub id, SPDX id in any case, deprecated id, ScanCode key) or one full SPDX or ScanCode
   name (scancode_names.py);
4. an SPDX expression whose every operand is an id or a name (`apache-2.0 and mit`);
   everything up to here is *certain*: the value is an exact id or name;
5. guards (guards.py): a modified license, or an asset that says it has no license of its own,
   concludes nothing;
6. the inferred readings of a short value (inferred.py: an alias in parentheses, an id spelt
   with spaces or in another order, a name in another word order or with a typo), then free
   text (`freetext.py`): names, links and prose, read by the family recognisers and the URL
   index (scancode_urls.py). These conclusions are *inferred*.
Anything that names a family but not its member, or nothing at all, concludes NOASSERTION with a
finding that says why. `basis` says how each conclusion was reached. Results are cached per
distinct string.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from mlassets.core import rules
from mlassets.core.findings import Finding
from mlassets.licenses import scancode_names
from mlassets.licenses.cleaning import clean
from mlassets.licenses.expression import parse_expression, unread_operator
from mlassets.licenses.hub_ids import HUB_TO_SPDX
from mlassets.licenses.names import (
    ANY_VERSION,
    IdMatch,
    contested,
    lookup_id,
    lookup_id_and_noun,
    lookup_name,
)
from mlassets.licenses.results import LICENSEREF as _LICENSEREF
from mlassets.licenses.results import PUBLISHER_OF_SEVERAL, LicenseResult
from mlassets.licenses.results import recorded as _recorded
from mlassets.licenses.results import refuse as _refuse
from mlassets.licenses.results import result as _result
from mlassets.licenses.spdx_list import spdx_list
from mlassets.licenses.tables import KAGGLE, OPEN_DEFINITION, PYPI_CLASSIFIERS
from mlassets.licenses.translations import CJK
from mlassets.licenses.tree import NOASSERTION

_PLACEHOLDERS = frozenset(
    {
        *("unknown", "unk", "none", "n/a", "na", "null", "nil", "tbd", "todo", "-", "?"),
        *("custom", "other", "license", "no license", "not specified", "unspecified"),
        *("not available", "more information needed", "needs more information"),
    }
)
_SIZE_CATEGORY = re.compile(
    r"^(?:n[<>]\s*\d+(?:\.\d+)?[kmbt]?|\d+(?:\.\d+)?[kmbt]?\s*<\s*n\s*<\s*\d+(?:\.\d+)?[kmbt]?)$"
)
_LICENSE_FILE_NAME = re.compile(r"(?:licen[cs]e|copying)(?:\.(?:md|txt|rst|html?))?(?: file)?")
_CLASSIFIER = re.compile(r"^license\s*::\s*(?:osi approved\s*::\s*)?", re.I)


@functools.lru_cache(maxsize=65536)
def normalize_license(raw: str) -> LicenseResult:
    """Conclude an SPDX expression for one raw license string (NOASSERTION, with a finding,
    when it does not identify exactly one license or expression)."""
    from mlassets.licenses.second_look import second_look  # a translation, a restriction

    return second_look(raw, _normalize(raw), _normalize)


# The Hub's card template's comment, left on a value taken from a YAML line whole:
# "gpl-3.0 # Example: apache-2.0 or any license from https://hf.co/docs/hub/repositories-licenses"
_TEMPLATE_COMMENT = re.compile(
    r"\s+#\s.*(?:hf\.co|huggingface\.co)/docs/hub/repositories-licenses\S*\s*$", re.I
)


def _normalize(raw: str) -> LicenseResult:
    text = clean(raw)
    comment = _TEMPLATE_COMMENT.search(text)
    if comment and comment.start() > 0:
        read = _normalize(text[: comment.start()])
        finding = rules.L111.at(f"read without the card template's comment: {text!r}")
        return replace(read, raw=raw, certain=False, findings=(*read.findings, finding))
    flow = _FLOW_LIST.fullmatch(text)
    if flow:
        return _listed(raw, flow[1])
    exact = _exact(raw, text)
    if exact:
        return exact
    if at_least := _AT_LEAST.fullmatch(text):  # R's "EUPL (>= 1.1)": 1.1 or any later version
        read = _normalize(f"{at_least[1]} {at_least[2]} or later")
        if read.spdx != NOASSERTION:
            finding = rules.L111.at(f"read from R's form of 'or later': {text!r}")
            return replace(read, raw=raw, certain=False, findings=(*read.findings, finding))
    if unread := unread_operator(text):  # "Apache-2.0 WITH Commons-Clause", "MIT AND"
        return _refuse(raw, rules.L102, f"{raw!r} {unread}")
    from mlassets.licenses import guards, inferred  # ~20 ms of imports: past the exact tiers only

    if guards.modified(text):
        listed = _listed_modification(text) if len(text) <= _NAME_LIMIT else None
        if listed:  # "Modified MIT License (Moonshot AI)": ScanCode lists that text by its name
            finding = rules.L111.at(
                f"read from the name of a modified license ScanCode lists: {text!r}"
            )
            return _result(raw, listed, finding, basis="shortened name")
        return _refuse(
            raw, rules.L102, f"{raw!r} names a modified license: its terms are not known"
        )
    if guards.not_licensed_itself(text):
        message = (
            f"{raw!r} says the asset has no license of its own; a license it names is its source's"
        )
        return _refuse(raw, rules.L102, message)
    if guards.names_a_sources_license(text):
        message = f"{raw!r} names the license of its base model or data, not its own"
        return _refuse(raw, rules.L102, message)
    if guards.licenses_vary(text):
        message = f"{raw!r} says its parts keep licenses of their own: it names no one license"
        return _refuse(raw, rules.L102, message)
    # a name's words in another order, or an alias: not where words of another script stand
    # between them unread ("代码采用 Eclipse Public License 2.0,数据需遵守数据使用协议")
    short = len(text) <= _NAME_LIMIT and not _OTHER_SCRIPT.search(text)
    inference = inferred.infer(text) if short else None
    if inference:
        finding = rules.L111.at(f"read from {inference.why}: {text!r}")
        return _result(raw, inference.expression, finding, basis=inference.basis)
    return _free_text(raw, text)


_AT_LEAST = re.compile(r"([^()<>=]+?)\s*\(\s*>=\s*(\d+(?:\.\d+)*)\s*\)")

# "[apache-2.0, gemma]": a YAML list written as one string; each item is a license of the list
_FLOW_LIST = re.compile(r"\[([^\[\],]+(?:,[^\[\],]+)+)\]")


def _listed(raw: str, inner: str) -> LicenseResult:
    """Each item a license (AND), past empty items, years and copyright lines; "or" or "dual"
    among them offer a choice, read as the text is. An item that names no license refuses the
    list: "[MIT, research-only]" is not MIT."""
    items = [i.strip(" '\"") for i in inner.split(",")]
    offered = any(re.fullmatch(r"(?:or|either|dual\b.*)", i, re.I) for i in items)
    if len(inner) > _LIST_LIMIT or offered:
        return replace(_normalize(inner), raw=raw)
    results = []
    for item in items:
        if not item or item.lower() == "and" or _NOT_AN_ITEM.fullmatch(item):
            continue
        read = normalize_license(item)
        if read.spdx == NOASSERTION:
            return _refuse(
                raw, rules.L102, f"the item {item!r} of the list {raw!r} names no license"
            )
        results.append(read)
    if not results:
        return _refuse(raw, rules.L102, f"the list {raw!r} names no license")
    parts = (f"({r.spdx})" if " OR " in r.spdx else r.spdx for r in results)
    return _result(raw, " AND ".join(parts), basis="a list in one string")


_LIST_LIMIT = 400  # characters: a longer "list" is text
_NOT_AN_ITEM = re.compile(r"(?:19|20)\d\d|(?:copyright|\(c\)|©).*", re.I)


def _exact(raw: str, text: str) -> LicenseResult | None:
    """Conclusions from closed vocabularies, ids and exact names: certain."""
    key = text.lower()
    unfilled = placeholder(key)
    if unfilled:
        return _refuse(raw, rules.L101, unfilled, "placeholder", certain=True)
    if _SIZE_CATEGORY.match(key):
        message = f"{raw!r} is a size_categories value, not a license"
        return _refuse(raw, rules.L109, message, "another field's value", certain=True)
    if key == "public":
        message = "OpenML 'Public' says the dataset is public, not its license"
        return _refuse(raw, rules.L102, message, "OpenML visibility", certain=True)
    if _CLASSIFIER.match(text):
        return _classifier(raw, _CLASSIFIER.sub("", key))
    if key in KAGGLE:
        return _table(raw, KAGGLE[key], "Kaggle's license")
    if key in OPEN_DEFINITION:
        return _table(raw, OPEN_DEFINITION[key], "the Open Definition's license id")
    if key.startswith("other-") and len(key) > len("other-"):
        from mlassets.licenses.other_form import other_form  # reads names back through here

        return other_form(raw, text[len("other-") :])
    if key.startswith("licenseref-") and re.fullmatch(r"licenseref-[a-z0-9.-]+", key):
        return _result(
            raw, _LICENSEREF + text[len(_LICENSEREF) :], basis="LicenseRef", certain=True
        )
    if _OPERATOR_SIGNS.search(text):
        return None  # "GPL (>= 2)": the signs say more than the name's words; read as free text
    if _OTHER_SCRIPT.search(text):
        return None  # "Apache 2.0 许可证，禁止商用": words the name index cannot spell are unread
    for match, basis in ((lookup_id(text), "id"), (lookup_name(text), "SPDX name")):
        if match:
            return _from_match(raw, text, match, basis)
    noun = lookup_id_and_noun(text)
    if noun:  # before ScanCode's names, which would read "TPL-1.0 license" as Terracotta's
        return _id_and_noun(raw, text, *noun)
    scancode = scancode_names.lookup_scancode_name(text) if len(text) <= _NAME_LIMIT else None
    if scancode:
        return _scancode_name(raw, text, scancode)
    expression = parse_expression(text, _operand)
    if expression:
        return _result(raw, expression, basis="expression of ids and names", certain=True)
    return None


_NAME_LIMIT = 200  # longer values are prose: names are looked up whole only below this
_TYPO_LIMIT = 100  # longer values are not mended for typos
_OPERATOR_SIGNS = re.compile(r"[<>=]")
# Chinese, Japanese and Korean letters: a name's tokens are Latin letters and digits only
_OTHER_SCRIPT = re.compile(f"[{CJK}]")


def placeholder(key: str) -> str | None:
    bare = key.strip("[]() ").strip().removeprefix("./")  # "./LICENSE.md" names a file too
    if bare in _PLACEHOLDERS or not bare:
        return f"{key!r} is a placeholder, not a license"
    if _LICENSE_FILE_NAME.fullmatch(bare):
        return f"{key!r} names a file, not the license in it"
    letters = re.sub(r"[^a-z]", "", bare)
    if 5 <= len(letters) <= 9 and _near("unknown", letters):
        return f"{key!r} looks like a misspelt 'unknown': a placeholder, not a license"
    if "moreinformationneeded" in letters:
        return f"{key!r} is the card template's placeholder, not a license"
    return None


def _operand(text: str) -> str | None:
    """An operand of an expression: one id or one name, never free text."""
    match = lookup_id(text) or lookup_name(text)
    return match.expression if match else None


def _from_match(raw: str, text: str, match: IdMatch, basis: str) -> LicenseResult:
    if match.expression is None:
        message = f"{raw!r} names {match.why}; no version or variant is guessed"
        return _refuse(raw, rules.L103, message, f"family {basis}", certain=True)
    if match.deprecated:
        finding = _deprecated(text, match.expression)
        return _result(raw, match.expression, finding, basis=basis, certain=not match.rewritten)
    if _bare_major(text, match.expression):  # "SIL Open Font License 1": 1.0 or 1.1?
        finding = rules.L111.at(f"read from a major version alone: {text!r}")
        return _result(raw, match.expression, finding, basis=basis)
    if match.without_version:  # "Boost Software License": its one version, a reading
        why = f"a name written without its version (only {match.expression} is known)"
        return _result(
            raw, match.expression, rules.L111.at(f"read from {why}: {text!r}"), basis=basis
        )
    if (
        basis == "id"
        and _WORD_IN_ANOTHER_CASE.fullmatch(text)
        and text != match.expression
        and text.lower() not in HUB_TO_SPDX
    ):  # "json": as often the file format as the JSON License
        why = f"a word that is an SPDX id in another case ({match.expression})"
        return _result(
            raw, match.expression, rules.L111.at(f"read from {why}: {text!r}"), basis=basis
        )
    return _result(raw, match.expression, basis=basis, certain=True)


_WORD_IN_ANOTHER_CASE = re.compile(r"[A-Za-z]+")  # letters only: "json", "FAIR" (SPDX: Fair)


def _id_and_noun(raw: str, text: str, token: str, match: IdMatch) -> LicenseResult:
    other = contested(token)
    if other:
        return _contested(raw, other)
    return _from_match(raw, text, match, "id and the word license")


def _scancode_name(raw: str, text: str, expression: str) -> LicenseResult:
    """A ScanCode name. One that only spells the key ("TPL 1.0") names either license when the
    key is spelt as an SPDX id of another (SPDX's TPL-1.0 is THOR's, ScanCode's tpl-1.0
    Terracotta's): it is refused. The full name ("Terracotta Public License 1.0") is not."""
    key = expression.removeprefix("LicenseRef-scancode-")
    spelt = re.sub(r"[\s_]+", "-", text.strip().lower())
    other = contested(key) if key != expression and spelt == key else None
    if other:
        return _contested(raw, other)
    from mlassets.licenses.reference import second_keys

    # a second key of a listed license ("Free Art License 1.3", SPDX's LAL-1.3) is a reading,
    # and so is a bare major version where the license has a minor one too ("ofl-1": 1.0 or 1.1)
    certain = expression not in second_keys() and not _bare_major(text, expression)
    return _result(raw, expression, basis="ScanCode name", certain=certain)


def _bare_major(text: str, expression: str) -> bool:
    """`text` gives only a major version ("OFL 1") of `expression`'s N.0, and the SPDX list has
    an N.m of it too (OFL-1.1): "1" is read as 1.0, not known to be it."""
    version = re.search(r"-(\d+)\.0(-only|-or-later)?$", expression)
    if version is None or re.search(r"\d\.\d", text):
        return False
    return (expression[: version.start()].lower(), version[1]) in _with_minor_versions()


@functools.cache
def _with_minor_versions() -> frozenset[tuple[str, str]]:
    """(stem, major) of the SPDX ids that have a minor version beside N.0: ("OFL", "1") for
    OFL-1.1, ("PHP", "3") for PHP-3.01, ("LGPL", "2") for LGPL-2.1-only."""
    found = set()
    for identifier in spdx_list().licenses:
        version = re.search(r"-(\d+)\.(\d+)(?:-only|-or-later)?$", identifier)
        if version and version[2].strip("0"):
            found.add((identifier[: version.start()].lower(), version[1]))
    return frozenset(found)


def _contested(raw: str, spdx_id: str) -> LicenseResult:
    message = (
        f"{raw!r} is {spdx_id} by the SPDX list's id and another license by ScanCode's key"
        " of the same spelling"
    )
    return _refuse(raw, rules.L102, message)


def _table(raw: str, expression: str | None, vocabulary: str) -> LicenseResult:
    if expression is None:
        message = f"{vocabulary} {raw!r} names no single license"
        return _refuse(raw, rules.L102, message, vocabulary, certain=True)
    return _result(raw, expression, basis=vocabulary, certain=True)


def _classifier(raw: str, tail: str) -> LicenseResult:
    if tail in PYPI_CLASSIFIERS:
        return _table(raw, PYPI_CLASSIFIERS[tail], "the PyPI classifier")
    # A classifier newer than the vendored list, deprecated and dropped from it ("Jabber Open
    # Source License", still declared by old packages), or written by hand: its last part is
    # read as any license value is, the conclusion inferred. A name mlassets does not know is
    # not minted into a LicenseRef: the classifier's vocabulary is closed.
    name = raw.split("::")[-1].strip()
    named = normalize_license(name) if name else None
    known = named and named.spdx != NOASSERTION and not named.spdx.startswith(_LICENSEREF)
    if named and (known or named.spdx.startswith("LicenseRef-scancode-")):
        finding = rules.L111.at(
            f"read from the name in a classifier mlassets does not know: {name!r}"
        )
        return _result(raw, named.spdx, finding, basis="classifier's name")
    return _refuse(raw, rules.L102, f"{raw!r} is not a PyPI license classifier mlassets knows")


def _listed_modification(text: str) -> str | None:
    """The ScanCode license a modified license's name names, its publisher first or in
    parentheses after it: "Moonshot AI Modified MIT", "Modified MIT License (Moonshot AI)"."""
    publisher = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", text)
    for form in (text, *([f"{publisher[2]} {publisher[1]}"] if publisher else [])):
        found = scancode_names.lookup_scancode_name(form) or scancode_names.lookup_shortened(form)
        if found:
            return found
    return None


def _free_text(raw: str, text: str) -> LicenseResult:
    from mlassets.licenses import freetext, titles  # past the exact tiers only
    from mlassets.licenses.other_form import licenseref, slug_result

    reading = freetext.read(text)
    # a family stays refused; a name that leaves words unread may be a ScanCode name whole
    # ("Moonshot AI Modified MIT" is not MIT)
    if (not reading.expression and not reading.why) or reading.weak or reading.evidence:
        short = (
            scancode_names.lookup_shortened(text)
            or scancode_names.lookup_word_license(text)
            or scancode_names.lookup_with_a_word_left_out(text)
            if len(text) <= _NAME_LIMIT
            else None
        )
        words = re.findall(r"[a-z0-9]+", text.lower())
        if short and titles.publishers_generic_title(words, short):  # "nvidia-license"
            why = f"{raw!r} names a publisher of several licenses, not one of them"
            return _refuse(raw, rules.L103, why)
        if short:
            why = "a license name written shorter (its date, version or a word left out)"
            finding = rules.L111.at(f"read from {why}: {text!r}")
            return _result(raw, short, finding, basis="shortened name")
    if reading.expression:
        if reading.weak:
            typo = _read_with_typos_mended(raw, text)  # "GNU Genral Public License": no title
            why = "the linked text is not one mlassets knows"
            return typo or _recorded(raw, reading.expression, why)
        if not reading.evidence:
            return _result(raw, reading.expression, basis=_basis(text))
        return _result(
            raw,
            reading.expression,
            rules.L111.at(f"read from free text: {reading.evidence}"),
            basis=_basis(text),
        )
    if reading.why:
        return _refuse(
            raw, rules.L103, f"{raw!r} names {reading.why}; no version or variant is guessed"
        )
    if typo := _read_with_typos_mended(raw, text):
        return typo
    if titles.names_a_license(text) and not _ONE_LINK.fullmatch(text):  # a link is no title
        if ANY_VERSION.search(text):
            why = f"{raw!r} names any version of a license; no version is guessed"
            return _refuse(raw, rules.L103, why)
        if titles.a_publishers_licenses(text):
            why = f"{raw!r} names a publisher of several licenses, not one of them"
            return _refuse(raw, rules.L103, why, PUBLISHER_OF_SEVERAL)
        return licenseref(raw, titles.strip_prose(text))
    if slug := titles.slug_license(text.lower()):
        return slug_result(raw, text.lower(), slug)
    if word := titles.one_word_license(text):
        finding = rules.L111.at(f"read from one word, the name of one license: {text!r}")
        return _result(raw, word, finding, basis="one word")
    if reading.unread:  # "the weights must comply with the Model License", "MIT, Acme Terms"
        return _refuse(raw, rules.L102, reading.refusal, reading.unread)
    return _refuse(
        raw, rules.L102, reading.refusal or f"{raw!r} names no license mlassets can identify"
    )


_ONE_LINK = re.compile(r"\s*https?://\S+\s*")


def _read_with_typos_mended(raw: str, text: str) -> LicenseResult | None:
    """`text` read again with its misspelt words mended, where it names a license so."""
    from mlassets.licenses import freetext, typos

    # a name or a short sentence ("released under the GNU Genral Public License version 3"); a
    # card's paragraphs are not mended (each worker would build the word table for them)
    mended = typos.mended_words(text) if len(text) <= _TYPO_LIMIT else None
    reading = freetext.read(mended) if mended else None
    if mended is None or reading is None or not reading.expression or reading.weak:
        return None
    finding = rules.L111.at(f"read with a misspelt word mended: {mended!r}")
    return _result(raw, reading.expression, finding, basis="name with a typo")


def _basis(text: str) -> str:
    from mlassets.licenses.urls import URL  # read past the exact tiers only

    return "link" if URL.search(text) else "free text"


def _deprecated(text: str, expression: str) -> Finding:
    return rules.L105.at(f"deprecated SPDX id {text!r} concluded as {expression}")


def _near(word: str, letters: str) -> bool:
    import difflib  # only for the rare short word that may be a misspelling

    return difflib.SequenceMatcher(None, letters, word).ratio() >= 0.8
