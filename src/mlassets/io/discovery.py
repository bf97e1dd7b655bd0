"""Which files a command looks at: named files, and the wanted files under named directories.

Nothing is skipped without a word. A subdirectory that cannot be listed, and a file whose kind
cannot be told (unreadable, too large to sniff, not a regular file), are returned like any other
file, so that the command reading it reports why it could not (the bounded reader in
`mlassets.io.files` names the file and the reason).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from mlassets.core.errors import UnreadableFileError
from mlassets.io.files import read_bytes

# Manifests sort their keys, so "schema_version" comes late: a sniff reads the whole file (the
# reader's own size cap applies, and a file over it is returned for the reader to refuse).
_OPENML_MARK = b"data_set_description"


def is_card_file(path: Path) -> bool:
    return path.suffix.lower() == ".md"


def collect(
    paths: Iterable[Path], wanted: Callable[[Path], bool] | None = None
) -> list[tuple[Path, str]]:
    """The files to check under `paths`, with the names to show for them, in a stable order.

    Named files are taken whatever their extension; directories contribute `*.md` cards and the
    `*.json` / `*.xml` files that look like manifests or OpenML descriptions (or, with `wanted`,
    the files it accepts). Hidden directories below a named directory are skipped; one that
    cannot be listed is returned as an entry of its own, for the reader to report.
    """
    wanted = wanted or _wanted
    found: dict[str, Path] = {}
    for root in paths:
        if not os.path.lexists(root):
            shown = display_name(str(root))  # a name that is not UTF-8 is shown as \xNN, as below
            raise UnreadableFileError(f"{shown}: no such file or directory", shown)
        if not root.is_dir():
            found.setdefault(root.as_posix(), root)
            continue
        unlistable: list[Path] = []
        for dirpath, dirnames, filenames in os.walk(root, onerror=_recorder(unlistable, root)):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                candidate = Path(dirpath, name)
                if wanted(candidate):
                    found.setdefault(candidate.as_posix(), candidate)
        for directory in unlistable:
            found.setdefault(directory.as_posix(), directory)
    return [(p, display_name(display)) for display, p in sorted(found.items())]


def display_name(name: str) -> str:
    """A file name as valid text: bytes that are not UTF-8 (the OS hands them over as lone
    surrogates) shown as `\\xNN`, so that reports, JSON and manifest ids stay valid UTF-8."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that is no escaped byte
        return name.encode("utf-8", "backslashreplace").decode("utf-8")


def _recorder(into: list[Path], root: Path) -> Callable[[OSError], None]:
    def remember(error: OSError) -> None:
        into.append(Path(error.filename) if error.filename else root)

    return remember


def _wanted(path: Path) -> bool:
    """Cards, and the JSON or XML files that hold a manifest or an OpenML description."""
    return is_card_file(path) or _sniffed(path, openml=True)


def is_manifest_file(path: Path) -> bool:
    """A `*.json` file that looks like a manifest (a model's `config.json` does not)."""
    return _sniffed(path, openml=False)


def _sniffed(path: Path, *, openml: bool) -> bool:
    suffix = path.suffix.lower()
    if suffix not in (".json", ".xml") or (suffix == ".xml" and not openml):
        return False
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return True  # a FIFO or device named like a manifest: the reader says why not
        head = read_bytes(path)
    except (OSError, UnreadableFileError):
        return True  # unreadable, or over the size cap: the reader reports it
    if openml and _OPENML_MARK in head[:512]:
        return True
    return suffix == ".json" and b'"schema_version"' in head
