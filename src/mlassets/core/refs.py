"""Asset references: `hf://ORG/NAME[@REV]`, `hf://datasets/ORG/NAME[@REV]`, `openml://ID`,
or a path.

Repository ids are checked against the Hub's naming rules before anything else sees them, so a
name such as `../x` or `/etc` can never reach a URL or a file path built from it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from mlassets.core.errors import AssetReferenceError

ACCEPTED_FORMS = (
    "hf://ORG/NAME[@REV] (a Hub model), hf://datasets/ORG/NAME[@REV] (a Hub dataset), "
    "openml://ID (an OpenML dataset), or the path of a card file or a directory of cards"
)
# One or two segments of letters, digits, '-', '_' and '.', not starting with '.' or '-'.
_SEGMENT = r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,95}"
_REPO_ID = re.compile(rf"^(?:{_SEGMENT}/)?{_SEGMENT}$")
_REVISION = re.compile(r"^[A-Za-z0-9_.\-/]{1,255}$")

_NEAR_SCHEME = re.compile(r"^((?i:hf|openml|huggingface)):", re.ASCII)

Source = Literal["huggingface", "openml", "local"]
Kind = Literal["model", "dataset"]


@dataclass(frozen=True)
class AssetRef:
    """A parsed reference. `name` is the repo id, the OpenML id, or the path as given."""

    source: Source
    kind: Kind | None
    name: str
    revision: str | None = None

    @property
    def id(self) -> str:
        """The reference without a revision: the manifest's `id`."""
        if self.source == "huggingface":
            return f"hf://{'datasets/' if self.kind == 'dataset' else ''}{self.name}"
        if self.source == "openml":
            return f"openml://{self.name}"
        return self.name

    def __str__(self) -> str:
        return f"{self.id}@{self.revision}" if self.revision else self.id


def is_repo_id(name: str) -> bool:
    """True for a Hub repository id (`ORG/NAME` or a legacy one-segment `NAME`)."""
    return bool(_REPO_ID.match(name)) and ".." not in name and "--" not in name


def _bad(text: str, why: str) -> AssetReferenceError:
    return AssetReferenceError(f"malformed reference {text!r}: {why}; expected {ACCEPTED_FORMS}")


def parse_ref(text: str) -> AssetRef:
    """Parse a reference. Raises `AssetReferenceError` (a usage error) when it is malformed."""
    if text.startswith("hf://"):
        return _parse_hf(text, text[len("hf://") :])
    if text.startswith("openml://"):
        ident = text[len("openml://") :]
        if not ident.isascii() or not ident.isdigit() or int(ident) < 1:
            raise _bad(text, "an OpenML id is a positive whole number")
        return AssetRef("openml", "dataset", str(int(ident)))
    if "://" in text:
        raise _bad(text, f"unknown scheme {text.split('://', 1)[0]!r}")
    near = _NEAR_SCHEME.match(text)
    if near:  # `hf:/x`, `HF://x`, `openml:61`: a mistyped reference, not a file to look for
        raise _bad(text, f"{near.group(1)!r} looks like a scheme, written without '://'")
    if not text:
        raise _bad(text, "empty reference")
    return AssetRef("local", None, text)


def _parse_hf(text: str, rest: str) -> AssetRef:
    kind: Kind = "model"
    if rest.startswith("datasets/"):
        kind, rest = "dataset", rest[len("datasets/") :]
    elif rest.startswith("models/"):
        rest = rest[len("models/") :]
    name, _, revision = rest.partition("@")
    if not is_repo_id(name):
        raise _bad(text, f"{name!r} is not a valid repository id")
    if "@" in rest and not revision:
        raise _bad(text, "empty revision after '@'")
    if revision and (not _REVISION.match(revision) or ".." in revision or revision.startswith("/")):
        raise _bad(text, f"{revision!r} is not a valid revision")
    return AssetRef("huggingface", kind, name, revision or None)
