"""`results import|fetch-openml|fetch-hub` and `datasets features import|fetch-openml|derive`:
evidence into the catalog, for `leaderboard` and `select models`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from mlassets.catalog.pg_db import is_url, masked
from mlassets.cli._errors import ExitCode, exits
from mlassets.cli._options import AsJson, OpenmlServer, Timeout
from mlassets.cli._render import print_json
from mlassets.cli.catalog import DEFAULT_DB, Db
from mlassets.core.clock import fetch_time
from mlassets.core.errors import UsageError

if TYPE_CHECKING:
    from mlassets.catalog import Catalog

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


def _where(db: str) -> str:
    """`--db` for a message: a URL's password masked."""
    return masked(db) if is_url(db) else db


def open_catalog(db: str, *, create: bool = False) -> Catalog:
    """The catalog `--db` names (a SQLite file or a `postgresql://` URL), for a `with` block;
    `create`: a new SQLite file or an empty database becomes one."""
    from mlassets.catalog import Catalog

    if not create and not is_url(db) and not Path(db).exists():
        raise UsageError(f"{db}: no catalog here; build one with `mlassets index DIR`")
    return Catalog.open(db, create=create)


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
    with open_catalog(db, create=True) as catalog:
        report = catalog.import_results_csv(path, fetch_time(), higher=higher)
    metrics = ", ".join(report.metrics) or "-"
    summary = f"{_where(db)}: {report.rows} result(s), {report.new_assets} new asset(s)"
    summary += f", metrics {metrics}"
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
    from mlassets.catalog.results_csv import read_features_csv

    with open_catalog(db, create=True) as catalog:
        report = catalog.import_features(read_features_csv(path))
    _print_import(
        report,
        as_json,
        f"{_where(db)}: {report.rows} feature value(s), {report.new_assets} new dataset(s)",
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
    with open_catalog(db, create=True) as catalog:
        report = catalog.import_results(results)
    _print_import(
        report,
        as_json,
        f"{_where(db)}: {report.rows} OpenML result(s), {report.new_assets} new asset(s)",
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
    from mlassets.sources.openml_results import fetch_qualities as fetch
    from mlassets.sources.retry import RetryPolicy

    policy = RetryPolicy(timeout=timeout)
    features = [f for d in datasets for f in fetch(d, policy, openml_server)]
    with open_catalog(db, create=True) as catalog:
        report = catalog.import_features(features)
    _print_import(
        report,
        as_json,
        f"{_where(db)}: {report.rows} OpenML quality value(s) for {len(datasets)} dataset(s)",
    )
    return ExitCode.OK


@features_app.command("derive")
@exits
def derive_features(db: Db = DEFAULT_DB, as_json: AsJson = False) -> int:
    """Derive features from the catalog's dataset cards (hashed words of title, task, text)."""
    with open_catalog(db) as catalog:
        report = catalog.import_features(catalog.card_features())
    _print_import(report, as_json, f"{_where(db)}: {report.rows} card feature value(s)")
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
    from mlassets.core.refs import parse_ref
    from mlassets.sources.hub_models import eval_results

    results = []
    for text in refs:
        ref = parse_ref(text)
        if ref.source != "huggingface" or ref.kind == "dataset":
            raise UsageError(f"{text}: not a Hub model reference")
        results += eval_results(ref.name, ref.revision, fetch_time(), timeout)
    with open_catalog(db, create=True) as catalog:
        report = catalog.import_results(results)
    _print_import(report, as_json, f"{_where(db)}: {report.rows} Hub evaluation result(s)")
    return ExitCode.OK
