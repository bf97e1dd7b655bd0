"""`mlassets serve` as a user runs it: loopback by default, a warning when told otherwise, the
catalog named (a PostgreSQL password masked), a missing catalog refused."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

from mlassets.catalog import Catalog, index_manifests
from tests.support.realparts import PASSWORD
from tests.support.serving import example_manifests, serving


def _listening_on(port: int) -> set[str]:
    """The local addresses (hex, as /proc/net/tcp writes them) listening on `port`."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if int(hex_port, 16) == port and state == "0A":  # 0A: LISTEN
            found.add(address)
    return found


def _catalog(tmp_path: Path) -> Path:
    db = tmp_path / "c.db"
    index_manifests([example_manifests(tmp_path / "m")], db)
    return db


def test_serve_binds_to_loopback_and_warns_when_told_otherwise(tmp_path: Path) -> None:
    db = _catalog(tmp_path)
    with serving(str(db)) as (url, process):
        port = int(url.rsplit(":", 1)[1])
        assert _listening_on(port) == {"0100007F"}  # 127.0.0.1 only
        with urllib.request.urlopen(url + "/api/audit") as answer:
            assert json.load(answer)["assets"] == 15
        stderr = process.stderr_text()  # type: ignore[attr-defined]
        assert f"serving {db} on http://127.0.0.1:{port}/" in stderr and "warning" not in stderr
    with serving(str(db), "--host", "0.0.0.0") as (url, process):
        assert _listening_on(int(url.rsplit(":", 1)[1])) == {"00000000"}
        stderr = process.stderr_text()  # type: ignore[attr-defined]
        assert "mlassets: warning: serving on 0.0.0.0, not only this machine" in stderr


def test_serve_names_a_postgresql_catalog_without_its_password(tmp_path: Path, pg_url: str) -> None:
    with Catalog.open(pg_url, create=True) as catalog:
        catalog.index([example_manifests(tmp_path / "m")])
    with serving(pg_url) as (url, process):
        with urllib.request.urlopen(url + "/api/search?q=llama") as answer:
            assert json.load(answer)["hits"][0]["id"] == "hf://meta-llama/Llama-2-7b-hf"
        stderr = process.stderr_text()  # type: ignore[attr-defined]
        assert "serving postgresql://mlassets:***@127.0.0.1:" in stderr
        assert PASSWORD not in stderr


def test_serve_refuses_a_missing_catalog(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("serve", "--db", "nowhere.db", "--port", "0")
    assert result.code == 2 and "nowhere.db: no catalog here" in result.stderr
