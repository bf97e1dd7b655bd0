"""`sync`, the lock, `outdated` and `verify` (issue 6, parts 1, 2, 3 and 5) against the fake hub."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mlassets.schemas import validator_for
from tests.fakehub.server import RunningHub

PROJECT = """\
assets:
  - ref: hf://acme/tiny-model
  - ref: hf://acme/tiny-model
    pin: v1.0
  - ref: hf://datasets/acme/tiny-ds
  - ref: openml://61
"""


def card_downloads(fakehub: RunningHub) -> int:
    return fakehub.hub.count(contains="README.md")


def test_sync_writes_manifests_and_a_lock_and_resync_downloads_no_card(
    run_cli, fakehub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "mlassets.yaml").write_text(PROJECT)
    first = run_cli("sync", "--json")
    assert first.code == 0, first.stderr
    report = json.loads(first.stdout)
    assert not list(validator_for("sync-report").iter_errors(report))
    assert report["lock_written"] is True
    statuses = {a["ref"]: a["status"] for a in report["assets"]}
    assert statuses == {
        "hf://acme/tiny-model": "fetched",
        "hf://acme/tiny-model@v1.0": "fetched",
        "hf://datasets/acme/tiny-ds": "fetched",
        "openml://61": "fetched",
    }
    lock = json.loads((tmp_path / "mlassets.lock").read_text())
    assert not list(validator_for("lock").iter_errors(lock))
    by_ref = {e["ref"]: e for e in lock["assets"]}
    assert by_ref["hf://acme/tiny-model@v1.0"]["revision"] == "2" * 40
    assert by_ref["hf://acme/tiny-model@v1.0"]["license"] == "CC-BY-NC-4.0"
    assert by_ref["openml://61"]["revision"] == "1"
    assert sorted(p.name for p in (tmp_path / "manifests").glob("*.json")) == sorted(
        e["manifest"] for e in lock["assets"]
    )
    assert not (tmp_path / "manifests" / ".sync-staging").exists()

    lock_bytes = (tmp_path / "mlassets.lock").read_bytes()
    lock_mtime = (tmp_path / "mlassets.lock").stat().st_mtime_ns
    before = card_downloads(fakehub)
    second = run_cli("sync", "--json")
    assert second.code == 0
    second_report = json.loads(second.stdout)
    assert {a["status"] for a in second_report["assets"]} == {"unchanged"}
    assert card_downloads(fakehub) == before  # the metadata call alone decided
    assert (tmp_path / "mlassets.lock").read_bytes() == lock_bytes
    # Nothing to write: the file is left alone (make-style tools see no change).
    assert second_report["lock_written"] is False
    assert second.stderr.strip() == "4 asset(s): 4 unchanged; mlassets.lock unchanged"
    assert (tmp_path / "mlassets.lock").stat().st_mtime_ns == lock_mtime
    assert run_cli("sync", "--frozen").code == 0
    assert run_cli("verify").code == 0


def test_frozen_fails_on_a_stale_lock_and_rebuilds_manifests_byte_for_byte(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "mlassets.yaml").write_text(PROJECT)
    assert run_cli("sync").code == 0
    # A second machine: the project file and the lock, no manifests.
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(tmp_path / "mlassets.yaml", other)
    shutil.copy(tmp_path / "mlassets.lock", other)
    restored = run_cli("sync", "--frozen", "--json", cwd=other, env={"SOURCE_DATE_EPOCH": "1"})
    assert restored.code == 0, restored.stderr
    assert {a["status"] for a in json.loads(restored.stdout)["assets"]} == {"restored"}
    for path in (tmp_path / "manifests").glob("*.json"):
        assert (other / "manifests" / path.name).read_bytes() == path.read_bytes()

    # Upstream "moved": the lock says another commit.
    lock = json.loads((tmp_path / "mlassets.lock").read_text())
    lock["assets"][0]["revision"] = "9" * 40
    (tmp_path / "mlassets.lock").write_text(json.dumps(lock))
    stale_bytes = (tmp_path / "mlassets.lock").read_bytes()
    frozen = run_cli("sync", "--frozen")
    assert frozen.code == 1
    assert "out of date" in frozen.stderr
    assert (tmp_path / "mlassets.lock").read_bytes() == stale_bytes  # nothing written
    moved = run_cli("outdated", "--json")
    assert moved.code == 1
    moved_report = json.loads(moved.stdout)
    assert not list(validator_for("outdated-report").iter_errors(moved_report))
    (entry,) = moved_report["outdated"]
    assert entry["ref"] == lock["assets"][0]["ref"] and entry["upstream_revision"] != "9" * 40
    verify = run_cli("verify")
    assert verify.code == 1 and "V104" in verify.stdout  # the manifest says another revision


def test_a_failed_sync_changes_nothing_and_a_rerun_picks_up(
    run_cli, fakehub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "mlassets.yaml").write_text("assets:\n  - ref: hf://acme/tiny-model@v1.0\n")
    assert run_cli("sync").code == 0
    lock_bytes = (tmp_path / "mlassets.lock").read_bytes()
    manifests = {p.name: p.read_bytes() for p in (tmp_path / "manifests").glob("*.json")}
    (tmp_path / "mlassets.yaml").write_text(
        "assets:\n  - ref: hf://acme/tiny-model\n  - ref: hf://acme/down-model\n"
    )
    failed = run_cli("sync", "--retries", "0")
    assert failed.code == 3
    assert "the lock and manifests are unchanged" in failed.stderr
    assert (tmp_path / "mlassets.lock").read_bytes() == lock_bytes
    assert {p.name: p.read_bytes() for p in (tmp_path / "manifests").glob("*.json")} == manifests
    assert (tmp_path / "manifests" / ".sync-staging" / "models--acme--tiny-model.json").exists()

    (tmp_path / "mlassets.yaml").write_text("assets:\n  - ref: hf://acme/tiny-model\n")
    (tmp_path / "manifests" / "models--acme--mit-base.json").write_text("{}")  # not sync's
    before = card_downloads(fakehub)
    rerun = run_cli("sync", "--json")
    assert rerun.code == 0
    statuses = [(a["ref"], a["status"]) for a in json.loads(rerun.stdout)["assets"]]
    # v1.0 is no longer declared: its lock entry and the manifest sync wrote for it go.
    assert statuses == [
        ("hf://acme/tiny-model", "staged"),
        ("hf://acme/tiny-model@v1.0", "removed"),
    ]
    assert card_downloads(fakehub) == before  # what the failed run fetched is reused
    assert sorted(p.name for p in (tmp_path / "manifests").iterdir()) == [
        "models--acme--mit-base.json",  # a file the lock never listed is left alone
        "models--acme--tiny-model.json",
    ]
    assert run_cli("verify").code == 0


def test_a_bad_project_file_names_the_line(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "mlassets.yaml").write_text(
        "assets:\n  - ref: hf://acme/tiny-model\n  - ref: not a ref\n"
    )
    result = run_cli("sync")
    assert result.code == 2
    assert result.stderr.startswith("mlassets: error: mlassets.yaml:3:10: ")
    (tmp_path / "mlassets.yaml").write_text("assets:\n  - pin: v1\n")
    assert run_cli("sync").stderr.startswith("mlassets: error: mlassets.yaml:2:")


def test_export_cli_writes_cyclonedx_and_spdx(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import REPO

    manifests = str(REPO / "examples" / "manifests")
    cdx = run_cli("export", manifests)
    assert cdx.code == 0 and json.loads(cdx.stdout)["specVersion"] == "1.6"
    written = run_cli("export", manifests, "--format", "spdx", "--out", "bom.spdx.json")
    assert written.code == 0
    assert json.loads((tmp_path / "bom.spdx.json").read_text())["spdxVersion"] == "SPDX-2.3"
    assert run_cli("export", "nothing-here").code == 3  # an unreadable path, as for validate
    (tmp_path / "empty").mkdir()
    assert run_cli("export", "empty").code == 2  # nothing to export


def test_a_commit_pin_needs_no_request_once_locked(run_cli, fakehub, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sha = "2" * 40  # all digits: YAML reads it as a number unless it is quoted
    (tmp_path / "mlassets.yaml").write_text(
        f"assets:\n  - ref: hf://acme/tiny-model\n    pin: '{sha}'\n"
    )
    assert run_cli("sync").code == 0
    before = fakehub.hub.count(contains="tiny-model")
    again = run_cli("sync", "--json")
    assert [a["status"] for a in json.loads(again.stdout)["assets"]] == ["unchanged"]
    assert fakehub.hub.count(contains="tiny-model") == before  # no request at all


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib, inside mlcroissant
def test_export_croissant_passes_mlcroissant(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    mlc = pytest.importorskip("mlcroissant")
    assert run_cli("fetch", "hf://datasets/acme/tiny-ds", "openml://61", "--out", "m").code == 0
    result = run_cli("export", "m", "--format", "croissant", "--out", "croissant")
    assert result.code == 0, result.stderr
    written = sorted((tmp_path / "croissant").glob("*.croissant.json"))
    assert [p.name for p in written] == [
        "datasets--acme--tiny-ds.croissant.json",
        "openml--61.croissant.json",
    ]
    for path in written:
        mlc.Dataset(jsonld=str(path))  # raises on a validation error
    tiny = json.loads(written[0].read_text())
    assert tiny["license"] == "https://spdx.org/licenses/CC-BY-SA-4.0.html"
    (file_object,) = tiny["distribution"]
    assert file_object["contentUrl"].endswith("/resolve/" + "8" * 40 + "/test.csv")
    assert file_object["encodingFormat"] == "text/csv"
    only_one = run_cli("export", "m", "--format", "croissant")
    assert only_one.code == 2 and "give --out DIR" in only_one.stderr


def test_license_check_without_targets_checks_the_project_under_its_policy_and_use(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    no_project = run_cli("license-check")
    assert no_project.code == 2 and "mlassets.yaml" in no_project.stderr
    (tmp_path / "mlassets.yaml").write_text(
        "assets:\n  - ref: hf://acme/tiny-model@v1.0\n  - ref: hf://acme/mit-base\n"
    )
    not_synced = run_cli("license-check")
    assert not_synced.code == 2 and "run mlassets sync first" in not_synced.stderr
    assert run_cli("sync").code == 0
    assert run_cli("license-check").code == 0  # no policy, no use: only NOASSERTION fails

    (tmp_path / "mlassets.yaml").write_text(
        (tmp_path / "mlassets.yaml").read_text() + "use: commercial\n"
    )
    commercial = run_cli("license-check")
    assert commercial.code == 1
    assert "models--acme--tiny-model@v1.0.json: NOT ALLOWED: CC-BY-NC-4.0" in commercial.stderr
    assert "models--acme--mit-base.json: allowed: MIT" in commercial.stderr
    assert run_cli("license-check", "--use", "research").code == 0  # the option wins

    (tmp_path / "policy.toml").write_text('[policy]\ndeny-licenses = ["MIT"]\n')
    (tmp_path / "mlassets.yaml").write_text(
        (tmp_path / "mlassets.yaml")
        .read_text()
        .replace("use: commercial\n", "policy: policy.toml\n")
    )
    denied = run_cli("license-check", "--format", "json")
    assert denied.code == 1
    verdicts = {a["asset"]: a["allowed"] for a in json.loads(denied.stdout)["assets"]}
    assert verdicts == {"hf://acme/tiny-model": True, "hf://acme/mit-base": False}


def _read_all(fd: int) -> bytes:
    import os

    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def test_progress_and_tables_appear_only_on_a_terminal(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import os
    import pty
    import subprocess

    from tests.conftest import MLASSETS

    (tmp_path / "mlassets.yaml").write_text(PROJECT)
    env = {**cli_env, "COLUMNS": "120", "TERM": "xterm"}

    def run(stdout_tty: bool) -> tuple[bytes, bytes]:
        leader, follower = pty.openpty()
        with subprocess.Popen(
            MLASSETS + ["sync"],
            cwd=tmp_path,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=follower if stdout_tty else subprocess.PIPE,
            stderr=follower,
        ) as done:
            os.close(follower)
            terminal = _read_all(leader)
            stdout = done.stdout.read() if done.stdout else b""
            assert done.wait(timeout=120) == 0
        os.close(leader)
        return terminal, stdout

    terminal, stdout = run(stdout_tty=False)
    assert b"\x1b[" in terminal and b"sync" in terminal  # the progress bar, on stderr
    assert stdout.startswith(b"status\tref\trevision") and b"\x1b[" not in stdout
    terminal, _ = run(stdout_tty=True)
    assert "┃".encode() in terminal and b"status" in terminal  # a Rich table

    piped = subprocess.run(
        MLASSETS + ["sync"], cwd=tmp_path, env=env, capture_output=True, stdin=subprocess.DEVNULL
    )
    assert piped.returncode == 0 and b"\x1b[" not in piped.stdout + piped.stderr


def test_ctrl_c_during_a_sync_exits_130_at_once_and_changes_nothing(
    cli_env, hub_copy: RunningHub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    import signal
    import subprocess
    import time

    from tests.conftest import MLASSETS

    env = {**cli_env, "HF_ENDPOINT": hub_copy.url}
    (tmp_path / "mlassets.yaml").write_text("assets:\n  - ref: hf://acme/tiny-model\n")
    assert (
        subprocess.run(MLASSETS + ["sync"], cwd=tmp_path, env=env, capture_output=True).returncode
        == 0
    )
    lock_bytes = (tmp_path / "mlassets.lock").read_bytes()
    spec_path = hub_copy.hub.data / "models" / "acme" / "slow-model" / "repo.json"
    spec = json.loads(spec_path.read_text())
    spec["fault"] = {"kind": "stall", "seconds": 120}  # far longer than the test waits
    spec_path.write_text(json.dumps(spec))
    (tmp_path / "mlassets.yaml").write_text(
        "assets:\n  - ref: hf://acme/tiny-model\n  - ref: hf://acme/slow-model\n"
    )
    with subprocess.Popen(
        MLASSETS + ["sync", "--timeout", "120"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    ) as running:
        while not any("slow-model" in p for _, p in hub_copy.hub.requests):
            assert running.poll() is None, running.stderr.read() if running.stderr else ""
            time.sleep(0.05)
        running.send_signal(signal.SIGINT)
        try:  # a wait for the stalled request would take 120 s
            _, stderr = running.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            running.kill()
            raise
    assert running.returncode == 130
    assert stderr.decode().strip() == "mlassets: interrupted"
    assert (tmp_path / "mlassets.lock").read_bytes() == lock_bytes
    assert [p.name for p in (tmp_path / "manifests").glob("*.json")] == [
        "models--acme--tiny-model.json"
    ]
