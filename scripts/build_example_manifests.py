"""Write examples/manifests: the upstream assets that the example cards name as base models and
training data, fetched from the loopback fake hub (tests/fakehub) with the real clients.

    python scripts/build_example_manifests.py          # rewrite them
    python scripts/build_example_manifests.py --check  # exit 1 when stale (a test runs this)

`make demo` then checks the example cards' lineage offline against these manifests.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "examples" / "manifests"
REFS = [
    "hf://meta-llama/Llama-2-7b-hf",
    "hf://acme/encoder-base",
    "hf://datasets/acme/product-reviews",
    "hf://datasets/acme/support-chats-nc",
]


def fetch_into(directory: Path) -> None:
    sys.path.insert(0, str(REPO))
    from tests.fakehub.server import RunningHub

    with RunningHub() as hub, tempfile.TemporaryDirectory() as home:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("HF_", "MLASSETS_"))},
            "HF_ENDPOINT": hub.url,
            "HF_HOME": str(Path(home) / "hf"),
            "HF_HUB_DISABLE_TELEMETRY": "1",
            "SOURCE_DATE_EPOCH": "1767225600",
            "NO_PROXY": "127.0.0.1,localhost",
        }
        command = [sys.executable, "-m", "mlassets", "fetch", *REFS, "--out", str(directory)]
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)


def main() -> int:
    if "--check" not in sys.argv:
        fetch_into(TARGET)
        return 0
    with tempfile.TemporaryDirectory() as fresh:
        fetch_into(Path(fresh))
        expected = {p.name: p.read_bytes() for p in Path(fresh).glob("*.json")}
    committed = {p.name: p.read_bytes() for p in TARGET.glob("*.json")}
    if expected != committed:
        print(
            "examples/manifests is stale: run scripts/build_example_manifests.py", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
