"""`mlassets diff A B`."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from mlassets.cli._errors import ExitCode, exits
from mlassets.cli._options import OpenmlServer, Retries, Timeout
from mlassets.cli._render import print_json

_SIGN = {"added": "+", "removed": "-", "changed": "~"}
_TITLES = {
    "license": "License",
    "lineage": "Lineage",
    "metrics": "Metrics",
    "other": "Other fields",
}


def _short(value: object) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return text if len(text) <= 120 else text[:117] + "..."


@exits
def diff(
    a: Annotated[str, typer.Argument(help="A manifest, a card, or REF@REV.")],
    b: Annotated[str, typer.Argument(help="The same, to compare with A.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    timeout: Timeout = 10.0,
    retries: Retries = 3,
    openml_server: OpenmlServer = None,
) -> int:
    """Field-level differences between two manifests or revisions. Exit 1 when they differ."""
    from mlassets.sources.retry import RetryPolicy
    from mlassets.workflows.diff import TOPICS, diff_manifests, load_for_diff

    retry = RetryPolicy(attempts=retries + 1, timeout=timeout)
    name_a, left = load_for_diff(a, retry=retry, openml_server=openml_server)
    name_b, right = load_for_diff(b, retry=retry, openml_server=openml_server)
    result = diff_manifests(left, right, (name_a, name_b))
    if as_json:
        print_json(result.to_json())
    else:
        if result.license_changed:
            before = left.license.concluded
            after = right.license.concluded
            typer.echo(f"!! license changed: {before} → {after}")
        for topic in TOPICS:
            changes = result.by_topic(topic)
            if not changes:
                continue
            typer.echo(f"{_TITLES[topic]}:")
            for change in changes:
                if change.change == "changed":
                    detail = f"{_short(change.before)} → {_short(change.after)}"
                else:
                    detail = _short(change.after if change.change == "added" else change.before)
                typer.echo(f"  {_SIGN[change.change]} {change.pointer}: {detail}")
        typer.echo(f"{len(result.changes)} change(s) between {name_a} and {name_b}", err=True)
    return ExitCode.FINDINGS if result.changes else ExitCode.OK
