"""The checks a first reading gets before it is returned.

- **In another language.** A text that failed to read (or read only as a title minted from its
  words) is read again in English (`translations`). The English reading is taken only when the
  original says nothing the translation could not carry: a negation ("keine MIT-Lizenz",
  "不是公有领域") or a restriction left untranslated ("(仅限非商业用途)", "nicht kommerziell")
  refuses it. A reading from a translation is never certain.
- **A restriction the license does not have.** A text that concludes licenses which all allow
  commercial use, but says "non-commercial", "research only" or "commercial use prohibited" in
  any of the languages read ("CC BY 4.0 (no commercial use)", "Apache 2.0 许可证，禁止商用"),
  names modified terms: NOASSERTION (a modification said in any language is `guards`').
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from mlassets.core import rules
from mlassets.licenses.results import ITEM_UNREAD, PART_UNREAD, LicenseResult, refuse, result
from mlassets.licenses.tree import NOASSERTION

# Words of the other languages `translations` reads that an ASCII text may hold
_FOREIGN_WORD = re.compile(
    r"lizenz|licencia|licenza|namensnennung|gemeinfrei|dominio|domaine|trwydded|lisens|"
    r"cl[áa]usul|publique|p[úu]blica|pubblica|libre",
    re.I,
)
# "or later" in those languages: "GNU GPL v2 oder später"
_LATER = re.compile(
    r"ult[ée]rieure|posterior|sp[äa]ter|neuere?\b|h[öo]her|successiva|更高|以降|이후|이상", re.I
)
# Negations and restrictions: a translation that leaves one of these is not taken
_NEGATION_WORDS = frozenset(
    {"nicht", "kein", "keine", "keinen", "keiner", "ohne", "nie", "nur", "ausschließlich"}
    | {"pas", "sans", "ne", "ni", "seulement", "uniquement", "sin", "no", "solo", "sólo"}
    | {"senza", "non", "soltanto", "sem", "não", "nao", "apenas", "not", "never", "except"}
    | {"geändert", "modifiziert", "modifié", "modifiée", "modificada", "modificado"}
)
_NEGATION_SCRIPT = re.compile(
    r"[不非禁無无没沒否限仅僅除]|ない|ません|不可|없|아니|아님|아닙|아닌|않|무관|불가|금지|제외|상업|商|営利|研究"
)
# Restrictions of use, in the languages read; a permissive reading with one of them is refused
_RESTRICTION = re.compile(
    r"\bnon[-\s]?commercial|\bno[-\s]+commercial|\bnot\s+for\s+commercial|"
    r"\bcommercial\s+use\s+(?:of\s+[\w\s-]{1,40}?\s+)?(?:is\s+|are\s+)?(?:not\s+(?:allowed|permitted)|"
    r"prohibited|forbidden)|\b(?:prohibits|forbids|bars|excludes)\s+(?:any\s+)?commercial\b|"
    r"\b(?:research|academic|personal|internal|evaluation)(?:\s+use)?\s+only\b|"
    # "... but it may not be used for commercial purposes", "can't be used commercially"
    r"\b(?:(?:may|must|shall|can)\s*not|mustn['’]t|can['’]t|shan['’]t)\s+be\s+used\s+"
    r"(?:(?:for|in)\s+(?:any\s+)?commercial|commercially)|"
    r"(?<![a-z0-9])(?<!by[-\s])nc(?![a-z0-9])|"  # "gpl-3.0-nc", "MIT (NC)", not a CC id's "BY-NC"
    r"\bnicht[-\s]?kommerziell|\bkeine\s+kommerzielle|\bkommerzielle\s+nutzung\s+"
    r"(?:untersagt|verboten|ausgeschlossen|nicht)|\bno\s+comercial|\bsin\s+fines\s+comerciales|"
    r"\bpas\s+d['’]utilisation\s+commerciale|\busage\s+non\s+commercial|\bnon\s+commerciale|"
    r"\bn[ãa]o\s+comercial|非商|非営利|[仅僅](?:限|供)[^，,。;；)）]{0,6}(?:研究|学术|學術)|研究目的|비영리|비상업|"
    # "禁止商业使用", "不得商用", "商用利用は禁止", "商業利用不可": a prohibition near "commerce"
    r"(?:禁止|不得|不可|不允许|不能|禁じ)[^，,。;；)）]{0,6}商|"
    r"商[业業用][^，,。;；)）]{0,6}(?:禁止|不可|不得|不允许|できません)|"
    # Korean: commercial use barred; "연구 목적으로만" (for research purposes only)
    r"상업[^,.;)]{0,8}(?:금지|불가|안\s*됨)|연구[^,.;)]{0,10}만",
    re.I,
)


_BOTH_USES = re.compile(r"\bcommercial\s+(?:and|or|&|/)\s+non[-\s]?commercial", re.I)


def second_look(
    raw: str, first: LicenseResult, reread: Callable[[str], LicenseResult]
) -> LicenseResult:
    """`first` (the reading of `raw`), or what the checks above make of it; `reread` reads a
    translation the way `raw` was read."""
    found = _in_english(raw, first, reread)
    return _restricted(raw, found)


def _in_english(
    raw: str, first: LicenseResult, reread: Callable[[str], LicenseResult]
) -> LicenseResult:
    from mlassets.licenses.cleaning import clean

    minted = first.basis == "title"  # a LicenseRef of words mlassets did not read
    foreign = not raw.isascii() or _FOREIGN_WORD.search(raw)
    if not foreign or first.spdx != NOASSERTION and not minted and not _LATER.search(raw):
        return first
    from mlassets.licenses.translations import translated  # a name in another language

    english = translated(clean(raw))
    if english is None or _negated(english):
        return first
    reading = reread(english)
    if first.spdx != NOASSERTION and not minted:  # read already; the words say "or later"
        later = reading.spdx == first.spdx.replace("-only", "-or-later") != first.spdx
        return replace(reading, raw=raw, certain=False) if later else first
    if minted and (
        any(f.code == "L103" for f in reading.findings)  # "Licence publique générale ... GNU"
        or reading.basis in (PART_UNREAD, ITEM_UNREAD)  # "... 需要遵循 Model License"
    ):
        return replace(reading, raw=raw, certain=False)
    if reading.spdx == NOASSERTION or minted and reading.basis == "title":
        return first
    if reading.basis == "title" and not english.isascii():
        return first  # a title half translated is no name of the license
    finding = rules.L111.at(f"read from the English of its words: {english!r}")
    return result(raw, reading.spdx, finding, basis="translated name")


def _negated(english: str) -> bool:
    """The translation left a negation or a restriction it could not carry."""
    words = set(re.findall(r"[^\W\d_]+", english.lower()))
    return bool(words & _NEGATION_WORDS) or _NEGATION_SCRIPT.search(english) is not None


def _restricted(raw: str, found: LicenseResult) -> LicenseResult:
    # "free for commercial and non-commercial use" grants both
    said = _BOTH_USES.sub(" ", raw) if found.spdx != NOASSERTION else ""
    restriction = _RESTRICTION.search(said) if said else None
    if restriction is None:
        return found
    from mlassets.licenses.classify import classify

    allows = classify(found.spdx).commercial_use
    if allows is False or allows is None and _unknown_or_named_so(found.spdx):
        # "CC BY-NC 4.0 (non-commercial)": the license says so itself; a LicenseRef's terms
        # are unknown anyway. A listed license whose terms the table lacks ("ELv2, non-
        # commercial use only") is refused as a permissive one is.
        return found
    message = (
        f"{raw!r} restricts use ({restriction[0]!r}) where {found.spdx} does not: "
        "its terms are modified"
    )
    return refuse(raw, rules.L102, message)


_NAMED_NON_COMMERCIAL = re.compile(r"non-?commercial|\bnc\b", re.I)


def _unknown_or_named_so(expression: str) -> bool:
    """A LicenseRef (terms unknown), or a listed license whose own name says non-commercial
    ("Non-Commercial Government Licence", "PolyForm Noncommercial License 1.0.0")."""
    from mlassets.licenses.spdx_list import spdx_list
    from mlassets.licenses.tree import coerce, leaves

    if "LicenseRef-" in expression:
        return True
    listed = [spdx_list().get(leaf.id) for leaf in leaves(coerce(expression))]
    return any(e is not None and _NAMED_NON_COMMERCIAL.search(e.name) for e in listed)
