"""Creative Commons licenses written by name: "CC BY-NC-SA 4.0", "Attribution-ShareAlike 3.0
Unported", "Creative Commons 4.0 BY-SA", "cc-by-nc-nd-3-0", ports ("CC BY 2.5 South Africa")
and CC0 / the Public Domain Mark. A CC license named without its elements or its version is a
family mention: no member is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mlassets.licenses.mentions import Mention, spdx_or_ref

# --- Creative Commons --------------------------------------------------------------------------

_CC_ANCHOR = re.compile(
    r"(?<![a-z0-9])(?:creative[\s-]*commons|cc(?=[\s:_-]|0|by|$)|"
    r"attribution(?=[\s-]+(?:non|share|no|v?\d|pas\b|partage\b))|"
    # a translated deed's title without "Creative Commons": "Namensnennung 4.0 International"
    r"(?:namensnennung|attribuzione|paternité|naamsvermelding|reconocimiento|atribución|"
    r"atribuição)(?=\s*-\s*(?!version\b)\w|\s+v?\d))"
)
_CC_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:\.\d+)?|[^\s\w]|_")  # words in any script
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
        # the deed titles' own words for "International" and "License" (pt, es, de, fr, it)
        "internacional",
        "internationale",
        "internazionale",
        "internationaal",
        "licença",
        "licencia",
        "lizenz",
        "licence",
        "licenza",
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
    # the elements as CC's translated deeds write them (Portuguese, Spanish, German, Italian,
    # French, Dutch): "Creative Commons Atribuição 4.0 Internacional"
    "atribuição": "BY",
    "atribuicao": "BY",
    "atribución": "BY",
    "atribucion": "BY",
    "reconocimiento": "BY",
    "namensnennung": "BY",
    "attribuzione": "BY",
    "paternité": "BY",
    "naamsvermelding": "BY",
    "nãocomercial": "NC",
    "naocomercial": "NC",
    "nocomercial": "NC",
    "nietcommercieel": "NC",
    "gelijkdelen": "SA",
    "geenafgeleidewerken": "ND",
    "sinobraderivada": "ND",
    "noncommerciale": "NC",
    "compartilhaigual": "SA",
    "compartirigual": "SA",
    "sinderivadas": "ND",
    "semderivações": "ND",
    "semderivacoes": "ND",
}
# Elements of more than one word, with their translations in CC's deeds (pt, es, de, fr, it);
# an apostrophe is a word of its own ("pas d ' utilisation commerciale")
_CC_PHRASES = {
    tuple(phrase.split()): element
    for element, phrases in (
        ("NC", "non commercial|não comercial|no comercial|nicht kommerziell|non commerciale"),
        ("NC", "nicht - kommerziell"),  # the German deed's title writes it with a hyphen
        ("NC", "pas d ' utilisation commerciale"),
        ("SA", "share alike|compartilha igual|compartir igual|condividi allo stesso modo"),
        ("SA", "weitergabe unter gleichen bedingungen|partage dans les mêmes conditions"),
        ("SA", "partage des conditions initiales à l ' identique"),
        ("ND", "sem derivações|sin derivadas|sin obra derivada|keine bearbeitungen"),
        ("ND", "keine bearbeitung|pas de modification|non opere derivate"),
    )
    for phrase in phrases.split("|")
}
_CC_PHRASE_STARTS = frozenset(phrase[0] for phrase in _CC_PHRASES)
_CC_NO_DERIV = frozenset({"derivatives", "derivs", "derivative", "derivates"})
# Every jurisdiction Creative Commons ported its licenses to (2.0-3.0), as `code:name|name`, the
# names as its titles write them, in English and in the port's language ("_" for a space): a port
# whose text SPDX lacks is still not the unported license.
_JURISDICTIONS = """
ar:argentina at:austria au:australia be:belgium bg:bulgaria br:brazil ca:canada ch:switzerland
cl:chile cn:china_mainland|china co:colombia cr:costa_rica cz:czech_republic|czechia de:germany
dk:denmark ec:ecuador ee:estonia eg:egypt es:spain fi:finland fr:france gr:greece gt:guatemala
hk:hong_kong hr:croatia hu:hungary ie:ireland il:israel in:india it:italy jp:japan
kr:south_korea|korea lu:luxembourg mk:macedonia mt:malta mx:mexico my:malaysia nl:netherlands
no:norway nz:new_zealand pe:peru ph:philippines pl:poland pr:puerto_rico pt:portugal ro:romania
rs:serbia se:sweden sg:singapore si:slovenia th:thailand tw:taiwan ug:uganda us:united_states
vn:vietnam za:south_africa scotland:scotland|uk_scotland
es:españa de:deutschland at:österreich it:italia br:brasil nl:nederland ch:schweiz|suisse|svizzera
pl:polska mx:méxico pe:perú fi:suomi se:sverige no:norge dk:danmark hr:hrvatska cz:česko
hu:magyarország be:belgië|belgique jp:日本
"""
_CC_PORTS = {
    **{
        name.replace("_", " "): code.upper()
        for code, names in (item.split(":") for item in _JURISDICTIONS.split())
        for name in names.split("|")
    },
    "england": "UK",
    # the 2.0 UK ports' own title: "Attribution 2.0 UK: England & Wales"
    "uk england and wales": "UK",
    "uk england & wales": "UK",
    "england and wales": "UK",
    "england & wales": "UK",
    "igo": "IGO",
}
_CC_PORT_NAMES = sorted(_CC_PORTS, key=len, reverse=True)  # "england and wales" before "england"
_CC_ORDER = ("BY", "NC", "ND", "SA")
# Two-letter words after a version that are not jurisdictions ("cc-by-4.0 cc-by-nd-4.0").
_NOT_PORTS = frozenset(
    {"by", "nc", "sa", "nd", "cc", "or", "in", "is", "to", "at", "an", "as", "of"}
)


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


def _cc_port(words: list[str], i: int) -> tuple[str, int]:
    """The jurisdiction port after a version ("3.0 Germany", "2.5 es"), and where it ends."""
    kept = [(at, w) for at, w in enumerate(words[i : i + 6], i) if w not in {"-", "/", ":"}]
    rest = " ".join(w for _, w in kept)
    port_name = next((n for n in _CC_PORT_NAMES if (rest + " ").startswith(n + " ")), None)
    if port_name:
        return _CC_PORTS[port_name], kept[len(port_name.split()) - 1][0] + 1
    if kept and kept[0][0] <= i + 1:  # the code, or "-" and the code: "cc-by-2.0-kr"
        at, code = kept[0]
        if code.isalpha() and len(code) == 2 and code not in _NOT_PORTS:
            return code.upper(), at + 1
    return "", i


def creative_commons(text: str) -> Iterator[Mention]:
    position = 0
    while match := _CC_ANCHOR.search(text, position):
        window = text[match.start() : match.start() + 160]
        tokens = [(t.group(), t.end()) for t in _CC_TOKEN.finditer(window)]
        words = [t if t != "\u2019" else "'" for t, _ in tokens]  # ’ as '
        elements: set[str] = set()
        version = port = ""
        zero = mark = False
        first = next((at for at, w in enumerate(words) if w not in _CC_SKIP), len(words))
        retired = _retired(words, tokens, first)
        i = end = 0
        while i < len(words) and not retired:
            word = words[i]
            if word in _CC_ELEMENT:
                elements.add(_CC_ELEMENT[word])
            elif word in _CC_PHRASE_STARTS and (phrase := _phrase(words, i)):
                elements.add(_CC_PHRASES[phrase])
                i += len(phrase) - 1
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
                # 4.0 has no ports: "cc-by-4.0-en" is a language tag
                port, i = _cc_port(words, i) if not version.startswith("4") else ("", i)
                end = tokens[i - 1][1]
                continue
            elif word in {"domain", "dedication"} and zero:
                pass
            elif version and word in {"cc", "creative"}:
                break  # a second license starts: "CC-BY-NC-4.0 / CC-BY-NC-SA-4.0"
            elif word not in _CC_SKIP and not (word == "0" and version):
                break
            else:
                i += 1
                continue  # filler ("international", "/") does not extend the span
            end = tokens[i][1]
            i += 1
        if retired:  # "Creative Commons Sampling Plus 1.0": a license of no element
            position = match.start() + retired[1]
            yield Mention(match.start(), position, retired[0])
            continue
        span_end = match.start() + max(end, match.end() - match.start())
        position = span_end
        mention = _cc_mention(match.start(), span_end, elements, version, port, zero, mark)
        if mention:
            yield mention


def _retired(words: list[str], tokens: list[tuple[str, int]], i: int) -> tuple[str, int] | None:
    """A Creative Commons license of no element, by the ScanCode name that follows the anchor
    ("Sampling Plus 1.0", "Developing Nations 2.0"), and where its words end."""
    from mlassets.licenses.scancode_names import lookup_scancode_name  # past the fast paths

    for size in range(min(5, len(words) - i), 1, -1):
        if not words[i + size - 1][0].isdigit():
            continue  # a retired license is named with its version
        found = lookup_scancode_name(" ".join(words[i : i + size]))
        if found and found.startswith("LicenseRef-scancode-cc-"):
            return found, tokens[i + size - 1][1]
    return None


def _phrase(words: list[str], i: int) -> tuple[str, ...] | None:
    """The longest element phrase that starts at `words[i]`."""
    found = [p for p in _CC_PHRASES if p[0] == words[i] and tuple(words[i : i + len(p)]) == p]
    return max(found, key=len) if found else None


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
