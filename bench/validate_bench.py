"""Benchmark: `mlassets validate` against check-jsonschema, in the same run.

1. 10,000 cards (the corpus cards repeated): `mlassets validate DIR` versus check-jsonschema on
   the same front matter extracted to YAML files, against the same schemas (the model-card schema
   for model cards, the dataset-card schema for dataset cards: two check-jsonschema runs, summed).
2. One card, cold process: median wall time of `mlassets validate CARD` versus
   `check-jsonschema --schemafile ... CARD.yaml`.

Usage: .venv/bin/python bench/validate_bench.py [--cards 10000] [--runs 20]
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from _common import BIN, card_schemas, machine, median_wall, ms, repeated_cards, wall_and_tree_peak

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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    mlassets = str(BIN / "mlassets")
    cjs = str(BIN / "check-jsonschema")
    schema = card_schemas()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cards = repeated_cards(root, args.cards)
        yaml_files = extract_front_matter(cards, root / "yaml")
        n_yaml = sum(len(v) for v in yaml_files.values())

        wall, code, peak = wall_and_tree_peak([mlassets, "validate", str(root / "cards")])
        print(
            f"mlassets validate, {len(cards)} cards: {wall:.2f} s wall, exit {code}, "
            f"peak RSS of the process tree {peak / 1024:.0f} MiB"
        )
        wall1, code1, peak1 = wall_and_tree_peak(
            [mlassets, "validate", "--jobs", "1", str(root / "cards")]
        )
        print(
            f"mlassets validate --jobs 1, {len(cards)} cards: {wall1:.2f} s wall, exit {code1}, "
            f"peak RSS {peak1 / 1024:.0f} MiB"
        )
        cjs_wall = 0.0
        for kind, files in yaml_files.items():
            if files:
                w, _, _ = wall_and_tree_peak([cjs, "--schemafile", schema[kind], *map(str, files)])
                cjs_wall += w
        print(f"check-jsonschema, {n_yaml} extracted front matters: {cjs_wall:.2f} s wall")
        print(f"speed-up: {cjs_wall / wall:.1f}x")

        one = cards[0]
        one_yaml = yaml_files["models"][0] if yaml_files["models"] else yaml_files["datasets"][0]
        med, best = median_wall([mlassets, "validate", str(one)], args.runs)
        print(f"mlassets validate, one card, cold: {ms(med, best)}")
        med, best = median_wall([cjs, "--schemafile", schema["models"], str(one_yaml)], args.runs)
        print(f"check-jsonschema, one file, cold: {ms(med, best)}")


if __name__ == "__main__":
    main()
