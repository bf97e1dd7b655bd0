"""What a clause of a license text says besides the names in it: a sentence about a source
(its license is the source's, not the asset's), terms that bind one part ("videos are subject to
the YouTube Terms of Service; the annotations are CC BY 4.0"), a version's wildcard ("LGPL 2.x"),
and a "/" that may be a choice or two parts. `freetext` calls these on the mentions it found.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from mlassets.licenses.mentions import Mention, idstring
from mlassets.licenses.names import ANY_VERSION
from mlassets.licenses.tables import GENERIC_WORDS
from mlassets.licenses.titles import a_publishers_licenses

# a sentence ends at its stop, not at an abbreviation's before the noun it qualifies ("U.S.
# Government works"); "... collected in the U.S. It remains ..." are two sentences (the text
# is read lower-cased: case cannot tell them apart)
_SENTENCE = re.compile(
    r"(?<=[.!?;])(?!(?<=\b[a-z]\.[a-z]\.)\s+(?:government|federal|national|census|department)\b)"
    r"\s+(?=\S)",
    re.I,
)
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
        if (guess.expression or "").lower().endswith("-license"):
            continue  # a repository's LICENSE file, as likely the license already named
        at = bisect.bisect_right(bounds, guess.start) - 1
        start, end = bounds[at], bounds[at + 1]
        clause = low[start:end]
        if any(start <= m.start < end for m in strong) or _NOT_OR_EITHER.search(clause):
            continue  # "not subject to ...", "subject to X or Y": no terms bind, or which is open
        if _BOUND_BY.search(low, max(start, guess.start - 40), guess.start):
            kept.append(replace(guess, weak=False, terms_of_a_part=True))
    return kept


# "... use of the ChatGLM-6B model weights must comply with the Model License", "use of the
# images must abide by the Flickr Terms of Use": a part bound by terms a title gives in a clause
# that names no license ("the License" alone is the one named)
_BOUND_BY_A_TITLE = re.compile(
    r"(?:\b(?:must|needs?\s+to|should|shall)\s+(?:comply\s+with|abide\s+by)|\b(?:is|are)\s+"
    r"(?:also\s+)?(?:subject\s+to|governed\s+by|covered\s+by|bound\s+by))\s+(?:the|its|their)"
    r"\s+\[?"
    # ... and in Chinese: "模型的权重的使用则需要遵循 Model License", "数据需遵守数据使用协议"
    r"|(?:需要?|须|必须|应当?)\s*(?:遵循|遵守)\s*(?=\S)"
)
_TITLE = re.compile(
    r"(?:[A-Z][\w'’-]*\s+){1,3}(?:License|Licence|Agreement|Terms(?:\s+of\s+(?:Use|Service))?"
    r"|terms\s+of\s+(?:use|service))\b|[\u4e00-\u9fff]{1,12}(?:协议|協議|许可|許可|条款|條款)"
)
# a clause ends at a sentence's end, a semicolon or a comma (Chinese ones too)
_CLAUSE = re.compile(r"(?<=[.!?;,。；，！？])\s*(?=\S)")


# "The Common Crawl Terms of Use apply to the underlying web data": the title before its verb
_TITLE_APPLIES = re.compile(
    r"\b(?:(?i:the)\s+)?((?:[A-Z][\w'’-]*\s+){1,3}(?:License|Licence|Agreement|Terms(?:\s+of\s+"
    r"(?:Use|Service))?))\s+(?:apply|applies|govern|governs)\s+to\b"
)


def terms_named_for_a_part(text: str, mentions: list[Mention]) -> list[Mention]:
    """The terms titles give parts in the clauses of `text` that name no license: a mention of
    each title (`expression` None where the title's words are all generic, "the Model License",
    so that no license can be named for that part)."""
    bounds = [0, *(m.end() for m in _CLAUSE.finditer(text)), len(text)]
    found_terms: list[Mention] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        bound = _BOUND_BY_A_TITLE.search(text, start, end)
        found = _TITLE.match(text, bound.end(), end) if bound else None
        applies = None if found else _TITLE_APPLIES.search(text, start, end)
        span = found.span() if found else applies.span(1) if applies else None
        named = any(start <= m.start < end for m in mentions)
        if span and not named and not _NOT_OR_EITHER.search(text[start:end].lower()):
            title = text[span[0] : span[1]]
            if title.lower() in text[: span[0]].lower():
                continue  # the license named already ("the MIT License (the "Software License")")
            # "... the Freesound Terms of Use and additional restrictions": more terms than it
            more = re.match(r"\s+(?:and|&|plus)\s+\S", text[span[1] : end]) is not None
            own = names_its_own(title) and not more
            if applies and not own:
                continue  # "These Terms apply to all users": the terms named already
            expression = "LicenseRef-" + idstring(title) if own else None
            why = f"a part under {title!r}, which names no license mlassets knows"
            found_terms.append(Mention(*span, expression, why=why, terms_of_a_part=True))
    return found_terms


def names_its_own(title: str) -> bool:
    """A part's title names terms of its own: a word no title of a kind has ("Flickr Terms of
    Use"; not "the Model License", "Their Own License", "Parent License"), and not a
    publisher's name of several licenses ("Stability AI License")."""
    own = set(re.findall(r"[a-z]+", title.lower())) - GENERIC_WORDS - _NOT_ITS_OWN
    return bool(own) and not a_publishers_licenses(title)


# words of a title that say whose terms, or what kind, but name none
_NOT_ITS_OWN = frozenset(
    {"s", "their", "its", "parent", "upstream", "original", "base", "permissive", "version"}
    | {"this", "that", "these", "those", "same", "respective", "third", "party", "separate"}
    | {"additional"}
)


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


def contradicting_alias(low: str, mentions: list[Mention]) -> str | None:
    """Why the mentions cannot be joined, where a license's name is followed by another in
    parentheses ("Creative Commons Attribution 4.0 (CC BY-SA 4.0)"): the text gives one license
    two names that disagree, not two licenses. None where none does."""
    for one, other in zip(mentions, mentions[1:], strict=False):
        between, after = low[one.end : other.start], low[other.end : other.end + 3]
        # ... or a family the license is no member of: "CC BY 4.0 (CC BY-NC)"
        alias = other.expression or (other.family if other.family else None)
        differs = alias is not None and not (
            alias == one.expression
            or other.expression is None
            and str(one.expression).startswith(alias)
        )
        link = re.match(r"https?://|www\.", low[other.start : other.end])  # a name's link
        if (
            one.expression
            and differs
            and not link
            and re.fullmatch(
                r"(?:\s+(?:international|unported|generic|licen[cs]e))*[\s,]*\(\s*", between
            )
            and re.match(r"\s*\)", after)
        ):
            return (
                f"{one.expression}, named again in parentheses as {other.expression or other.why}"
            )
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
