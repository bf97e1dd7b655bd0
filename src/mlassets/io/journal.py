"""A commit journal: what a multi-file commit is about to do, on disk before it starts doing it.

`held(path, data)` writes the journal atomically (a temporary file, fsync, rename, fsync of the
directory) and keeps an exclusive `flock` on it while the block runs; the journal is deleted when
the block ends without an exception (a failure the committer saw and undid deletes it too: the
committer says so by calling `discard`). A journal whose holder died (the OS drops its lock
however the process ends) is an interrupted commit: `interrupted(path)` waits for any live holder,
then yields the journal's bytes, or None when there is no journal (anymore).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mlassets.core.errors import UnreadableFileError, UnwritableFileError
from mlassets.io.atomic import new_file_mode

MAX_JOURNAL = 16 * 1024 * 1024


@contextlib.contextmanager
def held(path: Path, data: bytes) -> Iterator[None]:
    """The journal `data` at `path`, locked, for the block; deleted afterwards."""
    import fcntl

    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise UnwritableFileError(f"{path}: cannot write: {exc.strerror}", str(path)) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # before the rename: nobody sees it unlocked
        os.fchmod(fd, new_file_mode())
        os.write(fd, data)
        os.fsync(fd)
        os.replace(tmp, path)
        _sync_directory(path.parent)
    except OSError as exc:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise UnwritableFileError(f"{path}: cannot write: {exc.strerror}", str(path)) from exc
    try:
        yield
        discard(path)
    finally:
        os.close(fd)


def discard(path: Path) -> None:
    """The commit is done (or wholly undone): the journal goes."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    with contextlib.suppress(OSError):
        _sync_directory(path.parent)


@contextlib.contextmanager
def interrupted(path: Path) -> Iterator[bytes | None]:
    """The bytes of an interrupted commit's journal at `path` (None: none), locked for the block,
    so that two recoveries, or a recovery and a live commit, never run at once."""
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        yield None
        return
    except OSError as exc:
        raise UnreadableFileError(f"{path}: cannot read: {exc.strerror}", str(path)) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # a live committer holds it until it is done
        if os.fstat(fd).st_nlink == 0:  # it finished (and deleted it) while we waited
            yield None
            return
        data = os.read(fd, MAX_JOURNAL + 1)
        if len(data) > MAX_JOURNAL:
            raise UnreadableFileError(f"{path}: larger than a journal can be", str(path))
        yield data
    finally:
        os.close(fd)


def _sync_directory(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
