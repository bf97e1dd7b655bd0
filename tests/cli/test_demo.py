"""`make demo` (examples/demo.sh) runs end to end: the README's first command stays true."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def test_the_demo_runs_every_step_offline() -> None:
    venv = Path(sys.executable).parent.parent
    if not (venv / "bin" / "mlassets").exists():
        pytest.skip("the demo runs VENV/bin/mlassets, which `make` creates")
    pytest.importorskip("openml")  # the demo's project declares an OpenML dataset
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "MLASSETS_", "OPENML"))}
    env["MLASSETS_VENV"] = str(venv)  # the interpreter this suite runs on (3.11 or 3.13)
    done = subprocess.run(
        ["bash", "examples/demo.sh"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stderr.rstrip().endswith("demo finished")
    out = REPO / "build" / "demo"
    assert "== 7." in done.stderr
    lock = json.loads((out / "project" / "mlassets.lock").read_text())
    assert len(lock["assets"]) == 7
    bom = json.loads((out / "bom.cdx.json").read_text())
    assert len({c["bom-ref"] for c in bom["components"]}) == len(bom["components"])
