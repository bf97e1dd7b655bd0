"""Reading files: one place that turns an OS error into an error naming the file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mlassets.core.errors import UnreadableFileError


def read_bytes(path: Path, display: str | None = None) -> bytes:
    """A file's bytes, or `UnreadableFileError` naming it as `display`."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(
            f"{display or path}: cannot read: {exc.strerror or exc}", str(display or path)
        ) from exc


def read_json(path: Path, what: str) -> Any:
    """A JSON file's content, or `UnreadableFileError` naming `path:line:1` and `what` it is."""
    raw = read_bytes(path)
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", 1)
        raise UnreadableFileError(f"{path}:{line}:1: not {what}: {exc}", str(path)) from exc
