"""`mlassets export` (issue 11): the command prints or writes exactly the workflow's bytes."""

from __future__ import annotations

import json
from pathlib import Path

from mlassets.workflows.export import ExportFormat, export
from tests.conftest import REPO

EXAMPLES = REPO / "examples" / "manifests"


def test_stdout_and_out_carry_the_workflow_bytes(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (expected,) = export([EXAMPLES], ExportFormat.SPDX3).documents
    printed = run_cli("export", str(EXAMPLES), "--format", "spdx3")
    assert printed.code == 0, printed.stderr
    assert printed.stdout.encode("utf-8") == expected.content
    written = run_cli("export", str(EXAMPLES), "--format", "spdx3", "--out", "doc.json")
    assert written.code == 0
    assert (tmp_path / "doc.json").read_bytes() == expected.content
    assert written.stderr == "doc.json: 4 asset(s), spdx3\n"


def test_croissant_writes_a_file_per_dataset(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("export", str(EXAMPLES), "--format", "croissant", "--out", "out")
    assert result.code == 0, result.stderr
    for document in export([EXAMPLES], ExportFormat.CROISSANT).documents:
        assert (tmp_path / "out" / document.name).read_bytes() == document.content
    assert len(list((tmp_path / "out").iterdir())) == 2
    to_stdout = run_cli("export", str(EXAMPLES), "--format", "croissant")
    assert to_stdout.code == 2 and "give --out DIR" in to_stdout.stderr
    assert to_stdout.stdout == ""


def test_an_export_error_is_one_line_and_exit_3(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads((EXAMPLES / "models--acme--encoder-base.json").read_text())
    data["license"]["concluded"] = "NotALicense-1.0"
    (tmp_path / "m.json").write_text(json.dumps(data))
    result = run_cli("export", "m.json", "--format", "spdx")
    assert result.code == 3
    assert result.stderr.startswith("mlassets: error: hf://acme/encoder-base: spdx-tools rejects")
    assert "Traceback" not in result.stderr


def test_a_directory_export_skips_json_that_is_no_manifest(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`fetch --out` shares a directory with whatever else is there, a model's `config.json`
    among it: only the files that look like manifests are exported from a directory."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "card.md").write_text("---\nlicense: mit\n---\n# A model\n")
    assert run_cli("fetch", "out/card.md", "--out", "out").code == 0
    (out / "config.json").write_text('{"architectures": ["BertModel"]}\n')
    exported = run_cli("export", "out", "--format", "spdx")
    assert exported.code == 0, exported.stderr
    assert "MIT" in exported.stdout and "config.json" not in exported.stderr
