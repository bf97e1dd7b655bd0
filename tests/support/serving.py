"""`mlassets serve` in a subprocess on a free loopback port, as a user runs it; and an example
catalog to serve. Used by the web tests, the screenshot script and the benchmark."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(
    db: str, *args: str, env: dict[str, str] | None = None
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """(base URL, process) of `mlassets serve --db DB ARGS` until the block ends; the process's
    stderr goes to a temporary file, `process.stderr_text()` reads it."""
    port = free_port()
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mlassets", "serve", "--db", db, "--port", str(port), *args],
            stdout=subprocess.DEVNULL,
            stderr=log,
            env=env,
        )

        def stderr_text() -> str:
            log.seek(0)
            return log.read().decode()

        process.stderr_text = stderr_text  # type: ignore[attr-defined]
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(url + "/api/openapi.json", timeout=2):
                        break
                except OSError:
                    if process.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError(
                            f"mlassets serve did not start: {stderr_text()}"
                        ) from None
                    time.sleep(0.1)
            yield url, process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def example_manifests(out: Path) -> Path:
    """The example cards curated into manifests, with examples/manifests beside them."""
    import shutil

    from mlassets.core.refs import AssetRef
    from mlassets.documents.card import read_card
    from mlassets.io.discovery import collect, is_card_file
    from mlassets.manifests.build import from_card
    from mlassets.manifests.store import write_manifest

    out.mkdir(parents=True, exist_ok=True)
    for path, name in collect([REPO / "examples" / "cards"], is_card_file):
        ref = AssetRef("local", None, name)
        write_manifest(from_card(read_card(path, name), ref, "2026-01-01T00:00:00Z"), out)
    for path in (REPO / "examples" / "manifests").glob("*.json"):
        shutil.copy(path, out)
    return out
