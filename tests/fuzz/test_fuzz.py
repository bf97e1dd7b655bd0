"""A short, seeded, bounded atheris pass over both fuzz targets (`make fuzz` runs longer ones).

Each run is a subprocess (libFuzzer owns its process). New inputs go to a temporary corpus,
never into the checked-in seeds; a crash leaves its input in the test's temporary directory and
its traceback in the failure message.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

SEEDS = Path(__file__).parent / "seeds"
REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None,
    reason="atheris is not installed for this Python (the dev extra installs it where PyPI has "
    "a wheel: CPython 3.11-3.13 on Linux)",
)


def fuzz(target: str, tmp_path: Path, runs: int = 4000) -> subprocess.CompletedProcess[str]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.fuzz.fuzz_targets",
            target,
            f"-runs={runs}",
            "-seed=1",
            "-max_total_time=60",
            "-print_final_stats=0",
            f"-artifact_prefix={tmp_path}/",
            str(corpus),
            str(SEEDS / target),
        ],  # fmt: skip
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_normalize_license_survives_a_fuzzing_pass(tmp_path: Path) -> None:
    result = fuzz("license", tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Done" in result.stderr


def test_parse_card_survives_a_fuzzing_pass(tmp_path: Path) -> None:
    result = fuzz("card", tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
