"""Atomic file writes: a reader sees the old file or the new one, never half of either.

This is the one path through which mlassets writes a file. The rules it keeps:

- the data goes to a temporary file in the target's own directory, is flushed to disk, and is
  renamed over the target (the directory is never left, so the rename is atomic);
- a file it replaces keeps its permission bits; a new file gets 0666 less the umask, as any
  program's `open()` would (never mkstemp's 0600);
- it replaces only regular files. A symlink, device, FIFO or directory at the target is refused
  with `UnwritableFileError`, never replaced: `--out /dev/null` must not delete `/dev/null`, and a
  symlinked card is not silently turned into a copy (edit its target instead);
- every OS failure (no space, read-only file system, a name too long, a file where a directory
  should be) is an `UnwritableFileError` naming the target.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from mlassets.core.errors import UnwritableFileError

T = TypeVar("T")


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same directory and a rename."""
    import tempfile  # with shutil and the compression modules, ~5 ms: only for a write

    mode = replacement_mode(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _unwritable(path, exc) from exc
        raise


def new_file_mode() -> int:
    """The permission bits of a new file: 0666 less the umask, as `open()` gives."""
    return 0o666 & ~_UMASK


def replacement_mode(path: Path) -> int:
    """The permission bits the written file gets; refuses a target that is not a regular file."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return new_file_mode()
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    if stat.S_ISLNK(info.st_mode):
        raise UnwritableFileError(
            f"{path}: is a symbolic link; mlassets does not replace links (write to "
            f"{os.path.realpath(path)} itself)",
            str(path),
        )
    if not stat.S_ISREG(info.st_mode):
        raise UnwritableFileError(f"{path}: not a regular file; refusing to replace it", str(path))
    return stat.S_IMODE(info.st_mode)


def _read_umask() -> int:
    # The only portable way to read the umask is to set it and put it back. That is not
    # thread-safe, so it happens once, at import, before any command starts a thread.
    current = os.umask(0o022)
    os.umask(current)
    return current


_UMASK = _read_umask()


def _unwritable(path: Path, exc: OSError) -> UnwritableFileError:
    return UnwritableFileError(f"{path}: cannot write: {exc.strerror or exc}", str(path))


def replace_together(moves: Sequence[tuple[Path, Path]], then: Callable[[], T]) -> T:
    """Move each staged file onto its target, then run `then` (e.g. write the lock): all of it
    happens, or, when any step fails, every target is put back as it was and every staged file
    back where it was staged. The failure is then raised (an OS error as `UnwritableFileError`).

    Each replaced target is kept as a hard link beside it until the end, so putting it back is a
    rename within its own directory. (A crash of the machine itself mid-way can still leave a
    mix; what is guaranteed is the rollback of every failure mlassets sees.)
    """
    done: list[tuple[Path, Path, Path | None]] = []  # staged, target, backup (None: was new)
    try:
        for staged, target in moves:
            backup = _keep(target) if os.path.lexists(target) else None
            done.append((staged, target, backup))
            os.replace(staged, target)
        return then()
    except BaseException as exc:
        for staged, target, backup in reversed(done):
            with contextlib.suppress(OSError):
                os.replace(target, staged)
                if backup is not None:
                    os.replace(backup, target)
        if isinstance(exc, OSError) and not isinstance(exc, UnwritableFileError):
            raise UnwritableFileError(f"{exc.filename or '?'}: cannot write: {exc}") from exc
        raise
    finally:
        for _, _, backup in done:
            if backup is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(backup)


def _keep(target: Path) -> Path:
    replacement_mode(target)  # refuses a symlink or device: only regular files are replaced
    backup = target.with_name(f".{target.name}.{os.getpid()}.bak")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(backup)
    os.link(target, backup)
    return backup
