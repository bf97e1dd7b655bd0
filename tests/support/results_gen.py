"""Generated evaluation results for the catalog's results and select tests: each dataset has
an ease and each model a skill, and a value is 0.4 + ease + 0.3 skill + noise, rounded."""

from __future__ import annotations

import random

from mlassets.selection.records import Result


def generated_results(
    datasets: list[str], models: int, per: int, seed: int, digits: int, fetched_at: str = ""
) -> list[Result]:
    """`per` accuracy results on each dataset, of models m0..m{models-1} drawn at random."""
    rng = random.Random(seed)
    skill = [rng.random() for _ in range(models)]
    out = []
    for dataset in datasets:
        ease = rng.random() * 0.3
        for model in rng.sample(range(models), per):
            value = round(0.4 + ease + 0.3 * skill[model] + rng.gauss(0, 0.02), digits)
            out.append(Result(f"m{model}", dataset, "accuracy", value, fetched_at=fetched_at))
    return out
