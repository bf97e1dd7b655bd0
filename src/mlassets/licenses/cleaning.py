"""A raw license value made ready to read: wrapping quotes, markdown emphasis and escapes, stray
end punctuation, a trailing date and a "License:" prefix off; one kind of dash and space; "+"
between words read as "plus". Nothing here decides what the value names.
"""

from __future__ import annotations

import functools
import re

from mlassets.licenses.spdx_list import spdx_list

# "License: MIT", a body's line as a value; not a classifier ("License ::"), and not "License:
# none", which the guard for unlicensed assets reads whole
_LICENSE_PREFIX = re.compile(
    # ... and a source file's SPDX tag, "// SPDX-License-Identifier: Apache-2.0 WITH SHL-2.1"
    r"^\s*(?:(?:#|//|/\*|--)\s*)?(?:spdx-license-identifier|licen[cs](?:e|ing))\s*:(?!:)\s*(?=\S)"
    r"(?!(?:none|n/?a|unknown|not\s+specified)\b)",
    re.I,
)
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")


@functools.cache
def _trailing_date() -> re.Pattern[str]:
    """The date a license text gives under its title ("DEEPSEEK LICENSE AGREEMENT Version 1.0,
    23 October 2023"): it dates the text, it is no second item of a list. Compiled on the first
    value that ends in a year (a cold license-check seldom meets one)."""
    month = (
        r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
        r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
    )
    return re.compile(
        rf",\s*(?:dated\s+)?(?:\d{{1,2}}\s+{month}\s+\d{{4}}|{month}\s+\d{{1,2}},?\s+\d{{4}}|"
        r"\d{4}-\d{2}-\d{2})\s*\.?$",
        re.I,
    )


@functools.cache
def _plus_between_words() -> re.Pattern[str]:
    return re.compile(r"[a-z0-9]+\+[a-z0-9]+", re.I)  # compiled for the few values with a "+"


def _plus_word(found: re.Match[str]) -> str:
    joined = found.group()
    if joined.lower() in _joined_by_plus() or joined[joined.index("+") - 1].isdigit():
        return joined  # "Text-Tabs+Wrap License" is the name; "GPL-2.0+Classpath" is or-later
    return joined.replace("+", " plus ")


@functools.cache
def _joined_by_plus() -> frozenset[str]:
    """Words the SPDX list's own names join with "+" ("Text-Tabs+Wrap")."""
    names = (entry.name for entry in spdx_list().licenses.values())
    return frozenset(m.lower() for name in names for m in _plus_between_words().findall(name))


def clean(raw: str) -> str:
    """The value without wrapping quotes, markdown emphasis and escapes, stray end punctuation,
    a trailing date, and with one kind of dash and space."""
    text = raw.replace("\ufeff", "").replace("\u00a0", " ")
    text = re.sub(r"[\u2010-\u2015]", "-", text)
    text = _MARKDOWN_ESCAPE.sub(r"\1", text).replace("**", "").replace("__", "")
    if "+" in text:  # "BSD+Patent" is OSI's name for BSD-2-Clause Plus Patent; "GPL-2.0+" stays
        text = _plus_between_words().sub(_plus_word, text)
    text = " ".join(text.split())
    if text[-1:].isdigit() and "," in text:
        text = _trailing_date().sub("", text)
    text = _LICENSE_PREFIX.sub("", text)
    previous = None
    while text != previous:
        previous = text
        text = text.strip(" \t\"'`*").rstrip(".,;:")
        if text.endswith(")") and text.count(")") > text.count("("):
            text = text[:-1]
        if text.startswith("(") and text.count("(") > text.count(")"):
            text = text[1:]
    return text
