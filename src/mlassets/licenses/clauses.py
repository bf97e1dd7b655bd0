"""What a clause of a license text says besides the names in it: a sentence about a source
(its license is the source's, not the asset's), terms that bind one part ("videos are subject to
the YouTube Terms of Service; the annotations are CC BY 4.0"), a version's wildcard ("LGPL 2.x"),
and a "/" that may be a choice or two parts. `freetext` calls these on the mentions it found.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from mlassets.licenses.mentions import Mention
from mlassets.licenses.names import ANY_VERSION

_SENTENCE = re.compile(r"(?<=[.!?;])\s+(?=\S)")
_UPSTREAM = re.compile(
    # "derived from X" is about X; "the derived data is CC BY-NC 4.0" is the asset's own
    r"\b(?:original|upstream|underlying|derived\s+from|based on|parent|training data|trained on|"
    r"base model)\b"
    # "the source DBpedia project", "source datasets"; not "the LaTeX sources", "source code"
    r"|\bthe\s+source\b(?!\s+(?:code|files?))|\bsources?\s+(?:data(?:sets?)?|corpus|corpora|"
    r"images|texts?|materials?|projects?|repositor(?:y|ies))\b"
)

# "Videos are subject to the YouTube Terms of Service; the annotations are released under CC BY
# 4.0": terms a title names in a clause of their own bind that part as the license binds the rest
_BOUND_BY = re.compile(r"(?:subject\s+to|covered\s+by|governed\s+by)\s+(?:the\s+|its\s+)?$")


def terms_of_a_part(low: str, guesses: list[Mention], strong: list[Mention]) -> list[Mention]:
    """The titles in `guesses` that bind a part of the asset beside the licenses in `strong`:
    each in a clause (a sentence, or a part of one after ";") that names no license of its own,
    after "subject to", "covered by" or "governed by"."""
    bounds = [0, *(m.end() for m in _SENTENCE.finditer(low)), len(low)]
    kept = []
    for guess in guesses:
        at = bisect.bisect_right(bounds, guess.start) - 1
        start, end = bounds[at], bounds[at + 1]
        clause = low[start:end]
        if any(start <= m.start < end for m in strong) or _NOT_OR_EITHER.search(clause):
            continue  # "not subject to ...", "subject to X or Y": no terms bind, or which is open
        if _BOUND_BY.search(low, max(start, guess.start - 40), guess.start):
            kept.append(replace(guess, weak=False, terms_of_a_part=True))
    return kept


# "... use of the ChatGLM-6B model weights must comply with the Model License": a part bound by
# terms a capitalised title gives but names no license ("the License" alone is the one named)
_BOUND_BY_A_TITLE = re.compile(
    r"\b(?:must\s+comply\s+with|(?:is|are)\s+(?:also\s+)?(?:subject\s+to|governed\s+by|"
    r"covered\s+by))\s+(?:the|its|their)\s+((?:[A-Z][\w-]*\s+){1,3}(?:License|Licence|"
    r"Agreement|Terms)\b)"
)


def unnamed_terms_of_a_part(text: str, mentions: list[Mention]) -> str | None:
    """The title of terms that bind a part in a clause of `text` that names no license (so
    that no license mlassets knows is that part's), or None."""
    bounds = [0, *(m.end() for m in _SENTENCE.finditer(text)), len(text)]
    for start, end in zip(bounds, bounds[1:], strict=False):
        bound = _BOUND_BY_A_TITLE.search(text, start, end)
        named = any(start <= m.start < end for m in mentions)
        if bound and not named and not _NOT_OR_EITHER.search(text[start:end].lower()):
            return bound[1]
    return None


_NOT_OR_EITHER = re.compile(r"\b(?:not|no|never|neither|nor|without|unlike|or|either)\b|n['’]t\b")


def any_version(low: str, mention: Mention) -> Mention:
    """ "LGPL 2.x", "MPL 1.*": a version's wildcard right after a mention names any version of
    it (a family), not the version before the dot."""
    wildcard = ANY_VERSION.match(low, mention.end - 1)  # from the version's last digit
    if mention.expression is None or wildcard is None:
        return mention
    stem = re.sub(r"-\d.*$", "-", mention.expression)
    why = f"any version of it ({low[mention.start : wildcard.end()]!r})"
    return Mention(mention.start, wildcard.end(), None, stem, why)


def mixed_slash(low: str, mentions: list[Mention]) -> str | None:
    """Why the mentions cannot be joined, where a "/" stands between a license that allows
    commercial use and one that does not ("MIT / CC BY-NC 4.0"): as likely two parts as a
    choice, and the choice would pass a policy the parts fail. None where none does."""
    for one, other in zip(mentions, mentions[1:], strict=False):
        if one.expression and other.expression and low[one.end : other.start].strip() == "/":
            from mlassets.licenses.classify import classify  # its table: only for such a "/"

            uses = {
                classify(one.expression).commercial_use,
                classify(other.expression).commercial_use,
            }
            if {True, False} <= uses:
                return f"{one.expression} / {other.expression} may be a choice or two parts"
    return None


# "weights derived from Llama 2 remain subject to the Llama 2 license": the asset's own terms
# ("data derived from WordNet 3.0 is covered by the WordNet 3.0 license": that part's terms)
_STILL_APPLIES = re.compile(
    r"\b(?:remains?|stays?|(?:is|are)(?:\s+also|\s+still)?)\s+(?:subject\s+to|covered\s+by|"
    r"governed\s+by)\b"
)


def without_upstream(low: str, mentions: list[Mention]) -> list[Mention]:
    """The mentions outside sentences about a source ("The source DBpedia project uses ..."),
    where any are left: a source's license is not the asset's."""
    starts = [0] + [m.end() for m in _SENTENCE.finditer(low)]
    sentences = [
        low[s : starts[i + 1] if i + 1 < len(starts) else len(low)] for i, s in enumerate(starts)
    ]
    upstream = {
        i
        for i, sentence in enumerate(sentences)
        if _UPSTREAM.search(sentence) and not _STILL_APPLIES.search(sentence)
    }
    own = [m for m in mentions if bisect.bisect_right(starts, m.start) - 1 not in upstream]
    # a part's terms are no license of the asset's own: beside them, an upstream sentence's
    # license is the rest's ("the derived annotations are CC BY-NC 4.0")
    return own if any(not m.terms_of_a_part for m in own) else mentions
