"""How the license checks scale: the lineage walk on merge DAGs and deep chains, and the
normaliser on long values. Each figure is one run; doubling the input should double the time.

    .venv/bin/python bench/license_scaling.py
"""

from __future__ import annotations

import time
from collections.abc import Callable

from mlassets.licenses import Node, check_lineage, conclude_text, normalize_license


def timed(label: str, run: Callable[[], object]) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    run()
    wall, used = time.perf_counter() - start, time.process_time() - cpu
    print(f"{label}: {wall:.3f} s (cpu {used:.3f} s)")


def merge_dag(width: int, depth: int) -> tuple[Node, dict[str, Node]]:
    layers = [[f"hf://acme/l{k}-{j}" for j in range(width)] for k in range(depth + 1)]
    nodes = {}
    for k, layer in enumerate(layers):
        parents = tuple((p, "merge") for p in layers[k + 1]) if k < depth else ()
        nodes |= {i: Node(i, "model", "MIT", parents) for i in layer}
    return Node("hf://acme/top", "model", "MIT", tuple((p, "merge") for p in layers[0])), nodes


def chain(depth: int) -> tuple[Node, dict[str, Node]]:
    nodes = {
        f"m{i}": Node(f"m{i}", "model", "Apache-2.0", ((f"m{i + 1}", "finetune"),))
        for i in range(1, depth)
    }
    nodes[f"m{depth}"] = Node(f"m{depth}", "model", "CC-BY-NC-4.0")
    return Node("m0", "model", "MIT", (("m1", "finetune"),)), nodes


def main() -> int:
    normalize_license("Apache License 2.0 or MIT")  # load the reference data outside timings
    for width, depth in ((3, 16), (3, 32), (3, 64)):
        root, nodes = merge_dag(width, depth)
        timed(
            f"lineage: merge DAG {width} wide, {depth} deep ({len(nodes)} manifests)",
            lambda root=root, nodes=nodes: check_lineage(root, nodes.get),
        )
    for depth in (5_000, 10_000):
        root, nodes = chain(depth)
        timed(
            f"lineage: chain {depth} deep",
            lambda root=root, nodes=nodes: check_lineage(root, nodes.get),
        )
    unit = "This dataset is released under the MIT license; parts are CC BY 4.0 (see NOTICE). "
    for size in (30_000, 60_000, 120_000):
        text = (unit * (size // len(unit) + 1))[:size]
        timed(f"normalize: {size // 1000} KB value", lambda text=text: normalize_license(text))
    for words in (150_000, 300_000):
        text = "The data was collected from many web sites and is released under MIT. " * (
            words // 13
        )
        timed(f"conclude_text: {words:,} words", lambda text=text: conclude_text(text))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
