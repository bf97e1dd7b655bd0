"""Benchmark: `mlassets sync` of 200 Hub models from the loopback fake hub, 50 ms per response,
against a plain sequential loop of huggingface_hub calls (model_info + hf_hub_download) over the
same models, in the same run; then a re-sync with nothing changed. Card downloads are counted at
the server.

Also measured, to explain the re-sync figure: the start-up every command pays (`mlassets
--version`, and importing huggingface_hub's HfApi), and the same first sync and re-sync through
the Python API in one warm process (`mlassets.workflows.sync.sync`), where start-up is paid once.

Usage: .venv/bin/python bench/sync_bench.py [--assets 200] [--latency 0.05] [--jobs N]
(without --jobs, the command's default)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import BIN, REPO, machine, median_wall

sys.path.insert(0, str(REPO))
from tests.fakehub.server import FakeHub, RunningHub  # noqa: E402

LOOP = """
import sys
from huggingface_hub import HfApi, hf_hub_download
api = HfApi()
for name in sys.argv[1:]:
    info = api.model_info(name, files_metadata=True)
    hf_hub_download(name, "README.md", revision=info.sha)
"""

# First sync and re-sync through the Python API in one process; prints both wall times as JSON.
WARM = """
import json, sys, time
from pathlib import Path
from huggingface_hub import HfApi
from mlassets.documents.project import load_project
from mlassets.workflows.sync import sync
project = load_project(Path("mlassets.yaml"))
walls = []
for _ in range(2):
    start = time.perf_counter()
    report = sync(project, Path("manifests"), Path("mlassets.lock"))
    walls.append(time.perf_counter() - start)
    assert not report.failed, report.failed
print(json.dumps(walls))
"""


def make_repos(root: Path, count: int) -> list[str]:
    names = []
    for i in range(count):
        name = f"bench/model-{i:04d}"
        folder = root / "models" / name
        folder.mkdir(parents=True)
        sha = hashlib.sha1(name.encode()).hexdigest()
        (folder / "README.md").write_text(
            f"---\nlicense: apache-2.0\npipeline_tag: text-classification\n---\n\n# {name}\n"
        )
        repo = {
            "branches": {"main": sha},
            "commits": {
                sha: {"lastModified": "2026-01-01T00:00:00Z", "files": {"README.md": "README.md"}}
            },
        }
        (folder / "repo.json").write_text(json.dumps(repo))
        names.append(name)
    return names


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--assets", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    print(machine())
    python = str(BIN / "python")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        names = make_repos(root / "data", args.assets)
        hub = FakeHub(data=root / "data", latency=args.latency)
        with RunningHub(hub) as running:

            def env(home: str) -> dict[str, str]:
                return {
                    **os.environ,
                    "HF_ENDPOINT": running.url,
                    "HF_HOME": str(root / home),
                    "HF_HUB_DISABLE_TELEMETRY": "1",
                    "NO_PROXY": "127.0.0.1,localhost",
                }

            def cards() -> int:
                return hub.count(contains="README.md")

            def project(name: str) -> Path:
                folder = root / name
                folder.mkdir()
                (folder / "mlassets.yaml").write_text(
                    "assets:\n" + "".join(f"  - ref: hf://{n}\n" for n in names)
                )
                return folder

            start = time.perf_counter()
            subprocess.run([python, "-c", LOOP, *names], env=env("loop"), check=True)
            loop = time.perf_counter() - start
            loop_cards = cards()
            print(f"sequential huggingface_hub loop: {loop:.2f} s, {loop_cards} card requests")

            command = project("project")
            sync = [str(BIN / "mlassets"), "sync"]
            if args.jobs is not None:
                sync += ["--jobs", str(args.jobs)]
            label = " ".join(["mlassets", *sync[1:]])
            before = cards()
            start = time.perf_counter()
            subprocess.run(
                sync, cwd=command, env=env("sync"), check=True, stdout=subprocess.DEVNULL
            )
            first = time.perf_counter() - start
            first_cards = cards() - before
            print(
                f"{label}: {first:.2f} s, {first_cards} card requests, "
                f"{loop / first:.1f}x faster than the loop"
            )
            before, requests = cards(), len(hub.requests)
            start = time.perf_counter()
            subprocess.run(
                sync, cwd=command, env=env("sync"), check=True, stdout=subprocess.DEVNULL
            )
            again = time.perf_counter() - start
            print(
                f"re-sync, nothing changed: {again:.2f} s, {cards() - before} card requests, "
                f"{len(hub.requests) - requests} requests in all, "
                f"{first / again:.1f}x faster than the first sync"
            )

            version, _ = median_wall([str(BIN / "mlassets"), "--version"], runs=5)
            hf_import, _ = median_wall([python, "-c", "from huggingface_hub import HfApi"], 5)
            print(
                f"start-up, median of 5: mlassets --version {version * 1000:.0f} ms; "
                f"python -c 'from huggingface_hub import HfApi' {hf_import * 1000:.0f} ms"
            )

            library = project("library")
            before = cards()
            done = subprocess.run(
                [python, "-c", WARM],
                cwd=library,
                env=env("library"),
                check=True,
                capture_output=True,
                text=True,
            )
            warm_first, warm_again = json.loads(done.stdout)
            print(
                f"Python API in one process: first sync {warm_first:.2f} s, re-sync "
                f"{warm_again:.3f} s ({warm_first / warm_again:.1f}x), "
                f"{cards() - before} card requests"
            )


if __name__ == "__main__":
    main()
