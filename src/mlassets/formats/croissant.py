"""Croissant 1.0 JSON-LD for dataset manifests (validated in tests with mlcroissant, the `croissant`
extra).

Each dataset becomes one document: name, description, URL, license (an SPDX id as its spdx.org
page, any other concluded expression as written; none for NOASSERTION), keywords, languages, the
last change as `datePublished`, and one `cr:FileObject` per file whose SHA-256 is known (LFS
files), addressed at the manifest's revision. Croissant describes record structure too
(`recordSet`); manifests do not know it, so none is written.
"""

from __future__ import annotations

import json
import re
from typing import Any

from mlassets.formats.common import download_location
from mlassets.licenses.spdx_list import spdx_list
from mlassets.manifests.model import FileEntry, Manifest

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"
# The standard Croissant 1.0 @context: the terms mlcroissant expects.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
_FORMATS = {
    ".csv": "text/csv",
    ".tsv": "text/tab-separated-values",
    ".json": "application/json",
    ".jsonl": "application/jsonlines",
    ".parquet": "application/x-parquet",
    ".txt": "text/plain",
    ".zip": "application/zip",
    ".gz": "application/gzip",
}


def _license(expression: str) -> str | None:
    if not expression or expression == "NOASSERTION":
        return None
    if spdx_list().current(expression):
        return f"https://spdx.org/licenses/{expression}.html"
    return expression


def dataset(manifest: Manifest) -> dict[str, Any]:
    """The Croissant document of one dataset manifest."""
    name = manifest.title or manifest.id.rsplit("/", 1)[-1]
    document: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": name,
        "description": manifest.description or name,
        "conformsTo": CONFORMS_TO,
    }
    url = download_location(manifest.id)
    if url:
        document["url"] = url
    license_url = _license(manifest.license.concluded)
    if license_url:
        document["license"] = license_url
    if manifest.tags:
        document["keywords"] = sorted(set(manifest.tags))
    if manifest.languages:
        document["inLanguage"] = list(manifest.languages)
    if manifest.last_modified:
        document["datePublished"] = manifest.last_modified
    # Only a file with a known SHA-256 can be checked, and only one with a URL can be fetched.
    revision = manifest.revision or "main"
    files = [_file_object(url, revision, f) for f in manifest.files if url and f.sha256]
    if files:
        document["distribution"] = files
    return document


def _file_object(url: str, revision: str, entry: FileEntry) -> dict[str, Any]:
    """The `cr:FileObject` of a file, addressed at the manifest's revision."""
    suffix = re.search(r"\.[A-Za-z0-9]+$", entry.path)
    return {
        "@type": "cr:FileObject",
        "@id": entry.path,
        "name": entry.path,
        "contentUrl": f"{url}/resolve/{revision}/{entry.path}",
        "encodingFormat": _FORMATS.get(
            suffix.group().lower() if suffix else "", "application/octet-stream"
        ),
        "sha256": entry.sha256,
        **({"contentSize": f"{entry.size} B"} if entry.size else {}),
    }


def dumps(manifest: Manifest) -> str:
    """The Croissant document as JSON text: sorted keys, two-space indent, final newline."""
    return json.dumps(dataset(manifest), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
