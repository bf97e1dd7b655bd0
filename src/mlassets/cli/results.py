"""`results import|fetch-openml|fetch-hub` and `datasets features import|fetch-openml|derive`:
evidence into the catalog, for `leaderboard` and `select models`."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from mlassets.catalog.pg_db import is_url
from mlassets.cli._errors import ExitCode, exits
from mlassets.cli._options import AsJson, OpenmlServer, Timeout
from mlassets.cli._render import print_json
from mlassets.cli.catalog import DEFAULT_DB, Db
from mlassets.core.clock import fetch_time
from mlassets.core.errors import UsageError

results_app = typer.Typer(
    name="results", help="Evaluation results in the catalog.", no_args_is_help=True
)
datasets_app = typer.Typer(name="datasets", help="Dataset features.", no_args_is_help=True)
features_app = typer.Typer(name="features", help="Numeric dataset features.", no_args_is_help=True)
datasets_app.add_typer(features_app)
Direction = Annotated[
    bool | None,
    typer.Option(
        "--higher-is-better/--lower-is-better",
        help="The metric's direction, for a metric the registry does not know.",
        show_default=False,
    ),
]
Metric = Annotated[str | None, typer.Option(help="The metric (default: the most reported).")]


def _print_import(report: Any, as_json: bool, summary: str) -> None:
    """An import's report: its JSON, or one line of text."""
    if as_json:
        print_json(report.to_json())
    else:
        typer.echo(summary)


@contextlib.contextmanager
def sqlite_connection(db: str, *, create: bool = False) -> Iterator[sqlite3.Connection]:
    """The SQLite connection of the catalog `--db` names, closed after the block. Results,
    features and selection are SQLite-only for now (PostgreSQL does not carry them yet)."""
    from mlassets.catalog import SqliteCatalog

    if is_url(db):
        raise UsageError("results, leaderboard and select need a SQLite catalog (a file)")
    if not create and not Path(db).exists():
        raise UsageError(f"{db}: no catalog here; build one with `mlassets index DIR`")
    with SqliteCatalog.open(Path(db), create=create) as catalog:
        yield catalog.connection


@results_app.command("import")
@exits
def import_results(
    path: Annotated[
        Path, typer.Argument(help="CSV: dataset, model, metric, value[, split, source].")
    ],
    db: Db = DEFAULT_DB,
    higher: Direction = None,
    as_json: AsJson = False,
) -> int:
    """Import evaluation results; unknown model and dataset ids become catalog nodes."""
    from mlassets.catalog.results_csv import import_results_csv

    with sqlite_connection(db, create=True) as connection:
        report = import_results_csv(connection, path, fetch_time(), higher=higher)
    metrics = ", ".join(report.metrics) or "-"
    summary = f"{db}: {report.rows} result(s), {report.new_assets} new asset(s), metrics {metrics}"
    _print_import(report, as_json, f"{summary}, in {report.seconds:.2f} s")
    return ExitCode.OK


@features_app.command("import")
@exits
def import_features(
    path: Annotated[Path, typer.Argument(help="CSV: a dataset column, then numeric columns.")],
    db: Db = DEFAULT_DB,
    as_json: AsJson = False,
) -> int:
    """Import numeric dataset features (used to find a dataset's nearest datasets)."""
    from mlassets.catalog.results import import_features as run
    from mlassets.catalog.results_csv import read_features_csv

    with sqlite_connection(db, create=True) as connection:
        report = run(connection, read_features_csv(path))
    _print_import(
        report, as_json, f"{db}: {report.rows} feature value(s), {report.new_assets} new dataset(s)"
    )
    return ExitCode.OK


@results_app.command("fetch-openml")
@exits
def fetch_openml(
    function: Annotated[
        str, typer.Option(help="The evaluation measure, e.g. predictive_accuracy.")
    ] = "predictive_accuracy",
    task: Annotated[list[int] | None, typer.Option(help="Only these task ids.")] = None,
    flow: Annotated[list[int] | None, typer.Option(help="Only these flow ids.")] = None,
    size: Annotated[int | None, typer.Option(help="At most this many evaluations.")] = None,
    openml_server: OpenmlServer = None,
    timeout: Timeout = 30.0,
    db: Db = DEFAULT_DB,
    as_json: AsJson = False,
) -> int:
    """Import OpenML run evaluations (flows as models) through the openml client."""
    from mlassets.catalog.results import import_results as run
    from mlassets.sources.openml_results import fetch_evaluations
    from mlassets.sources.retry import RetryPolicy

    results = fetch_evaluations(
        function,
        tasks=task or (),
        flows=flow or (),
        size=size,
        policy=RetryPolicy(timeout=timeout),
        server=openml_server,
        fetched_at=fetch_time(),
    )
    with sqlite_connection(db, create=True) as connection:
        report = run(connection, results)
    _print_import(
        report, as_json, f"{db}: {report.rows} OpenML result(s), {report.new_assets} new asset(s)"
    )
    return ExitCode.OK


@features_app.command("fetch-openml")
@exits
def fetch_qualities(
    datasets: Annotated[list[int], typer.Argument(help="OpenML dataset ids.")],
    openml_server: OpenmlServer = None,
    timeout: Timeout = 30.0,
    db: Db = DEFAULT_DB,
    as_json: AsJson = False,
) -> int:
    """Import OpenML data qualities (instances, features, classes...) as dataset features."""
    from mlassets.catalog.results import import_features as run
    from mlassets.sources.openml_results import fetch_qualities as fetch
    from mlassets.sources.retry import RetryPolicy

    policy = RetryPolicy(timeout=timeout)
    features = [f for d in datasets for f in fetch(d, policy, openml_server)]
    with sqlite_connection(db, create=True) as connection:
        report = run(connection, features)
    _print_import(
        report,
        as_json,
        f"{db}: {report.rows} OpenML quality value(s) for {len(datasets)} dataset(s)",
    )
    return ExitCode.OK


@features_app.command("derive")
@exits
def derive_features(db: Db = DEFAULT_DB, as_json: AsJson = False) -> int:
    """Derive features from the catalog's dataset cards (hashed words of title, task, text)."""
    from mlassets.catalog.results import card_features
    from mlassets.catalog.results import import_features as run

    with sqlite_connection(db) as connection:
        report = run(connection, card_features(connection))
    _print_import(report, as_json, f"{db}: {report.rows} card feature value(s)")
    return ExitCode.OK


@results_app.command("fetch-hub")
@exits
def fetch_hub(
    refs: Annotated[list[str], typer.Argument(help="Hub models: hf://ORG/NAME[@REV].")],
    timeout: Timeout = 10.0,
    db: Db = DEFAULT_DB,
    as_json: AsJson = False,
) -> int:
    """Import the `.eval_results/` YAML files of Hub models, read at the given revision."""
    from mlassets.catalog.results import import_results as run
    from mlassets.core.refs import parse_ref
    from mlassets.sources.hub_models import eval_results

    results = []
    for text in refs:
        ref = parse_ref(text)
        if ref.source != "huggingface" or ref.kind == "dataset":
            raise UsageError(f"{text}: not a Hub model reference")
        results += eval_results(ref.name, ref.revision, fetch_time(), timeout)
    with sqlite_connection(db, create=True) as connection:
        report = run(connection, results)
    _print_import(report, as_json, f"{db}: {report.rows} Hub evaluation result(s)")
    return ExitCode.OK
