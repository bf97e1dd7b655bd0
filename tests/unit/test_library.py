"""`import mlassets` as a Python user meets it: typed names, and the README's examples run."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import mlassets
from tests.conftest import REPO


def _type_checked_names() -> set[str]:
    tree = ast.parse((REPO / "src" / "mlassets" / "__init__.py").read_text())
    guarded = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
    )
    return {
        alias.asname or alias.name
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def test_every_public_name_resolves_and_is_visible_to_type_checkers() -> None:
    assert set(mlassets.__all__) == _type_checked_names()
    for name in mlassets.__all__:
        assert getattr(mlassets, name) is not None, name
    with pytest.raises(AttributeError):
        _ = mlassets.no_such_name  # type: ignore[attr-defined]
    assert (REPO / "src" / "mlassets" / "py.typed").is_file()


USER_SCRIPT = """
from pathlib import Path

import mlassets

manifest = mlassets.read_manifest(Path("m.json"))
if manifest is not None:
    concluded: str = manifest.license.concluded
    kinds: list[str] = [b.id for b in manifest.base_models]
report = mlassets.curate(["cards"], Path("out"))
written: int = len(report.written)
reveal_type(manifest)
wrong: int = mlassets.normalize_license("mit").spdx
"""


def test_a_users_script_type_checks_against_real_types(tmp_path: Path) -> None:
    script = tmp_path / "user.py"
    script.write_text(USER_SCRIPT)
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(script)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = done.stdout.splitlines()
    # Real types: the reveal names the model class, and the one deliberate mistake (a str into
    # an int) is the only error. Were the names Any, neither would show.
    assert any(
        'Revealed type is "mlassets.manifests.model.Manifest | None"' in line for line in lines
    ), done.stdout
    errors = [line for line in lines if ": error:" in line]
    assert len(errors) == 1 and 'expression has type "str", variable has type "int"' in errors[0], (
        done.stdout
    )


def test_the_readme_python_api_section_runs(tmp_path: Path) -> None:
    readme = (REPO / "README.md").read_text()
    block = readme.split("## Python API")[1].split("```python")[1].split("```")[0]
    for folder in ("examples",):
        shutil.copytree(REPO / folder, tmp_path / folder)
    done = subprocess.run(
        [sys.executable, "-c", block],
        cwd=tmp_path,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "GPL-3.0-only" in done.stdout.splitlines()
    assert (tmp_path / "build" / "api-manifests").is_dir()
    assert "error about examples/no-such-file.json" in done.stdout
