"""Synthetic manifests whose field distributions follow the corpus: seeded and deterministic.

The corpus cards (../shared/corpus) are curated in memory; from them the generator takes the share
of models and datasets, and the frequencies of tasks, concluded licenses (with their
classification), languages, libraries, tags, title and description words, base-model relations,
the share of models with a base model, with training datasets and with evaluation results.
Base models and datasets point at assets generated earlier, so lineage chains form; one base in
ten is one of the first hundred models (popular foundations, so fan-outs are wide), and one in
twenty is an asset that is not generated (a dangling node).

    .venv/bin/python bench/catalog_gen.py N OUT_DIR [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import corpus_cards

from mlassets.core.refs import AssetRef
from mlassets.documents.card import read_card
from mlassets.manifests.build import from_card

_WORD = re.compile(r"[a-z][a-z0-9-]{2,}")


@dataclass
class Profile:
    kinds: Counter[str] = field(default_factory=Counter)
    tasks: dict[str, Counter[str]] = field(default_factory=dict)
    licenses: dict[str, Counter[str]] = field(default_factory=dict)
    classification: dict[str, dict[str, Any]] = field(default_factory=dict)
    languages: Counter[str] = field(default_factory=Counter)
    libraries: Counter[str] = field(default_factory=Counter)
    tags: Counter[str] = field(default_factory=Counter)
    words: Counter[str] = field(default_factory=Counter)
    relations: Counter[str] = field(default_factory=Counter)
    metric_types: Counter[str] = field(default_factory=Counter)
    with_base: float = 0.0
    with_datasets: float = 0.0
    with_metrics: float = 0.0


def profile() -> Profile:
    result = Profile()
    models = based = trained = evaluated = 0
    for path in corpus_cards():
        card = read_card(path)
        data = from_card(card, AssetRef("local", None, str(path)), "2026-01-01T00:00:00Z")
        kind = data.kind.value
        result.kinds[kind] += 1
        result.tasks.setdefault(kind, Counter())[data.task or ""] += 1
        concluded = data.license.concluded
        result.licenses.setdefault(kind, Counter())[concluded] += 1
        result.classification[concluded] = data.license.classification.to_json()
        result.languages.update(data.languages[:3])
        if data.library:
            result.libraries[data.library] += 1
        result.tags.update(data.tags[:8])
        text = f"{data.title or ''} {data.description or ''}".lower()
        result.words.update(_WORD.findall(text))
        result.metric_types.update(m.type for m in data.metrics)
        if kind == "model":
            models += 1
            based += bool(data.base_models)
            trained += bool(data.datasets)
            evaluated += bool(data.metrics)
            result.relations.update(
                b.relation.value if b.relation else "finetune" for b in data.base_models
            )
    # The corpus cards predate the Hub's base_model field (none of them declares one). Today about
    # a third of Hub models do: the generator assumes 30% and these relation shares when the
    # corpus has nothing to say.
    result.with_base = based / max(models, 1) or 0.3
    if not result.relations:
        result.relations.update({"finetune": 60, "adapter": 20, "quantized": 15, "merge": 5})
    result.with_datasets = trained / max(models, 1)
    result.with_metrics = evaluated / max(models, 1)
    return result


_TABLES: dict[int, tuple[list[str], list[float]]] = {}


def _pick(rng: random.Random, counts: Counter[str], k: int = 1) -> list[str]:
    """`k` draws weighted by `counts` (the cumulative weights are computed once per Counter)."""
    table = _TABLES.get(id(counts))
    if table is None:
        keys = list(counts)
        total, cumulative = 0.0, []
        for key in keys:
            total += counts[key]
            cumulative.append(total)
        table = _TABLES[id(counts)] = (keys, cumulative)
    return rng.choices(table[0], cum_weights=table[1], k=k)


def generate(n: int, out: Path, seed: int = 7) -> list[str]:
    """Write `n` manifests under `out` (1,000 per folder); return their ids in order."""
    rng = random.Random(seed)
    _TABLES.clear()  # keyed by id(): a new profile's Counters may reuse an old one's id
    prof = profile()
    vocabulary = Counter(dict(prof.words.most_common(3000)))
    ids: list[str] = []
    models: list[str] = []
    datasets: list[str] = []
    for i in range(n):
        kind = _pick(rng, prof.kinds)[0]
        org = f"org{rng.randrange(max(n // 20, 1)):05d}"
        title = "-".join(_pick(rng, vocabulary, rng.randint(1, 3)))
        asset_id = f"hf://{'datasets/' if kind == 'dataset' else ''}{org}/{title}-{i}"
        task = _pick(rng, prof.tasks[kind])[0] or None
        concluded = _pick(rng, prof.licenses[kind])[0]
        manifest: dict[str, Any] = {
            "schema_version": 1,
            "id": asset_id,
            "kind": kind,
            "source": "huggingface",
            "revision": f"{rng.getrandbits(160):040x}",
            "card_sha256": f"{rng.getrandbits(256):064x}",
            "fetched_at": "2026-01-01T00:00:00Z",
            "title": title,
            "description": " ".join(_pick(rng, vocabulary, rng.randint(5, 40))),
            "license": {
                "declared": [] if concluded == "NOASSERTION" else [concluded.lower()],
                "concluded": concluded,
                "findings": [],
                "classification": prof.classification[concluded],
                "lineage": None,
            },
            "task": task,
            "languages": sorted(set(_pick(rng, prof.languages, rng.randint(0, 2)))),
            "datasets": [],
            "base_models": [],
            "metrics": [],
            "files": [
                {
                    "path": "model.safetensors",
                    "size": int(rng.lognormvariate(19, 2)),
                    "sha256": None,
                }
            ],
            "tags": sorted(set(_pick(rng, prof.tags, rng.randint(0, 5)))),
            "library": _pick(rng, prof.libraries)[0]
            if kind == "model" and prof.libraries
            else None,
            "gated": False,
            "last_modified": None,
            "findings": [],
        }
        if kind == "model":
            if models and rng.random() < prof.with_base:
                # Popularity is heavy-tailed: one pick in ten goes to the first hundred models
                # (the foundation models everyone fine-tunes); one in twenty names a model that
                # is not generated (a dangling reference).
                roll = rng.random()
                if roll < 0.05:
                    base = f"hf://ghost/model-{i}"
                elif roll < 0.15:
                    base = rng.choice(models[:100])
                else:
                    base = rng.choice(models[-5000:])
                manifest["base_models"] = [
                    {
                        "id": base,
                        "relation": _pick(rng, prof.relations)[0] if prof.relations else "finetune",
                    }
                ]
            if datasets and rng.random() < prof.with_datasets:
                manifest["datasets"] = sorted(
                    set(rng.choices(datasets[-5000:], k=rng.randint(1, 2)))
                )
            if datasets and rng.random() < prof.with_metrics and prof.metric_types:
                on = rng.choice(datasets[-5000:]).removeprefix("hf://datasets/")
                manifest["metrics"] = [
                    {
                        "model": title,
                        "task": task,
                        "dataset": on,
                        "dataset_config": None,
                        "split": None,
                        "type": _pick(rng, prof.metric_types)[0],
                        "name": None,
                        "value": round(rng.random(), 4),
                    }
                ]
            models.append(asset_id)
        else:
            datasets.append(asset_id)
        folder = out / f"{i // 1000:05d}"
        if i % 1000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i:07d}.json").write_text(json.dumps(manifest, sort_keys=True))
        ids.append(asset_id)
    return ids


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    generate(args.n, args.out, args.seed)


if __name__ == "__main__":
    main()
