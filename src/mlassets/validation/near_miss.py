"""Near misses: unknown card keys that look like documented ones ("did you mean")."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from mlassets.core import rules
from mlassets.core.findings import Finding, json_pointer
from mlassets.core.suggest import close_matches
from mlassets.io.yamlpos import Located

# Keys the Hub documents, per card kind, beyond those the schemas describe; never "unknown".
_EXTRA_KNOWN = {
    "model": {
        "thumbnail",
        "widget",
        "inference",
        "co2_eq_emissions",
        "model_name",
        "extra_gated_prompt",
        "extra_gated_fields",
        "extra_gated_heading",
        "extra_gated_button_content",
        "extra_gated_description",
        "model_creator",
        "model_type",
        "quantized_by",
    },
    "dataset": {
        "extra_gated_prompt",
        "extra_gated_fields",
        "extra_gated_heading",
        "extra_gated_button_content",
        "extra_gated_description",
        "viewer",
        "train-eval-index",
    },
}
# Misspellings and look-alikes that difflib alone would miss or rank too low.
_ALIASES = {
    "licence": "license",
    "licenses": "license",
    "license-name": "license_name",
    "license-link": "license_link",
    "base-model": "base_model",
    "basemodel": "base_model",
    "base_models": "base_model",
    "pipeline-tag": "pipeline_tag",
    "pipeline": "pipeline_tag",
    "task": "pipeline_tag",
    "library": "library_name",
    "library-name": "library_name",
    "model_index": "model-index",
    "modelindex": "model-index",
    "dataset": "datasets",
    "languages": "language",
    "tag": "tags",
    "task_category": "task_categories",
    "task-categories": "task_categories",
    "size_category": "size_categories",
    "size-categories": "size_categories",
}
# In dataset cards `licenses:` was the documented key until 2022: call it legacy, not a typo.
LEGACY_DATASET_LICENSES = "licenses"
# So was `languages:`; mlassets reads it into the manifest's languages, hence only a notice.
LEGACY_DATASET_LANGUAGES = "languages"


@functools.lru_cache(maxsize=16)
def _known(kind: str, schema_keys: frozenset[str]) -> tuple[frozenset[str], list[str]]:
    """Every known key of a card kind, as a set and sorted (built once per kind, not per card)."""
    known = schema_keys | _EXTRA_KNOWN.get(kind, set())
    return known, sorted(known)


def near_miss_findings(
    metadata: dict[str, Any], kind: str, known: Iterable[str], located: Located | None
) -> list[Finding]:
    """'Did you mean' findings for unknown top-level keys that look like documented ones."""
    known_keys, options = _known(kind, frozenset(known))
    findings = []
    for key in metadata:
        if key in known_keys:
            continue
        position = located.position((key,), prefer_key=True) if located else None
        if kind == "dataset" and key == LEGACY_DATASET_LICENSES:
            findings.append(
                rules.S211.at(
                    "legacy key 'licenses': the Hub now reads 'license'",
                    json_pointer((key,)),
                    position,
                )
            )
            continue
        if kind == "dataset" and key == LEGACY_DATASET_LANGUAGES:
            findings.append(
                rules.S213.at(
                    "legacy key 'languages': read as 'language'; the Hub now reads only 'language'",
                    json_pointer((key,)),
                    position,
                )
            )
            continue
        target = _ALIASES.get(key.lower())
        if target is None:
            close = close_matches(key, options, n=1, cutoff=0.85)
            target = close[0] if close else None
        if target is not None and target in known_keys:
            findings.append(
                rules.S210.at(
                    f"unknown key {key!r}: did you mean {target!r}?", json_pointer((key,)), position
                )
            )
    return findings
