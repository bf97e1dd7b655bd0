"""Reading files: one bounded reader, so no file mlassets reads can hang it or fill its memory.

Every file is opened without blocking and checked *after* opening (no race with a rename): only
regular files are read (a FIFO would block forever, `/dev/zero` would never end), and only up to
`MAX_FILE_BYTES`. Each refusal is an `UnreadableFileError` that names the file and says why.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from mlassets.core.errors import UnreadableFileError

# Cards, manifests, locks and policies are kilobytes; a model-index with thousands of results is
# a few hundred. Anything past this is not a document mlassets should parse in memory.
MAX_FILE_BYTES = 16 * 1024 * 1024
# Manifests and locks nest five levels deep; JSON this deep is hostile or broken, and past
# ~1,000 levels Python's own recursion limit would end the process with a traceback.
MAX_JSON_DEPTH = 64


def read_bytes(path: Path, display: str | None = None, limit: int = MAX_FILE_BYTES) -> bytes:
    """A regular file's bytes (at most `limit`), or `UnreadableFileError` naming it as `display`."""
    name = display or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UnreadableFileError(f"{name}: cannot read: {exc.strerror or exc}", name) from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFileError(f"{name}: cannot read: {_kind(info.st_mode)}", name)
        if info.st_size > limit:
            raise UnreadableFileError(
                f"{name}: cannot read: {info.st_size:,} bytes is over the limit of {limit:,}", name
            )
        chunks = []
        total = 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:  # the file grew while we read it
                raise UnreadableFileError(f"{name}: cannot read: over {limit:,} bytes", name)
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        if isinstance(exc, UnreadableFileError):
            raise
        raise UnreadableFileError(f"{name}: cannot read: {exc.strerror or exc}", name) from exc
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a FIFO, not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "not a regular file"


def read_json(path: Path, what: str) -> Any:
    """A JSON file's content, or `UnreadableFileError` naming `path:line:1` and `what` it is."""
    return loads_json(read_bytes(path), str(path), what)


def loads_json(raw: bytes | str, name: str, what: str) -> Any:
    """Parse JSON that is at most `MAX_JSON_DEPTH` deep, or `UnreadableFileError` naming it."""
    too_deep = UnreadableFileError(
        f"{name}:1:1: not {what}: nested more than {MAX_JSON_DEPTH} levels deep", name
    )
    try:
        data = json.loads(raw)
    except RecursionError:  # the C parser stops cleanly at the interpreter's recursion limit
        raise too_deep from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        raise UnreadableFileError(f"{name}:{line}:1: not {what}: {exc}", name) from exc
    # Below the interpreter's limit, but deep enough to exhaust the recursive code that reads
    # the data next (schema validation, the typed model).
    if depth(data) > MAX_JSON_DEPTH:
        raise too_deep
    return data


def json_too_deep(raw: bytes | str) -> bool:
    """True for JSON nested deeper than `MAX_JSON_DEPTH` (False for text that is not JSON)."""
    try:
        data = json.loads(raw)
    except RecursionError:
        return True
    except ValueError:
        return False
    return depth(data) > MAX_JSON_DEPTH


def depth(data: Any) -> int:
    """How deeply lists and dicts nest in `data` (0 for a scalar), without recursing."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, level + 1)
            stack.extend((item, level + 1) for item in value if isinstance(item, dict | list))
    return deepest
