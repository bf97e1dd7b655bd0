"""Issue 13: every network command under injected faults (503/429, resets, truncated bodies,
stalls), through a loopback proxy in front of the fake hub.

Each command either succeeds with exactly the data a healthy run gives, or fails with exit 3 and
one-line messages; and what it leaves on disk is never partial or wrong: every file is one a
healthy run writes, byte for byte.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import MLASSETS
from tests.fakehub.proxy import Fault, RunningProxy
from tests.fakehub.server import RunningHub

PROJECT = """\
assets:
  - ref: hf://acme/tiny-model
  - ref: hf://acme/tiny-model
    pin: v1.0
  - ref: hf://datasets/acme/tiny-ds
  - ref: openml://61
"""
CHAT_CARD = (
    "---\nlicense: mit\nbase_model: acme/mit-base\ndatasets:\n  - acme/tiny-ds\n---\n# Chat\n"
)
# Short enough to keep the stalls cheap, long enough for a loaded machine's healthy answers.
NET = ["--timeout", "3", "--retries", "2"]

FAULTS: dict[str, Callable[[], list[Fault]]] = {
    "503 on every card download": lambda: [Fault(r"/resolve/", "status", 503)],
    "429 on every second request": lambda: [Fault(r".", "status", 429, every=2)],
    "reset metadata connections": lambda: [Fault(r"^GET /api/", "reset")],
    "truncated card bodies": lambda: [Fault(r"^GET .*/resolve/", "truncate")],
    "one stalled metadata call": lambda: [Fault(r"^GET /api/", "stall", seconds=5, times=1)],
    "OpenML answering 503": lambda: [Fault(r"/api/v1/xml/", "status", 503)],
}


@dataclass(frozen=True)
class Command:
    args: tuple[str, ...]
    ok_codes: tuple[int, ...]  # what a healthy run exits with
    prepare: Callable[[Path, Path], None]  # (work dir, healthy reference dir)


def _project(work: Path, _: Path) -> None:
    (work / "mlassets.yaml").write_text(PROJECT)


def _locked_project(work: Path, healthy_sync: Path) -> None:
    """A second machine: the project file and the healthy lock, no manifests."""
    shutil.copy(healthy_sync / "mlassets.yaml", work)
    shutil.copy(healthy_sync / "mlassets.lock", work)


def _synced_project(work: Path, healthy_sync: Path) -> None:
    shutil.copytree(healthy_sync, work, dirs_exist_ok=True)


def _chat_card(work: Path, _: Path) -> None:
    (work / "chat.md").write_text(CHAT_CARD)


def _nothing(work: Path, _: Path) -> None:
    pass


COMMANDS: dict[str, Command] = {
    "fetch": Command(
        ("fetch", "hf://acme/tiny-model", "hf://datasets/acme/tiny-ds", "openml://61", "-o", "m"),
        (0,),
        _nothing,
    ),
    "sync": Command(("sync",), (0,), _project),
    "sync --frozen": Command(("sync", "--frozen"), (0,), _locked_project),
    "outdated": Command(("outdated",), (0,), _synced_project),
    "verify": Command(("verify",), (0,), _synced_project),
    "license-check --fetch": Command(
        ("license-check", "chat.md", "--manifests", "m", "--fetch"), (0,), _chat_card
    ),
    "diff": Command(("diff", "hf://acme/tiny-model@v1.0", "hf://acme/tiny-model"), (1,), _nothing),
}


def run(env: dict[str, str], cwd: Path, args: tuple[str, ...]) -> subprocess.CompletedProcess[str]:
    network = NET if args[0] not in ("verify",) else []
    return subprocess.run(
        [*MLASSETS, *args, *network],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )


def files(root: Path) -> dict[str, bytes]:
    """What a command left: every regular file outside the client caches."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.relative_to(root).parts[0].startswith("home")
    }


def environment(base: dict[str, str], home: Path, endpoint: str) -> dict[str, str]:
    return {
        **base,
        "HF_ENDPOINT": endpoint,
        "MLASSETS_OPENML_SERVER": f"{endpoint}/api/v1/xml",
        "HF_HOME": str(home / "hf"),
        "OPENML_CACHE_DIR": str(home / "openml"),
    }


@pytest.fixture(scope="module")
def healthy(
    fakehub: RunningHub, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str, dict[str, str]], tuple[Path, subprocess.CompletedProcess[str]]]]:
    """Each command's healthy run (no proxy), made once: its directory and its result."""
    made: dict[str, tuple[Path, subprocess.CompletedProcess[str]]] = {}

    def get(name: str, base: dict[str, str]) -> tuple[Path, subprocess.CompletedProcess[str]]:
        if name not in made:
            work = tmp_path_factory.mktemp(name.replace(" ", "_"))
            sync_dir = get("sync", base)[0] if name != "sync" else work
            COMMANDS[name].prepare(work, sync_dir)
            env = environment(base, work / "home", fakehub.url)
            made[name] = (work, run(env, work, COMMANDS[name].args))
            assert made[name][1].returncode in COMMANDS[name].ok_codes, made[name][1].stderr
        return made[name]

    yield get


# Every command meets the faults that reach its requests in distinct ways (a card download, any
# request, a broken connection, OpenML); the costlier ones (stalls, resets) meet the commands
# whose requests differ most. 24 runs in all: the whole product would take minutes longer.
NETWORK = ["diff", "fetch", "license-check --fetch", "outdated", "sync", "sync --frozen"]
MATRIX = [
    *(
        (c, f)
        for c in NETWORK
        for f in ("503 on every card download", "429 on every second request")
    ),
    *((c, "truncated card bodies") for c in NETWORK if c != "outdated"),
    *((c, "OpenML answering 503") for c in ("fetch", "outdated", "sync")),
    *((c, "reset metadata connections") for c in ("fetch", "outdated", "sync --frozen")),
    *((c, "one stalled metadata call") for c in ("diff", "sync")),
    ("verify", "503 on every card download"),
]


@pytest.mark.parametrize(("command", "fault"), MATRIX)
def test_a_command_under_faults_is_right_or_fails_cleanly(
    command: str, fault: str, healthy, fakehub: RunningHub, cli_env, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    reference_dir, reference = healthy(command, cli_env)
    sync_dir = healthy("sync", cli_env)[0]
    work = tmp_path / "work"
    work.mkdir()
    COMMANDS[command].prepare(work, sync_dir)
    before = files(work)
    with RunningProxy(fakehub.url, FAULTS[fault]()) as proxy:
        result = run(
            environment(cli_env, tmp_path / "home", proxy.url), work, COMMANDS[command].args
        )
    assert "Traceback" not in result.stderr, result.stderr
    left = files(work)
    wanted = files(reference_dir)
    if result.returncode in COMMANDS[command].ok_codes:
        assert result.stdout == reference.stdout
        assert left == wanted
        return
    assert result.returncode == 3, (result.returncode, result.stderr)
    # One line per failure, each naming what failed; then at most the command's summary line.
    errors = [line for line in result.stderr.splitlines() if line.startswith("mlassets: ")]
    assert errors and len(result.stderr.splitlines()) <= len(errors) + 1, result.stderr
    for name, data in left.items():
        if name in before and before[name] == data:
            continue  # untouched
        # Anything written is what a healthy run writes (staged manifests: as committed).
        committed = name.replace("manifests/.sync-staging/", "manifests/")
        assert wanted.get(committed) == data, f"{name} is partial or wrong"
    if command.startswith("sync"):
        assert left.get("mlassets.lock") == before.get("mlassets.lock")  # the lock unchanged
