"""The real parts some tests need: a PostgreSQL server of their own and a headless Chromium.

`PostgresServer` runs the Debian/PGDG server binaries (`initdb`, `pg_ctl`) from
/usr/lib/postgresql/*/bin (or `MLASSETS_PG_BINDIR`) on a data directory in a temporary folder,
listening on a free loopback port and a Unix socket in that folder, with password (SCRAM) auth
over TCP. The server refuses to run as root, so as root it runs as the `postgres` user (created
by the Debian package) through `runuser`. Durability is off: the data is thrown away.

When a part is missing, `missing(reason)` skips the test; with `MLASSETS_REQUIRE_REAL_PARTS=1`
(CI sets it) it fails instead, so CI cannot pass by skipping.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path
from typing import NoReturn

import pytest

PASSWORD = "s3cret-Pa55word"
USER = "mlassets"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Chromium otherwise calls home (updates, sync), which a closed network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def missing(reason: str) -> NoReturn:
    if os.environ.get("MLASSETS_REQUIRE_REAL_PARTS") == "1":
        pytest.fail(f"MLASSETS_REQUIRE_REAL_PARTS=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def chromium_path() -> str | None:
    """`MLASSETS_CHROMIUM` when set (even to nothing usable), else Debian's, else on PATH."""
    configured = os.environ.get("MLASSETS_CHROMIUM")
    if configured is not None:
        return configured if Path(configured).is_file() else None
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium") or shutil.which("chromium-browser")


def pg_bindir() -> Path | None:
    """`MLASSETS_PG_BINDIR` when set, else the newest Debian/PGDG server, else `initdb`'s folder."""
    configured = os.environ.get("MLASSETS_PG_BINDIR")
    if configured is not None:
        candidates = [configured]
    else:
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
        on_path = shutil.which("initdb")
        if on_path:
            candidates.append(str(Path(on_path).resolve().parent))
    for folder in candidates:
        if (Path(folder) / "initdb").is_file() and (Path(folder) / "pg_ctl").is_file():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """A throwaway PostgreSQL server; `create_database()` gives each test a database URL."""

    def __init__(self, bindir: Path, *, durable: bool = False, settings: str = "") -> None:
        self.bindir = bindir
        self.durable = durable  # fsync and friends on (the benchmark); off for the tests
        self.settings = settings  # more `-c name=value` options
        self.root = Path(tempfile.mkdtemp(prefix="mlassets-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self._as_user: list[str] = []
        if os.geteuid() == 0:  # postgres refuses to run as root
            self._as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.root, "postgres")
        self._numbers = itertools.count(1)

    def _run(self, *args: str) -> None:
        subprocess.run(
            [*self._as_user, *args], check=True, capture_output=True, text=True, timeout=120
        )

    def start(self) -> PostgresServer:
        password_file = self.root / "password"
        password_file.write_text(PASSWORD + "\n")
        if self._as_user:
            shutil.chown(password_file, "postgres")
        self._run(
            str(self.bindir / "initdb"),
            *("-D", str(self.data), "-U", USER, "--pwfile", str(password_file)),
            *("--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync"),
        )
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            f"-c max_connections=200 {self.settings}"
        )
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            str(self.bindir / "pg_ctl"),
            *("-D", str(self.data), "-o", options, "-l", str(self.root / "log"), "-w", "start"),
        )
        return self

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", *, password: bool = True) -> str:
        secret = f":{PASSWORD}" if password else ""
        return f"postgresql://{USER}{secret}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new, empty database; its URL (with the password)."""
        import psycopg

        name = f"t{os.getpid()}_{next(self._numbers)}"
        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(f"CREATE DATABASE {name}")
        return self.url(name)
