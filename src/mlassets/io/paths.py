"""Path confinement: a path read from a file (a lock, a project, a manifest) stays where it must.

Such a path is data someone else wrote. Before mlassets reads, writes or deletes what it names,
`confined` checks it lexically, without touching the file system: relative, no `..` component,
no NUL, and (for a `flat` name such as a lock's manifest file name) no directory part at all.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from mlassets.core.errors import UnsafePathError


def confined(base: Path, name: str, what: str, *, flat: bool = False) -> Path:
    """`base / name`, or `UnsafePathError` when `name` would leave `base`.

    `what` says where the name came from, for the message (e.g. "mlassets.lock: manifest")."""
    problem = _problem(name, flat)
    if problem is not None:
        raise UnsafePathError(f"{what} {name!r} {problem}; refusing to use it", name)
    return base / name


def is_confined(name: str, *, flat: bool = False) -> bool:
    return _problem(name, flat) is None


def _problem(name: str, flat: bool) -> str | None:
    if not name or "\0" in name:
        return "is empty or holds a NUL byte"
    posix = PurePosixPath(name.replace("\\", "/"))
    if posix.is_absolute() or Path(name).is_absolute() or (len(name) > 1 and name[1] == ":"):
        return "is an absolute path"
    if any(part == ".." for part in posix.parts):
        return "leaves its directory (..)"
    if flat and (len(posix.parts) != 1 or posix.parts[0] in (".", "")):
        return "is not a plain file name"
    return None
