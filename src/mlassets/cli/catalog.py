"""`index`, `search`, `lineage`, `recommend datasets` and `audit`."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mlassets.catalog.pg_db import is_url  # stdlib only: psycopg loads on connect
from mlassets.cli._errors import ExitCode, exits
from mlassets.cli._options import AsJson, Use
from mlassets.cli._render import print_json, print_table
from mlassets.core.errors import UsageError

if TYPE_CHECKING:
    from mlassets.catalog import Catalog

recommend_app = typer.Typer(
    name="recommend",
    help="Datasets for a model (models for a dataset: `select models`).",
    no_args_is_help=True,
)

Db = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="MLASSETS_DB",
        show_envvar=True,
        help="The catalog: a SQLite file, or a postgresql:// URL (the postgres extra).",
    ),
]
DEFAULT_DB = "mlassets.db"


class GraphFormat(enum.StrEnum):
    tree = "tree"
    json = "json"
    dot = "dot"
    mermaid = "mermaid"


def _open(db: str) -> Catalog:
    """The catalog `--db` names; use it in `with`. A missing file is the caller's mistake."""
    from mlassets.catalog import Catalog

    if not is_url(db) and not Path(db).exists():
        raise UsageError(f"{db}: no catalog here; build one with `mlassets index DIR`")
    return Catalog.open(db)


@exits
def index(
    paths: Annotated[list[Path], typer.Argument(help="Directories (or files) of manifests.")],
    db: Db = DEFAULT_DB,
    as_json: AsJson = False,
    jobs: Annotated[int | None, typer.Option(help="Worker processes for parsing.")] = None,
) -> int:
    """Build or update the catalog from manifests (unchanged ones are skipped)."""
    from mlassets.catalog import Catalog, index_manifests

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or directory")
    if is_url(db):
        with Catalog.open(db, create=True) as catalog:
            report = catalog.index(paths, workers=jobs)
            where = catalog.location  # the URL, its password masked
    else:
        report, where = index_manifests(paths, Path(db), workers=jobs), db
    if as_json:
        print_json(report.to_json())
    else:
        typer.echo(
            f"{where}: {report.added} added, {report.updated} updated, "
            f"{report.unchanged} unchanged, {report.dangling} dangling references, "
            f"in {report.seconds:.2f} s"
        )
    for error in report.errors:
        typer.echo(f"mlassets: skipped {error}", err=True)
    return ExitCode.FINDINGS if report.errors else ExitCode.OK


@exits
def search(
    query: Annotated[str, typer.Argument(help="Words to look for (no syntax).")] = "",
    kind: Annotated[str | None, typer.Option(help="model or dataset")] = None,
    task: Annotated[str | None, typer.Option(help="A task id, e.g. text-classification.")] = None,
    license_id: Annotated[
        str | None, typer.Option("--license", help="A concluded SPDX expression.")
    ] = None,
    license_category: Annotated[
        str | None, typer.Option(help="permissive, non-commercial, copyleft...")
    ] = None,
    language: Annotated[str | None, typer.Option(help="A language code.")] = None,
    library: Annotated[str | None, typer.Option(help="e.g. transformers")] = None,
    source: Annotated[str | None, typer.Option(help="huggingface, openml or local")] = None,
    size: Annotated[
        str | None, typer.Option(help="<100MB, 100MB-1GB, 1GB-10GB, >10GB or unknown")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
    db: Db = DEFAULT_DB,
    as_json: AsJson = False,
) -> int:
    """Search the catalog: BM25-ranked full text, with facet filters."""
    filters = {
        "kind": kind,
        "task": task,
        "license": license_id,
        "license_category": license_category,
        "language": language,
        "library": library,
        "source": source,
        "size_bucket": size,
    }
    with _open(db) as catalog:
        result = catalog.search(query, {k: v for k, v in filters.items() if v}, limit)
    if as_json:
        print_json(result.to_json())
        return ExitCode.OK
    rows = [
        [f"{h.score:.2f}", h.id, h.kind or "", h.task or "", h.license or "", h.title or ""]
        for h in result.hits
    ]
    print_table(
        f"{len(rows)} result(s), {result.mode}",
        ["score", "id", "kind", "task", "license", "title"],
        rows,
    )
    return ExitCode.OK


@exits
def lineage(
    ref: Annotated[str, typer.Argument(help="An asset id in the catalog.")],
    up: Annotated[bool, typer.Option("--up", help="Base models and data (the default).")] = False,
    down: Annotated[bool, typer.Option("--down", help="Derivatives.")] = False,
    depth: Annotated[int, typer.Option(min=1, max=100)] = 5,
    output_format: Annotated[GraphFormat, typer.Option("--format")] = GraphFormat.tree,
    db: Db = DEFAULT_DB,
) -> int:
    """Where an asset came from (--up) and what came from it (--down)."""
    from mlassets.formats import lineage_graph as draw

    with _open(db) as catalog:
        graph = catalog.lineage_graph(ref, up=up or not down, down=down, depth=depth)
    if output_format is GraphFormat.json:
        print_json(graph.to_json())
    else:
        render = {"tree": draw.tree, "dot": draw.dot, "mermaid": draw.mermaid}
        typer.echo(render[output_format.value](graph))
    if graph.cycles:
        typer.echo(f"mlassets: {len(graph.cycles)} cycle(s) in the declared lineage", err=True)
    return ExitCode.OK


def _print_recommendations(result: object, as_json: bool) -> None:
    from mlassets.catalog import Recommendations

    assert isinstance(result, Recommendations)
    if as_json:
        print_json(result.to_json())
        return
    rows = [
        [f"{r.score:.2f}", r.id, r.license or "", "; ".join(f"{p.name}: {p.why}" for p in r.parts)]
        for r in result.ranked
    ]
    print_table(f"for {result.target}", ["score", "id", "license", "why"], rows)
    for rejected in result.rejected:
        typer.echo(
            f"not compatible: {rejected.id} ({rejected.license}): {'; '.join(rejected.reasons)}"
        )


@recommend_app.command("datasets")
@exits
def recommend_datasets(
    model: Annotated[str, typer.Option("--for", help="The model (an id in the catalog).")],
    use: Annotated[Use | None, typer.Option(help="Intended use.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 10,
    db: Db = DEFAULT_DB,
    as_json: AsJson = False,
) -> int:
    """Rank the catalog's datasets for a model; incompatible licenses are listed apart."""
    with _open(db) as catalog:
        result = catalog.recommend_datasets(model, use=use.value if use else None, limit=limit)
    _print_recommendations(result, as_json)
    return ExitCode.OK


@exits
def audit(
    directory: Annotated[
        Path | None, typer.Argument(help="A directory of manifests (instead of --db).")
    ] = None,
    db: Db = DEFAULT_DB,
    as_json: AsJson = False,
) -> int:
    """Documentation and licensing health of a collection."""
    from mlassets.catalog import audit_directory

    if directory is not None:
        if not directory.is_dir():
            raise UsageError(f"{directory}: not a directory")
        result, report = audit_directory([directory])
        for error in report.errors:
            typer.echo(f"mlassets: skipped {error}", err=True)
    else:
        with _open(db) as catalog:
            result = catalog.audit()
    if as_json:
        print_json(result.to_json())
        return ExitCode.OK
    rows = [
        [name, str(result.counts[name]), f"{share:.1%}"] for name, share in result.shares.items()
    ]
    print_table(f"{result.assets} asset(s) {result.by_kind}", ["measure", "assets", "share"], rows)
    print_table(
        "most common missing fields",
        ["field", "assets"],
        [[f, str(n)] for f, n in result.missing_fields],
    )
    print_table(
        "licenses",
        ["license", "category", "assets"],
        [[a, b, str(c)] for a, b, c in result.licenses],
    )
    return ExitCode.OK
