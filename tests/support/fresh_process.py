"""Run the CLI's `main` in a fresh interpreter and say which of some modules it loaded: what
the hook's start costs is what a command imports, so the tests assert on that."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

_PROBE = """\
import json, sys
from mlassets.cli import main
argv, watched = json.loads(sys.argv[1]), json.loads(sys.argv[2])
try:
    code = main(argv)
except SystemExit as exit:
    code = exit.code
loaded = sorted(m for m in sys.modules if any(m == w or m.startswith(w + ".") for w in watched))
print("\\n" + json.dumps({"code": code, "loaded": loaded}))
"""


@dataclass(frozen=True)
class FreshRun:
    code: object  # what `main` returned or exited with
    loaded: list[str]  # the watched modules (or their submodules) that were imported
    stdout: str  # the command's own output, without the probe's last line
    stderr: str


def run_main(argv: list[str], watched: tuple[str, ...], cwd: Path | None = None) -> FreshRun:
    """`mlassets ARGV` through `main` in a new Python process; `watched` are module names, each
    counting with its submodules."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(argv), json.dumps(list(watched))],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )
    output, _, last = done.stdout.rstrip("\n").rpartition("\n")
    try:
        probe = json.loads(last)
    except ValueError:
        raise AssertionError(f"the probe did not finish: {done.stdout}{done.stderr}") from None
    return FreshRun(probe["code"], probe["loaded"], output, done.stderr)
