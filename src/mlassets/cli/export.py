"""`mlassets export`."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Annotated

import typer

from mlassets.cli._errors import ExitCode, exits
from mlassets.errors import UsageError


class ExportFormat(enum.StrEnum):
    cyclonedx = "cyclonedx"
    spdx = "spdx"


@exits
def export(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Manifests, or directories of them.")
    ] = None,
    output_format: Annotated[
        ExportFormat, typer.Option("--format", help="CycloneDX 1.6 ML-BOM, or SPDX 2.3 JSON.")
    ] = ExportFormat.cyclonedx,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here (atomically), not stdout.")
    ] = None,
) -> int:
    """Export manifests for supply-chain tools (CycloneDX ML-BOM or SPDX 2.3)."""
    from mlassets.atomic import write_bytes_atomic
    from mlassets.manifest import load_manifest
    from mlassets.validate import collect

    found = [p for p, _ in collect(paths or [Path("manifests")], lambda p: p.suffix == ".json")]
    manifests = [load_manifest(p) for p in found if p.suffix == ".json"]
    if not manifests:
        raise UsageError("no manifests to export (give manifest files or directories)")
    if output_format is ExportFormat.cyclonedx:
        from mlassets.export.cyclonedx import bom

        text = json.dumps(bom(manifests), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    else:
        from mlassets.export.spdx import document, dumps

        text = dumps(document(manifests))
    if out is None:
        typer.echo(text, nl=False)
    else:
        write_bytes_atomic(out, text.encode("utf-8"))
        typer.echo(f"{out}: {len(manifests)} asset(s), {output_format.value}", err=True)
    return ExitCode.OK
