"""License expressions as trees (issue 12, part 1): printing and parsing agree, and policies and
`carries` agree with brute-force evaluators written here, on random expressions."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlassets.licenses import Policy, classify, evaluate
from mlassets.licenses.tree import (
    And,
    Expr,
    ExpressionError,
    Leaf,
    Or,
    all_of,
    any_of,
    carries,
    leaves,
    parse,
    render,
)

# A small pool, so that random expressions repeat licenses and exercise deduplication.
IDS = ["MIT", "Apache-2.0", "GPL-3.0-only", "AGPL-3.0-only", "CC-BY-NC-4.0", "LicenseRef-acme"]
EXCEPTIONS = ["Classpath-exception-2.0", "LLVM-exception"]

leaf = st.builds(Leaf, st.sampled_from(IDS), st.none() | st.sampled_from(EXCEPTIONS))


def _branch(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    parts = st.lists(children, min_size=1, max_size=4)
    return st.one_of(
        parts.map(lambda p: all_of(*p)),
        parts.map(lambda p: any_of(*p)),
    )


expressions = st.recursive(leaf, _branch, max_leaves=12)


@settings(deadline=None)  # no timed assertions: the machine is shared
@given(expressions)
def test_printing_then_parsing_gives_the_same_tree(tree: Expr) -> None:
    assert parse(render(tree)) == tree
    assert render(parse(render(tree))) == render(tree)


@settings(deadline=None)  # no timed assertions: the machine is shared
@given(expressions)
def test_operators_are_flattened_and_deduplicated(tree: Expr) -> None:
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Leaf):
            continue
        assert len(node.parts) >= 2 and len(set(node.parts)) == len(node.parts)
        assert all(type(p) is not type(node) for p in node.parts)
        stack.extend(node.parts)


def brute_force_allowed(tree: Expr, denied: frozenset[str]) -> bool:
    """The expression's truth value over every leaf: a leaf is acceptable unless denied."""
    if isinstance(tree, Leaf):
        return tree.key not in denied
    values = [brute_force_allowed(p, denied) for p in tree.parts]
    return all(values) if isinstance(tree, And) else any(values)


@settings(max_examples=200, deadline=None)
@given(expressions, st.sets(st.sampled_from(IDS), max_size=4))
def test_deny_list_verdicts_agree_with_a_brute_force_evaluator(
    tree: Expr, denied: set[str]
) -> None:
    policy = Policy(deny_licenses=frozenset(denied))  # built by hand, mixed case
    verdict = evaluate(render(tree), policy)
    assert verdict.allowed == brute_force_allowed(tree, frozenset(d.lower() for d in denied))
    assert verdict.expression == render(tree)


policies = st.builds(
    Policy,
    allow_licenses=st.frozensets(st.sampled_from(IDS), max_size=2),
    deny_licenses=st.frozensets(st.sampled_from(IDS), max_size=2),
    allow_categories=st.frozensets(
        st.sampled_from(["permissive", "copyleft", "non-commercial", "unknown"]), max_size=3
    ),
    deny_categories=st.frozensets(st.sampled_from(["copyleft", "non-commercial"]), max_size=1),
    use=st.sampled_from([None, "commercial", "research"]),
)


@settings(max_examples=300, deadline=None)
@given(expressions, policies)
def test_whole_policies_compose_like_the_truth_table_of_their_leaves(
    tree: Expr, policy: Policy
) -> None:
    """Whatever the rules, an expression passes exactly when its AND/OR truth table over the
    verdicts of its single licenses (judged alone) says so."""
    verdicts = {leaf: evaluate(render(leaf), policy).allowed for leaf in leaves(tree)}

    def truth(node: Expr) -> bool:
        if isinstance(node, Leaf):
            return verdicts[node]
        values = [truth(p) for p in node.parts]
        return all(values) if isinstance(node, And) else any(values)

    assert evaluate(tree, policy).allowed == truth(tree)


def complies(tree: Expr, followed: frozenset[str]) -> bool:
    if isinstance(tree, Leaf):
        return tree.key in followed
    values = [complies(p, followed) for p in tree.parts]
    return all(values) if isinstance(tree, And) else any(values)


def brute_force_carries(expression: Expr, required: Expr) -> bool:
    """Over every set of licenses one might follow: whenever `expression` is complied with,
    `required` is too."""
    keys = sorted({leaf.key for leaf in leaves(expression) + leaves(required)})
    for size in range(len(keys) + 1):
        for chosen in itertools.combinations(keys, size):
            followed = frozenset(chosen)
            if complies(expression, followed) and not complies(required, followed):
                return False
    return True


@settings(max_examples=200, deadline=None)
@given(expressions, expressions)
def test_carries_agrees_with_a_truth_table(expression: Expr, required: Expr) -> None:
    assert carries(expression, required) == brute_force_carries(expression, required)


def test_the_or_inside_an_and_is_not_lost() -> None:
    policy = Policy(deny_licenses=frozenset({"GPL-3.0-only", "AGPL-3.0-only"}))
    verdict = evaluate("(GPL-3.0-only OR AGPL-3.0-only) AND MIT", policy)
    assert not verdict.allowed
    assert [f.code for f in verdict.findings] == ["P102", "P102"]
    assert {f.message.split()[0] for f in verdict.findings} == {"GPL-3.0-only", "AGPL-3.0-only"}


def test_messages_name_whole_ids() -> None:
    verdict = evaluate("(CC-BY-NC-4.0 OR CC-BY-NC-SA-4.0) AND MIT", Policy(use="commercial"))
    messages = [f.message for f in verdict.findings if f.code == "P105"]
    assert messages == [
        "CC-BY-NC-4.0 bars commercial use; the intended use is commercial",
        "CC-BY-NC-SA-4.0 bars commercial use; the intended use is commercial",
    ]


def test_a_hand_built_policy_normalises_its_ids() -> None:
    assert not evaluate("MIT", Policy(deny_licenses=frozenset({"MIT"}))).allowed
    assert Policy(allow_licenses=frozenset({"Apache-2.0"})).allow_licenses == {"apache-2.0"}


def test_with_exceptions_are_kept_and_judged_as_their_license() -> None:
    tree = parse("GPL-2.0-only WITH Classpath-exception-2.0 OR MIT")
    assert tree == Or((Leaf("GPL-2.0-only", "Classpath-exception-2.0"), Leaf("MIT")))
    denied = Policy(deny_licenses=frozenset({"GPL-2.0-only"}))
    assert evaluate(tree, denied).allowed  # MIT is the passing option
    assert not evaluate("GPL-2.0-only WITH Classpath-exception-2.0", denied).allowed


def test_classification_works_on_trees() -> None:
    assert classify(parse("(CC-BY-NC-4.0 OR MIT) AND Apache-2.0")).commercial_use is True
    assert classify("(CC-BY-NC-4.0 OR CC-BY-NC-SA-4.0) AND MIT").commercial_use is False


@pytest.mark.parametrize("text", ["MIT AND", "(MIT", "MIT)", "MIT OR OR GPL-3.0-only", "A WITH"])
def test_malformed_expressions_are_refused(text: str) -> None:
    with pytest.raises(ExpressionError):
        parse(text)


def test_long_expressions_parse_whole() -> None:
    text = " AND ".join(f"LicenseRef-part-{i}" for i in range(20_000))
    tree = parse(text)
    assert isinstance(tree, And) and len(tree.parts) == 20_000
    assert render(tree) == text


license_words = st.sampled_from(
    [
        "MIT",
        "apache-2.0",
        "Apache License 2.0",
        "GPL",
        "v3",
        "or",
        "and",
        "with",
        "(",
        ")",
        "CC BY-NC 4.0",
        "https://opensource.org/licenses/MIT",
        "other-",
        "license",
        ",",
        "/",
        "LicenseRef-x",
        "unknown",
        "Classpath-exception-2.0",
        "modified",
        "no license",
        "©",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(license_words, max_size=12).map(" ".join)))
def test_every_conclusion_is_a_canonical_expression(raw: str) -> None:
    from mlassets.licenses import normalize_license

    result = normalize_license(raw)
    tree = parse(result.spdx)  # raises if the normaliser wrote something that is not SPDX
    assert render(tree) == result.spdx
    assert result.status == (
        "noassertion"
        if result.spdx == "NOASSERTION"
        else "licenseref"
        if "LicenseRef-" in result.spdx
        else "spdx"
    )
    assert result.raw == raw
