"""The 2020–21 datasets taxonomy: values the Hub accepted then, named once per key, not as errors.

Dataset cards written for `huggingface/datasets` before the cards moved to the Hub (2020–2022)
use a taxonomy the Hub has since replaced: task categories such as `conditional-text-generation`,
`size_categories: unknown`, `configs` as a list of names, `other-<name>` licenses, and
per-config mappings (`{config: [values]}`) for most keys. Every such card was accepted by the Hub,
so a schema error per list item is false. Instead each key that uses the old form gets ONE
finding (S212) that names today's equivalent, and the schema findings it explains are dropped.
Values that were never valid (typos such as `text_classification`) keep their schema finding.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mlassets.core import rules
from mlassets.core.findings import Finding, json_pointer
from mlassets.io.yamlpos import Located

# Old task categories -> what a card says today (hub-docs tasks; datasets' old taxonomy file).
OLD_TASK_CATEGORIES = {
    "conditional-text-generation": "text2text-generation, translation or summarization",
    "sequence-modeling": "text-generation or fill-mask",
    "structure-prediction": "token-classification",
    "text-scoring": "text-classification",
    "speech-processing": "automatic-speech-recognition, audio-classification or text-to-speech",
    "conversational": "text-generation",
    "closed-domain-qa": "question-answering",
    "open-domain-qa": "question-answering",
    "extractive-qa": "question-answering",
    "multiple-choice-qa": "multiple-choice",
    "fact-checking": "text-classification",
    "semantic-parsing": "text2text-generation",
    "natural-language-inference": "text-classification",
    "textual-entailment": "text-classification",
    "machine-translation": "translation",
    "computer-vision": "image-classification or object-detection",
}
OLD_SIZE_CATEGORIES = {
    "unknown": "leave size_categories out, or give the bucket",
    "n>1M": "the bucket: 1M<n<10M, 10M<n<100M, ...",
}
# Keys that old cards gave per config, as {config: value}; today one value covers the dataset.
PER_CONFIG_KEYS = frozenset(
    [
        "annotations_creators",
        "language_creators",
        "language",
        "languages",
        "license",
        "licenses",
        "multilinguality",
        "pretty_name",
        "size_categories",
        "source_datasets",
        "task_categories",
        "task_ids",
    ]
)
_LIST_VALUES = {"task_categories": OLD_TASK_CATEGORIES, "size_categories": OLD_SIZE_CATEGORIES}


def _old_items(key: str, value: Any) -> list[int]:
    """The list positions of `value` that hold a value of the old taxonomy."""
    items = value if isinstance(value, list) else [value]
    table = _LIST_VALUES.get(key, {})
    if key in ("license", "multilinguality"):
        return [i for i, v in enumerate(items) if isinstance(v, str) and v.startswith("other-")]
    return [i for i, v in enumerate(items) if isinstance(v, str) and v in table]


def _equivalent(key: str, value: Any, items: list[int]) -> str:
    listed = value if isinstance(value, list) else [value]
    olds = [str(listed[i]) for i in items]
    if key == "configs":
        return (
            "'configs' was a list of the dataset script's config names; today it is a list of "
            "mappings, each with 'config_name' (and 'data_files')"
        )
    if key == "license":
        return (
            f"{', '.join(repr(o) for o in olds)}: the old 'other-<name>' form; today "
            "'license: other' with 'license_name' and 'license_link'"
        )
    if key == "multilinguality":
        return f"{', '.join(repr(o) for o in olds)}: the old 'other-<name>' form; today 'other'"
    table = _LIST_VALUES[key]
    return "; ".join(f"{old!r} is now {table[old]}" for old in dict.fromkeys(olds))


def _finding(key: str, message: str, located: Located | None) -> Finding:
    position = located.position((key,), prefer_key=True) if located else None
    return rules.S212.at(
        f"{key}: 2020-21 datasets taxonomy: {message}", json_pointer((key,)), position
    )


def legacy_findings(
    metadata: dict[str, Any], located: Located | None, schema: Iterable[Finding]
) -> tuple[list[Finding], list[Finding]]:
    """(the legacy findings, the schema findings they do not explain) for a dataset card."""
    legacy: list[Finding] = []
    explained: list[str] = []  # JSON pointers whose schema findings a legacy finding replaces
    for key, value in metadata.items():
        if isinstance(value, dict) and key in PER_CONFIG_KEYS:
            configs = ", ".join(str(c) for c in list(value)[:3]) + (
                ", ..." if len(value) > 3 else ""
            )
            legacy.append(
                _finding(
                    key,
                    f"one value per config ({configs}); today one value for the whole dataset "
                    "(the union of the configs' values)",
                    located,
                )
            )
            explained.append(json_pointer((key,)))
        elif (
            key == "configs"
            and isinstance(value, list)
            and value
            and all(isinstance(v, str) for v in value)
        ):
            legacy.append(_finding(key, _equivalent(key, value, []), located))
            explained.append(json_pointer((key,)))
        elif key in (*_LIST_VALUES, "license", "multilinguality"):  # `licenses`: S211 says it
            items = _old_items(key, value)
            if items:
                legacy.append(_finding(key, _equivalent(key, value, items), located))
                listed = isinstance(value, list)
                explained += [json_pointer((key, i) if listed else (key,)) for i in items]
    remaining = [f for f in schema if not _explained(f.pointer, explained)]
    return legacy, remaining


def _explained(pointer: str, explained: list[str]) -> bool:
    return any(pointer == p or pointer.startswith(p + "/") for p in explained)
