"""Which files a command looks at: named files, and the wanted files under named directories."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from mlassets.core.errors import UnreadableFileError

_SNIFF_BYTES = 1 << 20


def is_card_file(path: Path) -> bool:
    return path.suffix.lower() == ".md"


def collect(
    paths: Iterable[Path], wanted: Callable[[Path], bool] | None = None
) -> list[tuple[Path, str]]:
    """The files to check under `paths`, with the names to show for them, in a stable order.

    Named files are taken whatever their extension; directories contribute `*.md` cards and the
    `*.json` / `*.xml` files that look like manifests or OpenML descriptions (or, with `wanted`,
    the files it accepts). Hidden directories below a named directory are skipped.
    """
    wanted = wanted or _wanted
    found: dict[str, Path] = {}
    for root in paths:
        if not root.exists():
            raise UnreadableFileError(f"{root}: no such file or directory", str(root))
        if root.is_file():
            found.setdefault(root.as_posix(), root)
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in filenames:
                candidate = Path(dirpath, name)
                if wanted(candidate):
                    found.setdefault(candidate.as_posix(), candidate)
    return [(p, display) for display, p in sorted(found.items())]


def _wanted(path: Path) -> bool:
    suffix = path.suffix.lower()
    if is_card_file(path):
        return True
    if suffix not in (".json", ".xml"):
        return False
    try:
        with path.open("rb") as handle:
            # Manifests sort their keys, so "schema_version" comes late; they are small files.
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return True  # let check_file report it
    if suffix == ".xml":
        return b"data_set_description" in head[:512]
    return b'"schema_version"' in head or b'"data_set_description"' in head[:512]
