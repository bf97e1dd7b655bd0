"""Regenerate the vendored JSON Schemas in src/mlassets/schemas/ from the lists kept here.

The Hub publishes its card spec as prose (hub-docs `modelcard.md`, `datasetcard.md`,
`repositories-licenses.md`) and its task list in huggingface.js `packages/tasks/src/pipelines.ts`.
When those change, update the lists below, bump SCHEMA_VERSION, run
`python scripts/build_schemas.py`, and commit the result. Tests check that the committed files are
what this script writes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from mlassets.licenses.classify import CATEGORIES

SCHEMA_VERSION = "1.0.0"
ROOT = Path(__file__).resolve().parents[1] / "src" / "mlassets" / "schemas"

# Hub license ids (hub-docs repositories-licenses.md, list as of June 2026).
HUB_LICENSE_IDS = [
    "apache-2.0",
    "mit",
    "openrail",
    "bigscience-openrail-m",
    "creativeml-openrail-m",
    "bigscience-bloom-rail-1.0",
    "bigcode-openrail-m",
    "afl-3.0",
    "artistic-2.0",
    "bsl-1.0",
    "bsd",
    "bsd-2-clause",
    "bsd-3-clause",
    "bsd-3-clause-clear",
    "c-uda",
    "cc",
    "cc0-1.0",
    "cc-by-2.0",
    "cc-by-2.5",
    "cc-by-3.0",
    "cc-by-4.0",
    "cc-by-sa-3.0",
    "cc-by-sa-4.0",
    "cc-by-nc-2.0",
    "cc-by-nc-3.0",
    "cc-by-nc-4.0",
    "cc-by-nd-4.0",
    "cc-by-nc-nd-3.0",
    "cc-by-nc-nd-4.0",
    "cc-by-nc-sa-2.0",
    "cc-by-nc-sa-3.0",
    "cc-by-nc-sa-4.0",
    "cdla-sharing-1.0",
    "cdla-permissive-1.0",
    "cdla-permissive-2.0",
    "wtfpl",
    "ecl-2.0",
    "epl-1.0",
    "epl-2.0",
    "etalab-2.0",
    "eupl-1.1",
    "eupl-1.2",
    "agpl-3.0",
    "gfdl",
    "gpl",
    "gpl-2.0",
    "gpl-3.0",
    "lgpl",
    "lgpl-2.1",
    "lgpl-3.0",
    "isc",
    "h-research",
    "intel-research",
    "lppl-1.3c",
    "ms-pl",
    "apple-ascl",
    "apple-amlr",
    "mpl-2.0",
    "odc-by",
    "odbl",
    "openmdw-1.0",
    "openmdw-1.1",
    "openrail++",
    "osl-3.0",
    "postgresql",
    "ofl-1.1",
    "ncsa",
    "unlicense",
    "zlib",
    "pddl",
    "lgpl-lr",
    "deepfloyd-if-license",
    "fair-noncommercial-research-license",
    "llama2",
    "llama3",
    "llama3.1",
    "llama3.2",
    "llama3.3",
    "llama4",
    "grok2-community",
    "gemma",
    "unknown",
    "other",
]

# Hub pipeline tags (huggingface.js PIPELINE_DATA keys).
HUB_TASKS = [
    "biology",
    "text-classification",
    "token-classification",
    "table-question-answering",
    "question-answering",
    "zero-shot-classification",
    "translation",
    "summarization",
    "feature-extraction",
    "text-generation",
    "text2text-generation",
    "fill-mask",
    "sentence-similarity",
    "text-to-speech",
    "text-to-audio",
    "automatic-speech-recognition",
    "audio-to-audio",
    "audio-classification",
    "audio-text-to-text",
    "voice-activity-detection",
    "depth-estimation",
    "image-classification",
    "object-detection",
    "image-segmentation",
    "text-to-image",
    "image-to-text",
    "image-to-image",
    "image-to-video",
    "unconditional-image-generation",
    "video-classification",
    "reinforcement-learning",
    "robotics",
    "tabular-classification",
    "tabular-regression",
    "tabular-to-text",
    "table-to-text",
    "multiple-choice",
    "text-ranking",
    "text-retrieval",
    "time-series-forecasting",
    "text-to-video",
    "image-text-to-text",
    "visual-question-answering",
    "document-question-answering",
    "zero-shot-image-classification",
    "graph-ml",
    "mask-generation",
    "zero-shot-object-detection",
    "text-to-3d",
    "image-to-3d",
    "image-feature-extraction",
    "video-text-to-text",
    "keypoint-detection",
    "visual-document-retrieval",
    "any-to-any",
    "other",
]

SIZE_CATEGORIES = [
    "n<1K",
    "1K<n<10K",
    "10K<n<100K",
    "100K<n<1M",
    "1M<n<10M",
    "10M<n<100M",
    "100M<n<1B",
    "1B<n<10B",
    "10B<n<100B",
    "100B<n<1T",
    "n>1T",
]

BASE_MODEL_RELATIONS = ["adapter", "merge", "quantized", "finetune"]
CREATORS = ["crowdsourced", "found", "expert-generated", "machine-generated", "other"]

STRING = {"type": "string", "minLength": 1}
STRINGS = {"type": "array", "items": STRING}
ONE_OR_MORE_STRINGS = {"anyOf": [STRING, {"type": "array", "items": STRING, "minItems": 1}]}
# ISO 639-1/2/3 code, optionally with BCP 47 subtags (en, fra, zh-Hant, pt-BR).
LANGUAGE = {
    "type": "string",
    "pattern": "^(?:[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*|multilingual)$",
    "x-mlassets-message": "is not an ISO 639 language code (such as en, fra or pt-BR)",
}
REPO_ID = {
    "type": "string",
    "pattern": r"^(?:[\w.-]+/)?[\w.-]+$",
    "x-mlassets-message": "is not a Hub repository id (ORG/NAME)",
}


def _id(name: str) -> str:
    return f"urn:mlassets:schema:{name}:{SCHEMA_VERSION}"


def _license_defs() -> dict[str, object]:
    return {
        "hub_license_id": {"enum": HUB_LICENSE_IDS},
        "hub_license": {
            "anyOf": [
                {"$ref": "#/$defs/hub_license_id"},
                {"type": "array", "items": {"$ref": "#/$defs/hub_license_id"}, "minItems": 1},
            ]
        },
    }


# `license: other` (alone or in a list) needs `license_name` and `license_link`.
LICENSE_OTHER_RULE = {
    "if": {
        "required": ["license"],
        "properties": {
            "license": {
                "anyOf": [{"const": "other"}, {"type": "array", "contains": {"const": "other"}}]
            }
        },
    },
    "then": {"required": ["license_name", "license_link"]},
}

COMMON = {
    "license": {"$ref": "#/$defs/hub_license"},
    "license_name": {
        "type": "string",
        "pattern": "^[a-z0-9][a-z0-9._-]*$",
        "x-mlassets-message": "is not a license id (lowercase letters, digits, '.', '-', '_')",
    },
    "license_link": STRING,
    "language": {"anyOf": [LANGUAGE, {"type": "array", "items": LANGUAGE, "minItems": 1}]},
    "tags": ONE_OR_MORE_STRINGS,
    "pretty_name": STRING,
}

MODEL_INDEX = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["name", "results"],
        "properties": {
            "name": STRING,
            "results": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["task", "dataset", "metrics"],
                    "properties": {
                        "task": {
                            "type": "object",
                            "required": ["type"],
                            "properties": {"type": STRING, "name": {"type": "string"}},
                        },
                        "dataset": {
                            "type": "object",
                            "required": ["type", "name"],
                            "properties": {
                                "type": STRING,
                                "name": STRING,
                                "config": {"type": "string"},
                                "split": {"type": "string"},
                                "revision": {"type": "string"},
                                "args": {},
                            },
                        },
                        "metrics": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["type", "value"],
                                "properties": {
                                    "type": STRING,
                                    "value": {},
                                    "name": {"type": "string"},
                                    "config": {"type": "string"},
                                    "args": {},
                                    "verified": {"type": "boolean"},
                                    "verifyToken": {"type": "string"},
                                },
                            },
                        },
                        "source": {
                            "type": "object",
                            "required": ["url"],
                            "properties": {"name": {"type": "string"}, "url": STRING},
                        },
                    },
                },
            },
        },
    },
}

MODEL_CARD = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": _id("hub-model-card"),
    "title": "Hugging Face Hub model card metadata",
    "description": "The YAML front matter of a model card, after hub-docs modelcard.md.",
    "type": "object",
    "properties": {
        **COMMON,
        "library_name": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$"},
        "pipeline_tag": {"enum": HUB_TASKS},
        "datasets": ONE_OR_MORE_STRINGS,
        "metrics": ONE_OR_MORE_STRINGS,
        "base_model": {"anyOf": [REPO_ID, {"type": "array", "items": REPO_ID, "minItems": 1}]},
        "base_model_relation": {"enum": BASE_MODEL_RELATIONS},
        "new_version": REPO_ID,
        "model-index": MODEL_INDEX,
    },
    "allOf": [LICENSE_OTHER_RULE],
    "$defs": _license_defs(),
}

CONFIG = {
    "type": "object",
    "required": ["config_name"],
    "properties": {
        "config_name": STRING,
        "default": {"type": "boolean"},
        "data_dir": {"type": "string"},
        "data_files": {
            "anyOf": [
                STRING,
                STRINGS,
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["split", "path"],
                        "properties": {"split": STRING, "path": ONE_OR_MORE_STRINGS},
                    },
                },
            ]
        },
    },
}

DATASET_CARD = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": _id("hub-dataset-card"),
    "title": "Hugging Face Hub dataset card metadata",
    "description": "The YAML front matter of a dataset card, after hub-docs datasetcard.md.",
    "type": "object",
    "properties": {
        **COMMON,
        "license_details": {"type": "string"},
        "language_details": {"type": "string"},
        "annotations_creators": {
            "type": "array",
            "items": {"enum": [*CREATORS, "no-annotation"]},
        },
        "language_creators": {"type": "array", "items": {"enum": CREATORS}},
        "multilinguality": {
            "anyOf": [
                {"enum": ["monolingual", "multilingual", "translation", "other"]},
                {
                    "type": "array",
                    "items": {"enum": ["monolingual", "multilingual", "translation", "other"]},
                },
            ]
        },
        "size_categories": {
            "anyOf": [
                {"enum": SIZE_CATEGORIES},
                {"type": "array", "items": {"enum": SIZE_CATEGORIES}},
            ]
        },
        "source_datasets": STRINGS,
        "task_categories": {"type": "array", "items": {"enum": HUB_TASKS}},
        "task_ids": STRINGS,
        "paperswithcode_id": {"type": ["string", "null"]},
        "configs": {"type": "array", "items": CONFIG},
        "dataset_info": {"type": ["object", "array"]},
    },
    "allOf": [LICENSE_OTHER_RULE],
    "$defs": _license_defs(),
}

OPENML_DESCRIPTION = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": _id("openml-description"),
    "title": "OpenML dataset description",
    "description": "The fields of an OpenML data_set_description that mlassets reads.",
    "type": "object",
    "required": ["id", "name", "version", "format", "url"],
    "properties": {
        "id": {"type": "integer", "minimum": 1},
        "name": STRING,
        "version": {"type": "integer", "minimum": 1},
        "format": STRING,
        "url": STRING,
        "description": {"type": ["string", "null"]},
        "licence": {"type": ["string", "null"]},
        "md5_checksum": {
            "type": ["string", "null"],
            "pattern": "^[0-9a-f]{32}$",
            "x-mlassets-message": "is not an MD5 checksum (32 hex digits)",
        },
        "citation": {"type": ["string", "null"]},
        "creator": {"anyOf": [{"type": "null"}, STRING, STRINGS]},
        "upload_date": {"type": ["string", "null"]},
        "default_target_attribute": {"type": ["string", "null"]},
        "language": {"type": ["string", "null"]},
        "tag": {"anyOf": [{"type": "null"}, STRING, STRINGS]},
        "status": {"type": ["string", "null"]},
    },
}

FINDING = {
    "type": "object",
    "required": ["code", "severity", "message", "pointer", "line", "column"],
    "additionalProperties": False,
    "properties": {
        "code": {"type": "string", "pattern": "^[A-Z][0-9]{3}$"},
        "severity": {"enum": ["error", "warning", "notice"]},
        "message": {"type": "string"},
        "pointer": {"type": "string"},
        "line": {"type": ["integer", "null"], "minimum": 1},
        "column": {"type": ["integer", "null"], "minimum": 1},
    },
}

NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_BOOLEAN = {"type": ["boolean", "null"]}
LICENSE_CATEGORIES = list(CATEGORIES)  # one list: the classifier's
CLASSIFICATION = {
    "type": "object",
    "additionalProperties": False,
    "required": [
        "category",
        "commercial_use",
        "attribution",
        "share_alike",
        "derivatives",
        "use_restrictions",
        "source",
    ],
    "properties": {
        "category": {"enum": LICENSE_CATEGORIES},
        "commercial_use": NULLABLE_BOOLEAN,
        "attribution": NULLABLE_BOOLEAN,
        "share_alike": NULLABLE_BOOLEAN,
        "derivatives": NULLABLE_BOOLEAN,
        "use_restrictions": {"type": "boolean"},
        "source": {"type": "string"},
    },
}
LINEAGE = {
    "type": "object",
    "additionalProperties": False,
    "required": ["ancestors", "findings", "verdict"],
    "properties": {
        "ancestors": {"type": "array", "items": {"type": "string"}},
        "findings": {"type": "array", "items": FINDING},
        "verdict": {"enum": ["ok", "notice", "warning", "error"]},
    },
}

MANIFEST = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": _id("manifest"),
    "title": "mlassets curated manifest",
    "description": "One curated, deterministic record of a model or dataset at one revision.",
    "type": "object",
    "additionalProperties": False,
    "required": [
        "schema_version",
        "id",
        "kind",
        "source",
        "revision",
        "card_sha256",
        "fetched_at",
        "title",
        "description",
        "license",
        "task",
        "languages",
        "datasets",
        "base_models",
        "metrics",
        "files",
        "tags",
        "library",
        "gated",
        "last_modified",
        "findings",
    ],
    "properties": {
        "schema_version": {"const": 1},
        "id": STRING,
        "kind": {"enum": ["model", "dataset"]},
        "source": {"enum": ["huggingface", "openml", "local"]},
        "revision": NULLABLE_STRING,
        "card_sha256": {"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$"},
        "fetched_at": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"},
        "title": NULLABLE_STRING,
        "description": NULLABLE_STRING,
        "license": {
            "type": "object",
            "additionalProperties": False,
            "required": ["declared", "concluded", "findings", "classification", "lineage"],
            "properties": {
                "declared": {"type": "array", "items": {"type": "string"}},
                "concluded": STRING,
                "findings": {"type": "array", "items": FINDING},
                "classification": CLASSIFICATION,
                "lineage": {"anyOf": [{"type": "null"}, LINEAGE]},
            },
        },
        "task": NULLABLE_STRING,
        "languages": STRINGS,
        "datasets": STRINGS,
        "base_models": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["id", "relation"],
                "properties": {
                    "id": STRING,
                    "relation": {"enum": [*BASE_MODEL_RELATIONS, None]},
                },
            },
        },
        "metrics": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "model",
                    "task",
                    "dataset",
                    "dataset_config",
                    "split",
                    "type",
                    "name",
                    "value",
                ],
                "properties": {
                    "model": NULLABLE_STRING,
                    "task": NULLABLE_STRING,
                    "dataset": NULLABLE_STRING,
                    "dataset_config": NULLABLE_STRING,
                    "split": NULLABLE_STRING,
                    "type": STRING,
                    "name": NULLABLE_STRING,
                    "value": {"type": ["number", "string", "boolean", "null"]},
                },
            },
        },
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["path", "size", "sha256"],
                "properties": {
                    "path": STRING,
                    "size": {"type": ["integer", "null"], "minimum": 0},
                    "sha256": {"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$"},
                },
            },
        },
        "tags": STRINGS,
        "library": NULLABLE_STRING,
        "gated": {"type": ["boolean", "string"]},
        "last_modified": NULLABLE_STRING,
        "findings": {"type": "array", "items": FINDING},
    },
}

VALIDATE_REPORT = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": _id("validate-report"),
    "title": "mlassets validate --format json",
    "type": "object",
    "additionalProperties": False,
    "required": ["schema_version", "files", "summary"],
    "properties": {
        "schema_version": {"const": 1},
        "files": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["path", "kind", "findings"],
                "properties": {
                    "path": STRING,
                    "kind": {"enum": ["model-card", "dataset-card", "manifest", "openml"]},
                    "findings": {"type": "array", "items": FINDING},
                },
            },
        },
        "summary": {
            "type": "object",
            "additionalProperties": False,
            "required": ["files", "error", "warning", "notice"],
            "properties": {
                k: {"type": "integer", "minimum": 0}
                for k in ("files", "error", "warning", "notice")
            },
        },
    },
}

LICENSE_NORMALIZE_LINE = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": _id("license-normalize"),
    "title": "mlassets licenses normalize --json (one object per input line)",
    "type": "object",
    "additionalProperties": False,
    "required": ["schema_version", "raw", "spdx", "status", "findings", "classification"],
    "properties": {
        "schema_version": {"const": 1},
        "raw": {"type": "string"},
        "spdx": STRING,
        "status": {"enum": ["spdx", "licenseref", "noassertion"]},
        "findings": {"type": "array", "items": FINDING},
        "classification": CLASSIFICATION,
    },
}

LICENSE_CHECK_REPORT = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": _id("license-check-report"),
    "title": "mlassets license-check --format json",
    "type": "object",
    "additionalProperties": False,
    "required": ["schema_version", "policy", "assets", "summary"],
    "properties": {
        "schema_version": {"const": 1},
        "policy": STRING,
        "assets": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "asset",
                    "path",
                    "declared",
                    "concluded",
                    "classification",
                    "allowed",
                    "findings",
                    "lineage",
                ],
                "properties": {
                    "asset": STRING,
                    "path": NULLABLE_STRING,
                    "declared": {"type": "array", "items": {"type": "string"}},
                    "concluded": STRING,
                    "classification": CLASSIFICATION,
                    "allowed": {"type": "boolean"},
                    "findings": {"type": "array", "items": FINDING},
                    "lineage": {"anyOf": [{"type": "null"}, LINEAGE]},
                },
            },
        },
        "summary": {
            "type": "object",
            "additionalProperties": False,
            "required": ["assets", "allowed", "error", "warning", "notice"],
            "properties": {
                k: {"type": "integer", "minimum": 0}
                for k in ("assets", "allowed", "error", "warning", "notice")
            },
        },
    },
}


def _report(name: str, title: str, properties: dict[str, object]) -> dict[str, object]:
    """A versioned --json report of the catalog commands."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _id(name),
        "title": title,
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", *properties],
        "properties": {"schema_version": {"const": 1}, **properties},
    }


def _object(properties: dict[str, object]) -> dict[str, object]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": list(properties),
        "properties": properties,
    }


COUNT = {"type": "integer", "minimum": 0}
CATALOG_INDEX = _report(
    "catalog-index",
    "mlassets index --json",
    {
        "scanned": COUNT,
        "added": COUNT,
        "updated": COUNT,
        "unchanged": COUNT,
        "dangling": COUNT,
        "errors": STRINGS,
        "seconds": {"type": "number", "minimum": 0},
    },
)
CATALOG_SEARCH = _report(
    "catalog-search",
    "mlassets search --json",
    {
        "query": {"type": "string"},
        "mode": {"enum": ["all words", "any word", "filters only"]},
        "hits": {
            "type": "array",
            "items": _object(
                {
                    "id": STRING,
                    "kind": NULLABLE_STRING,
                    "title": NULLABLE_STRING,
                    "task": NULLABLE_STRING,
                    "license": NULLABLE_STRING,
                    "license_category": NULLABLE_STRING,
                    "library": NULLABLE_STRING,
                    "score": {"type": "number"},
                }
            ),
        },
    },
)
CATALOG_LINEAGE = _report(
    "catalog-lineage",
    "mlassets lineage --format json",
    {
        "root": STRING,
        "nodes": {
            "type": "array",
            "items": _object(
                {
                    "id": STRING,
                    "kind": NULLABLE_STRING,
                    "license": NULLABLE_STRING,
                    "dangling": {"type": "boolean"},
                }
            ),
        },
        "edges": {
            "type": "array",
            "items": _object(
                {
                    "child": STRING,
                    "parent": STRING,
                    "relation": STRING,
                    "violation": {"type": "string", "pattern": "^([A-Z][0-9]{3}:[a-z]+( |$))*$"},
                }
            ),
        },
        "cycles": {"type": "array", "items": STRINGS},
        "truncated": {"type": "boolean"},
    },
)
CATALOG_RECOMMEND = _report(
    "catalog-recommend",
    "mlassets recommend models|datasets --json",
    {
        "for": STRING,
        "metric": NULLABLE_STRING,
        "ranked": {
            "type": "array",
            "items": _object(
                {
                    "id": STRING,
                    "score": {"type": "number", "minimum": 0, "maximum": 1},
                    "license": NULLABLE_STRING,
                    "parts": {
                        "type": "array",
                        "items": _object(
                            {
                                "name": STRING,
                                "value": {"type": "number", "minimum": 0, "maximum": 1},
                                "weight": {"type": "number", "minimum": 0},
                                "why": STRING,
                            }
                        ),
                    },
                }
            ),
        },
        "rejected": {
            "type": "array",
            "items": _object({"id": STRING, "license": NULLABLE_STRING, "reasons": STRINGS}),
        },
    },
)
CATALOG_AUDIT = _report(
    "catalog-audit",
    "mlassets audit --json",
    {
        "assets": COUNT,
        "by_kind": {"type": "object", "additionalProperties": COUNT},
        "dangling": COUNT,
        "shares": {
            "type": "object",
            "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1},
        },
        "counts": {"type": "object", "additionalProperties": COUNT},
        "missing_fields": {
            "type": "array",
            "items": _object({"field": STRING, "assets": COUNT}),
        },
        "licenses": {
            "type": "array",
            "items": _object({"license": STRING, "category": STRING, "assets": COUNT}),
        },
    },
)

MANIFEST_DIFF = _report(
    "manifest-diff",
    "mlassets diff --json",
    {
        "a": STRING,
        "b": STRING,
        "license_changed": {"type": "boolean"},
        "changes": {
            "type": "array",
            "items": _object(
                {
                    "pointer": {"type": "string"},
                    "change": {"enum": ["added", "removed", "changed"]},
                    "topic": {"enum": ["license", "lineage", "metrics", "other"]},
                    "before": {},
                    "after": {},
                }
            ),
        },
    },
)

PROJECT = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": _id("project"),
    "title": "mlassets.yaml",
    "description": "The assets a project depends on, with optional pins, policy and use.",
    "type": "object",
    "additionalProperties": False,
    "required": ["assets"],
    "properties": {
        "assets": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["ref"],
                "properties": {
                    "ref": STRING,
                    "pin": {
                        **STRING,
                        "x-mlassets-message": "is not a string: quote a commit sha, which YAML "
                        "otherwise reads as a number",
                    },
                },
            },
        },
        "policy": STRING,
        "use": {"enum": ["commercial", "research"]},
    },
}

LOCK = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": _id("lock"),
    "title": "mlassets.lock",
    "type": "object",
    "additionalProperties": False,
    "required": ["lock_version", "assets"],
    "properties": {
        "lock_version": {"const": 1},
        "assets": {
            "type": "array",
            "items": _object(
                {
                    "ref": STRING,
                    "id": STRING,
                    "revision": NULLABLE_STRING,
                    "card_sha256": {"type": ["string", "null"], "pattern": "^[0-9a-f]{64}$"},
                    "license": STRING,
                    "fetched_at": STRING,
                    "manifest": STRING,
                }
            ),
        },
    },
}

SYNC_REPORT = _report(
    "sync-report",
    "mlassets sync --json",
    {
        "lock_written": {
            "type": "boolean",
            "description": "True when this run replaced the lock file; false when it failed, "
            "ran --frozen, or found the lock already saying exactly this.",
        },
        "assets": {
            "type": "array",
            "items": _object(
                {
                    "ref": STRING,
                    "status": {
                        "enum": [
                            "fetched",
                            "unchanged",
                            "staged",
                            "failed",
                            "removed",
                            "current",
                            "restored",
                            "outdated",
                        ]
                    },
                    "revision": NULLABLE_STRING,
                    "locked_revision": NULLABLE_STRING,
                    "license": NULLABLE_STRING,
                    "error": NULLABLE_STRING,
                }
            ),
        },
    },
)
OUTDATED_REPORT = _report(
    "outdated-report",
    "mlassets outdated --json",
    {
        "outdated": {
            "type": "array",
            "items": _object(
                {
                    "ref": STRING,
                    "locked_revision": NULLABLE_STRING,
                    "upstream_revision": NULLABLE_STRING,
                    "locked_license": STRING,
                    "upstream_license": NULLABLE_STRING,
                    "license_changed": {"type": "boolean"},
                }
            ),
        }
    },
)

SCHEMAS = {
    "hub-model-card": MODEL_CARD,
    "hub-dataset-card": DATASET_CARD,
    "openml-description": OPENML_DESCRIPTION,
    "manifest": MANIFEST,
    "validate-report": VALIDATE_REPORT,
    "license-normalize": LICENSE_NORMALIZE_LINE,
    "license-check-report": LICENSE_CHECK_REPORT,
    "catalog-index": CATALOG_INDEX,
    "catalog-search": CATALOG_SEARCH,
    "catalog-lineage": CATALOG_LINEAGE,
    "catalog-recommend": CATALOG_RECOMMEND,
    "catalog-audit": CATALOG_AUDIT,
    "manifest-diff": MANIFEST_DIFF,
    "project": PROJECT,
    "lock": LOCK,
    "sync-report": SYNC_REPORT,
    "outdated-report": OUTDATED_REPORT,
}


def render(schema: dict[str, object]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main() -> int:
    check = "--check" in sys.argv
    stale = []
    for name, schema in SCHEMAS.items():
        target = ROOT / f"{name}.schema.json"
        text = render(schema)
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
        else:
            target.write_text(text, encoding="utf-8")
    if stale:
        print("stale schemas (run scripts/build_schemas.py):", ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
