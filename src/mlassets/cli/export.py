"""`mlassets export`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mlassets.cli._errors import ExitCode, exits
from mlassets.core.errors import UsageError
from mlassets.workflows.export import ExportFormat, ExportResult


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
    ] = ExportFormat.CYCLONEDX,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", "-o", help="Write here (atomically), not stdout; a directory for Croissant."
        ),
    ] = None,
) -> int:
    """Export manifests for supply-chain tools (CycloneDX ML-BOM, SPDX 2.3 or 3.0.1) or as
    Croissant."""
    from mlassets.workflows.export import export as run_export

    result = run_export(paths or [Path("manifests")], output_format)
    if out is None:
        _print(result)
    elif output_format is ExportFormat.CROISSANT:
        _write_into(result, out)
    else:
        _write_at(result, out)
    return ExitCode.OK


def _print(result: ExportResult) -> None:
    if len(result.documents) > 1:  # one file per dataset: stdout cannot tell them apart
        raise UsageError(f"{len(result.documents)} datasets: give --out DIR for one file each")
    typer.echo(result.documents[0].content.decode("utf-8"), nl=False)


def _write_at(result: ExportResult, out: Path) -> None:
    from mlassets.io.atomic import write_bytes_atomic

    (document,) = result.documents
    write_bytes_atomic(out, document.content)
    typer.echo(f"{out}: {result.assets} asset(s), {result.format.value}", err=True)


def _write_into(result: ExportResult, out: Path) -> None:
    from mlassets.io.atomic import write_bytes_atomic

    for document in result.documents:
        write_bytes_atomic(out / document.name, document.content)
        typer.echo(f"{out / document.name}", err=True)
