"""Benchmark: `mlassets validate` against check-jsonschema, in the same run.

1. 10,000 cards (the corpus cards repeated): `mlassets validate DIR` versus check-jsonschema on
   the same front matter extracted to YAML files, against the same schemas (the model-card schema
   for model cards, the dataset-card schema for dataset cards: two check-jsonschema runs, summed).
2. One card, cold process: median wall time of `mlassets validate CARD` versus
   `check-jsonschema --schemafile ... CARD.yaml`.

All commands run in turn in each round (`--rounds` for the 10,000-card runs, `--runs` for the
cold start), so that load from other users of the machine falls on all of them alike.
`--against BIN` adds a second mlassets (an earlier commit's, say) to the same rounds.

Usage: .venv/bin/python bench/validate_bench.py [--cards 10000] [--runs 20] [--rounds 3]
       [--mlassets BIN] [--against BIN]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from _common import (
    BIN,
    LAST_CPU,
    alternating_walls,
    card_schemas,
    machine,
    ms,
    repeated_cards,
    wall_and_tree_peak,
)

from mlassets.documents.card import read_card


def extract_front_matter(cards: list[Path], target: Path) -> dict[str, list[Path]]:
    """Write each card's YAML block to a .yaml file, grouped by kind."""
    groups: dict[str, list[Path]] = {"models": [], "datasets": []}
    for card in cards:
        text = card.read_bytes().decode("utf-8", "replace").lstrip("\ufeff")
        lines = text.split("\n")
        parsed = read_card(card)
        if parsed.located is None:
            continue
        first = min(p.line for p in parsed.located.values.values()) - 1
        end = next(
            (i for i in range(first, len(lines)) if lines[i].rstrip("\r") == "---"), len(lines)
        )
        kind = card.parent.name
        dest = target / kind / (card.stem + ".yaml")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text("\n".join(lines[first:end]) + "\n", encoding="utf-8")
        groups[kind].append(dest)
    return groups


CJS = str(BIN / "check-jsonschema")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the 10,000-card runs")
    parser.add_argument("--mlassets", default=str(BIN / "mlassets"))
    parser.add_argument("--against", help="a second mlassets, measured in the same rounds")
    args = parser.parse_args()
    tools = {"mlassets": args.mlassets} | ({"against": args.against} if args.against else {})
    print(machine(), tools)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cards = repeated_cards(root, args.cards)
        yaml_files = extract_front_matter(cards, root / "yaml")
        many(args, tools, root / "cards", yaml_files)
        one = str(cards[0])
        one_yaml = yaml_files["models"][0] if yaml_files["models"] else yaml_files["datasets"][0]
        cold = {f"{name} validate": [path, "validate", one] for name, path in tools.items()}
        cold["check-jsonschema"] = [CJS, "--schemafile", card_schemas()["models"], str(one_yaml)]
        for label, (med, best) in alternating_walls(cold, args.runs).items():
            print(f"{label}, one card, cold: {ms(med, best)}, cpu {LAST_CPU[label] * 1000:.0f} ms")


def many(
    args: argparse.Namespace, tools: dict[str, str], cards: Path, yaml_files: dict[str, list[Path]]
) -> None:
    """The whole directory, with and without worker processes, against check-jsonschema."""
    commands = {name: [path, "validate", str(cards)] for name, path in tools.items()}
    commands |= {
        f"{name} --jobs 1": [path, "validate", "--jobs", "1", str(cards)]
        for name, path in tools.items()
    }
    schema = card_schemas()
    for kind, files in yaml_files.items():
        if files:
            commands[f"cjs {kind}"] = [CJS, "--schemafile", schema[kind], *map(str, files)]
    results: dict[str, list[tuple[float, int]]] = {label: [] for label in commands}
    for _ in range(args.rounds):  # in turn, so drifting load falls on all alike
        for label, cmd in commands.items():
            wall, _code, peak = wall_and_tree_peak(cmd)
            results[label].append((wall, peak))
    cjs_wall = sum(median(results[k]) for k in results if k.startswith("cjs "))
    n_cards = sum(1 for _ in cards.rglob("*.md"))
    for label, rows in results.items():
        if not label.startswith("cjs "):
            peak = max(p for _, p in rows) / 1024
            print(
                f"{label}, {n_cards} cards: median {median(rows):.2f} s of "
                f"{args.rounds}, peak RSS of the process tree {peak:.0f} MiB"
            )
    n_yaml = sum(len(v) for v in yaml_files.values())
    print(f"check-jsonschema, {n_yaml} extracted front matters: median {cjs_wall:.2f} s")
    print(f"speed-up: {cjs_wall / median(results['mlassets']):.1f}x")


def median(rows: list[tuple[float, int]]) -> float:
    return statistics.median(wall for wall, _ in rows)


if __name__ == "__main__":
    main()
