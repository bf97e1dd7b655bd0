from __future__ import annotations

import pytest

from mlassets.core.errors import AssetReferenceError, UsageError
from mlassets.core.refs import parse_ref


@pytest.mark.parametrize(
    ("text", "source", "kind", "name", "revision", "ident"),
    [
        ("hf://acme/tiny", "huggingface", "model", "acme/tiny", None, "hf://acme/tiny"),
        ("hf://acme/tiny@v1.0", "huggingface", "model", "acme/tiny", "v1.0", "hf://acme/tiny"),
        ("hf://gpt2", "huggingface", "model", "gpt2", None, "hf://gpt2"),
        (
            "hf://datasets/acme/ds@refs/pr/1",
            "huggingface",
            "dataset",
            "acme/ds",
            "refs/pr/1",
            "hf://datasets/acme/ds",
        ),
        ("openml://61", "openml", "dataset", "61", None, "openml://61"),
        ("cards/x.md", "local", None, "cards/x.md", None, "cards/x.md"),
    ],
)
def test_accepted_forms(
    text: str, source: str, kind: str | None, name: str, revision: str | None, ident: str
) -> None:
    ref = parse_ref(text)
    assert (ref.source, ref.kind, ref.name, ref.revision, ref.id) == (
        source,
        kind,
        name,
        revision,
        ident,
    )
    assert str(ref) == text


@pytest.mark.parametrize(
    "text",
    [
        "hf://../etc",
        "hf://acme/../x",
        "hf:///etc/passwd",
        "hf://a/b/c",
        "hf://acme/x@",
        "hf://acme/x@../main",
        "hf://acme/x@/abs",
        "openml://abc",
        "openml://0",
        "openml://-1",
        "s3://bucket/x",
        "",
        "hf://acme--x/y",
    ],
)
def test_malformed_references_are_usage_errors_that_list_the_forms(text: str) -> None:
    with pytest.raises(AssetReferenceError) as info:
        parse_ref(text)
    assert isinstance(info.value, UsageError)
    assert "hf://ORG/NAME[@REV]" in str(info.value) and "openml://ID" in str(info.value)
