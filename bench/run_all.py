"""Run the quick benchmarks (`make bench`): validate, licenses, the hook, the catalog, sync and
sync's commit.

The long ones run on their own: select_quality.py, select_scale.py, team_catalog_bench.py,
license_scaling.py and license_eval.py (each says how in docs/benchmarks.md).
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
for script in (
    "validate_bench.py",
    "license_bench.py",
    "hook_bench.py",
    "catalog_bench.py",
    "sync_bench.py",
    "sync_commit_bench.py",
):
    print(f"== {script}", flush=True)
    sys.argv = [script]
    runpy.run_path(str(HERE / script), run_name="__main__")
