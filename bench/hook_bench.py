"""Benchmark: the pre-commit hook path, beside check-jsonschema, in the same run.

pre-commit runs the hook's entry with the staged file names as arguments, so this does the same:
1. one card, cold process: `mlassets validate CARD` (and `mlassets license-check CARD`) versus
   `check-jsonschema --schemafile hub-model-card.schema.json CARD.yaml`, median of `--runs`;
2. 1,000 cards named on the command line: `mlassets validate F1 ... F1000` versus check-jsonschema
   on the same front matter, extracted to YAML, with the same schemas (one run per card kind,
   summed), median of `--runs`.

The hook runs in the environment pre-commit builds: mlassets and its dependencies only, none of
the dev tools (check-jsonschema pulls extra format-checking modules into .venv that jsonschema then
imports). So mlassets is measured in such an environment, built by this script in a temporary
directory with `pip install .` (`--venv-mlassets` measures .venv's instead).

Usage: .venv/bin/python bench/hook_bench.py [--cards 1000] [--runs 10] [--venv-mlassets]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import BIN, REPO, card_schemas, machine, median_wall, ms, repeated_cards
from validate_bench import extract_front_matter


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--venv-mlassets", action="store_true", help="measure .venv's mlassets")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as hook_env:
        if args.venv_mlassets:
            mlassets = str(BIN / "mlassets")
        else:
            subprocess.run([sys.executable, "-m", "venv", hook_env], check=True)
            pip = [f"{hook_env}/bin/python", "-m", "pip", "install", "--quiet", str(REPO)]
            subprocess.run(pip, check=True)
            mlassets = f"{hook_env}/bin/mlassets"
        print(f"mlassets: {mlassets}")
        run(args, mlassets)


def run(args: argparse.Namespace, mlassets: str) -> None:
    cjs = str(BIN / "check-jsonschema")
    schema = card_schemas()
    print(machine())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cards = repeated_cards(root, args.cards)
        yaml_files = extract_front_matter(cards, root / "yaml")
        kind = "models" if yaml_files["models"] else "datasets"
        one_yaml = yaml_files[kind][0]
        one = next(c for c in cards if c.stem == one_yaml.stem)

        runs = 3 * args.runs
        print(f"one card, cold, {runs} runs:")
        print(
            f"  mlassets validate       {ms(*median_wall([mlassets, 'validate', str(one)], runs))}"
        )
        print(
            "  mlassets license-check  "
            f"{ms(*median_wall([mlassets, 'license-check', str(one)], runs))}"
        )
        cjs_one = [cjs, "--schemafile", schema[kind], str(one_yaml)]
        print(f"  check-jsonschema        {ms(*median_wall(cjs_one, runs))}")

        print(f"{len(cards)} cards named on the command line, {args.runs} runs:")
        ours = median_wall([mlassets, "validate", *map(str, cards)], args.runs)
        print(f"  mlassets validate       {ms(*ours)}")
        theirs = 0.0
        for kind, files in yaml_files.items():
            if files:
                theirs += median_wall(
                    [cjs, "--schemafile", schema[kind], *map(str, files)], args.runs
                )[0]
        n_yaml = sum(len(v) for v in yaml_files.values())
        print(f"  check-jsonschema        median {theirs * 1000:.0f} ms ({n_yaml} files, 2 runs)")
        print(f"  speed-up: {theirs / ours[0]:.1f}x")


if __name__ == "__main__":
    main()
