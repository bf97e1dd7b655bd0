"""`mlassets export`."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Annotated, Any

import typer

from mlassets.cli._errors import ExitCode, exits
from mlassets.core.errors import UsageError


class ExportFormat(enum.StrEnum):
    cyclonedx = "cyclonedx"
    spdx = "spdx"
    spdx3 = "spdx3"
    croissant = "croissant"


@exits
def export(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Manifests, or directories of them.")
    ] = None,
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="CycloneDX 1.6 ML-BOM, SPDX 2.3 JSON, SPDX 3.0.1 JSON-LD, or Croissant.",
        ),
    ] = ExportFormat.cyclonedx,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write here (atomically), not stdout; a directory for Croissant."
        ),
    ] = None,
) -> int:
    """Export manifests for supply-chain tools (CycloneDX ML-BOM, SPDX 2.3 or 3.0.1) or as
    Croissant."""
    from mlassets.io.atomic import write_bytes_atomic
    from mlassets.io.discovery import collect
    from mlassets.manifests.store import load_manifest

    found = [p for p, _ in collect(paths or [Path("manifests")], lambda p: p.suffix == ".json")]
    # The formats take the manifests' JSON form, exactly as written on disk.
    manifests = [load_manifest(p).to_json() for p in found if p.suffix == ".json"]
    if not manifests:
        raise UsageError("no manifests to export (give manifest files or directories)")
    if output_format is ExportFormat.croissant:
        return _croissant(manifests, out)
    if output_format is ExportFormat.cyclonedx:
        from mlassets.formats.cyclonedx import bom

        text = json.dumps(bom(manifests), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    elif output_format is ExportFormat.spdx3:
        from mlassets.formats.spdx3 import dumps as spdx3_dumps

        text = spdx3_dumps(manifests)
    else:
        from mlassets.formats.spdx import document, dumps

        text = dumps(document(manifests))
    if out is None:
        typer.echo(text, nl=False)
    else:
        write_bytes_atomic(out, text.encode("utf-8"))
        typer.echo(f"{out}: {len(manifests)} asset(s), {output_format.value}", err=True)
    return ExitCode.OK


def _croissant(manifests: list[dict[str, Any]], out: Path | None) -> int:
    """One Croissant document per dataset: to stdout for one, into `out` (a directory) for more."""
    from mlassets.formats.common import keyed
    from mlassets.formats.croissant import dataset
    from mlassets.io.atomic import write_bytes_atomic
    from mlassets.manifests.store import manifest_filename

    datasets = [(key, m) for key, m in keyed(manifests) if m.get("kind") == "dataset"]
    if not datasets:
        raise UsageError("Croissant describes datasets, and none of these manifests is one")
    if out is None and len(datasets) > 1:
        raise UsageError(f"{len(datasets)} datasets: give --out DIR for one file each")
    for key, manifest in datasets:
        text = json.dumps(dataset(manifest), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        if out is None:
            typer.echo(text, nl=False)
            continue
        name = manifest_filename(key).removesuffix(".json") + ".croissant.json"
        write_bytes_atomic(out / name, text.encode("utf-8"))
        typer.echo(f"{out / name}", err=True)
    return ExitCode.OK
