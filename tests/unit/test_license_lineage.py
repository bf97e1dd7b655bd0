"""The lineage walk (issue 12, part 6): any depth, linear in the graph, cycles reported, and
derivatives that drop use restrictions are errors."""

from __future__ import annotations

from collections import Counter

import pytest

from mlassets.core.findings import Severity
from mlassets.licenses import Node, check_lineage

LLAMA = "LicenseRef-scancode-llama-2-license-2023"
GEMMA = "LicenseRef-hf-gemma"


class Graph:
    """Resolves ids to nodes and counts how often each is asked for."""

    def __init__(self, *nodes: Node) -> None:
        self.nodes = {n.id: n for n in nodes}
        self.calls: Counter[str] = Counter()

    def __call__(self, identifier: str) -> Node | None:
        self.calls[identifier] += 1
        return self.nodes.get(identifier)


def codes(verdict) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return sorted((f.code, f.severity.value) for f in verdict.findings)


def test_no_depth_limit_drops_an_ancestor() -> None:
    depth = 40
    chain = [
        Node(f"hf://acme/m{i}", "model", "MIT", ((f"hf://acme/m{i + 1}", "finetune"),))
        for i in range(depth)
    ]
    bottom = Node(f"hf://acme/m{depth}", "model", "CC-BY-NC-4.0")
    verdict = check_lineage(chain[0], Graph(*chain, bottom))
    assert len(verdict.ancestors) == depth and verdict.ancestors[-1] == bottom.id
    laundering = [f for f in verdict.findings if f.code == "G101"]
    assert len(laundering) == 1 and laundering[0].severity is Severity.ERROR
    assert "more" in laundering[0].message  # a long path is described with its middle elided


def merge_dag(width: int, depth: int, license_id: str = "MIT") -> tuple[Node, Graph]:
    """Every model of layer k merges every model of layer k+1."""
    layers = [[f"hf://acme/l{k}-{j}" for j in range(width)] for k in range(depth + 1)]
    nodes = []
    for k, layer in enumerate(layers):
        parents = tuple((p, "merge") for p in layers[k + 1]) if k < depth else ()
        nodes += [Node(i, "model", license_id, parents) for i in layer]
    root = Node("hf://acme/top", "model", "MIT", tuple((p, "merge") for p in layers[0]))
    return root, Graph(*nodes)


def test_a_merge_dag_is_walked_once_per_manifest() -> None:
    root, graph = merge_dag(width=3, depth=16)  # 51 manifests, 3**17 paths
    verdict = check_lineage(root, graph)
    assert len(verdict.ancestors) == 51
    assert set(graph.calls.values()) == {1}  # each manifest resolved once
    assert verdict.findings == ()


def test_a_restricted_license_deep_in_a_dag_is_reported_once() -> None:
    root, graph = merge_dag(width=3, depth=10)
    graph.nodes["hf://acme/l10-1"] = Node("hf://acme/l10-1", "model", LLAMA)
    verdict = check_lineage(root, graph)
    assert codes(verdict) == [("G104", "error")]


def test_cycles_are_reported_not_followed() -> None:
    root = Node("hf://acme/a", "model", "MIT", (("hf://acme/b", "finetune"),))
    graph = Graph(
        Node("hf://acme/b", "model", "MIT", (("hf://acme/c", "finetune"),)),
        Node("hf://acme/c", "model", "MIT", (("hf://acme/b", "merge"),)),
    )
    verdict = check_lineage(root, graph)
    assert codes(verdict) == [("G107", "warning")]
    assert "hf://acme/c (finetune, MIT) → hf://acme/b" in verdict.findings[0].message


@pytest.mark.parametrize("relation", ["finetune", "adapter", "merge", "quantized"])
def test_a_derivative_that_drops_use_restrictions_is_an_error(relation: str) -> None:
    root = Node("hf://acme/x", "model", "Apache-2.0", (("hf://google/gemma", relation),))
    verdict = check_lineage(root, Graph(Node("hf://google/gemma", "model", GEMMA)))
    assert codes(verdict) == [("G104", "error")]
    assert not any(
        f.severity is Severity.ERROR
        for f in check_lineage(
            Node(
                "hf://acme/x",
                "model",
                f"{GEMMA} AND Apache-2.0",
                (("hf://google/gemma", relation),),
            ),
            Graph(Node("hf://google/gemma", "model", GEMMA)),
        ).findings
    )


def test_a_quantized_copy_that_keeps_the_license_passes() -> None:
    root = Node("hf://acme/q4", "model", LLAMA, (("hf://meta/llama", "quantized"),))
    verdict = check_lineage(root, Graph(Node("hf://meta/llama", "model", LLAMA)))
    assert verdict.to_json()["verdict"] == "notice"
    assert codes(verdict) == [("G104", "notice")]


def test_an_or_does_not_carry_a_share_alike_base() -> None:
    root = Node("hf://acme/x", "model", "MIT OR CC-BY-SA-4.0", (("hf://acme/sa", "finetune"),))
    verdict = check_lineage(root, Graph(Node("hf://acme/sa", "model", "CC-BY-SA-4.0")))
    assert codes(verdict) == [("G103", "error")]
    root = Node("hf://acme/x", "model", "MIT AND CC-BY-SA-4.0", (("hf://acme/sa", "finetune"),))
    assert check_lineage(root, Graph(Node("hf://acme/sa", "model", "CC-BY-SA-4.0"))).findings == ()


def test_another_restricted_license_is_a_warning_to_check() -> None:
    root = Node("hf://acme/x", "model", LLAMA, (("hf://google/gemma", "finetune"),))
    verdict = check_lineage(root, Graph(Node("hf://google/gemma", "model", GEMMA)))
    assert codes(verdict) == [("G104", "warning")]
