"""A crash in the middle of sync's final commit (issue 13): the next `sync`, `verify` or
`outdated` completes it first and says so, so the project is wholly old or wholly new.

The crash states are built on disk as a crash at each step would leave them; then a real `sync`
is killed with SIGKILL at random moments while it commits many manifests."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from mlassets.workflows.sync_commit import Commit, journal_path, staged_lock
from tests.fakehub.server import RunningHub

STAGING = ".sync-staging"


def add_models(hub: RunningHub, count: int) -> list[str]:
    """`count` MIT models of the owner `many` on the hub, each at its first commit."""
    names = []
    for i in range(count):
        root = hub.hub.data / "models" / "many" / f"m{i:04d}"
        root.mkdir(parents=True)
        (root / "README.md").write_text(f"---\nlicense: mit\n---\n# Model {i}\n\nModel {i}.\n")
        sha = f"{i:040x}"
        commit = {"lastModified": "2026-06-01T00:00:00Z", "files": {"README.md": "README.md"}}
        spec = {"branches": {"main": sha}, "commits": {sha: commit}, "info": {"tags": []}}
        (root / "repo.json").write_text(json.dumps(spec))
        names.append(f"many/m{i:04d}")
    return names


def move_all(hub: RunningHub, names: list[str]) -> None:
    """A new commit on every model's main branch, with a new card (Apache-2.0 now)."""
    for name in names:
        root = hub.hub.data / "models" / name
        (root / "README-2.md").write_text(f"---\nlicense: apache-2.0\n---\n# {name}, again\n")
        spec = json.loads((root / "repo.json").read_text())
        sha = "e" + spec["branches"]["main"][1:]
        spec["commits"][sha] = {
            "lastModified": "2026-11-01T00:00:00Z",
            "files": {"README.md": "README-2.md"},
        }
        spec["branches"]["main"] = sha
        (root / "repo.json").write_text(json.dumps(spec))


def snapshot(project: Path) -> dict[str, bytes]:
    """The lock and the manifests, as a reader sees them (no dot files)."""
    files = {"mlassets.lock": (project / "mlassets.lock").read_bytes()}
    for path in sorted((project / "manifests").glob("*.json")):
        files[path.name] = path.read_bytes()
    return files


def old_and_new(run_cli, hub: RunningHub, project: Path, count: int):  # type: ignore[no-untyped-def]
    """`project` synced at the models' first commits, and (in `project`-new) at their second."""
    names = add_models(hub, count)
    project.mkdir()
    (project / "mlassets.yaml").write_text(
        "assets:\n" + "".join(f"  - ref: hf://{n}\n" for n in names)
    )
    env = {"HF_ENDPOINT": hub.url}
    assert run_cli("sync", cwd=project, env=env).code == 0
    move_all(hub, names)
    new = project.with_name(project.name + "-new")
    shutil.copytree(project, new)
    synced = run_cli("sync", cwd=new, env=env)
    assert synced.code == 0, synced.stderr
    old_files, new_files = snapshot(project), snapshot(new)
    assert old_files.keys() == new_files.keys()
    assert all(old_files[k] != new_files[k] for k in old_files)  # every file changes
    return old_files, new_files


def crashed_at(project: Path, new: dict[str, bytes], step: int) -> None:
    """What a sync killed after `step` steps of its commit leaves: step 0 just after the journal,
    1..n after that many manifest moves, n+1 after the lock too (the journal not yet deleted)."""
    out = project / "manifests"
    staging = out / STAGING
    staging.mkdir(parents=True, exist_ok=True)
    names = sorted(k for k in new if k != "mlassets.lock")
    for name in names:
        (staging / name).write_bytes(new[name])
    lock = project / "mlassets.lock"
    staged_lock(lock).write_bytes(new["mlassets.lock"])
    journal_path(lock).write_bytes(Commit(out.absolute(), tuple(names), True, ()).to_bytes())
    for name in names[:step]:
        if (out / name).exists():  # the backup replace_together keeps
            os.link(out / name, out / f".{name}.4242.bak")
        os.replace(staging / name, out / name)
    if step > len(names):
        os.replace(staged_lock(lock), lock)


def test_a_commit_interrupted_at_any_step_is_completed_by_the_next_run(
    run_cli, hub_copy: RunningHub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    old, new = old_and_new(run_cli, hub_copy, tmp_path / "p", 3)
    env = {"HF_ENDPOINT": hub_copy.url}
    commands = [("sync",), ("verify",), ("outdated",)]
    for step in range(len(new) + 1):
        project = tmp_path / f"crash{step}"
        shutil.copytree(tmp_path / "p", project)
        assert snapshot(project) == old
        crashed_at(project, new, step)
        command = commands[step % len(commands)]
        result = run_cli(*command, cwd=project, env=env)
        assert result.code in (0, 1), (command, result.stderr)  # verify: the cards moved on
        assert "Traceback" not in result.stderr
        assert "completed the sync commit a crash interrupted" in result.stderr, result.stderr
        assert snapshot(project) == new, (step, command)
        leftovers = [p.name for p in project.rglob(".*") if p.name != STAGING]
        assert leftovers == [], leftovers
        again = run_cli(*command, cwd=project, env=env)
        assert "completed the sync commit" not in again.stderr  # once only


def test_the_first_sync_interrupted_before_its_lock_is_completed_by_verify(
    run_cli, hub_copy: RunningHub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _, new = old_and_new(run_cli, hub_copy, tmp_path / "p", 2)
    project = tmp_path / "first"
    project.mkdir()
    shutil.copy(tmp_path / "p" / "mlassets.yaml", project)
    crashed_at(project, new, 1)  # no lock yet: one manifest moved, the lock still staged
    result = run_cli("verify", cwd=project, env={"HF_ENDPOINT": hub_copy.url})
    assert "completed the sync commit a crash interrupted" in result.stderr, result.stderr
    assert result.code in (0, 1) and snapshot(project) == new


def test_a_crash_before_the_journal_leaves_the_old_project(
    run_cli, hub_copy: RunningHub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    old, new = old_and_new(run_cli, hub_copy, tmp_path / "p", 2)
    project = tmp_path / "p"
    crashed_at(project, new, 0)
    journal_path(project / "mlassets.lock").unlink()  # killed just before the journal's rename
    result = run_cli("verify", cwd=project, env={"HF_ENDPOINT": hub_copy.url})
    assert "completed the sync commit" not in result.stderr
    assert snapshot(project) == old


def test_a_journal_naming_a_path_outside_is_refused(
    run_cli, hub_copy: RunningHub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _, new = old_and_new(run_cli, hub_copy, tmp_path / "p", 1)
    project = tmp_path / "p"
    outside = tmp_path / "precious.json"
    outside.write_text("{}")
    plan = Commit((project / "manifests").absolute(), (), False, ("../precious.json",))
    journal_path(project / "mlassets.lock").write_bytes(plan.to_bytes())
    result = run_cli("verify", cwd=project, env={"HF_ENDPOINT": hub_copy.url})
    assert result.code == 3 and "precious.json" in result.stderr and "refusing" in result.stderr
    assert outside.read_text() == "{}"


def test_a_sync_killed_at_random_moments_of_its_commit_is_wholly_old_or_new(
    run_cli, cli_env: dict[str, str], hub_copy: RunningHub, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    old, new = old_and_new(run_cli, hub_copy, tmp_path / "p", 300)
    env = {**cli_env, "HF_ENDPOINT": hub_copy.url}
    seed = int(os.environ.get("MLASSETS_KILL_SEED", time.time_ns() % 10**6))
    rng = random.Random(seed)
    hits = 0
    # How long after the journal appears to kill: halved after each kill that came too late (the
    # commit's length depends on the machine), so a fast machine still lands kills inside it.
    max_delay = 0.03
    for trial in range(12):
        if trial >= 6 and hits:
            break
        project = tmp_path / f"kill{trial}"
        shutil.copytree(tmp_path / "p", project)
        journal = journal_path(project / "mlassets.lock")
        sync = subprocess.Popen(
            [sys.executable, "-m", "mlassets", "sync"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Into the commit: wait for its journal, then a random moment of it (or, now and then,
        # a random moment of the whole run, before the commit too).
        deadline = time.monotonic() + 120
        if trial % 3 != 2:
            while not journal.exists() and sync.poll() is None and time.monotonic() < deadline:
                time.sleep(0.0005)
            time.sleep(rng.uniform(0, max_delay))
        else:
            time.sleep(rng.uniform(0.5, 3))
        inside = journal.exists()
        hits += inside
        if trial % 3 != 2 and not inside:
            max_delay /= 2
        sync.send_signal(signal.SIGKILL)
        sync.wait()
        run_cli("verify", cwd=project, env={"HF_ENDPOINT": hub_copy.url})
        state = snapshot(project)
        assert state in (old, new), f"seed {seed}, trial {trial}: a mix of old and new"
        assert not journal.exists()
    assert hits, f"seed {seed}: no kill landed inside a commit"
