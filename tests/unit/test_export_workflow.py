"""The export use case (issue 11): typed manifests in, documents as bytes with names out, and
every refusal by an export library raised as an `ExportError` naming the asset."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from mlassets.core.errors import ExportError, OperationalError, UsageError
from mlassets.formats import croissant, cyclonedx, spdx, spdx3
from mlassets.manifests.model import LicenseBlock, Manifest
from mlassets.manifests.store import load_manifest
from mlassets.workflows.export import (
    SINGLE_DOCUMENT_NAMES,
    ExportFormat,
    export,
    export_manifests,
)
from tests.conftest import REPO

EXAMPLES = REPO / "examples" / "manifests"


@pytest.fixture
def encoder() -> Manifest:
    return load_manifest(EXAMPLES / "models--acme--encoder-base.json")


def test_single_document_formats_come_back_as_bytes_and_nothing_is_printed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    manifests = [load_manifest(p) for p in sorted(EXAMPLES.glob("*.json"))]
    expected = {
        ExportFormat.CYCLONEDX: cyclonedx.dumps(manifests),
        ExportFormat.SPDX: spdx.dumps(spdx.document(manifests)),
        ExportFormat.SPDX3: spdx3.dumps(manifests),
    }
    for fmt, text in expected.items():
        result = export([EXAMPLES], fmt)
        assert (result.format, result.assets) == (fmt, 4)
        (document,) = result.documents
        assert document.name == SINGLE_DOCUMENT_NAMES[fmt]
        assert document.content == text.encode("utf-8")
    assert capsys.readouterr() == ("", "")


def test_croissant_gives_one_named_document_per_dataset() -> None:
    result = export([EXAMPLES], ExportFormat.CROISSANT)
    assert [d.name for d in result.documents] == [
        "datasets--acme--product-reviews.croissant.json",
        "datasets--acme--support-chats-nc.croissant.json",
    ]
    reviews = load_manifest(EXAMPLES / "datasets--acme--product-reviews.json")
    assert result.documents[0].content == croissant.dumps(reviews).encode("utf-8")
    assert json.loads(result.documents[1].content)["url"] == (
        "https://huggingface.co/datasets/acme/support-chats-nc"
    )


def test_nothing_to_export_and_no_dataset_for_croissant_are_usage_errors(
    tmp_path: Path, encoder: Manifest
) -> None:
    with pytest.raises(UsageError, match="no manifests to export"):
        export([tmp_path], ExportFormat.CYCLONEDX)
    with pytest.raises(UsageError, match="none of these manifests is one"):
        export_manifests([encoder], ExportFormat.CROISSANT)


def test_a_license_spdx_tools_rejects_is_an_export_error_naming_the_asset(
    encoder: Manifest,
) -> None:
    unknown = replace(encoder, license=LicenseBlock.of(("custom",), "NotALicense-1.0"))
    with pytest.raises(ExportError, match="Unrecognized license reference") as caught:
        spdx.document([unknown])
    assert caught.value.subject == "hf://acme/encoder-base"
    assert isinstance(caught.value, OperationalError)  # the CLI maps it to exit 3


def test_an_expression_license_expression_cannot_parse_is_an_export_error(
    encoder: Manifest,
) -> None:
    broken = replace(encoder, license=LicenseBlock.of(("mit",), "MIT AND ("))
    with pytest.raises(ExportError, match="cannot parse 'MIT AND \\('") as caught:
        export_manifests([broken], ExportFormat.SPDX)
    assert caught.value.subject == "hf://acme/encoder-base"


def test_a_value_spdx_python_model_refuses_is_an_export_error_naming_the_asset(
    encoder: Manifest,
) -> None:
    # The frozen model is not checked at run time, so a caller can still hand over a wrong type.
    wrong = replace(encoder, revision=7)  # type: ignore[arg-type]
    with pytest.raises(ExportError, match="spdx-python-model refused a value") as caught:
        spdx3.dumps([wrong])
    assert caught.value.subject == "hf://acme/encoder-base"
    assert isinstance(caught.value.__cause__, TypeError)


@pytest.mark.parametrize("fmt", [ExportFormat.SPDX, ExportFormat.SPDX3])
def test_a_fetch_time_the_spdx_exports_cannot_read_is_an_export_error(
    encoder: Manifest, fmt: ExportFormat
) -> None:
    late = replace(encoder, id="hf://acme/late", fetched_at="2026-01-02 00:00")
    with pytest.raises(ExportError, match="is not YYYY-MM-DDTHH:MM:SSZ") as caught:
        export_manifests([encoder, late], fmt)
    assert caught.value.subject == "hf://acme/late"
