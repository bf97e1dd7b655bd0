"""`mlassets fetch`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mlassets.cli._errors import ExitCode, exits
from mlassets.cli._options import OpenmlServer, Retries, Timeout
from mlassets.cli._render import print_json, print_table
from mlassets.cli.validate import Kind


@exits
def fetch(
    refs: Annotated[
        list[str],
        typer.Argument(
            help="hf://ORG/NAME[@REV], hf://datasets/ORG/NAME[@REV], openml://ID, "
            "or a card file or directory."
        ),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="Directory for the manifests.")] = Path(
        "manifests"
    ),
    kind: Annotated[Kind, typer.Option(help="Kind of local cards; auto infers it.")] = Kind.auto,
    timeout: Timeout = 10.0,
    retries: Retries = 3,
    openml_server: OpenmlServer = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> int:
    """Curate assets into one manifest each, pinned to a revision. Exit 3 if any fetch failed."""
    from mlassets.sources.retry import RetryPolicy
    from mlassets.workflows.curate import curate

    policy = RetryPolicy(attempts=retries + 1, timeout=timeout)
    report = curate(
        refs,
        out,
        policy=policy,
        kind=None if kind is Kind.auto else kind.value,
        openml_server=openml_server,
    )
    for failed in report.failed:
        typer.echo(f"mlassets: error: {failed.error}", err=True)
    if as_json:
        print_json(report.to_json())
    else:
        rows = [
            [
                m.id,
                m.kind.value,
                (m.revision or "-")[:12],
                m.license.concluded,
                str(len(m.findings)),
                str(o.path),
            ]
            for o in report.written
            if (m := o.manifest) is not None
        ]
        if rows:  # nothing on stdout when every reference failed
            columns = ["id", "kind", "revision", "license", "findings", "manifest"]
            print_table("Curated manifests", columns, rows)
    return ExitCode.ERROR if report.failed else ExitCode.OK
