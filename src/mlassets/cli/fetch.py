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
    outcomes = list(
        curate(
            refs,
            out,
            policy=policy,
            kind=None if kind is Kind.auto else kind.value,
            openml_server=openml_server,
        )
    )
    for failed in (o for o in outcomes if o.error is not None):
        typer.echo(f"mlassets: error: {failed.error}", err=True)
    done = [o for o in outcomes if o.manifest is not None]
    if as_json:
        print_json(
            {
                "schema_version": 1,
                "manifests": sorted(
                    (
                        {
                            "id": o.ref,
                            "path": str(o.path),
                            "revision": o.manifest["revision"],
                            "license": o.manifest["license"]["concluded"],
                        }
                        for o in done
                        if o.manifest
                    ),
                    key=lambda m: str(m["id"]),
                ),
                "errors": sorted(str(o.error) for o in outcomes if o.error),
            }
        )
    else:
        rows = [
            [
                o.manifest["id"],
                o.manifest["kind"],
                (o.manifest["revision"] or "-")[:12],
                o.manifest["license"]["concluded"],
                str(len(o.manifest["findings"])),
                str(o.path),
            ]
            for o in done
            if o.manifest
        ]
        if rows:  # nothing on stdout when every reference failed
            columns = ["id", "kind", "revision", "license", "findings", "manifest"]
            print_table("Curated manifests", columns, rows)
    return ExitCode.ERROR if any(o.error for o in outcomes) else ExitCode.OK
