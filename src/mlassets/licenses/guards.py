"""Texts that name a license without being under it, checked before any inferred conclusion.

- A modified license ("MIT License, modified", "a modified version of Apache 2.0", "BSD-style")
  is not the license it was modified from: its terms are unknown.
- A sentence that says the asset itself has no license ("The dataset is not licensed; the
  source images are CC BY 4.0") names its source's license, not its own.
- An `other-<x>` value, or a short title, that names an organisation, a source, a copyright
  holder or a template ("other-google-llc", "other-inherited-from-flickr",
  "Copyright 2018 by ...") is not a license; only a title with a license noun and a proper name
  ("other-imagenet-agreement") is recorded as a LicenseRef.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CHANGED = r"(?:modified|customi[sz]ed|adapted|altered|amended)"
_ADDED_TERMS = (
    r"(?:clauses?|restrictions?|requirements?|conditions?|riders?|obligations?|provisions?|"
    r"addend(?:um|a)|exceptions|permissions|(?<=additional\s)terms|(?<=extra\s)terms|(?<=further\s)terms)"
)
# Each alternative says the license was changed, or only resembles a known one. "Modified BSD"
# is the historic name of BSD-3-Clause, not a modification of it.
_MODIFIED = re.compile(
    "|".join(
        (
            rf"\b{_CHANGED}\s+(?:version\s+of\s+)?(?:the\s+)?(?!bsd\b)(?:[\w.+-]+\s+){{0,4}}"
            r"(?:un)?licen[cs]e\b",  # "a modified Unlicense that forbids commercial use"
            r"\b(?:with|plus)\s+(?:some\s+|additional\s+|minor\s+)?(?:modifications|changes|"
            r"amendments)\b",
            # "(modified for this project)", "Llama 2 license, amended"; "adapted from <source>"
            # says where the data comes from, not that the license changed
            rf"(?:\(|,)\s*{_CHANGED}\b(?<!adapted)(?!\s+bsd\b)|(?:\(|,)\s*adapted\b(?!\s+from)"
            r"|\bmodified\s*$",
            r"^\s*inspired\s+by\b",  # "Inspired by the MIT license": a look-alike
            # "a BSD 3-Clause license that adds a non-commercial clause"
            rf"\b(?:adds?|adding|added)\s+(?:an?\s+|the\s+|some\s+)?(?!advertising\b)"
            rf"(?:[\w-]+\s+){{0,3}}?{_ADDED_TERMS}",
            r"\bwith\s+(?:the\s+)?(?:commons[\s-]+clause|custom|own|special|extra)\b",
            # "with Llama 2 restrictions", "+ non-commercial clause", "with an additional
            # attribution requirement", "with exceptions for academic use"
            # ("with the advertising clause" is what tells BSD-4-Clause from BSD-3-Clause)
            rf"(?:\bwith|\bplus|\+)\s+(?!(?:the\s+|an\s+)?advertising\s+clause)"
            rf"(?:[\w.'\u2019]+[\s-]+){{0,6}}{_ADDED_TERMS}\b",
            # "CC-BY-4.0 with NC", "MIT with Attribution-Required": an element or a requirement
            # added in a word
            r"\bwith\s+(?:an?\s+)?(?:nc|non[-\s]?commercial|[\w-]+-required)\b",
            # "Not MIT" (not "Not for commercial use", "Not specified", "Not subject to ...")
            r"^\W*not\s+(?!(?:for|to|be|available|specified|provided|applicable|subject)\b)",
            # an unnamed exception; a named one ("with the LLVM exception") is read as WITH
            r"\bwith\s+an\s+exception\b",
            # "BSD-style license", not "ShareAlike license": the look-alike word stands on its own
            r"[\w.)][\s-]?\b(?:style|like|based|inspired|ish)\s+licen[cs]e\b",
            r"^\s*(?:similar\s+to|like)\s+|\bbut\s+(?:non-?commercial|without|no|only|with\s+(?:no|"
            r"extra|additional))\b",
            # "MIT License, but attribution is not required", "Apache 2.0, but commercial use
            # requires a separate agreement"
            r"\bbut\s+(?:[\w-]+\s+){0,3}(?:is|are)\s+(?:not\s+(?:required|allowed|permitted)|"
            r"prohibited|forbidden)\b",
            # "CC BY 4.0, but commercial use requires written permission"; of an NC license
            # ("CC BY-NC 4.0, but commercial use needs a separate agreement") it is a gloss
            r"^(?!.*(?:\bnc\b|-nc-|non-?commercial)).*?\bbut\s+(?:[\w-]+\s+){0,3}(?:requires?|"
            r"needs?)\s+(?:(?:a|an)\s+)?(?:prior\s+)?(?:separate|additional|written|commercial|"
            r"special|explicit|express)\b",
            r"(?<=[\w.)])-(?:like|style|ish|inspired)\b",  # "BSD-3-Clause-like"
            r"[,;]\s*except\s+that\b",  # "Unlicense, except that redistribution is not allowed"
            r"\bbut\s+(?:you|users|licensees)\s+(?:may|must|can|shall)\s*not\b|\bbut\s+(?:you|users)\s+"
            r"(?:cannot|can't|mustn't)\b",  # "WTFPL, but you may not use it to train models"
            # "MIT (non-commercial use only)": a restriction the license does not have; for a
            # license that has it ("CC BY-NC 4.0 (non-commercial use only)") it is a gloss
            r"^(?!.*(?:\bnc\b|-nc-|non-?commercial.*\(|\bresearch\b.*\())[^(]+\(\s*(?:for\s+)?"
            r"(?:non-?commercial|research|academic|personal|educational)\b[^)]*\)",
            # ... or without parentheses: "licensed under GPL-3.0 for non-commercial use only"
            r"^(?!.*(?:\bnc\b|-nc-|noncommercial|non-commercial[\s-]+(?:\d|research|licen|share)))"
            r".*\bfor\s+(?:non-?commercial|research|academic|personal|educational)\s+"
            r"(?:use|purposes?)\s+only\b",
            # "with additional non-commercial terms": what the terms are about, between
            r"\b(?:with|plus)\s+(?:some\s+)?(?:additional|extra|further)\s+(?:[\w-]+\s+){1,2}terms\b",
            # a slug with terms added to a license's id: "wtfpl-non-commercial"
            r"^[\w.+]+(?:-[\w.+]+)*?-(?:non-?commercial|with-attribution|research-only|"
            r"academic-only|no-commercial-use)$",
            # "a variant of", "a slight modification of"; not "the sharing and adaptation of the
            # datasets" (the CC BY text describing what the license allows)
            r"\b(?:a|an|our|this)\s+(?:[\w-]+\s+)?(?:variant|modification|adaptation)\s+of\b"
            r"|(?<![\w-])variant\s*$",
            r"\bbased\s+on\s+the\s+[\w.\s-]{0,40}licen[cs]e\b",
            # "a license based on CC BY-SA 4.0", "Derived from the BSD 2-Clause License"
            r"\blicen[cs]e\s+(?:derived|adapted)\s+from\b|\blicen[cs]e\s+(?:based|modell?ed)\s+on\b",
            r"^(?:a\s+)?(?:licen[cs]e\s+)?derived\s+from\s+(?:the\s+)?[\w.\s-]{0,40}licen[cs]e\b",
            # a value that opens with the modification: "Modified CreativeML OpenRAIL-M"
            r"^(?:a\s+|an\s+|our\s+)?(?:modified|customi[sz]ed|custom|altered|amended)[\s_-]+"
            r"(?!bsd\b|by\b|from\b|licen[cs]e\s*$)\w",
            r"\b(?:non-?commercial|restricted|research(?:-only)?|academic|custom|limited|stricter)\s+"
            r"(?:version|variant|edition|form)\s+of\b",
        )
    ),
    re.I,
)

_NOT_LICENSED = re.compile(
    r"\b(?:is|are|was|were|has\s+been|have\s+been)\s+not\s+(?:itself\s+|themselves\s+)?"
    r"(?:been\s+)?(?:licensed|released\s+under\s+(?:a|any)\s+licen[cs]e)"
    r"|\b(?:has|have|had|carr(?:y|ies)|bears?|comes?\s+with|holds?)\s+no\s+(?:explicit\s+|"
    r"specific\s+|formal\s+|separate\s+|own\s+)?licen[cs]e\b"
    r"|\b(?:does|do)\s+not\s+(?:have|carry|come\s+with)\s+(?:a|an|any)\s+"
    r"(?:explicit\s+|specific\s+|separate\s+)?licen[cs]e\b"
    r"|^\s*no\s+(?:explicit\s+|formal\s+|specific\s+|clear\s+|official\s+)?licen[cs]e\b"
    r"(?!\s+(?:fees?|restrictions?|required))|\bunlicensed\b"
    r"|\b(?:is|are)\s+(?:currently\s+|yet\s+|still\s+)?no\s+licen[cs]e\b"
    r"|^\s*licen[cs]e\s*:\s*(?:none|n/?a|unknown|not\s+specified)\b"
    r"|\bnot\s+(?:yet\s+)?(?:chosen|selected|picked|decided\s+on|settled\s+on)\s+(?:a|any)\s+"
    r"licen[cs]e\b|\bno\s+licen[cs]e\s+(?:(?:is|was|has\s+been)\s+)?(?:given|specified|provided|"
    r"stated|declared|chosen|yet)\b|\bwithout\s+(?:a|any)\s+licen[cs]e\b"
    r"|\b(?:do|does|did)\s+not\s+(?:re)?licen[cs]e\b|\bnot\s+licensed\s*[;:,]"
    r"|\bnot\s+(?:released|distributed|published)\s+under\s+(?:a|an|any)\s+licen[cs]e\b",
    re.I,
)


# "MIT-Lizenz (geändert)", "Modifizierte MIT-Lizenz", "MIT 许可证（修改版）": a modification
# said in another language (not CC's "改変禁止" or "동일조건변경허락", its elements)
_MODIFIED_IN_OTHER_LANGUAGES = re.compile(
    r"ge[äa]ndert|modifizier|modifi[ée]e?\b|modificad[oa]|modificat[oa]|改变|修改|変更|改変(?!禁止)|"
    r"수정|변경(?!\s*(?:금지|허락))",
    re.I,
)


def modified(text: str) -> bool:
    """The text says the license is a modified or look-alike version of a known one. "With
    <name> exceptions" is not a modification when <name> is an SPDX exception ("Apache License
    2.0 with LLVM Exceptions"): that is read as WITH."""
    texts = [text]
    if re.fullmatch(r"[\w.+]+(?:-[\w.+]+){3,}", text):
        # a slug: "cc-by-nc-4.0-with-additional-restrictions" says what its words say
        texts.append(text.replace("-", " "))
    if _MODIFIED_IN_OTHER_LANGUAGES.search(text):
        return True
    return any(not _named_exception(m.group()) for t in texts for m in _MODIFIED.finditer(t))


def _named_exception(span: str) -> bool:
    from mlassets.licenses.exceptions import names_an_exception

    found = re.fullmatch(r"\s*(?:with|plus|\+)\s+(?:the\s+)?(.+?)\s+exceptions?", span, re.I)
    return found is not None and names_an_exception(re.findall(r"[a-z0-9]+", found[1].lower()))


def not_licensed_itself(text: str) -> bool:
    """The text says the asset has no license of its own."""
    return _NOT_LICENSED.search(text) is not None


_NAME_IN_SENTENCE = r"(?:[^.;]|\.(?=\S)){1,80}?"  # a name may hold dots ("Llama-3.1-8B")
_UNDER = r"(?:licensed|released|distributed|available|published)\s+under\b"
# The license named is the base model's or the training data's: "a fine-tuned version of
# bert-base-uncased, which is licensed under Apache 2.0", "trained on data licensed under
# CC BY-NC 4.0". Not "a fine-tuned version of X, released under MIT": there the subject's.
_SOURCES_LICENSE = re.compile(
    rf"\b(?:(?:version|subset|derivative|translation|sample)\s+of|based\s+on|derived\s+from|"
    rf"fine-?tuned\s+(?:from|on)|taken\s+from|extracted\s+from|sampled\s+from)\s+"
    rf"{_NAME_IN_SENTENCE},?\s+which\s+(?:is|was|are|were)\s+(?:itself\s+|also\s+)?{_UNDER}"
    rf"|\b(?:trained|fine-?tuned|pre-?trained)\s+(?:on|from|using)\s+(?:[\w.'-]+\s+){{0,4}}?"
    rf"(?:data|datasets?|corpus|corpora|texts?|images|recordings)\s+(?:that\s+(?:is|are)\s+)?"
    rf"{_UNDER}"
    # "the original corpus is distributed under CC BY-SA 4.0", "the audio remains under its
    # original LibriVox public-domain status": what the asset was made from
    rf"|\bthe\s+original\s+(?:[\w-]+\s+)?(?:corpus|corpora|data|dataset|datasets|texts?|"
    rf"recordings|audio|images|articles|sources?|works?)\s+(?:is|are|was|were|remains?)\s+"
    rf"(?:itself\s+|themselves\s+)?{_UNDER}"
    rf"|\b(?:remains?|stays?)\s+under\s+(?:its|their)\s+original\b",
    re.I,
)


# "Each file retains the license of its source repository (MIT, Apache-2.0, ...)", "under their
# respective licenses": the licenses named are some parts', examples of many
_LICENSES_VARY = re.compile(
    r"\b(?:each|every)\s+(?:[\w-]+\s+){0,2}(?:retains|keeps|has|carries|follows|is\s+under)\s+"
    r"(?:the\s+|its\s+own\s+|their\s+own\s+)?licen[cs]es?\b"
    r"|\brespective\s+licen[cs]es\b|\blicen[cs]es\s+(?:vary|differ)\b|\bvarious\s+licen[cs]es\b",
    re.I,
)


def licenses_vary(text: str) -> bool:
    """The text says the parts of the asset each keep a license of their own, and states none
    for the whole ("Released under CC BY 4.0; the original images come from Flickr under
    various licenses" states one)."""
    return _LICENSES_VARY.search(text) is not None and _STATES_ITS_OWN.search(text) is None


# ... not "distributed under their respective licenses", which is the varying licenses again
_STATES_ITS_OWN = re.compile(
    r"\b(?:released|licensed|distributed|published)\s+under\b(?!\s+(?:their|its|the)?\s*"
    r"(?:own\s+)?(?:respective|various|different|original)\b)",
    re.I,
)


def names_a_sources_license(text: str) -> bool:
    """The text names the license of what the asset was made from, not the asset's own."""
    return _SOURCES_LICENSE.search(text) is not None


# "The prompts are taken from No Robots, which is licensed under CC BY-NC 4.0": the content
# itself is the source's, copied into the dataset, so the source's terms hold for that part of
# it. A model "fine-tuned from" or data "based on" a source is a derivative: lineage's question.
_COPIED_CONTENT = re.compile(
    rf"\b(?:(?:subset|sample|portion|selection)\s+of|(?:taken|extracted|sampled|copied)\s+from)"
    rf"\s+{_NAME_IN_SENTENCE},?\s+which\s+(?:is|was|are|were)\s+(?:itself\s+|also\s+)?{_UNDER}",
    re.I,
)


@dataclass(frozen=True)
class CopiedContent:
    """A sentence about content copied from a source: the words before the source is named
    (which may state the asset's own license) and those after its "licensed under"."""

    before: str
    tail: str


def copied_contents_license(text: str) -> CopiedContent | None:
    """Where the text names the license of content the asset holds as its source published
    it, the words around that; None otherwise."""
    found = _COPIED_CONTENT.search(text)
    if found is None:
        return None
    return CopiedContent(text[: found.start()].strip(" ,;("), text[found.end() :].strip())


_NOT_A_TITLE = re.compile(
    r"\b(?:copyright|inherited|inherit|inherits|same\s+(?:licen[cs]e\s+)?as|base\s+model|see|"
    r"refer|follow|follows|depends|"
    r"original|source|sources|upstream|each|per|multiple|several|various|mixed|different|"
    r"add|insert|here|your|todo|tbd|tba|pending|forthcoming|undecided|undetermined|unknown|"
    r"unstated|unspecified|"
    r"placeholder|xxx|contact|paper|readme|website)\b|©|\{\{|\S@\w"
    r"|^\s*<[^<>]*>\s*$",  # "<license-id>": template text in angle brackets
    re.I,
)


def names_no_license(name: str) -> bool:
    """For `other-<name>` and short titles: the name points elsewhere (a source, a copyright
    line, several licenses) or is a template, instead of naming the license."""
    words = name.replace("-", " ").replace("_", " ")
    return _NOT_A_TITLE.search(words) is not None
