"""Keep the JSON Schemas in src/mlassets/schemas/ in step with what they are made from.

- Input schemas (hub-model-card, hub-dataset-card, openml-description, manifest, project, lock)
  and the report schemas whose producers this script does not reach (license-check-report,
  license-normalize, catalog-*) are hand-written JSON: edit the file. A node that carries
  `"x-mlassets-vocab": NAME` gets its `enum` (for `languages`, its `pattern`) from
  mlassets/vocab/NAME.json; a node that carries `"x-mlassets-enum": "module:CONSTANT"` gets its
  `enum` from that Python constant. Nothing else in those files is touched.
- The report schemas in REPORTS are generated from the TypedDict that the report's `to_json`
  returns, with pydantic (dev extra). Bump a report's version here when its shape changes.

`python scripts/build_schemas.py` rewrites what is stale; `--check` only says so (exit 1).
"""

from __future__ import annotations

import importlib
import json
import sys
import types
import typing
from pathlib import Path
from typing import Annotated, Any

ROOT = Path(__file__).resolve().parents[1] / "src" / "mlassets" / "schemas"
DIALECT = "https://json-schema.org/draft/2020-12/schema"

# schema name -> (the TypedDict its report's to_json returns, the schema's version)
REPORTS = {
    "validate-report": ("mlassets.validation.check:ValidationReportJson", "1.1.0"),
    "manifest-diff": ("mlassets.workflows.diff:ManifestDiffJson", "1.0.0"),
    "sync-report": ("mlassets.workflows.sync_outcomes:SyncReportJson", "1.0.0"),
    "outdated-report": ("mlassets.workflows.outdated:OutdatedReportJson", "1.1.0"),
}


def _constant(path: str) -> Any:
    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)


def fill(node: Any) -> Any:
    """The hand-written schema `node` with its vocabulary enums and patterns filled in."""
    from mlassets.vocab import language_pattern, load_vocabulary

    if isinstance(node, list):
        return [fill(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: fill(value) for key, value in node.items()}
    if "x-mlassets-vocab" in out:
        name = out["x-mlassets-vocab"]
        if name == "languages":  # thousands of codes: a pattern, so subtags (pt-BR) pass too
            out["pattern"] = language_pattern()
        else:
            out["enum"] = list(load_vocabulary(name).accepted)
    if "x-mlassets-enum" in out:
        out["enum"] = list(_constant(out["x-mlassets-enum"]))
    return out


def _for_pydantic(tp: Any, seen: dict[Any, Any]) -> Any:
    """`tp` with every TypedDict rebuilt as typing_extensions.TypedDict.

    pydantic reads typing.TypedDict only on Python 3.12 and newer; the runtime modules must not
    import typing_extensions (not one of mlassets' dependencies), so the copy is made here.
    """
    import typing_extensions

    if typing_extensions.is_typeddict(tp):
        if tp not in seen:
            hints = typing.get_type_hints(tp, include_extras=True)
            fields = {key: _for_pydantic(value, seen) for key, value in hints.items()}
            seen[tp] = typing_extensions.TypedDict(tp.__name__, fields)  # type: ignore[operator]
            seen[tp].__doc__ = tp.__doc__
        return seen[tp]
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin is Annotated:
        return Annotated[(_for_pydantic(args[0], seen), *tp.__metadata__)]
    if origin in (typing.Union, types.UnionType):
        return typing.Union[tuple(_for_pydantic(a, seen) for a in args)]  # noqa: UP007
    if origin in (list, dict, tuple):
        return origin[tuple(_for_pydantic(a, seen) for a in args)]
    return tp


def _tidy(node: Any, in_properties: bool = False) -> Any:
    """Drop pydantic's made-up titles; close every object, as the reports are closed."""
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    if in_properties:  # keys here are property names, never keywords
        return {key: _tidy(value) for key, value in node.items()}
    out = {k: _tidy(v, k in ("properties", "$defs")) for k, v in node.items() if k != "title"}
    if "properties" in out:
        out["additionalProperties"] = False
    return out


def report_schema(name: str) -> dict[str, Any]:
    from pydantic import TypeAdapter

    typed_dict, version = REPORTS[name]
    generated = _tidy(TypeAdapter(_for_pydantic(_constant(typed_dict), {})).json_schema())
    title = generated.pop("description")  # the TypedDict's docstring: the command it answers
    head = {"$schema": DIALECT, "$id": f"urn:mlassets:schema:{name}:{version}", "title": title}
    return head | generated


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def expected() -> dict[Path, str]:
    """Every schema file and the text this script would give it."""
    files = {}
    for path in sorted(ROOT.glob("*.schema.json")):
        name = path.name.removesuffix(".schema.json")
        if name not in REPORTS:
            files[path] = render(fill(json.loads(path.read_text(encoding="utf-8"))))
    for name in REPORTS:
        files[ROOT / f"{name}.schema.json"] = render(report_schema(name))
    return files


def main() -> int:
    check = "--check" in sys.argv
    stale = []
    for path, text in expected().items():
        if path.exists() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path.name)
        if not check:
            path.write_text(text, encoding="utf-8")
    if stale and check:
        print("stale schemas (run scripts/build_schemas.py):", ", ".join(stale), file=sys.stderr)
        return 1
    print("written:", ", ".join(stale) or "none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
