"""The typed manifest: what every stage after curation passes around, frozen.

`Manifest.to_json()` gives the document `manifest.schema.json` describes, key for key, so that
`dumps(Manifest.from_json(data).to_json())` is byte-identical to `dumps(data)`. `from_json` is the
one way in from disk: it checks the document against the schema first and raises
`ManifestError` (naming the file and the first violation) for anything else.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from mlassets.core.findings import Finding
from mlassets.licenses.classify import LicenseClass, classify
from mlassets.licenses.lineage import Node
from mlassets.manifests.check import check_schema
from mlassets.manifests.stated import StatedLicense

SCHEMA_VERSION = 1

JsonScalar = str | int | float | bool | None


class AssetKind(enum.StrEnum):
    MODEL = "model"
    DATASET = "dataset"


class SourceName(enum.StrEnum):
    HUGGINGFACE = "huggingface"
    OPENML = "openml"
    LOCAL = "local"


class Relation(enum.StrEnum):
    """How a model derives from a base (`base_model_relation` on the Hub)."""

    ADAPTER = "adapter"
    MERGE = "merge"
    QUANTIZED = "quantized"
    FINETUNE = "finetune"


class Verdict(enum.StrEnum):
    """The worst severity among a lineage check's findings, or `ok`."""

    OK = "ok"
    NOTICE = "notice"
    WARNING = "warning"
    ERROR = "error"

    @classmethod
    def of(cls, findings: tuple[Finding, ...]) -> Verdict:
        worst = max((f.severity.rank for f in findings), default=-1)
        return {2: cls.ERROR, 1: cls.WARNING, 0: cls.NOTICE}.get(worst, cls.OK)


@dataclass(frozen=True)
class LineageRecord:
    """What `license-check --write-manifests` recorded about the asset's ancestors."""

    ancestors: tuple[str, ...]
    findings: tuple[Finding, ...]
    verdict: Verdict

    def to_json(self) -> dict[str, Any]:
        return {
            "ancestors": list(self.ancestors),
            "findings": [f.to_json() for f in self.findings],
            "verdict": self.verdict.value,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LineageRecord:
        return cls(
            tuple(data["ancestors"]),
            tuple(Finding.from_json(f) for f in data["findings"]),
            Verdict(data["verdict"]),
        )


@dataclass(frozen=True)
class LicenseBlock:
    """The declared license values as written, the one concluded SPDX expression, and why."""

    declared: tuple[str, ...]
    concluded: str
    findings: tuple[Finding, ...]
    classification: LicenseClass
    lineage: LineageRecord | None = None
    stated: tuple[StatedLicense, ...] = ()  # licenses the card's body states (cards-12)

    @classmethod
    def of(
        cls,
        declared: tuple[str, ...],
        concluded: str,
        findings: tuple[Finding, ...] = (),
        stated: tuple[StatedLicense, ...] = (),
    ) -> LicenseBlock:
        """A fresh block: the classification follows from the conclusion; no lineage yet."""
        return cls(declared, concluded, findings, classify(concluded), stated=stated)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "declared": list(self.declared),
            "concluded": self.concluded,
            "findings": [f.to_json() for f in self.findings],
            "classification": self.classification.to_json(),
            "lineage": self.lineage.to_json() if self.lineage else None,
        }
        if self.stated:  # only when the body states one: other manifests keep their bytes
            data["stated"] = [s.to_json() for s in self.stated]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> LicenseBlock:
        lineage = data["lineage"]
        return cls(
            tuple(data["declared"]),
            data["concluded"],
            tuple(Finding.from_json(f) for f in data["findings"]),
            LicenseClass(**data["classification"]),
            LineageRecord.from_json(lineage) if lineage is not None else None,
            tuple(StatedLicense.from_json(s) for s in data.get("stated", ())),
        )


@dataclass(frozen=True)
class BaseModelLink:
    """A base model the asset derives from, as a reference or a bare name, with the relation."""

    id: str
    relation: Relation | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "relation": self.relation.value if self.relation else None}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> BaseModelLink:
        relation = data["relation"]
        return cls(data["id"], Relation(relation) if relation is not None else None)


@dataclass(frozen=True)
class EvalResult:
    """One reported metric of a `model-index` entry."""

    type: str
    value: JsonScalar
    model: str | None = None
    task: str | None = None
    dataset: str | None = None
    dataset_config: str | None = None
    split: str | None = None
    name: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "task": self.task,
            "dataset": self.dataset,
            "dataset_config": self.dataset_config,
            "split": self.split,
            "type": self.type,
            "name": self.name,
            "value": self.value,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> EvalResult:
        return cls(**data)  # the schema admits exactly these keys


@dataclass(frozen=True)
class FileEntry:
    """A file of the repository at the manifest's revision; `sha256` is known for LFS files."""

    path: str
    size: int | None = None
    sha256: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> FileEntry:
        return cls(**data)


@dataclass(frozen=True)
class Manifest:
    """One curated record of a model or dataset at one revision.

    Identity (`id`, `kind`, `source`, `revision`), the card (`card_sha256`, `title`,
    `description`, `findings`), the license block, what the card declares (`task`, `languages`,
    `datasets`, `base_models`, `metrics`, `tags`, `library`) and the repository facts the source
    reported (`files`, `gated`, `last_modified`).
    """

    id: str
    kind: AssetKind
    source: SourceName
    fetched_at: str
    license: LicenseBlock
    revision: str | None = None
    card_sha256: str | None = None
    title: str | None = None
    description: str | None = None
    task: str | None = None
    languages: tuple[str, ...] = ()
    datasets: tuple[str, ...] = ()
    base_models: tuple[BaseModelLink, ...] = ()
    metrics: tuple[EvalResult, ...] = ()
    files: tuple[FileEntry, ...] = ()
    tags: tuple[str, ...] = ()
    library: str | None = None
    gated: bool | str = False
    last_modified: str | None = None
    findings: tuple[Finding, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "kind": self.kind.value,
            "source": self.source.value,
            "revision": self.revision,
            "card_sha256": self.card_sha256,
            "fetched_at": self.fetched_at,
            "title": self.title,
            "description": self.description,
            "license": self.license.to_json(),
            "task": self.task,
            "languages": list(self.languages),
            "datasets": list(self.datasets),
            "base_models": [b.to_json() for b in self.base_models],
            "metrics": [m.to_json() for m in self.metrics],
            "files": [f.to_json() for f in self.files],
            "tags": list(self.tags),
            "library": self.library,
            "gated": self.gated,
            "last_modified": self.last_modified,
            "findings": [f.to_json() for f in self.findings],
        }

    @classmethod
    def from_json(cls, data: Any, where: str = "<manifest>") -> Manifest:
        """The manifest a JSON document describes; `ManifestError` naming `where` otherwise."""
        check_schema(data, where)
        return cls(
            id=data["id"],
            kind=AssetKind(data["kind"]),
            source=SourceName(data["source"]),
            fetched_at=data["fetched_at"],
            license=LicenseBlock.from_json(data["license"]),
            revision=data["revision"],
            card_sha256=data["card_sha256"],
            title=data["title"],
            description=data["description"],
            task=data["task"],
            languages=tuple(data["languages"]),
            datasets=tuple(data["datasets"]),
            base_models=tuple(BaseModelLink.from_json(b) for b in data["base_models"]),
            metrics=tuple(EvalResult.from_json(m) for m in data["metrics"]),
            files=tuple(FileEntry.from_json(f) for f in data["files"]),
            tags=tuple(data["tags"]),
            library=data["library"],
            gated=data["gated"],
            last_modified=data["last_modified"],
            findings=tuple(Finding.from_json(f) for f in data["findings"]),
        )

    @property
    def concluded_license(self) -> str:
        return self.license.concluded

    def with_lineage(self, lineage: LineageRecord | None) -> Manifest:
        return replace(self, license=replace(self.license, lineage=lineage))

    def lineage_node(self) -> Node:
        """This asset as a node of the license lineage graph."""
        return Node(
            self.id,
            self.kind.value,
            self.license.concluded,
            tuple((b.id, b.relation.value if b.relation else None) for b in self.base_models),
            self.datasets,
        )
