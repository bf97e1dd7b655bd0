"""The GNU, BSD and Apache license families, written by name ("GNU GPL v3", "GPLv2+",
"3-clause BSD", "Apache License, Version 2.0"). A family named without its version or clause
count is a family mention: no member is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mlassets.licenses.mentions import Mention

# --- GNU licenses ------------------------------------------------------------------------------

_GNU = re.compile(
    r"""(?<![a-z0-9])(?:gnu[\s-]*)?
    (?P<kind>(?:agpl|af+ero[\s-]+gpl|(?:lesser|library)[\s-]+gpl|lgpl|gpl|gfdl|fdl)(?![a-uw-z])
      |(?:af+ero[\s-]+)?(?:(?:lesser|library)[\s-]+(?:or[\s-]+lesser[\s-]+)?)?
        general[\s-]+public[\s-]+license
      |free[\s-]+documentation[\s-]+license
      |(?<=gnu[\s-])(?:(?:lesser|library)[\s-]+)?public[\s-]+license)  # "GNU Public License v3"
    (?:[\s,(-]*(?:v(?:ersion)?\.?[\s-]*)?(?P<atleast>>=\s*)?  # R's "GPL (>= 2)"
      (?P<major>[123])(?:\.(?P<minor>[0-9]))?(?![\d.]*\d))?
    (?P<later>\s*\+(?!\s+[a-z(])|[\s,-]*or[\s-]+(?:\(?at[\s-]+your[\s-]+option\)?[\s,-]+)?(?:any[\s-]+)?
      (?:later|newer|greater)|-or-later)?
    (?P<only>[\s-]*only)?""",
    re.X,
)
_GNU_VERSIONS = {
    "GPL": {"1": "1.0", "2": "2.0", "3": "3.0"},
    "LGPL": {"2": "2.0", "2.0": "2.0", "2.1": "2.1", "3": "3.0"},
    "AGPL": {"1": "1.0", "3": "3.0"},
    "GFDL": {"1.1": "1.1", "1.2": "1.2", "1.3": "1.3"},
}


def _gnu_kind(kind: str) -> str:
    if "fero" in kind or kind == "agpl":  # "Affero", and "Afero" as people misspell it
        return "AGPL"
    if "lesser" in kind or "library" in kind or kind == "lgpl":
        return "LGPL"
    if "documentation" in kind or kind in {"gfdl", "fdl"}:
        return "GFDL"
    return "GPL"


# The FSF's own notice gives the version after the name: "... the GNU General Public License as
# published by the Free Software Foundation, either version 3 of the License, or (at your option)
# any later version." Read only within the same sentence.
_NOTICE = re.compile(
    r"[^.]{0,80}?\bversion\s+(?P<major>[123])(?:\.(?P<minor>[0-9]))?\s+of\s+the\s+license"
    r"(?P<later>,?\s*or\s*\(?\s*at\s+your\s+option\s*\)?\s*any\s+later\s+version)?"
)


# ... or before it: "released under version 3 of the GNU General Public License"
_VERSION_BEFORE = re.compile(r"\bversion\s+(?P<major>[123])(?:\.(?P<minor>[0-9]))?\s+of\s+the\s+$")


def _version(kind: str, major: str | None, minor: str | None) -> str | None:
    if not major:
        return None
    written = major + (f".{minor}" if minor else "")
    versions = _GNU_VERSIONS[kind]
    if written.count(".") and minor != "0" and written not in versions:
        return None
    return versions.get(written) or versions.get(major)


def gnu(text: str) -> Iterator[Mention]:
    for m in _GNU.finditer(text):
        kind = _gnu_kind(m["kind"])
        if kind == "GFDL" and m["kind"] == "fdl" and not m["major"]:
            continue  # a bare "fdl" is too short to be sure of
        version = _version(kind, m["major"], m["minor"])
        later, end = m["later"] or m["atleast"], m.end()
        start = m.start()
        notice = None if m["major"] else _NOTICE.match(text, end)
        before = None if m["major"] else _VERSION_BEFORE.search(text, max(0, start - 30), start)
        if notice:
            version = _version(kind, notice["major"], notice["minor"])
            later, end = notice["later"], notice.end()
        elif before:
            version = _version(kind, before["major"], before["minor"])
            start = before.start()
        if not version:
            why = f"the GNU {kind} without a version" if not m["major"] else f"{kind} {m['major']}"
            yield Mention(m.start(), m.end(), None, f"{kind}-", why)
            continue
        yield Mention(start, end, f"{kind}-{version}-{'or-later' if later else 'only'}")


# --- BSD, Apache, MIT and single-version families ----------------------------------------------

_BSD = re.compile(
    r"""(?<![a-z0-9])(?:
      (?P<n1>[0234]|zero|two|three|four)[\s-]*clause[\s-]*(?:bsd|license)
     |bsd[\s-]*(?:license[\s,-]*)?\(?(?P<n2>[0234]|zero|two|three|four)[\s-]*clause
     |bsd[\s-]*(?P<n3>[234])(?![\d.])
     |(?P<a1>new|revised|modified|simplified|free|original|old)[\s-]*bsd
     |bsd[\s-]*\(?(?P<a2>new|revised|modified|simplified|original)(?![a-z])
     |bsd(?:[\s-]+licen[cs]e)?[\s,(]+with\s+(?:the\s+|an\s+)?(?P<a3>advertising)\s+clause\)?
     |bsd)(?P<clear>[\s-]*clear)?(?![a-z0-9])""",
    re.X,
)
_BSD_CLAUSES = {
    "0": "0BSD",
    "zero": "0BSD",
    "2": "BSD-2-Clause",
    "two": "BSD-2-Clause",
    "simplified": "BSD-2-Clause",
    "free": "BSD-2-Clause",
    "3": "BSD-3-Clause",
    "three": "BSD-3-Clause",
    "new": "BSD-3-Clause",
    "revised": "BSD-3-Clause",
    "modified": "BSD-3-Clause",
    "4": "BSD-4-Clause",
    "original": "BSD-4-Clause",  # SPDX's name for it: 'BSD 4-Clause "Original" or "Old" License'
    "old": "BSD-4-Clause",
    "advertising": "BSD-4-Clause",  # the clause that tells it from BSD-3-Clause
    "four": "BSD-4-Clause",
}


def bsd(text: str) -> Iterator[Mention]:
    for m in _BSD.finditer(text):
        key = m["n1"] or m["n2"] or m["n3"] or m["a1"] or m["a2"] or m["a3"]
        if not key:
            yield Mention(m.start(), m.end(), None, "BSD-", "the BSD family without a clause count")
            continue
        identifier = _BSD_CLAUSES[key]
        if m["clear"] and identifier == "BSD-3-Clause":
            identifier = "BSD-3-Clause-Clear"
        yield Mention(m.start(), m.end(), identifier)


_APACHE = re.compile(
    # "ASL 2.0", and the ASF's own "ALv2" (not "AL2": Amazon Linux 2)
    r"(?<![a-z0-9])(?:apache|(?=asl[\s-]*v?\d)asl|(?=al[\s-]*v[\s.-]*2)al)"
    r"(?:[\s-]+(?:software|public))?(?:[\s-]+license)?"
    r"(?:[\s,(-]*(?:v(?:ersion)?\.?[\s-]*)?(?P<v>[12](?:\.[01])?)(?![\d.]*\d))?"
)


def apache(text: str) -> Iterator[Mention]:
    for m in _APACHE.finditer(text):
        version = {"1": "1.0", "2": "2.0"}.get(m["v"] or "", m["v"])
        if version in {"1.0", "1.1", "2.0"}:
            yield Mention(m.start(), m.end(), f"Apache-{version}")
        else:
            yield Mention(
                m.start(), m.end(), None, "Apache-", "the Apache License without a version"
            )
