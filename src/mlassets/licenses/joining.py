"""How the licenses a text names join into one expression: AND, OR, and SPDX's "+".

- Several licenses join with OR where the text offers a choice ("or", "/", "|", "either", a
  "dual-" or "triple-licensed" text), else with AND.
- Licenses each given for a part ("Apache 2.0 (code) / CC BY-NC 4.0 (weights)") all hold: the
  parts are no choice, so they join with AND whatever separates them.
- "or (any) later version" after a listed id that has no -or-later form of its own
  ("CC BY-SA 3.0 or later", "LPPL 1.3c or later") is SPDX's "+"; the GNU licenses' readers
  give their own -or-later ids.
"""

from __future__ import annotations

import re

from mlassets.licenses.mentions import Mention

_ALTERNATIVE = re.compile(r"\bor\b|/|\||\beither\b")  # "GPL-2 | GPL-3": R's alternatives
_CHOICE = re.compile(
    r"\b(?:dual|triple|quadruple|multi)(?:ly)?\b|\b(?:dual|triple|quadruple|multi)-"
)
_COMMA = re.compile(r"\s*,\s*")
# a license's part in parentheses right after its name
_PART = re.compile(
    r"\s*\((?:for\s+)?(?:the\s+)?(?:source\s+)?(?:code|software|weights|model(?:\s+weights)?|"
    r"checkpoints?|data|dataset|annotations|labels|images|texts?|audio|documentation|docs|"
    r"prompts|outputs?)(?:\s+only)?\)"
)
_OR_LATER = re.compile(
    r"[\s,-]*or[\s-]+(?:\(at\s+your\s+option\)\s+)?(?:any\s+)?later(?:\s+versions?)?\b"
)


def join(low: str, mentions: list[Mention]) -> str:
    """The expression the mentions (in text order, each with an expression) make in `low`."""
    groups: list[list[str]] = [[]]
    seen: set[str] = set()
    choice = _CHOICE.search(low) is not None or _a_list_ending_in_or(low, mentions)
    for previous, mention in zip([None, *mentions], mentions, strict=False):
        assert mention.expression
        gap = low[previous.end : mention.start] if previous else ""
        parts = previous is not None and _of_a_part(low, previous) and _of_a_part(low, mention)
        if previous and (_ALTERNATIVE.search(gap) or choice) and not parts:
            groups.append([])
        expression = _or_later(low, mention)
        if expression not in seen:
            seen.add(expression)
            groups[-1].append(expression)
    joined = [" AND ".join(g) for g in groups if g]
    if len(joined) == 1:
        return joined[0]
    return " OR ".join(f"({p})" if " AND " in p else p for p in joined)


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


def _of_a_part(low: str, mention: Mention) -> bool:
    return _PART.match(low, mention.end) is not None


def _or_later(low: str, mention: Mention) -> str:
    expression = mention.expression or ""
    # a versioned id ("MIT or later" has no later version to choose)
    simple = re.fullmatch(r"[A-Za-z0-9.-]*\d[a-z]?", expression) and not expression.startswith(
        "Licen"
    )
    if not simple or expression.endswith(("-only", "-or-later", "+")):
        return expression
    from mlassets.licenses.spdx_list import spdx_list

    entry = spdx_list().get(expression)
    if (
        entry is None
        or spdx_list().get(f"{expression}-or-later")
        or not _OR_LATER.match(low, mention.end)
    ):
        return expression
    return expression + "+"
