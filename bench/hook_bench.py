"""Benchmark: the pre-commit hook path, beside check-jsonschema, in the same run.

pre-commit runs the hook's entry with the staged file names as arguments, so this does the same:
1. one card, cold process: `mlassets validate CARD` (and `mlassets license-check CARD`, and
   `validate` on a card whose body states its license, as half the corpus cards do) versus
   `check-jsonschema --schemafile hub-model-card.schema.json CARD.yaml`;
2. 1,000 cards named on the command line: `mlassets validate F1 ... F1000` versus check-jsonschema
   on the same front matter, extracted to YAML, with the same schemas (one run per card kind,
   summed).
The commands run in turn within each round (A, B, anchor, A, B, anchor, ...), so that the load
other users put on the machine falls on all of them alike; medians and minimums are printed.

The hook runs in the environment pre-commit builds: mlassets and its dependencies only, none of
the dev tools (check-jsonschema pulls extra format-checking modules into .venv that jsonschema then
imports). So mlassets is measured in such an environment, built by this script in a temporary
directory with `pip install .` (`--mlassets BIN` measures an existing one instead, for example
`.venv/bin/mlassets`). `--against BIN` adds a second mlassets, such as one installed from an
earlier commit, measured in the same rounds: an A/B comparison.

Usage: .venv/bin/python bench/hook_bench.py [--cards 1000] [--runs 10] [--mlassets BIN]
       [--against BIN]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import (
    BIN,
    LAST_CPU,
    REPO,
    alternating_walls,
    card_schemas,
    machine,
    ms,
    repeated_cards,
)
from validate_bench import extract_front_matter

from mlassets.documents.body import license_statements
from mlassets.documents.card import read_card


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--mlassets", help="an installed mlassets to measure (default: build one)")
    parser.add_argument("--against", help="a second mlassets, measured in the same rounds")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as hook_env:
        mlassets = args.mlassets
        if mlassets is None:
            subprocess.run([sys.executable, "-m", "venv", hook_env], check=True)
            pip = [f"{hook_env}/bin/python", "-m", "pip", "install", "--quiet", str(REPO)]
            subprocess.run(pip, check=True)
            mlassets = f"{hook_env}/bin/mlassets"
        tools = {"mlassets": mlassets}
        if args.against:
            tools["against"] = args.against
        for name, path in tools.items():
            print(f"{name}: {path}")
        run(args, tools)


def run(args: argparse.Namespace, tools: dict[str, str]) -> None:
    cjs = str(BIN / "check-jsonschema")
    schema = card_schemas()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cards = repeated_cards(root, args.cards)
        yaml_files = extract_front_matter(cards, root / "yaml")
        kind = "models" if yaml_files["models"] else "datasets"
        one_yaml = yaml_files[kind][0]
        one = str(next(c for c in cards if c.stem == one_yaml.stem))
        # Half the corpus cards state their license in the body too, which costs the license
        # machinery's start-up: such a card is measured beside the first one.
        stating = str(next(c for c in cards if license_statements(read_card(c).body)))

        runs = 3 * args.runs
        commands = {f"{name} validate": [path, "validate", one] for name, path in tools.items()}
        commands |= {
            f"{name} validate, body license": [path, "validate", stating]
            for name, path in tools.items()
        }
        commands |= {
            f"{name} license-check": [path, "license-check", one] for name, path in tools.items()
        }
        commands["check-jsonschema"] = [cjs, "--schemafile", schema[kind], str(one_yaml)]
        print(f"one card, cold, {runs} rounds:")
        for label, (median, best) in alternating_walls(commands, runs).items():
            print(f"  {label:<40}{ms(median, best)}, cpu {LAST_CPU[label] * 1000:.0f} ms")

        print(f"{len(cards)} cards named on the command line, {args.runs} rounds:")
        many = {name: [path, "validate", *map(str, cards)] for name, path in tools.items()}
        for kind_name, files in yaml_files.items():
            if files:
                many[f"cjs {kind_name}"] = [
                    cjs,
                    "--schemafile",
                    schema[kind_name],
                    *map(str, files),
                ]
        walls = alternating_walls(many, args.runs)
        theirs = sum(m for label, (m, _) in walls.items() if label.startswith("cjs "))
        cpu = dict(LAST_CPU)
        for name in tools:
            print(f"  {name + ' validate':<28}{ms(*walls[name])}, cpu {cpu[name] * 1000:.0f} ms")
        n_yaml = sum(len(v) for v in yaml_files.values())
        print(f"  {'check-jsonschema':<28}median {theirs * 1000:.0f} ms ({n_yaml} files, 2 runs)")
        print(f"  speed-up: {theirs / walls['mlassets'][0]:.1f}x")


if __name__ == "__main__":
    main()
