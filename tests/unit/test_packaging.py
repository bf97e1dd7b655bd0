"""The project's files: schemas are current and ship inside the wheel; the README is true."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import jsonschema

from mlassets.schemas import BUILTIN, load_schema
from mlassets.vocab import NAMES as VOCABULARIES

REPO = Path(__file__).resolve().parents[2]


def test_schemas_are_what_the_generator_writes() -> None:
    # Vocabulary enums match mlassets/vocab/*.json; report schemas match their TypedDicts.
    done = subprocess.run(
        [sys.executable, "scripts/build_schemas.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def _build_schemas() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_schemas", REPO / "scripts/build_schemas.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generator_fills_stale_vocabularies_and_leaves_the_rest() -> None:
    from mlassets.vocab import load_vocabulary

    stale = {
        "items": {"x-mlassets-vocab": "hub-tasks", "enum": ["gone"], "x-mlassets-message": "m"}
    }
    filled = _build_schemas().fill(stale)
    assert filled["items"]["enum"] == list(load_vocabulary("hub-tasks").accepted)
    assert filled["items"]["x-mlassets-message"] == "m"
    assert stale["items"]["enum"] == ["gone"]  # the input is not changed in place


def test_report_schemas_come_from_the_typed_dicts() -> None:
    schema = _build_schemas().report_schema("validate-report")
    finding = schema["$defs"]["FindingJson"]
    assert finding["additionalProperties"] is False
    assert finding["properties"]["severity"]["enum"] == ["error", "warning", "notice"]
    assert schema["properties"]["schema_version"] == {"const": 1, "type": "integer"}
    assert schema["title"] == "mlassets validate --format json"


def test_every_schema_is_valid_2020_12_with_a_versioned_id() -> None:
    for name in BUILTIN:
        schema = load_schema(name)
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$id"].startswith(f"urn:mlassets:schema:{name}:")
        assert schema["$id"].rsplit(":", 1)[1].count(".") == 2


def test_the_wheel_ships_the_schemas(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        shipped = json.loads(archive.read("mlassets/schemas/manifest.schema.json"))
    assert {f"mlassets/schemas/{n}.schema.json" for n in BUILTIN} <= names
    assert {
        "mlassets/licenses/data/spdx-licenses.json",
        "mlassets/licenses/data/classification.toml",
    } <= names
    assert {f"mlassets/vocab/{n}.json" for n in VOCABULARIES} <= names
    assert shipped == load_schema("manifest")


def test_every_emitted_code_is_a_registered_rule() -> None:
    import re

    from mlassets.core.rules import RULES

    sources = "\n".join(p.read_text() for p in (REPO / "src").rglob("*.py"))
    emitted = set(re.findall(r'"([CSLJPGV]\d{3})"', sources)) | set(
        re.findall(r"rules\.([CSLJPGV]\d{3})\b", sources)
    )
    assert emitted, "the scan found no codes at all"
    assert emitted - set(RULES) == set(), "codes emitted but missing from mlassets/core/rules.py"
    assert all(rule.help and rule.summary for rule in RULES.values())


def test_the_readme_table_of_codes_is_generated_from_the_registry() -> None:
    done = subprocess.run(
        [sys.executable, "scripts/generate_docs.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    from mlassets.core.rules import RULES

    readme = (REPO / "README.md").read_text()
    table = readme.split("<!-- rules:start -->")[1].split("<!-- rules:end -->")[0]
    assert [line.split("`")[1] for line in table.splitlines() if line.startswith("| `")] == list(
        RULES
    )


def test_every_command_is_documented_in_the_readme() -> None:
    from mlassets.cli import app

    readme = (REPO / "README.md").read_text()
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"mlassets {name}" in readme


def test_example_manifests_are_what_fetch_writes_today() -> None:
    done = subprocess.run(
        [sys.executable, "scripts/build_example_manifests.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


def test_ci_examples_are_valid() -> None:
    from mlassets.licenses import load_policy

    done = subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            str(REPO / "examples" / "ci" / "mlassets.yml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    policy = load_policy(REPO / "examples" / "ci" / "license-policy.toml")
    assert policy.use == "commercial" and "permissive" in policy.allow_categories


def test_pre_commit_hooks_file_names_both_hooks() -> None:
    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"mlassets-validate", "mlassets-license-check"}
    assert hooks["mlassets-validate"]["entry"] == "mlassets validate"
    assert hooks["mlassets-license-check"]["entry"] == "mlassets license-check"
    assert all(h["language"] == "python" for h in hooks.values())


def test_the_readme_architecture_map_names_every_package_in_layer_order() -> None:
    import tomllib

    readme = (REPO / "README.md").read_text()
    section = readme.split("## Architecture")[1].split("\n## ")[0]
    mapped = [
        line.split("`")[1] for line in section.splitlines() if line.startswith("| `mlassets.")
    ]
    packages = {
        f"mlassets.{p.parent.name}" for p in (REPO / "src" / "mlassets").glob("*/__init__.py")
    }
    assert set(mapped) == packages
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    (contract,) = config["tool"]["importlinter"]["contracts"]
    layered = [name.strip() for layer in contract["layers"] for name in layer.split("|")]
    assert mapped == layered  # the table reads top-down in the contract's order


def test_every_guarantee_in_the_readme_names_tests_that_exist() -> None:
    import re

    readme = (REPO / "README.md").read_text()
    section = readme.split("## Guarantees")[1].split("\n## ")[0]
    named = set(re.findall(r"`(test_\w+)`", section))
    assert len(named) >= 10
    defined = {
        m
        for p in (REPO / "tests").rglob("test_*.py")
        for m in re.findall(r"def (test_\w+)", p.read_text())
    }
    assert named <= defined, named - defined


def test_findings_are_raised_only_through_their_rules() -> None:
    import ast

    direct = []
    for path in (REPO / "src" / "mlassets").rglob("*.py"):
        if path.parent.name == "core" and path.stem in ("findings", "rules"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            called = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            if called and node.func.id == "Finding":  # type: ignore[attr-defined]
                direct.append(f"{path.name}:{node.lineno}")
    assert direct == [], "build findings with rules.CODE.at(...): " + ", ".join(direct)
