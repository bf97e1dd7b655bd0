"""`leaderboard` and `select models`: models ranked by the evidence in the catalog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mlassets.cli._errors import ExitCode, exits
from mlassets.cli._options import AsJson, Use
from mlassets.cli._render import print_json, print_table
from mlassets.cli.catalog import DEFAULT_DB, Db
from mlassets.cli.results import Direction, Metric, open_catalog
from mlassets.core.errors import UsageError

if TYPE_CHECKING:
    from mlassets.catalog.select import Selection

select_app = typer.Typer(name="select", help="Choose models from evidence.", no_args_is_help=True)


@exits
def leaderboard(
    dataset: Annotated[str, typer.Argument(help="A dataset id in the catalog.")],
    metric: Metric = None,
    split: Annotated[str | None, typer.Option(help="Only results on this split.")] = None,
    use: Annotated[Use | None, typer.Option(help="Intended use.")] = None,
    higher: Direction = None,
    db: Db = DEFAULT_DB,
    as_json: AsJson = False,
) -> int:
    """Models ranked by a metric on one dataset, with source and license."""
    with open_catalog(db) as catalog:
        board = catalog.leaderboard(
            dataset, metric=metric, split=split, use=use and use.value, higher=higher
        )
    if as_json:
        print_json(board.to_json())
        return ExitCode.OK
    rows = [
        [str(i + 1), e.model, f"{e.value:g}", e.split, e.source, e.license_category or "unknown"]
        for i, e in enumerate(board.entries)
    ]
    print_table(
        f"{board.dataset}: {board.metric}",
        ["rank", "model", "value", "split", "source", "license"],
        rows,
    )
    for entry in board.barred:
        typer.echo(f"barred for {board.use} use: {entry.model} ({entry.license})")
    return ExitCode.OK


@select_app.command("models")
@exits
def select_models(
    dataset: Annotated[str, typer.Option("--for", help="The dataset (an id in the catalog).")],
    metric: Metric = None,
    k: Annotated[int, typer.Option("--k", min=1, max=1000, help="How many models.")] = 10,
    use: Annotated[Use | None, typer.Option(help="Intended use.")] = None,
    higher: Direction = None,
    probe: Annotated[
        int, typer.Option(min=0, help="Evaluate the top K runnable candidates on --sample.")
    ] = 0,
    sample: Annotated[Path | None, typer.Option(help="CSV: numeric features and --target.")] = None,
    target: Annotated[str | None, typer.Option(help="The sample's target column.")] = None,
    budget: Annotated[float, typer.Option(min=0, help="Seconds for all probes.")] = 60.0,
    db: Db = DEFAULT_DB,
    as_json: AsJson = False,
) -> int:
    """Rank models for a dataset: measured, predicted by collaborative filtering, or from the
    nearest datasets by features; each with its evidence and confidence. With --probe, the top
    runnable candidates are cross-validated on your sample and re-ranked by what they scored."""
    intended = use.value if use else None
    if probe:
        from mlassets.catalog.probe import ProbeRequest

        if sample is None or target is None:
            raise UsageError("--probe needs --sample FILE and --target COLUMN")
        request = ProbeRequest(sample, target, probe, budget)
        with open_catalog(db) as catalog:
            selection = catalog.probe_and_select(
                dataset, request, metric=metric, k=k, use=intended, higher=higher
            )
    else:
        with open_catalog(db) as catalog:
            selection = catalog.select_models(
                dataset, metric=metric, k=k, use=intended, higher=higher
            )
    _print_selection(selection, as_json)
    return ExitCode.OK


def _print_selection(selection: Selection, as_json: bool) -> None:
    for outcome in selection.probes:
        if outcome.error:
            typer.echo(f"mlassets: probe {outcome.model}: {outcome.error}", err=True)
    if as_json:
        print_json(selection.to_json())
        return
    rows = [
        [
            str(c.rank),
            c.model,
            f"{c.predicted:.4g}",
            "" if c.measured is None else f"{c.measured:g}",
            c.evidence,
            c.method,
            f"{c.confidence:.2f}",
            c.license_category or "unknown",
        ]
        for c in selection.candidates
    ]
    columns = [
        "rank",
        "model",
        "predicted",
        "measured",
        "evidence",
        "method",
        "confidence",
        "license",
    ]
    print_table(f"{selection.dataset}: {selection.metric}", columns, rows)
    for c in selection.barred:
        typer.echo(f"barred for {selection.use} use: {c.model} ({c.license})")
