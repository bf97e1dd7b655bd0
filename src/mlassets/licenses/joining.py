"""How the licenses a text names join into one expression: AND, OR, and SPDX's "+".

- Several licenses join with OR where the text offers a choice ("or", "/", "|", "either", a
  "dual-" or "triple-licensed" text, "at your choice", a list whose last item follows "or"),
  else with AND.
- Licenses each given for a part ("Apache 2.0 (code) / CC BY-NC 4.0 (weights)") all hold, and
  so do licenses of subsets ("..., depending on the subset"); two for one part
  ("CC-BY-4.0 (data) or CC-BY-NC-4.0 (data)") are a choice.
- "or (at your option) any later version" makes an -only id -or-later, and a versioned id
  whose version is written ("CC BY-SA 3.0 or later", "LPPL 1.3c or later") SPDX's "+"; never
  an id with no version written ("CC0 or later", "X11 or later").
"""

from __future__ import annotations

import re

from mlassets.licenses.mentions import Mention

_ALTERNATIVE = re.compile(r"\bor\b|/|\||\beither\b")  # "GPL-2 | GPL-3": R's alternatives
_CHOICE = re.compile(
    r"\b(?:dual|tri|triple|quadruple|multi)(?:ly)?\b|\b(?:dual|tri|triple|quadruple|multi)-"
)
_COMMA = re.compile(r"\s*,\s*")
# the parts of an asset a license is given for
PART_WORDS = (
    r"(?:the\s+)?(?:source\s+)?(?:code|software|weights|model(?:\s+weights)?|checkpoints?|data|"
    r"dataset|annotations|labels|images|texts?|audio|documentation|docs|prompts|outputs?)"
)
# a license's part in parentheses right after its name
_PART = re.compile(rf"\s*\((?:for\s+)?{PART_WORDS}(?:\s+only)?\)")
_OR_LATER = re.compile(
    r"\s*\(or\s+(?:any\s+)?(?:later|newer)(?:\s+versions?)?\)"  # "GNU GPL v2 (or later)"
    r"|(?:\s*\([^()]*\))?"  # past a part: "GPL-3.0 (code) or later"
    # "the CC BY-SA 3.0 licence or any later version", "... 3.0 Unported License or ..."
    r"(?:\s+(?:unported|international|generic))?(?:\s+licen[cs]e)?"
    r"[\s,-]*or[\s,-]+(?:\(?at\s+your\s+option\)?,?\s+)?(?:any\s+)?later(?:\s+versions?)?\b"
)
# the EUPL's own notice: "Version 1.1 or – as soon they will be approved by the European
# Commission - subsequent versions of the EUPL" (the Commission approves EUPL versions only)
_EUPL_LATER = re.compile(
    r"(?:\s*\([^()]*\))?[\s,]*or\s*[–-]\s*as\s+soon\s+they\s+will\s+be\s+approved\s+by\s+"
    r"the\s+european\s+commission\s*[–-]\s*subsequent\s+versions"
)
# "depending on the subset", "per dataset": each license is some part's, all of them hold
_PARTS_VARY = re.compile(
    r"\bdepending\s+on\b|\bper\s+(?:subset|dataset|file|config|split|language|source)\b|"
    r"\brespectively\b|\beach\s+(?:subset|file|dataset|config|split|part)\b"
)


def join(low: str, mentions: list[Mention]) -> str:
    """The expression the mentions (in text order, each with an expression) make in `low`."""
    groups: list[list[str]] = [[]]
    seen: set[str] = set()
    vary = _PARTS_VARY.search(low) is not None
    offered = _CHOICE.search(low) is not None or re.search(r"\b(?:at\s+your|your)\s+choice\b", low)
    choice = not vary and (bool(offered) or _a_list_ending_in_or(low, mentions))
    for previous, mention in zip([None, *mentions], mentions, strict=False):
        assert mention.expression
        gap = low[_end_of(low, previous) : mention.start] if previous else ""
        # "MIT (code) and CC-BY-NC-4.0 (weights)" hold both, even when "dual-licensed"; "...
        # (annotations) or ... (images) at your choice" offers one
        parts = (
            previous is not None
            and _two_parts(low, previous, mention)
            and not (offered and _ALTERNATIVE.search(gap))
        )
        if previous and (_offers_one(gap) or choice) and not parts and not vary:
            groups.append([])
        expression = _or_later(low, mention)
        if expression not in seen:
            seen.add(expression)
            groups[-1].append(expression)
    joined = [" AND ".join(g) for g in groups if g]
    if len(joined) == 1:
        return joined[0]
    return " OR ".join(f"({p})" if " AND " in p else p for p in joined)


def _end_of(low: str, mention: Mention) -> int:
    """Where the words about `mention` end: past its "or later" ("GPL v3 (or later) for the
    code; ...": that "or" scopes the version, it offers no choice)."""
    later = _OR_LATER.match(low, mention.end) or _EUPL_LATER.match(low, mention.end)
    return later.end() if later else mention.end


def _offers_one(gap: str) -> bool:
    """The words between two licenses offer one of them: "or", "either", "|", or a "/" between
    them, not one in a path ("except for the files in `data/` which are ...")."""
    return (
        bool(re.search(r"\bor\b|\beither\b|\|", gap)) or re.fullmatch(r"\s*/\s*", gap) is not None
    )


def _a_list_ending_in_or(low: str, mentions: list[Mention]) -> bool:
    """ "MIT, BSD-2-Clause or ISC": a list whose last item follows "or" offers each item."""
    gaps = [low[a.end : b.start] for a, b in zip(mentions, mentions[1:], strict=False)]
    return (
        len(gaps) >= 2
        and re.fullmatch(r"\s*,?\s*or\s+(?:the\s+)?", gaps[-1]) is not None
        and all(_COMMA.fullmatch(g) for g in gaps[:-1])
    )


def names_a_part(text: str) -> bool:
    """ "(code)", "(weights)": the words in parentheses give the part a license is for."""
    return _PART.fullmatch(f"({text.strip().lower()})") is not None


def names_a_part_in(text: str) -> bool:
    """`text` (lower case) gives a part in parentheses: "model license (weights)"."""
    return _PART.search(text) is not None


def _two_parts(low: str, one: Mention, other: Mention) -> bool:
    """Each mention gives its part, and they are two parts: "MIT (code) / CC-BY-4.0 (data)";
    not "CC-BY-4.0 (data) or CC-BY-NC-4.0 (data)", a choice for the one part."""
    first, second = _PART.match(low, one.end), _PART.match(low, other.end)
    if first is None or second is None:
        return False
    return _part_word(first[0]) != _part_word(second[0])


def _part_word(found: str) -> str:
    return " ".join(re.findall(r"[a-z]+", found)[-1:])


def _or_later(low: str, mention: Mention) -> str:
    """`+` after a versioned id whose license has versions ("CC-BY-SA-3.0+"); -or-later for an
    -only id ("GPL-2.0 or, at your option, any later version")."""
    from mlassets.licenses.spdx_list import spdx_list

    expression = mention.expression or ""
    eupl = expression.startswith("EUPL-") and _EUPL_LATER.match(low, mention.end)
    if not (_OR_LATER.match(low, mention.end) or eupl) or expression.endswith(("-or-later", "+")):
        return expression
    if expression.endswith("-only"):
        listed = spdx_list().get(expression.removesuffix("-only") + "-or-later")
        return listed.id if listed else expression
    version = re.search(r"-(\d+(?:\.\d+)*[a-z]?)$", expression)
    written = low[mention.start : mention.end]
    if not version or version[1] == "0" or version[1].split(".")[0] not in written:
        return expression  # "X11 or later", "CC0 or later": no version written to go on from
    listed = spdx_list().get(expression)
    return (
        expression + "+" if listed and not spdx_list().get(f"{expression}-or-later") else expression
    )
