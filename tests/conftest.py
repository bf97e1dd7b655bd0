"""Shared fixtures: the loopback fake hub, an isolated environment for the CLI, the corpus, and a
PostgreSQL server of the session's own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.fakehub.server import DATA, FakeHub, RunningHub
from tests.support.realparts import PostgresServer, missing, pg_bindir

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
EVAL = REPO.parent / "shared" / "eval"
MLASSETS = [sys.executable, "-m", "mlassets"]


@pytest.fixture(scope="session")
def fakehub() -> Iterator[RunningHub]:
    with RunningHub(FakeHub()) as running:
        yield running


@pytest.fixture
def hub_copy(tmp_path: Path) -> Iterator[RunningHub]:
    """A fake hub of its own over a copy of the fixtures, so a test may change repositories (move
    a branch, lengthen a stall) or the hub's settings. Point a CLI run at it with
    `env={"HF_ENDPOINT": hub_copy.url}`."""
    data = tmp_path / "hub-data"
    shutil.copytree(DATA, data)
    with RunningHub(FakeHub(data=data)) as running:
        yield running


@pytest.fixture
def cli_env(tmp_path: Path, fakehub: RunningHub) -> dict[str, str]:
    """The environment a test CLI run gets: the fake hub, fresh caches, no token, no proxy."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "MLASSETS_", "OPENML"))}
    home = tmp_path / "home"
    env.update(
        HF_ENDPOINT=fakehub.url,
        HF_HOME=str(home / "hf"),
        HF_HUB_DISABLE_TELEMETRY="1",
        OPENML_CACHE_DIR=str(home / "openml"),
        XDG_CONFIG_HOME=str(home / "config"),
        MLASSETS_OPENML_SERVER=f"{fakehub.url}/api/v1/xml",
        NO_PROXY="127.0.0.1,localhost",
        no_proxy="127.0.0.1,localhost",
        SOURCE_DATE_EPOCH="1767225600",
    )
    return env


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def run_cli(cli_env: dict[str, str], tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run `python -m mlassets ARGS` in a subprocess, as a user would, from `tmp_path`."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
        done = subprocess.run(
            [*MLASSETS, *args],
            cwd=cwd or tmp_path,
            env={**cli_env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run


def corpus_or_skip() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present (a fresh clone)")
    return CORPUS


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server of the test session's own (see tests/support/realparts.py)."""
    bindir = pg_bindir()
    if bindir is None:
        missing("no PostgreSQL server binaries (initdb, pg_ctl); apt-get install postgresql")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        missing("psycopg is not installed: pip install -e '.[postgres]'")
    server = PostgresServer(bindir)
    try:
        server.start()
    except (subprocess.CalledProcessError, OSError) as exc:
        shutil.rmtree(server.root, ignore_errors=True)
        detail = getattr(exc, "stderr", "") or str(exc)
        missing(f"the PostgreSQL server does not start here: {detail.strip()[:300]}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> str:
    """The URL (password included) of a new, empty database on the session's server."""
    return pg_server.create_database()
