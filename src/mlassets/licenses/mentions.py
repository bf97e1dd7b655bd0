"""License mentions in free text, and the recognisers for names that are not a family's.

A recogniser reads lowercased text (`licence` already spelled `license`) and yields Mentions
with their span. A mention either names one license (`expression`) or names a family without
saying which member (`family` + `why`): the normaliser never picks a member for it. The family
recognisers are in creative_commons.py and families.py; freetext.py runs them all.
"""

from __future__ import annotations

import functools
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
    terms_of_a_part: bool = False  # a title's terms, read beside the licenses of the rest
    alone: bool = False  # a family by its name alone: read only where no license is named beside

    @property
    def length(self) -> int:
        return self.end - self.start


def spdx_or_ref(identifier: str) -> str:
    """`identifier` as SPDX spells it when it is on the list; else the ScanCode LicenseDB's
    LicenseRef-scancode-<key> when that key exists (convention rule 2: the form ScanCode, ORT and
    ClearlyDefined read, e.g. the CC ports SPDX lacks); else a LicenseRef of it."""
    from mlassets.licenses.spdx_list import scancode_index

    listed = spdx_list().current(identifier)
    if listed:
        return listed
    entry = scancode_index().get(identifier.lower())
    return entry.spdx_key if entry else f"LicenseRef-{identifier}"


_V = r"(?:v(?:ersion)?[\s.-]*)?"  # "v2.1", "version 2.1", "2.1"
_OUVERTE = r"license[\s-]+ouverte(?:[\s-]+de[\s-]+l['’]\s*[ée]tat)?(?![\s-]+(?:de|du|des|d['’]))"

# Names that identify one license without a version (only one exists) or in a form the SPDX
# names do not use. Longest alternatives first, so "mit no attribution" wins over "mit".
_NAMED: list[tuple[str, str]] = [
    (r"mit[\s-]+no[\s-]+attribution", "MIT-0"),
    (r"mit[\s]*/[\s]*x11(?:[\s-]+license)?", "MIT"),  # the MIT license, called MIT/X11 (Debian's)
    (r"mit(?:[\s-]+license|[\s-]+licensed)?(?![a-z0-9-])", "MIT"),
    (r"expat(?:[\s-]+license)?(?![a-z0-9-])", "MIT"),  # the FSF's name for the MIT license
    (r"the[\s-]+unlicense|unlicense", "Unlicense"),
    (r"do[\s-]+what[\s-]+the[\s-]+f[^\s]{0,3}k[\s-]+you[\s-]+want(?:[\s-]+to)?", "WTFPL"),
    (r"wtfpl|wtf[\s-]+public[\s-]+license", "WTFPL"),
    (r"vim(?:[\s-]+charityware)?[\s-]+license", "Vim"),  # Vim's license, which asks for charity
    (r"isc(?:[\s-]+license)?(?![a-z0-9-])", "ISC"),
    # the names their publishers give them, which SPDX's do not use
    (r"internet[\s-]+systems[\s-]+consortium(?:[\s-]+\(isc\))?[\s-]+license", "ISC"),
    (r"x[\s-]+consortium[\s-]+license", "X11"),
    # SPDX: the Eclipse Distribution License 1.0 is the BSD 3-Clause License
    (rf"eclipse[\s-]+distribution[\s-]+license[\s,-]*{_V}1(?:\.0)?(?![\d.]*\d)", "BSD-3-Clause"),
    (
        r"(?:meta[\s-]+)?llama[\s-]+community[\s-]+license(?![\s,-]*(?:agreement[\s,-]*)?(?:v(?:ersion)?[\s.-]*)?\d)",
        "family:LicenseRef-:the Llama Community License without its version (2, 3, 3.1, ...)",
    ),
    (r"freetype(?:[\s-]+project)?[\s-]+license", "FTL"),
    (r"gnu[\s-]+all[\s-]+permissive(?:[\s-]+license)?", "FSFAP"),
    (rf"(?<!sil\s)open[\s-]+font[\s-]+license[\s,-]*{_V}1\.([01])(?![\d.]*\d)", "OFL-1.{}"),
    (
        r"(?<!sil\s)open[\s-]+font[\s-]+license(?![\s,(-]*(?:v|version|\d))"
        r"|(?<![a-z0-9-])ofl(?![a-z0-9.+-]|[\s-]*v?\d)",  # "the OFL"
        "family:OFL-:the SIL Open Font License without its version",
    ),
    # the UK's (SPDX's OGL-UK-1.0 to 3.0), not Canada's or a province's of the same words
    (
        r"(?:uk|united[\s-]+kingdom)[\s-]+open[\s-]+government[\s-]+license"
        r"(?![\s,(-]*(?:v|version|\d|for|[-–]\s*\w))",
        "family:OGL-UK-:the UK Open Government Licence without its version",
    ),
    (r"(?:odc[\s-]*)?open[\s-]+database[\s-]+license|odbl", "ODbL-1.0"),
    (r"odc[\s-]*by|(?:odc|open[\s-]+data[\s-]+commons)[\s-]+attribution", "ODC-By-1.0"),
    (
        r"pddl|(?:(?:odc|open[\s-]+data[\s-]+commons)[\s-]+)?public[\s-]+domain[\s-]+dedication"
        r"[\s-]+(?:and|&)[\s-]+license",
        "PDDL-1.0",
    ),
    # CPAN's formula: Perl's own terms, the Artistic License or the GPL at the user's choice
    (r"(?:the\s+)?same\s+terms\s+as\s+perl(?:\s+itself)?", "Artistic-1.0-Perl OR GPL-1.0-or-later"),
    (r"database[\s-]+contents[\s-]+license|dbcl", "LicenseRef-scancode-dbcl-1.0"),
    (r"python[\s-]+software[\s-]+foundation(?:[\s-]+license)?", "PSF-2.0"),
    (r"boost[\s-]+software[\s-]+license", "BSL-1.0"),
    # the Licence Ouverte 2.0 (2017; 1.0 of 2011 has no id), not another publisher's "licence
    # ouverte de Statistique Canada"; without its version it names neither
    (
        rf"{_OUVERTE}(?:[\s/-]+open[\s-]+license)?[\s,:(-]+\(?{_V}2(?:\.0)?(?![\d.]*\d)",
        "etalab-2.0",
    ),
    # ... with its version before the name: "Open Licence 2.0 (Licence Ouverte)"
    (rf"open[\s-]+license[\s,-]+{_V}2(?:\.0)?[\s/(-]+{_OUVERTE}", "etalab-2.0"),
    (
        rf"{_OUVERTE}(?![\s/,:(-]+(?:open[\s-]+license[\s,:(-]+)?\(?{_V}\d)",
        "family:etalab-:the Licence Ouverte without its version (1.0 or 2.0)",
    ),
    (r"open[\s-]*government[\s-]+license[\s-]+(?:v(?:ersion)?[\s-]*)?3(?:\.0)?", "OGL-UK-3.0"),
    # licenses that SPDX lists as exceptions to the license they extend, by their own texts:
    # the Korea Open Government License (공공누리), whose four types are four licenses: 1
    # attribution, 2 and non-commercial, 3 and no derivatives, 4 both (none on either list)
    (
        r"(?:kogl(?![a-z])|korea(?:n)?[\s-]+open[\s-]+government[\s-]+license)(?:[\s-]*\(kogl\))?"
        r"[\s,:(-]*type[\s-]*([1-4])(?![\d.]|\s*[-–~]\s*\d)",  # not the range "Type 1-4"
        "LicenseRef-KOGL-Type-{}",
    ),
    (
        r"(?:kogl(?![a-z])|korea(?:n)?[\s-]+open[\s-]+government[\s-]+license)(?![\s,:(-]*(?:\(kogl\)"
        r"[\s,:(-]*)?type)",
        "family:LicenseRef-KOGL-:the Korea Open Government License without its type (1 to 4)",
    ),
    # the German government's licenses (Attribution, Non-commercial, Zero) by their shared name
    (
        r"data[\s-]+license[\s-]+germany(?![\s,–-]*(?:attribution|non|zero|by|\d))",
        "family:DL-DE-:the Data licence Germany without its variant and version",
    ),
    # the Solderpad Hardware License 2.x is Apache 2.0 with SHL-2.x, Qwt's is LGPL 2.1's
    (
        rf"(?:solderpad[\s-]+hardware[\s-]+license|shl)[\s,-]*{_V}2\.([01])(?![\d.]*\d)",
        "Apache-2.0 WITH SHL-2.{}",
    ),
    (rf"qwt[\s-]+license[\s,-]*{_V}1(?:\.0)?(?![\d.]*\d)", "LGPL-2.1-only WITH Qwt-exception-1.0"),
    # Franz's Lisp preamble to the LGPL 2.1 (SPDX's LLGPL exception)
    (
        r"llgpl|lisp[\s-]+lesser[\s-]+(?:gnu[\s-]+)?(?:general[\s-]+)?public[\s-]+license",
        "LGPL-2.1-only WITH LLGPL",
    ),
    # NCBI's notice, before "public domain" alone reads it
    (
        r"(?:ncbi|national[\s-]+center[\s-]+for[\s-]+biotechnology[\s-]+information)[\s-]+"
        r"public[\s-]+domain(?:[\s-]+notice)?|public[\s-]+domain[\s-]+notice[\s,:-]+(?:ncbi|"
        r"national[\s-]+center[\s-]+for[\s-]+biotechnology[\s-]+information)",
        "NCBI-PD",
    ),
    (
        r"(?:creativeml|stable[\s-]+diffusion)[\s-]+open[\s-]*rail[\s-]*-?m(?![a-z0-9+])",
        "hf:creativeml-openrail-m",
    ),
    (r"open[\s-]*rail\+\+(?:[\s-]*-?m)?", "hf:openrail++"),
    (
        r"bigscience[\s-]+(?:bloom[\s-]+)?rail(?:[\s-]+license)?(?:[\s-]+v?1\.0)?",
        "hf:bigscience-bloom-rail-1.0",
    ),
    (r"bigscience[\s-]+open[\s-]*rail[\s-]*-?m(?![a-z0-9+])", "hf:bigscience-openrail-m"),
    (r"bigcode[\s-]+open[\s-]*rail[\s-]*-?m(?![a-z0-9+])(?:[\s-]+v1)?", "hf:bigcode-openrail-m"),
    (r"llama[\s-]*2[\s-]+(?:community[\s-]+)?license", "hf:llama2"),
    (r"(?:meta[\s-]+)?llama[\s-]*(3(?:\.[123])?|4)[\s-]+(?:community[\s-]+)?license", "hf:llama{}"),
    (r"gemma[\s-]+(?:terms(?:[\s-]+of[\s-]+use)?|license)", "hf:gemma"),
    (r"public[\s-]+domain[\s-]+mark(?:[\s-]+v?1\.0)?", "CC-PDM-1.0"),
    # a work of the US federal government (17 U.S.C. § 105), ScanCode's us-govt-public-domain
    (
        r"(?:u\.?\s?s\.?|united[\s-]+states)[\s-]+(?:federal[\s-]+)?government[\s-]+works?\b",
        "LicenseRef-scancode-us-govt-public-domain",
    ),
    (
        r"works?[\s-]+of[\s-]+the[\s-]+(?:u\.?\s?s\.?|united[\s-]+states)[\s-]+(?:federal[\s-]+)?"
        r"government\b",
        "LicenseRef-scancode-us-govt-public-domain",
    ),
    # ScanCode's short name "US Government Public Domain", and it with the owner last
    (
        r"(?:u\.?\s?s\.?|united[\s-]+states)[\s-]+(?:federal[\s-]+)?government[\s-]+public[\s-]+"
        r"domain",
        "LicenseRef-scancode-us-govt-public-domain",
    ),
    (
        r"public[\s-]+domain\s*[(,:-]?\s*(?:a\s+)?(?:u\.?\s?s\.?|united[\s-]+states)[\s-]+"
        r"(?:federal[\s-]+)?government(?:[\s-]+works?)?\)?",
        "LicenseRef-scancode-us-govt-public-domain",
    ),
    # the Unlicense's own first sentence, quoted in place of its name
    (
        r"free[\s-]+and[\s-]+unencumbered[\s-]+software[\s-]+released[\s-]+into[\s-]+the[\s-]+"
        r"public[\s-]+domain",
        "Unlicense",
    ),
    (r"public[\s-]+domain", "LicenseRef-scancode-public-domain"),
]


@functools.cache
def _named_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Compiled on first use: free text is read for few values, and these cost ~2 ms to compile
    at every start of license-check."""
    return [(re.compile(rf"(?<![a-z0-9]){pattern}"), target) for pattern, target in _NAMED]


def named(text: str) -> Iterator[Mention]:
    from mlassets.licenses.hub_ids import HUB_TO_SPDX

    for pattern, target in _named_patterns():
        for m in pattern.finditer(text):
            if target.startswith("family:"):  # a family named without its version
                _, family, why = target.split(":", 2)
                yield Mention(m.start(), m.end(), None, family, why)
                continue
            expression = target.format(*m.groups()) if "{}" in target else target
            if expression.startswith("hf:"):  # a Hub id ("hf:llama{}" with its version)
                expression = HUB_TO_SPDX[expression[3:]]
            yield with_its_version(text, m.start(), m.end(), expression)


# A version written right after a license's name or id: "odc-by-4.0", "pddl 2.0"
_VERSION_AFTER = re.compile(r"[\s-]*v?(?!(?:19|20)\d\d\b|10\.\d{4})(\d{1,2}(?:\.\d+)*)\b(?!\s*/)")
_ITS_VERSION = re.compile(r"-(\d+(?:\.\d+)*)$")
_ZERO_MINOR = re.compile(r"(?:\.0)+$")


def with_its_version(text: str, start: int, end: int, expression: str) -> Mention:
    """The mention of `expression` at text[start:end], or a family's (nothing concluded) where
    a version written right after it is not the license's own: ODC-By has no version 4.0, and
    no version is guessed."""
    written = text[start:end]  # "apache-2.0 1": an id with its version, then something else
    after = None if any(c.isdigit() for c in written) else _VERSION_AFTER.match(text, end)
    own = _ITS_VERSION.search(expression)
    if after and own and _ZERO_MINOR.sub("", after[1]) != _ZERO_MINOR.sub("", own[1]):
        why = f"{expression} with a version it does not have ({after[1]})"
        return Mention(start, after.end(), None, expression, why)
    return Mention(start, end, expression)


# "MPL 2.0", "EUPL v1.2", "OSL-3.0", "the EUPL, version 1.2": an abbreviation and a version that
# together make an id (after a comma only with the word "version", so a list stays a list).
_ABBREVIATION_VERSION = re.compile(
    r"(?<![a-z0-9.-])([a-z][a-z-]{1,12}?)(?:[\s-]*|\s*,\s*version\s+)v?"
    r"(\d+(?:\.\d+)*(?:(?<=\.\d)[a-z](?![a-z]))?)"  # "LPPL 1.3c": the letter is the version's
    r"(?![\d.]*\d)"
)


def abbreviation_version(text: str) -> Iterator[Mention]:
    from mlassets.licenses.names import lookup_id  # names builds on Mention: import at use

    for m in _ABBREVIATION_VERSION.finditer(text):
        version = m[2] if "." in m[2] else f"{m[2]}.0"
        match = lookup_id(f"{m[1].rstrip('-')}-{version}")
        if match and match.expression:
            yield Mention(m.start(), m.end(), match.expression)


def idstring(name: str) -> str:
    """An SPDX idstring for a LicenseRef: letters, digits, '-' and '.' only."""
    cleaned = re.sub(r"[^A-Za-z0-9.]+", "-", name.replace("+", "plus")).strip("-.")
    return cleaned or "unnamed"
