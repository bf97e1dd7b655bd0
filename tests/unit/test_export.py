"""Exports (issue 6, part 6): CycloneDX 1.6 against the schema cyclonedx-python-lib ships, and
SPDX 2.3 through spdx-tools' own validator and parser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mlassets.core.refs import AssetRef
from mlassets.documents.card import read_card
from mlassets.formats.cyclonedx import bom
from mlassets.formats.spdx import document, dumps
from mlassets.manifests.build import from_card
from mlassets.manifests.store import load_manifest
from tests.conftest import REPO


@pytest.fixture
def manifests() -> list[dict[str, Any]]:
    # The formats take manifests in their JSON form, as the export command passes them.
    folder = REPO / "examples" / "manifests"
    found = [load_manifest(p).to_json() for p in sorted(folder.glob("*.json"))]
    for name in ("acme-support-bot.md", "acme-chat-adapter.md", "acme-sentiment-small.md"):
        path = REPO / "examples" / "cards" / "models" / name
        ref = AssetRef("local", None, f"examples/cards/models/{name}")
        found.append(from_card(read_card(path), ref, "2026-01-01T00:00:00Z").to_json())
    return found


def cyclonedx_1_6_errors(document_: dict[str, Any]) -> list[str]:
    """Errors against the CycloneDX 1.6 schema that cyclonedx-python-lib ships (with the SPDX and
    JSF schemas it references), checked with jsonschema. Its own validator needs
    jsonschema[format-nongpl], whose rfc3987-syntax costs 0.6 s at every import of jsonschema."""
    import jsonschema
    from cyclonedx import schema as cyclonedx_schema
    from referencing import Registry, Resource

    folder = Path(cyclonedx_schema.__file__).parent / "_res"
    loaded = {p.name: json.loads(p.read_text()) for p in folder.glob("*.SNAPSHOT.schema.json")}
    registry = Registry().with_resources(
        (name, Resource.from_contents(contents)) for name, contents in loaded.items()
    )
    schema = loaded["bom-1.6.SNAPSHOT.schema.json"]
    validator = jsonschema.Draft7Validator(schema, registry=registry)
    return [e.message for e in validator.iter_errors(document_)]


def test_cyclonedx_ml_bom_is_valid_and_complete(manifests: list[dict[str, Any]]) -> None:
    document_ = bom(manifests)
    assert cyclonedx_1_6_errors(document_) == []
    broken = {**document_, "components": [{**document_["components"][0], "type": "model"}]}
    assert cyclonedx_1_6_errors(broken)  # the check can fail
    components = {c["bom-ref"]: c for c in document_["components"]}
    llama = components["hf://meta-llama/Llama-2-7b-hf"]
    assert llama["type"] == "machine-learning-model"
    assert llama["licenses"] == [{"expression": "LicenseRef-scancode-llama-2-license-2023"}]
    assert llama["purl"].startswith("pkg:huggingface/meta-llama/Llama-2-7b-hf@")
    assert components["hf://datasets/acme/support-chats-nc"]["type"] == "data"
    bot = components["examples/cards/models/acme-support-bot.md"]
    assert bot["pedigree"]["ancestors"][0]["name"] == "hf://meta-llama/Llama-2-7b-hf"
    assert bot["modelCard"]["modelParameters"]["datasets"] == [
        {"ref": "hf://datasets/acme/support-chats-nc"}
    ]
    small = components["examples/cards/models/acme-sentiment-small.md"]
    assert small["modelCard"]["quantitativeAnalysis"]["performanceMetrics"][0]["type"] == "accuracy"
    dependencies = {d["ref"]: d["dependsOn"] for d in document_["dependencies"]}
    assert dependencies["examples/cards/models/acme-support-bot.md"] == [
        "hf://datasets/acme/support-chats-nc",
        "hf://meta-llama/Llama-2-7b-hf",
    ]
    assert "hf://acme/encoder-base" in components  # every reference resolves
    assert bom(list(reversed(manifests))) == document_  # deterministic


def test_spdx_2_3_validates_and_round_trips(
    manifests: list[dict[str, Any]], tmp_path: Path
) -> None:
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    doc = document(manifests)
    assert validate_full_spdx_document(doc) == []
    target = tmp_path / "export.spdx.json"
    target.write_text(dumps(doc))
    parsed = parse_file(str(target))
    assert validate_full_spdx_document(parsed) == []
    kinds = {
        (r.spdx_element_id, r.relationship_type.name, r.related_spdx_element_id)
        for r in parsed.relationships
    }
    bot = "SPDXRef-examples-cards-models-acme-support-bot.md"
    assert (bot, "DESCENDANT_OF", "SPDXRef-hf-meta-llama-Llama-2-7b-hf") in kinds
    assert (bot, "GENERATED_FROM", "SPDXRef-hf-datasets-acme-support-chats-nc") in kinds
    assert [e.license_id for e in parsed.extracted_licensing_info] == [
        "LicenseRef-scancode-llama-2-license-2023"
    ]
    assert dumps(document(list(reversed(manifests)))) == dumps(doc)


def test_spdx3_with_ai_and_dataset_profiles_round_trips(manifests: list[dict[str, Any]]) -> None:
    import io

    from spdx_python_model import v3_0_1 as spdx

    from mlassets.formats.spdx3 import dumps as spdx3_dumps

    text = spdx3_dumps(manifests)
    assert text == spdx3_dumps(list(reversed(manifests)))  # deterministic
    objects = spdx.SHACLObjectSet()
    spdx.JSONLDDeserializer().read(io.BytesIO(text.encode()), objects)  # the bindings' checks
    by_name = {o.name: o for o in objects.foreach() if isinstance(o, spdx.software_Package)}
    assert isinstance(by_name["hf://meta-llama/Llama-2-7b-hf"], spdx.ai_AIPackage)
    assert isinstance(by_name["hf://datasets/acme/support-chats-nc"], spdx.dataset_DatasetPackage)
    relations = {
        (
            r.from_.name,
            r.relationshipType,
            getattr(r.to[0], "name", None) or r.to[0].simplelicensing_licenseExpression,
        )
        for r in objects.foreach()
        if isinstance(r, spdx.Relationship)
    }
    bot = "examples/cards/models/acme-support-bot.md"
    assert (bot, spdx.RelationshipType.descendantOf, "hf://meta-llama/Llama-2-7b-hf") in relations
    assert (
        bot,
        spdx.RelationshipType.trainedOn,
        "hf://datasets/acme/support-chats-nc",
    ) in relations
    assert (bot, spdx.RelationshipType.hasConcludedLicense, "Apache-2.0") in relations
    (document,) = [o for o in objects.foreach() if isinstance(o, spdx.SpdxDocument)]
    assert spdx.ProfileIdentifierType.ai in document.profileConformance
    assert spdx.ProfileIdentifierType.dataset in document.profileConformance


def test_two_revisions_of_one_asset_are_two_distinct_entries_in_every_format(
    manifests: list[dict[str, Any]],
) -> None:
    import io

    from spdx_python_model import v3_0_1 as spdx

    from mlassets.formats.common import keyed
    from mlassets.formats.spdx3 import dumps as spdx3_dumps

    llama = next(m for m in manifests if m["id"] == "hf://meta-llama/Llama-2-7b-hf")
    older = {**llama, "revision": "0" * 40}
    both = [*manifests, older, dict(llama)]  # the same revision twice is one asset
    keys = [key for key, _ in keyed(both)]
    assert len(keys) == len(manifests) + 1 == len(set(keys))
    assert "hf://meta-llama/Llama-2-7b-hf@" + "0" * 40 in keys
    assert "hf://meta-llama/Llama-2-7b-hf" not in keys

    cdx = bom(both)
    assert cyclonedx_1_6_errors(cdx) == []
    refs = [c["bom-ref"] for c in cdx["components"]]
    refs += [
        a["bom-ref"] for c in cdx["components"] for a in c.get("pedigree", {}).get("ancestors", [])
    ]
    assert len(refs) == len(set(refs))  # bom-refs are unique across the BOM
    versions = {
        c.get("version") for c in cdx["components"] if c["name"] == "meta-llama/Llama-2-7b-hf"
    }
    assert versions == {llama["revision"], "0" * 40}
    # The support bot names its base without a revision: it resolves to an entry without one.
    dependencies = {d["ref"]: d["dependsOn"] for d in cdx["dependencies"]}
    assert (
        "hf://meta-llama/Llama-2-7b-hf" in dependencies["examples/cards/models/acme-support-bot.md"]
    )
    assert "hf://meta-llama/Llama-2-7b-hf" in refs

    ids = [p.spdx_id for p in document(both).packages]  # raises if spdx-tools' validator fails
    assert len(ids) == len(set(ids))

    objects = spdx.SHACLObjectSet()
    spdx.JSONLDDeserializer().read(io.BytesIO(spdx3_dumps(both).encode()), objects)
    named = [o.name for o in objects.foreach() if isinstance(o, spdx.software_Package)]
    assert named.count("hf://meta-llama/Llama-2-7b-hf") == 3  # two revisions and the bare name
