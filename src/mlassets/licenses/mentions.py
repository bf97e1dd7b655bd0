"""Recognisers for license mentions in free text: one per license family people write by name.

Each recogniser reads lowercased text (`licence` already spelled `license`) and yields Mentions
with their span. A mention either names one license (`expression`) or names a family without
saying which member (`family` + `why`): the normaliser never picks a member for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mlassets.licenses.spdx_list import spdx_list


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    expression: str | None  # None: a family, and `why` says what is missing
    family: str = ""  # prefix a member's id starts with ("CC-BY-SA-", "GPL-")
    why: str = ""
    weak: bool = False  # a guess at a name (LicenseRef from a link or a title): used only alone

    @property
    def length(self) -> int:
        return self.end - self.start


def spdx_or_ref(identifier: str) -> str:
    """`identifier` as SPDX spells it when it is on the list, else a LicenseRef of it."""
    return spdx_list().current(identifier) or f"LicenseRef-{identifier}"


# --- Creative Commons --------------------------------------------------------------------------

_CC_ANCHOR = re.compile(
    r"(?<![a-z0-9])(?:creative[\s-]*commons|cc(?=[\s:_-]|0|by|$)|"
    r"attribution(?=[\s-]+(?:non|share|no|v?\d)))"
)
_CC_TOKEN = re.compile(r"[a-z]+|\d+(?:\.\d+)?|[^\sa-z\d]")
_CC_SKIP = frozenset(
    [
        "creative",
        "commons",
        "cc",
        "license",
        "public",
        "international",
        "generic",
        "unported",
        "universal",
        "v",
        "version",
        "ver",
        "the",
        "a",
        "ported",
        "deed",
        "legal",
        "code",
        "legalcode",
        "4.0",
        ":",
        "-",
        "/",
        "_",
    ]
)
_CC_ELEMENT = {
    "by": "BY",
    "attribution": "BY",
    "nc": "NC",
    "noncommercial": "NC",
    "sa": "SA",
    "sharealike": "SA",
    "nd": "ND",
    "noderivatives": "ND",
    "noderivs": "ND",
}
_CC_PAIRS = {("non", "commercial"): "NC", ("share", "alike"): "SA"}
_CC_NO_DERIV = frozenset({"derivatives", "derivs", "derivative", "derivates"})
_CC_PORTS = {
    "south africa": "ZA",
    "korea": "KR",
    "japan": "JP",
    "australia": "AU",
    "austria": "AT",
    "germany": "DE",
    "france": "FR",
    "netherlands": "NL",
    "spain": "ES",
    "italy": "IT",
    "brazil": "BR",
    "taiwan": "TW",
    "china": "CN",
    "united states": "US",
    "england": "UK",
    "igo": "IGO",
}
_CC_ORDER = ("BY", "NC", "ND", "SA")
_NOT_PORTS = frozenset({"by", "nc", "sa", "nd", "or", "in", "is", "to", "at", "an", "as", "of"})


def _cc_version(tokens: list[str], i: int) -> tuple[str, int]:
    number = tokens[i]
    if (
        "." not in number
        and i + 2 < len(tokens)
        and tokens[i + 1] in "-_"
        and tokens[i + 2] in "05"
    ):
        return f"{number}.{tokens[i + 2]}", i + 3  # cc-by-nc-nd-3-0
    return (number if "." in number else f"{number}.0"), i + 1


def creative_commons(text: str) -> Iterator[Mention]:
    position = 0
    while match := _CC_ANCHOR.search(text, position):
        window = text[match.start() : match.start() + 160]
        tokens = [(t.group(), t.end()) for t in _CC_TOKEN.finditer(window)]
        words = [t for t, _ in tokens]
        elements: set[str] = set()
        version = port = ""
        zero = mark = False
        i = end = 0
        while i < len(words):
            word = words[i]
            if word in _CC_ELEMENT:
                elements.add(_CC_ELEMENT[word])
            elif (word, words[i + 1] if i + 1 < len(words) else "") in _CC_PAIRS:
                elements.add(_CC_PAIRS[(word, words[i + 1])])
                i += 1
            elif word == "no" and i + 1 < len(words) and words[i + 1] in _CC_NO_DERIV:
                elements.add("ND")
                i += 1
                if i + 1 < len(words) and words[i + 1] == "works":
                    i += 1
            elif word in {"0", "zero"} and i > 0 and words[i - 1] in {"cc", "-", "commons"}:
                zero = True
            elif word in {"mark", "pdm"}:
                mark = True
            elif word[0].isdigit() and not version:
                version, i = _cc_version(words, i)
                end = tokens[i - 1][1]
                rest = " ".join(w for w in words[i : i + 3] if w not in {"-", "/"})
                port_name = next((n for n in _CC_PORTS if rest.startswith(n)), None)
                if port_name:
                    port = _CC_PORTS[port_name]
                    i += len(port_name.split())
                elif (
                    i < len(words)
                    and words[i].isalpha()
                    and len(words[i]) == 2
                    and words[i] not in _NOT_PORTS
                ):
                    port = words[i].upper()
                    i += 1
                end = tokens[i - 1][1]
                continue
            elif word in {"domain", "dedication"} and zero:
                pass
            elif word not in _CC_SKIP and not (word == "0" and version):
                break
            else:
                i += 1
                continue  # filler ("international", "/") does not extend the span
            end = tokens[i][1]
            i += 1
        span_end = match.start() + max(end, match.end() - match.start())
        position = span_end
        mention = _cc_mention(match.start(), span_end, elements, version, port, zero, mark)
        if mention:
            yield mention


def _cc_mention(
    start: int, end: int, elements: set[str], version: str, port: str, zero: bool, mark: bool
) -> Mention | None:
    if zero:
        return Mention(start, end, "CC0-1.0")
    if mark:
        return Mention(start, end, "CC-PDM-1.0")
    if not elements:
        return Mention(start, end, None, "CC-", "a Creative Commons license without BY, SA, NC, ND")
    if "ND" in elements and "SA" in elements:
        return Mention(start, end, None, "CC-", "a Creative Commons license both ND and SA")
    if version and version not in {"1.0"}:
        elements.add("BY")  # every CC license from 2.0 on requires attribution
    name = "CC-" + "-".join(e for e in _CC_ORDER if e in elements)
    if not version:
        return Mention(start, end, None, name + "-", f"{name} without a version")
    identifier = f"{name}-{version}" + (f"-{port}" if port else "")
    return Mention(start, end, spdx_or_ref(identifier))


# --- GNU licenses ------------------------------------------------------------------------------

_GNU = re.compile(
    r"""(?<![a-z0-9])(?:gnu[\s-]*)?
    (?P<kind>agpl|lgpl|gpl|gfdl|fdl
      |(?:affero[\s-]+)?(?:(?:lesser|library)[\s-]+(?:or[\s-]+lesser[\s-]+)?)?
        general[\s-]+public[\s-]+license
      |free[\s-]+documentation[\s-]+license)
    (?:[\s,(-]*(?:v(?:ersion)?\.?[\s-]*)?(?P<major>[123])(?:\.(?P<minor>[0-9]))?(?![\d.]*\d))?
    (?P<later>\s*\+|[\s,-]*or[\s-]+(?:any[\s-]+)?(?:later|newer|greater)|-or-later)?
    (?P<only>[\s-]*only)?""",
    re.X,
)
_GNU_VERSIONS = {
    "GPL": {"1": "1.0", "2": "2.0", "3": "3.0"},
    "LGPL": {"2": "2.0", "2.0": "2.0", "2.1": "2.1", "3": "3.0"},
    "AGPL": {"1": "1.0", "3": "3.0"},
    "GFDL": {"1.1": "1.1", "1.2": "1.2", "1.3": "1.3"},
}


def _gnu_kind(kind: str) -> str:
    if "affero" in kind or kind == "agpl":
        return "AGPL"
    if "lesser" in kind or "library" in kind or kind == "lgpl":
        return "LGPL"
    if "documentation" in kind or kind in {"gfdl", "fdl"}:
        return "GFDL"
    return "GPL"


def gnu(text: str) -> Iterator[Mention]:
    for m in _GNU.finditer(text):
        kind = _gnu_kind(m["kind"])
        if kind == "GFDL" and m["kind"] == "fdl" and not m["major"]:
            continue  # a bare "fdl" is too short to be sure of
        version = None
        if m["major"]:
            written = m["major"] + (f".{m['minor']}" if m["minor"] else "")
            versions = _GNU_VERSIONS[kind]
            version = versions.get(written) or versions.get(m["major"])
            if written.count(".") and m["minor"] != "0" and written not in versions:
                version = None
        if not version:
            why = f"the GNU {kind} without a version" if not m["major"] else f"{kind} {m['major']}"
            yield Mention(m.start(), m.end(), None, f"{kind}-", why)
            continue
        suffix = "or-later" if m["later"] else "only"
        yield Mention(m.start(), m.end(), f"{kind}-{version}-{suffix}")


# --- BSD, Apache, MIT and single-version families ----------------------------------------------

_BSD = re.compile(
    r"""(?<![a-z0-9])(?:
      (?P<n1>[0234]|zero|two|three|four)[\s-]*clause[\s-]*(?:bsd|license)
     |bsd[\s-]*(?:license[\s,-]*)?\(?(?P<n2>[0234]|zero|two|three|four)[\s-]*clause
     |bsd[\s-]*(?P<n3>[234])(?![\d.])
     |(?P<a1>new|revised|modified|simplified|free)[\s-]*bsd
     |bsd[\s-]*\(?(?P<a2>new|revised|modified|simplified)(?![a-z])
     |bsd)(?P<clear>[\s-]*clear)?(?![a-z0-9])""",
    re.X,
)
_BSD_CLAUSES = {
    "0": "0BSD",
    "zero": "0BSD",
    "2": "BSD-2-Clause",
    "two": "BSD-2-Clause",
    "simplified": "BSD-2-Clause",
    "free": "BSD-2-Clause",
    "3": "BSD-3-Clause",
    "three": "BSD-3-Clause",
    "new": "BSD-3-Clause",
    "revised": "BSD-3-Clause",
    "modified": "BSD-3-Clause",
    "4": "BSD-4-Clause",
    "four": "BSD-4-Clause",
}


def bsd(text: str) -> Iterator[Mention]:
    for m in _BSD.finditer(text):
        key = m["n1"] or m["n2"] or m["n3"] or m["a1"] or m["a2"]
        if not key:
            yield Mention(m.start(), m.end(), None, "BSD-", "the BSD family without a clause count")
            continue
        identifier = _BSD_CLAUSES[key]
        if m["clear"] and identifier == "BSD-3-Clause":
            identifier = "BSD-3-Clause-Clear"
        yield Mention(m.start(), m.end(), identifier)


_APACHE = re.compile(
    r"(?<![a-z0-9])(?:apache|(?=asl[\s-]*v?\d)asl)(?:[\s-]+software)?(?:[\s-]+license)?"
    r"(?:[\s,(-]*(?:v(?:ersion)?\.?[\s-]*)?(?P<v>[12](?:\.[01])?)(?![\d.]*\d))?"
)


def apache(text: str) -> Iterator[Mention]:
    for m in _APACHE.finditer(text):
        version = {"1": "1.0", "2": "2.0"}.get(m["v"] or "", m["v"])
        if version in {"1.0", "1.1", "2.0"}:
            yield Mention(m.start(), m.end(), f"Apache-{version}")
        else:
            yield Mention(
                m.start(), m.end(), None, "Apache-", "the Apache License without a version"
            )


# Names that identify one license without a version (only one exists) or in a form the SPDX
# names do not use. Longest alternatives first, so "mit no attribution" wins over "mit".
_NAMED: list[tuple[str, str]] = [
    (r"mit[\s-]+no[\s-]+attribution", "MIT-0"),
    (r"mit(?:[\s-]+license|[\s-]+licensed)?(?![a-z0-9-])", "MIT"),
    (r"the[\s-]+unlicense|unlicense", "Unlicense"),
    (r"do[\s-]+what[\s-]+the[\s-]+f\W*c?k[\s-]+you[\s-]+want(?:[\s-]+to)?", "WTFPL"),
    (r"wtfpl", "WTFPL"),
    (r"isc(?:[\s-]+license)?(?![a-z0-9-])", "ISC"),
    (r"(?:odc[\s-]*)?open[\s-]+database[\s-]+license|odbl", "ODbL-1.0"),
    (r"odc[\s-]*by|(?:odc|open[\s-]+data[\s-]+commons)[\s-]+attribution", "ODC-By-1.0"),
    (r"pddl|(?:odc[\s-]+)?public[\s-]+domain[\s-]+dedication[\s-]+and[\s-]+license", "PDDL-1.0"),
    (r"database[\s-]+contents[\s-]+license|dbcl", "LicenseRef-scancode-dbcl-1.0"),
    (r"python[\s-]+software[\s-]+foundation(?:[\s-]+license)?", "PSF-2.0"),
    (r"boost[\s-]+software[\s-]+license", "BSL-1.0"),
    (
        r"license[\s-]+ouverte(?:[\s/-]+open[\s-]+license)?[\s-]+(?:v(?:ersion)?[\s-]*)?2(?:\.0)?",
        "etalab-2.0",
    ),
    (r"open[\s-]*government[\s-]+license[\s-]+(?:v(?:ersion)?[\s-]*)?3(?:\.0)?", "OGL-UK-3.0"),
    (
        r"(?:creativeml|stable[\s-]+diffusion)[\s-]+open[\s-]*rail[\s-]*-?m",
        "hf:creativeml-openrail-m",
    ),
    (r"open[\s-]*rail\+\+(?:[\s-]*-?m)?", "hf:openrail++"),
    (
        r"bigscience[\s-]+(?:bloom[\s-]+)?rail(?:[\s-]+license)?(?:[\s-]+v?1\.0)?",
        "hf:bigscience-bloom-rail-1.0",
    ),
    (r"bigscience[\s-]+open[\s-]*rail[\s-]*-?m", "hf:bigscience-openrail-m"),
    (r"bigcode[\s-]+open[\s-]*rail[\s-]*-?m(?:[\s-]+v1)?", "hf:bigcode-openrail-m"),
    (r"llama[\s-]*2[\s-]+(?:community[\s-]+)?license", "hf:llama2"),
    (r"(?:meta[\s-]+)?llama[\s-]*(3(?:\.[123])?|4)[\s-]+(?:community[\s-]+)?license", "hf:llama{}"),
    (r"gemma[\s-]+terms(?:[\s-]+of[\s-]+use)?", "hf:gemma"),
    (r"public[\s-]+domain[\s-]+mark(?:[\s-]+v?1\.0)?", "CC-PDM-1.0"),
    (r"public[\s-]+domain", "LicenseRef-scancode-public-domain"),
]
_NAMED_RE = [(re.compile(rf"(?<![a-z0-9]){pattern}"), target) for pattern, target in _NAMED]


def named(text: str) -> Iterator[Mention]:
    from mlassets.licenses.hub_ids import HUB_TO_SPDX

    for pattern, target in _NAMED_RE:
        for m in pattern.finditer(text):
            expression = target
            if target.startswith("hf:"):
                hub_id = target[3:].format(*m.groups())
                expression = HUB_TO_SPDX[hub_id]
            yield Mention(m.start(), m.end(), expression)


# "MPL 2.0", "EUPL v1.2", "OSL-3.0": an abbreviation and a version that together make an id.
_ABBREVIATION_VERSION = re.compile(
    r"(?<![a-z0-9.-])([a-z][a-z-]{1,12}?)[\s-]*v?(\d+(?:\.\d+)*)(?![\d.]*\d)"
)


def abbreviation_version(text: str) -> Iterator[Mention]:
    from mlassets.licenses.names import lookup_id  # names builds on Mention: import at use

    for m in _ABBREVIATION_VERSION.finditer(text):
        version = m[2] if "." in m[2] else f"{m[2]}.0"
        match = lookup_id(f"{m[1].rstrip('-')}-{version}")
        if match and match.expression:
            yield Mention(m.start(), m.end(), match.expression)


RECOGNISERS = (creative_commons, gnu, bsd, apache, named, abbreviation_version)


def idstring(name: str) -> str:
    """An SPDX idstring for a LicenseRef: letters, digits, '-' and '.' only."""
    cleaned = re.sub(r"[^A-Za-z0-9.]+", "-", name.replace("+", "plus")).strip("-.")
    return cleaned or "unnamed"
