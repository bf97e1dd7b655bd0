"""License exceptions written in words after the license they modify: "GPL v2 with Classpath
Exception", "Apache 2.0 with the LLVM exception", or in a slug
("apache-2.0-with-llvm-exception"). Names are read from the SPDX exception ids
(`Classpath-exception-2.0` is "classpath exception 2.0", or "classpath exception" where only one
version exists), so every exception on the vendored list is known; an exception the list does
not have makes the reading refused (the license without its exception is not what the text
says).
"""

from __future__ import annotations

import functools
import re

from mlassets.licenses.mentions import Mention
from mlassets.licenses.spdx_list import spdx_list

_ID = re.compile(r"^(?P<name>.+?)-(?:exception|note)(?:-(?P<version>\d+(?:\.\d+)*))?$", re.I)
_WITH = re.compile(
    r"[\s,(-]*\bwith[\s-]+(?!the\s+exceptions?\s+of\b)(?:the\s+|an?\s+)?"
    r"(?P<name>[a-z0-9][a-z0-9 .+-]{0,40}?)[\s-]+"
    r"(?:exceptions?|note)(?:[\s,-]+(?:version\s+|v)?(?P<version>\d+(?:\.\d+)*))?(?![a-z0-9])"
    r"\)?"
)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@functools.cache
def _by_name() -> dict[str, tuple[str, ...]]:
    """'gcc' -> every GCC exception's id; 'gcc 3.1' -> the one."""
    found: dict[str, set[str]] = {}
    for identifier in spdx_list().exceptions.values():
        parts = _ID.match(identifier)
        if not parts:
            continue
        name = _words(parts["name"])
        found.setdefault(name, set()).add(identifier)
        if parts["version"]:
            found.setdefault(f"{name} {parts['version']}", set()).add(identifier)
    return {k: tuple(sorted(ids)) for k, ids in found.items()}


def names_an_exception(words: list[str]) -> bool:
    """The words (or their first ones, as `_exception` reads them) name an SPDX exception, of
    any version: "with GCC Runtime Library exceptions" is an exception, not added terms."""
    return any(" ".join(words[:size]) in _by_name() for size in range(len(words), 0, -1))


def _exception(words: list[str], version: str | None, license_id: str) -> str | None:
    """The exception `words` name, for `license_id`. The words may say more than the id does
    ("GCC Runtime Library exception": the id says "GCC"), so shorter prefixes are tried too. An
    exception with several versions and none written is the one whose major version is the
    license's (GPL-3.0 takes GCC-exception-3.1, GPL-2.0 GCC-exception-2.0), if only one is."""
    for size in range(len(words), 0, -1):
        name = " ".join(words[:size])
        ids = _by_name().get(f"{name} {version}" if version else name, ())
        if len(ids) == 1:
            return ids[0]
        major = re.search(r"-(\d+)", license_id)
        same = [i for i in ids if major and re.search(rf"-{major[1]}(?:\.\d+)*$", i)]
        if len(same) == 1:
            return same[0]
        if ids:
            return None
    return None


def with_exceptions(low: str, mentions: list[Mention]) -> list[Mention]:
    """Each mention of one license followed by "with <exception>" becomes `<id> WITH <exception>`,
    spanning the exception's words too."""
    out = []
    for mention in mentions:
        expression = mention.expression
        found = _WITH.match(low, mention.end) if expression and " " not in expression else None
        if found and expression:
            words = _words(found["name"]).split()
            exception = _exception(words, found["version"], expression)
            if exception:
                mention = Mention(mention.start, found.end(), f"{expression} WITH {exception}")
            elif variant := _license_with_it(expression, words):
                # "CAL 1.0 with Combined Work Exception": SPDX lists that license
                mention = Mention(mention.start, found.end(), variant)
            else:  # "GPLv2 with the OpenSSL linking exception": dropped, the terms would change
                why = f"{expression} with an exception mlassets does not know ({found[0].strip()})"
                mention = Mention(mention.start, found.end(), None, expression, why)
        out.append(mention)
    return out


def merged_with_its_license(low: str, mentions: list[Mention]) -> list[Mention]:
    """A license's mention followed by "with" and the mention of that license with an exception
    ("Apache-2.0 WITH SHL-2.1": SHL-2.1 alone reads as Apache-2.0 WITH SHL-2.1) is one mention."""
    out: list[Mention] = []
    for mention in mentions:
        before = out[-1] if out else None
        if (
            before is not None
            and before.expression
            and mention.expression
            and mention.expression.startswith(before.expression + " WITH ")
            and _JUST_WITH.fullmatch(low, before.end, mention.start)
        ):
            out[-1] = Mention(before.start, mention.end, mention.expression)
            continue
        out.append(mention)
    return out


_JUST_WITH = re.compile(r"\s+with\s+(?:the\s+)?")


def _license_with_it(license_id: str, words: list[str]) -> str | None:
    """The SPDX license that is `license_id` with the exception `words` name, where the list
    holds it as a license of its own: CAL-1.0-Combined-Work-Exception."""
    candidate = "-".join([license_id, *words, "exception"])
    listed = spdx_list().get(candidate)
    return listed.id if listed and not listed.deprecated else None
