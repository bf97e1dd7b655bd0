"""License exceptions written in words after the license they modify: "GPL v2 with Classpath
Exception", "Apache 2.0 with the LLVM exception". Names are read from the SPDX exception ids
(`Classpath-exception-2.0` is "classpath exception 2.0", or "classpath exception" where only one
version exists), so every exception on the vendored list is known; an exception the list does not
have leaves the mention as it was.
"""

from __future__ import annotations

import functools
import re

from mlassets.licenses.mentions import Mention
from mlassets.licenses.spdx_list import spdx_list

_ID = re.compile(r"^(?P<name>.+?)-(?:exception|note)(?:-(?P<version>\d+(?:\.\d+)*))?$", re.I)
_WITH = re.compile(
    r"[\s,]*\bwith\s+(?:the\s+|an?\s+)?(?P<name>[a-z0-9][a-z0-9 .+-]{0,40}?)[\s-]+"
    r"(?:exceptions?|note)(?:[\s-]+v?(?P<version>\d+(?:\.\d+)*))?(?![a-z0-9])"
)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


@functools.cache
def exception_names() -> dict[str, str]:
    """'classpath', 'classpath 2.0' -> 'Classpath-exception-2.0' (unversioned only if unique)."""
    versioned: dict[str, str] = {}
    unversioned: dict[str, set[str]] = {}
    for identifier in spdx_list().exceptions.values():
        found = _ID.match(identifier)
        if not found:
            continue
        name = _words(found["name"])
        unversioned.setdefault(name, set()).add(identifier)
        if found["version"]:
            versioned[f"{name} {found['version']}"] = identifier
    single = {k: ids.pop() for k, ids in unversioned.items() if len(ids) == 1}
    return {**single, **versioned}


def with_exceptions(low: str, mentions: list[Mention]) -> list[Mention]:
    """Each mention of one license followed by "with <exception>" becomes `<id> WITH <exception>`,
    spanning the exception's words too."""
    out = []
    for mention in mentions:
        expression = mention.expression
        found = _WITH.match(low, mention.end) if expression and " " not in expression else None
        if found:
            name = _words(found["name"])
            key = f"{name} {found['version']}" if found["version"] else name
            exception = exception_names().get(key)
            if exception:
                mention = Mention(mention.start, found.end(), f"{expression} WITH {exception}")
        out.append(mention)
    return out
