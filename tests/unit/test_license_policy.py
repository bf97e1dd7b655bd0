"""Classification, policies and lineage rules (issue 3, parts 3 to 5), on in-memory assets."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlassets.core.findings import Severity
from mlassets.licenses import Node, Policy, check_lineage, classify, evaluate, load_policy
from mlassets.licenses.policy import PolicyError


@pytest.mark.parametrize(
    ("expression", "category", "commercial", "derivatives", "restricted"),
    [
        ("MIT", "permissive", True, True, False),
        ("CC0-1.0", "public-domain", True, True, False),
        ("CC-BY-NC-SA-4.0", "non-commercial", False, True, False),
        ("CC-BY-ND-4.0", "no-derivatives", True, False, False),
        ("LicenseRef-CC-BY-NC-2.5-ZA", "non-commercial", False, True, False),  # a port
        ("GPL-3.0-only", "copyleft", True, True, False),
        ("MPL-2.0", "weak-copyleft", True, True, False),
        ("LicenseRef-scancode-llama-2-license-2023", "responsible-ai", True, True, True),
        ("LicenseRef-hf-gemma", "responsible-ai", True, True, True),
        ("Sleepycat", "copyleft", True, True, False),  # from the ScanCode category
        ("MIT AND CC-BY-NC-4.0", "non-commercial", False, True, False),  # AND: the stricter
        ("CC-BY-NC-4.0 OR MIT", "permissive", True, True, False),  # OR: the better option
        ("NOASSERTION", "unknown", None, None, False),
        ("LicenseRef-acme-terms", "unknown", None, None, False),
    ],
)
def test_classification(
    expression: str,
    category: str,
    commercial: bool | None,
    derivatives: bool | None,
    restricted: bool,
) -> None:
    found = classify(expression)
    assert (found.category, found.commercial_use, found.derivatives, found.use_restrictions) == (
        category,
        commercial,
        derivatives,
        restricted,
    )
    assert found.source


def codes(findings) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(f.code, f.severity.value) for f in findings]


def test_default_policy_fails_only_on_noassertion() -> None:
    assert not evaluate("NOASSERTION", Policy()).allowed
    assert evaluate("CC-BY-NC-4.0", Policy()).allowed
    assert evaluate("LicenseRef-acme-terms", Policy()).allowed


def test_intended_use_decides_non_commercial_licenses() -> None:
    commercial = evaluate("CC-BY-NC-4.0", Policy(use="commercial"))
    assert not commercial.allowed and codes(commercial.findings) == [("P105", "error")]
    assert "CC-BY-NC-4.0" in commercial.findings[0].message
    assert evaluate("CC-BY-NC-4.0", Policy(use="research")).allowed
    unknown = evaluate("LicenseRef-acme-terms", Policy(use="commercial"))
    assert unknown.allowed and codes(unknown.findings) == [("P106", "warning")]


@pytest.mark.parametrize(
    "identifier",
    [
        "LicenseRef-acme-research",
        "LicenseRef-Acme-NC-Community",
        "LicenseRef-acme-noncommercial",
        "LicenseRef-Acme-Research-License",  # a name ending in "License" is no file
    ],
)
def test_a_license_named_for_research_or_non_commercial_use_bars_commercial_use(
    identifier: str,
) -> None:
    # its terms are unknown, but its name says commercial use is not among them: a warning
    # (P106) here was an "allowed" for the Qwen Research License under --use commercial
    verdict = evaluate(identifier, Policy(use="commercial"))
    assert not verdict.allowed and codes(verdict.findings) == [("P105", "error")]
    assert "its name says research or non-commercial use" in verdict.findings[0].message
    assert classify(identifier).commercial_use is False
    assert evaluate(identifier, Policy(use="research")).allowed


@pytest.mark.parametrize(
    "identifier",
    [
        "LicenseRef-acme-community",
        "LicenseRef-ncsa-like",
        "LicenseRef-acme-research-bert-LICENSE",  # a repository's file: the owner's name
        "LicenseRef-acme-research-bert-LICENSE-WEIGHTS.md",
        "LicenseRef-acme-research-x-license.txt",
    ],
)
def test_a_name_without_those_words_leaves_commercial_use_unknown(identifier: str) -> None:
    assert classify(identifier).commercial_use is None


def test_or_passes_when_one_option_passes() -> None:
    assert evaluate("CC-BY-NC-4.0 OR MIT", Policy(use="commercial")).allowed
    assert not evaluate("CC-BY-NC-4.0 AND MIT", Policy(use="commercial")).allowed


def test_distribution_notes_copyleft_and_no_derivatives() -> None:
    found = evaluate("GPL-3.0-only AND CC-BY-ND-4.0", Policy(distribute=True)).findings
    assert codes(found) == [("P107", "notice"), ("P108", "warning")]


def test_policy_file_allows_and_denies(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(
        "[policy]\n"
        'allow-licenses = ["LicenseRef-acme-terms"]\n'
        'deny-licenses = ["AGPL-3.0-only"]\n'
        'allow-categories = ["permissive", "public-domain"]\n'
        'use = "commercial"\n'
    )
    policy = load_policy(path)
    assert evaluate("LicenseRef-acme-terms", policy).allowed  # allowed by id
    assert codes(evaluate("AGPL-3.0-only", policy).findings) == [("P102", "error")]
    assert codes(evaluate("MPL-2.0", policy).findings) == [("P104", "error")]
    assert evaluate("Apache-2.0", policy).allowed
    assert str(path) in evaluate("MPL-2.0", policy).findings[0].message  # names the rule


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("[policy]\nuse = commercial\n", ":2:"),  # not TOML
        ("[policy]\n\nallow-licences = []\n", ":3:1: allow-licences: unknown key"),
        ("[policy]\ndeny-licenses = ['Apache 2']\n", ":2:1: deny-licenses: 'Apache 2'"),
        ("[policy]\ndeny-categories = ['nc']\n", ":2:1: deny-categories: 'nc'"),
        ("[rules]\n", ":1:1: a policy file needs a [policy] table"),
    ],
)
def test_bad_policy_files_name_the_file_and_line(tmp_path: Path, text: str, where: str) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(text)
    with pytest.raises(PolicyError) as raised:
        load_policy(path)
    assert str(raised.value).startswith(str(path)) and where in str(raised.value)


# --- Lineage -----------------------------------------------------------------------------------

LLAMA = "LicenseRef-scancode-llama-2-license-2023"


def graph(*nodes: Node):  # type: ignore[no-untyped-def]
    by_id = {n.id: n for n in nodes}
    return by_id.get


def lineage_codes(verdict) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return sorted(codes(verdict.findings))


def test_apache_over_llama_and_non_commercial_data_is_laundering() -> None:
    root = Node(
        "hf://acme/chat",
        "model",
        "Apache-2.0",
        (("hf://meta/llama", "finetune"),),
        ("hf://datasets/acme/nc",),
    )
    resolve = graph(
        Node("hf://meta/llama", "model", LLAMA),
        Node("hf://datasets/acme/nc", "dataset", "CC-BY-NC-4.0"),
    )
    verdict = check_lineage(root, resolve, use="commercial")
    # G104 was a warning until issue 12: a fine-tune that drops Llama's terms is now an error.
    assert lineage_codes(verdict) == [("G101", "error"), ("G104", "error")]
    laundering = next(f for f in verdict.findings if f.code == "G101")
    assert "license laundering" in laundering.message
    # the explanation names the path: model → dataset (relation, license)
    assert (
        "hf://acme/chat → hf://datasets/acme/nc (training data, CC-BY-NC-4.0)" in laundering.message
    )
    assert verdict.ancestors == ("hf://meta/llama", "hf://datasets/acme/nc")


def test_clean_permissive_chain_has_no_error() -> None:
    root = Node(
        "hf://acme/a",
        "model",
        "Apache-2.0",
        (("hf://acme/b", "finetune"),),
        ("hf://datasets/acme/d",),
    )
    resolve = graph(
        Node("hf://acme/b", "model", "Apache-2.0", (("hf://acme/c", "finetune"),)),
        Node("hf://acme/c", "model", "MIT"),
        Node("hf://datasets/acme/d", "dataset", "CC-BY-4.0"),
    )
    verdict = check_lineage(root, resolve, use="commercial")
    assert verdict.findings == () and verdict.to_json()["verdict"] == "ok"
    assert verdict.ancestors == ("hf://acme/b", "hf://acme/c", "hf://datasets/acme/d")


def test_depth_three_merge_of_several_bases() -> None:
    root = Node(
        "hf://acme/merged", "model", "MIT", (("hf://acme/m1", "merge"), ("hf://acme/m2", "merge"))
    )
    resolve = graph(
        Node("hf://acme/m1", "model", "MIT", (("hf://acme/m1-base", "finetune"),)),
        Node("hf://acme/m1-base", "model", "Apache-2.0", (("hf://acme/nd-root", "finetune"),)),
        Node("hf://acme/nd-root", "model", "CC-BY-ND-4.0"),
        Node("hf://acme/m2", "model", "CC-BY-SA-4.0"),
    )
    verdict = check_lineage(root, resolve)
    assert lineage_codes(verdict) == [("G102", "error"), ("G103", "error")]
    nd = next(f for f in verdict.findings if f.code == "G102")
    assert nd.message.startswith(
        "hf://acme/merged → hf://acme/m1 (merge, MIT) → hf://acme/m1-base (finetune, Apache-2.0)"
        " → hf://acme/nd-root (finetune, CC-BY-ND-4.0)"
    )


def test_share_alike_base_is_fine_when_the_derivative_carries_it() -> None:
    root = Node("hf://acme/x", "model", "CC-BY-SA-4.0", (("hf://acme/sa", "finetune"),))
    assert check_lineage(root, graph(Node("hf://acme/sa", "model", "CC-BY-SA-4.0"))).findings == ()


def test_restrictions_carried_down_are_a_notice() -> None:
    root = Node("hf://acme/adapter", "model", LLAMA, (("hf://meta/llama", "adapter"),))
    verdict = check_lineage(root, graph(Node("hf://meta/llama", "model", LLAMA)))
    assert lineage_codes(verdict) == [("G104", "notice")]


def test_non_commercial_base_without_commercial_claim_is_a_notice_unless_used_commercially() -> (
    None
):
    root = Node("hf://acme/x", "model", "CC-BY-NC-4.0", (("hf://acme/nc", "finetune"),))
    resolve = graph(Node("hf://acme/nc", "model", "CC-BY-NC-4.0"))
    assert lineage_codes(check_lineage(root, resolve)) == [("G101", "notice")]
    assert lineage_codes(check_lineage(root, resolve, use="commercial")) == [("G101", "error")]


def test_missing_licenses_unresolved_assets_and_cycles_are_warnings() -> None:
    root = Node(
        "hf://acme/x", "model", "MIT", (("hf://acme/y", "finetune"), ("hf://acme/gone", None))
    )
    resolve = graph(Node("hf://acme/y", "model", "NOASSERTION", (("hf://acme/x", "finetune"),)))
    verdict = check_lineage(root, resolve)
    assert lineage_codes(verdict) == [("G105", "warning"), ("G106", "warning"), ("G107", "warning")]
    assert all(f.severity is not Severity.ERROR for f in verdict.findings)


def test_a_policy_that_is_not_utf8_is_a_usage_error_naming_its_line(tmp_path: Path) -> None:
    from mlassets.core.errors import UsageError
    from mlassets.licenses.policy import load_policy

    path = tmp_path / "policy.toml"
    path.write_bytes(b'[policy]\nuse = "commercial"\ndeny-licenses = ["\xff"]\n')
    with pytest.raises(UsageError, match=r"policy\.toml:3:1: the policy is not UTF-8 text"):
        load_policy(path)
