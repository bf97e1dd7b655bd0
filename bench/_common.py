"""Helpers shared by the benchmark scripts: timing child processes and building card sets."""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
BIN = Path(os.environ.get("VIRTUAL_ENV", REPO / ".venv")) / "bin"


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """Wall seconds, exit code and peak RSS (KiB) of one child process."""
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    return wall, done.returncode, _peak_rss_kib_of_last_child()


def _peak_rss_kib_of_last_child() -> int:
    # RUSAGE_CHILDREN reports the largest child so far; run each measured command in its own
    # wrapper process (see `peak_rss`) when several commands share one script.
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def peak_rss_kib(cmd: list[str], cwd: Path | None = None) -> int:
    """Peak RSS of `cmd` and its children, measured in a fresh wrapper process."""
    wrapper = (
        "import resource,subprocess,sys;"
        "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [str(BIN / "python"), "-c", wrapper, *cmd],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(done.stdout.strip())


def median_wall(cmd: list[str], runs: int, cwd: Path | None = None) -> tuple[float, float]:
    """Median and minimum wall seconds over `runs` runs (after one warm-up run)."""
    timed(cmd, cwd)
    walls = [timed(cmd, cwd)[0] for _ in range(runs)]
    return statistics.median(walls), min(walls)


def alternating_walls(
    commands: dict[str, list[str]], runs: int, cwd: Path | None = None
) -> dict[str, tuple[float, float]]:
    """Median and minimum wall seconds of each command, the commands run in turn in each of
    `runs` rounds (after one warm-up round), so that drifting load falls on all of them.
    The median CPU seconds (user + system) of each command are kept in `LAST_CPU`: on a machine
    shared with other work they vary less than wall times."""
    for cmd in commands.values():
        timed(cmd, cwd)
    walls: dict[str, list[float]] = {label: [] for label in commands}
    cpus: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, cmd in commands.items():
            before = _children_cpu()
            walls[label].append(timed(cmd, cwd)[0])
            cpus[label].append(_children_cpu() - before)
    LAST_CPU.clear()
    LAST_CPU.update({label: statistics.median(c) for label, c in cpus.items()})
    return {label: (statistics.median(w), min(w)) for label, w in walls.items()}


LAST_CPU: dict[str, float] = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def card_schemas() -> dict[str, str]:
    """The built-in card schema for each kind folder ("models", "datasets")."""
    return {
        k: str(REPO / "src" / "mlassets" / "schemas" / f"hub-{k[:-1]}-card.schema.json")
        for k in ("models", "datasets")
    }


def ms(median: float, best: float) -> str:
    """A median and a minimum in seconds, printed in milliseconds."""
    return f"median {median * 1000:.0f} ms (min {best * 1000:.0f} ms)"


def machine() -> str:
    import platform

    return (
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )


def corpus_cards() -> list[Path]:
    if not CORPUS.is_dir():
        raise SystemExit("the benchmarks read ../shared/corpus, which is not present")
    return sorted(p for p in CORPUS.rglob("*.md") if p.name != "README.md")


def repeated_cards(target: Path, count: int) -> list[Path]:
    """`count` card files in `target/cards`, the corpus cards repeated (kind kept in the path)."""
    cards = corpus_cards()
    out = target / "cards"
    if out.exists():
        shutil.rmtree(out)
    written = []
    for i in range(count):
        source = cards[i % len(cards)]
        kind = "datasets" if source.parent.name == "datasets" else "models"
        dest = out / kind / f"{i:05d}-{source.name}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
        written.append(dest)
    return written


def _tree_rss_kib(root: int) -> int:
    """Sum of VmRSS over `root` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [c for c, p in parents.items() if p == pid and c not in tree]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


def wall_and_tree_peak(cmd: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """Wall seconds, exit code, and peak summed RSS (KiB) of the whole process tree (sampled
    every 20 ms, so very short spikes can be missed)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss_kib(proc.pid))
        time.sleep(0.02)
    return time.perf_counter() - start, proc.returncode, peak
