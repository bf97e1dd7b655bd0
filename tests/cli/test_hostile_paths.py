"""Issue 13: hostile files and paths. Symlinks, devices, FIFOs, unreadable entries, names that
collide, paths in lock and project files that try to leave their directory, two syncs at once.

Every case is run as a user would run it (a subprocess), on real files.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import MLASSETS
from tests.fakehub.server import RunningHub

CARD = "---\nlicense: mit\n---\n# A card\n"
ONE_ASSET = "assets:\n  - ref: hf://acme/tiny-model\n"


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every regular file under `root` (hidden ones too) with its bytes."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def one_line_error(stderr: str) -> bool:
    lines = [line for line in stderr.splitlines() if line.strip()]
    return bool(lines) and "Traceback" not in stderr and lines[-1].startswith("mlassets")


# Tests run as root, which reads any file whatever its mode. Without these two capabilities
# (dropped from the bounding set, so for the child alone) root meets file modes like anyone.
NO_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


def needs_setpriv() -> None:
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: a mode-000 directory is readable to root")


def run_unprivileged(cli_env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    prefix = NO_DAC if os.geteuid() == 0 else []
    return subprocess.run(
        [*prefix, *MLASSETS, *args],
        cwd=cwd,
        env=cli_env,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


# --- reading: FIFOs, devices, unreadable directories, size caps --------------------------------


def test_a_fifo_named_like_a_card_is_reported_not_waited_on(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / "a.md").write_text(CARD)
    os.mkfifo(cards / "pipe.md")
    os.mkfifo(cards / "pipe.json")
    result = run_cli("validate", "cards")
    assert result.code == 3
    assert "pipe" in result.stderr and "FIFO" in result.stderr
    fetched = run_cli("fetch", "cards", "--out", "out")
    assert fetched.code == 3 and "pipe.md" in fetched.stderr and "FIFO" in fetched.stderr
    assert (tmp_path / "out" / "local--cards--a.json").is_file()  # the readable card still is


def test_a_symlink_to_dev_zero_is_refused_at_once(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "zero.md").symlink_to("/dev/zero")
    result = run_cli("validate", "zero.md")
    assert result.code == 3
    assert "zero.md: cannot read: is a device" in result.stderr


def test_a_big_manifest_in_a_directory_is_checked_not_skipped(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "m"
    folder.mkdir()
    # Over the 1 MB the old sniff read, with "schema_version" past it (keys sort).
    padding = "x" * (1 << 20)
    (folder / "big.json").write_text(json.dumps({"a": padding, "schema_version": 99}))
    result = run_cli("validate", "m", "--format", "json")
    assert result.code == 1, result.stderr
    (checked,) = json.loads(result.stdout)["files"]
    assert checked["path"] == "m/big.json" and checked["findings"]


def test_an_unreadable_subdirectory_is_named_not_skipped(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    needs_setpriv()
    cards = tmp_path / "cards"
    (cards / "locked").mkdir(parents=True)
    (cards / "a.md").write_text(CARD)
    (cards / "locked" / "b.md").write_text(CARD)
    (cards / "locked").chmod(0)
    try:
        checked = run_unprivileged(cli_env, tmp_path, "validate", "cards")
        fetched = run_unprivileged(cli_env, tmp_path, "fetch", "cards", "--out", "out")
    finally:
        (cards / "locked").chmod(0o755)
    assert checked.returncode == 3, checked.stderr
    assert "cards/locked: cannot read: Permission denied" in checked.stderr
    assert fetched.returncode == 3 and "cards/locked" in fetched.stderr


# --- writing: modes, umask, symlinks and devices ------------------------------------------------


def test_validate_fix_keeps_the_mode_and_refuses_a_symlinked_card(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    card = tmp_path / "card.md"
    card.write_text("---\nlicence: MIT\n---\n# A\n")
    card.chmod(0o664)
    assert run_cli("validate", "--fix", "card.md").code == 1
    assert card.read_text().startswith("---\nlicense: ")
    assert stat.S_IMODE(card.stat().st_mode) == 0o664  # not mkstemp's 0600

    target = tmp_path / "real.md"
    target.write_text("---\nlicence: MIT\n---\n# B\n")
    (tmp_path / "link.md").symlink_to(target)
    refused = run_cli("validate", "--fix", "link.md")
    assert refused.code == 3 and "symbolic link" in refused.stderr
    assert (tmp_path / "link.md").is_symlink()
    assert "licence: MIT" in target.read_text()  # neither replaced nor half-edited


def test_new_files_honour_the_umask(cli_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.md").write_text(CARD)
    subprocess.run(
        ["sh", "-c", 'umask 027 && exec "$@"', "sh", *MLASSETS, "fetch", "a.md", "--out", "out"],
        cwd=tmp_path,
        env=cli_env,
        check=True,
        capture_output=True,
    )
    assert stat.S_IMODE((tmp_path / "out" / "local--a.json").stat().st_mode) == 0o640


def test_out_naming_a_device_a_symlink_or_a_file_is_an_error_not_a_replacement(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.md").write_text(CARD)
    assert run_cli("fetch", "a.md", "--out", "m").code == 0
    device = tmp_path / "null"
    os.symlink("/dev/null", device)
    for out in ("/dev/null", str(device)):
        result = run_cli("export", "m", "--out", out)
        assert result.code == 3 and one_line_error(result.stderr), result.stderr
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode) and device.is_symlink()
    (tmp_path / "plain").write_text("keep")
    into_file = run_cli("fetch", "a.md", "--out", "plain")
    assert into_file.code == 3 and "Not a directory" in into_file.stderr
    too_long = run_cli("export", "m", "--out", "x" * 300)
    assert too_long.code == 3 and "File name too long" in too_long.stderr


# --- names that collide -------------------------------------------------------------------------


def test_cards_whose_names_flatten_alike_get_manifests_of_their_own(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    cards = tmp_path / "c"
    (cards / "x").mkdir(parents=True)
    for name, license_id in (
        ("x y.md", "mit"),
        ("x/y.md", "apache-2.0"),
        ("模型.md", "bsd-3-clause"),
        ("数据.md", "cc-by-4.0"),
    ):
        (cards / name).write_text(f"---\nlicense: {license_id}\n---\n# {name}\n")
    result = run_cli("fetch", "c", "--out", "out", "--json")
    assert result.code == 0, result.stderr
    written = json.loads(result.stdout)["manifests"]
    assert len({m["path"] for m in written}) == 4
    licenses = sorted(
        json.loads(p.read_text())["license"]["concluded"] for p in (tmp_path / "out").iterdir()
    )
    assert licenses == ["Apache-2.0", "BSD-3-Clause", "CC-BY-4.0", "MIT"]
    assert (tmp_path / "out" / "local--c--x--y.json").is_file()  # the plain name is kept


def test_names_that_differ_only_in_case_are_a_collision_not_an_overwrite(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "A.md").write_text("---\nlicense: mit\n---\n")
    (tmp_path / "a.md").write_text("---\nlicense: apache-2.0\n---\n")
    result = run_cli("fetch", "A.md", "a.md", "--out", "out")
    assert result.code == 3 and "differ only in case" in result.stderr
    assert json.loads((tmp_path / "out" / "local--A.json").read_text())["license"]["concluded"] == (
        "MIT"
    )
    assert not (tmp_path / "out" / "local--a.json").exists()


# --- paths read from a lock or a project --------------------------------------------------------


def test_a_lock_entry_naming_a_path_outside_the_manifests_is_refused(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    project = tmp_path / "p"
    project.mkdir()
    (project / "mlassets.yaml").write_text(ONE_ASSET)
    assert run_cli("sync", cwd=project).code == 0
    victim = tmp_path / "victim.json"
    victim.write_text("precious")
    lock = json.loads((project / "mlassets.lock").read_text())
    for hostile in ("../../victim.json", str(victim)):
        lock["assets"][0]["manifest"] = hostile
        (project / "mlassets.lock").write_text(json.dumps(lock))
        # no longer declared: sync would delete the entry's manifest; --frozen would write it
        (project / "mlassets.yaml").write_text("assets: []\n")
        deleting = run_cli("sync", cwd=project)
        (project / "mlassets.yaml").write_text(ONE_ASSET)
        shutil.rmtree(project / "manifests", ignore_errors=True)
        writing = run_cli("sync", "--frozen", cwd=project)
        for result in (deleting, writing):
            assert result.code == 3 and "refusing to use it" in result.stderr, result.stderr
        assert victim.read_text() == "precious"


def test_a_pin_or_policy_that_leaves_the_project_is_a_config_error(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "mlassets.yaml").write_text(
        "assets:\n  - ref: hf://acme/tiny-model\n    pin: ../../etc\n"
    )
    pinned = run_cli("sync")
    assert pinned.code == 2 and "mlassets.yaml:3:10:" in pinned.stderr, pinned.stderr
    (tmp_path / "mlassets.yaml").write_text(ONE_ASSET + "policy: ../../etc/policy.toml\n")
    policy = run_cli("sync")
    assert policy.code == 2 and "leaves its directory" in policy.stderr


# --- two syncs, and a lock that cannot be written -----------------------------------------------


def test_a_second_sync_while_one_holds_the_project_says_so(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "mlassets.yaml").write_text(ONE_ASSET)
    with open(tmp_path / "mlassets.yaml", "rb") as held:  # what a running sync holds
        fcntl.flock(held, fcntl.LOCK_EX)
        second = run_cli("sync")
    assert second.code == 3 and "another mlassets sync is running" in second.stderr
    assert not (tmp_path / "mlassets.lock").exists() and not (tmp_path / "manifests").exists()
    assert run_cli("sync").code == 0  # released with the holder


def test_a_lock_that_cannot_be_written_puts_the_manifests_back(
    run_cli, hub_copy: RunningHub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from tests.cli.test_sync_listing import move_main

    env = {"HF_ENDPOINT": hub_copy.url}
    (tmp_path / "mlassets.yaml").write_text(ONE_ASSET)
    assert run_cli("sync", env=env).code == 0
    before = tree_bytes(tmp_path / "manifests")
    move_main(hub_copy.hub.data, "acme/tiny-model", "c" * 40)
    # The lock becomes a symlink, which the writer refuses to replace: the write fails after
    # the staged manifest was moved into place.
    (tmp_path / "mlassets.lock").rename(tmp_path / "real.lock")
    (tmp_path / "mlassets.lock").symlink_to("real.lock")
    lock_before = (tmp_path / "real.lock").read_bytes()
    failed = run_cli("sync", env=env)
    assert failed.code == 3 and "symbolic link" in failed.stderr, failed.stderr
    after = tree_bytes(tmp_path / "manifests")
    assert {k: v for k, v in after.items() if not k.startswith(".sync-staging")} == before
    assert (tmp_path / "real.lock").read_bytes() == lock_before
    staged = tmp_path / "manifests" / ".sync-staging" / "models--acme--tiny-model.json"
    assert json.loads(staged.read_text())["revision"] == "c" * 40  # kept for the rerun


def test_file_names_that_are_not_utf8_give_valid_utf8_reports_and_manifests(
    run_cli, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    cards = tmp_path / "cards"
    cards.mkdir()
    (cards / os.fsdecode(b"caf\xe9.md")).write_text(CARD)
    checks = [
        ("validate", "cards", "--format", "json"),
        ("license-check", "cards", "--format", "json"),
        ("fetch", "cards", "--out", "out", "--json"),
    ]
    for command in checks:
        result = run_cli(*command)
        assert result.code == 0 and "Traceback" not in result.stderr, (command, result.stderr)
        assert "caf\\\\xe9.md" in result.stdout  # the byte shown, as JSON escapes a backslash
        json.loads(result.stdout)
    (manifest,) = (tmp_path / "out").iterdir()
    junk = tmp_path / "out" / os.fsdecode(b"junk\xff.json")
    junk.write_text('{"schema_version": 1}')
    for _ in range(2):  # the second run: unchanged, not forgotten for its odd name
        indexed = run_cli("index", "out", "--db", "c.db", "--json")
        assert indexed.code == 1 and "Traceback" not in indexed.stderr, indexed.stderr  # skipped
        report = json.loads(indexed.stdout)
        assert report["errors"] == [
            "out/junk\\xff.json:1:1: not an mlassets manifest (no id or license)"
        ]
    assert (report["added"], report["unchanged"]) == (0, 1)
    searched = run_cli("search", "", "--db", "c.db", "--json")
    assert searched.code == 0 and len(json.loads(searched.stdout)["hits"]) == 1, searched.stderr
