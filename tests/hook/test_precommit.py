"""The hooks through the real pre-commit framework (issue 4, part 5).

A snapshot of this working tree (tracked and untracked files, less what git ignores) is committed
to a temporary git repository: the hooks under test are the code as it is now, committed or not.
A second repository, with cards, points its .pre-commit-config.yaml at the snapshot. pre-commit
builds the hook environment once (pip, from the package registry) and reuses it; at hook time
nothing touches the network.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

GOOD = b"---\nlicense: mit\nlanguage: en\n---\n# A good card\n"
BAD = b"---\nlicence: Apache 2.0\nlanguage: English\n---\n# A bad card\n"
FIXABLE = (
    b"---\r\n# keep this comment\r\nlicence: 'Apache 2.0'\r\nlanguage: en\r\n---\r\n# Body\r\n"
)
FIXED = b"---\r\n# keep this comment\r\nlicense: 'apache-2.0'\r\nlanguage: en\r\n---\r\n# Body\r\n"


GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"]


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """This working tree, committed to a temporary repository: (its path, its commit)."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    target = tmp_path_factory.mktemp("mlassets-snapshot")
    for name in filter(None, listed):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    subprocess.run([*GIT, "init", "-q"], cwd=target, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=target, check=True)
    subprocess.run([*GIT, "commit", "-q", "-m", "snapshot"], cwd=target, check=True)
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=target, capture_output=True, text=True, check=True
    ).stdout.strip()
    return target, commit


def make_repo(path: Path, files: dict[str, bytes], hooks: str, snapshot: tuple[Path, str]) -> Path:
    path.mkdir()
    for name, content in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_bytes(content)
    (path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {snapshot[0]}\n    rev: {snapshot[1]}\n    hooks:\n{hooks}"
    )
    subprocess.run([*GIT, "init", "-q"], cwd=path, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=path, check=True)
    return path


def pre_commit(home: Path, repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("HF_", "MLASSETS_"))},
        "PRE_COMMIT_HOME": str(home),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_bad_cards_are_blocked_with_line_accurate_messages(
    pre_commit_home: Path, snapshot: tuple[Path, str], tmp_path: Path
) -> None:
    hooks = "      - id: mlassets-validate\n      - id: mlassets-license-check\n"
    repo = make_repo(
        tmp_path / "r", {"models/a/README.md": BAD, "b-card.md": GOOD}, hooks, snapshot
    )
    result = pre_commit(pre_commit_home, repo, "run")
    assert result.returncode == 1, result.stdout + result.stderr
    assert (
        "models/a/README.md:2:1: S210 unknown key 'licence': did you mean 'license'?"
        in result.stdout
    )
    assert "models/a/README.md:3:11: S204 language: 'English'" in result.stdout
    assert "models/a/README.md:2:1: P101 " in result.stdout
    assert "b-card.md:" not in result.stdout.replace("b-card.md: allowed", "")

    clean = make_repo(tmp_path / "clean", {"models/a/README.md": GOOD}, hooks, snapshot)
    assert pre_commit(pre_commit_home, clean, "run").returncode == 0


def test_fix_mends_the_card_and_the_next_run_passes(
    pre_commit_home: Path, snapshot: tuple[Path, str], tmp_path: Path
) -> None:
    hooks = "      - id: mlassets-validate\n        args: [--fix]\n"
    repo = make_repo(tmp_path / "r", {"README.md": FIXABLE}, hooks, snapshot)
    first = pre_commit(pre_commit_home, repo, "run")
    assert first.returncode == 1  # files changed, as pre-commit expects
    assert "fixed README.md:3: S210 renamed the key 'licence' to 'license'" in first.stdout
    assert (repo / "README.md").read_bytes() == FIXED
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    second = pre_commit(pre_commit_home, repo, "run")
    assert second.returncode == 0, second.stdout


def test_license_policy_from_hook_args(
    pre_commit_home: Path, snapshot: tuple[Path, str], tmp_path: Path
) -> None:
    hooks = "      - id: mlassets-license-check\n        args: [--policy, policy.toml]\n"
    files = {
        "README.md": b"---\nlicense: cc-by-nc-4.0\n---\n# NC\n",
        "policy.toml": b'[policy]\nuse = "commercial"\n',
    }
    repo = make_repo(tmp_path / "r", files, hooks, snapshot)
    result = pre_commit(pre_commit_home, repo, "run")
    assert result.returncode == 1
    assert "README.md:2:1: P105 README.md: CC-BY-NC-4.0 bars commercial use" in result.stdout


def test_try_repo_uses_the_working_tree(
    pre_commit_home: Path, snapshot: tuple[Path, str], tmp_path: Path
) -> None:
    repo = make_repo(tmp_path / "r", {"README.md": BAD}, "", snapshot)
    result = pre_commit(
        pre_commit_home,
        repo,
        "try-repo",
        str(snapshot[0]),
        "mlassets-validate",
        "--files",
        "README.md",
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "README.md:2:1: S210" in result.stdout
    ok = pre_commit(
        pre_commit_home,
        repo,
        "try-repo",
        str(REPO),
        "mlassets-validate",
        "--files",
        ".pre-commit-config.yaml",
    )
    assert ok.returncode == 0  # not a card: the hook's `files` pattern skips it
