"""An exclusive, advisory lock on a project, so two `sync` runs never work on it at once.

The lock is the OS's (`fcntl.flock`) on the project file itself, opened read-only: no lock file
is left behind, and the OS releases it when the process ends, however it ends.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from mlassets.core.errors import ConcurrentRunError, UnreadableFileError


@contextlib.contextmanager
def exclusive(path: Path, what: str) -> Iterator[None]:
    """Hold an exclusive lock on `path` for the block; `ConcurrentRunError` at once if another
    process holds it (waiting would only run the same work twice)."""
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UnreadableFileError(f"{path}: cannot read: {exc.strerror or exc}", str(path)) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise ConcurrentRunError(
                    f"{path}: another mlassets {what} is running on this project; "
                    "wait for it to finish, then run again",
                    str(path),
                ) from exc
            raise UnreadableFileError(f"{path}: cannot lock: {exc.strerror}", str(path)) from exc
        yield
    finally:
        os.close(fd)
