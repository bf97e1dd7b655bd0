"""Findings as CI tools read them: SARIF 2.1.0 logs and GitHub workflow commands.

Both take the same input: (path, finding) pairs, in the order to report them. Paths are written
relative to the working directory when they are under it, with `/` separators, as code scanning
expects; a finding without a position points at line 1, column 1.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from mlassets.core.findings import Finding, Position, Severity
from mlassets.core.rules import RULES
from mlassets.core.version import __version__

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTICE: "note"}

Located = tuple[str, Finding]


def relative_path(path: str) -> str:
    """`path` relative to the working directory when it lies under it, with `/` separators."""
    candidate = Path(path)
    if candidate.is_absolute():
        try:
            candidate = candidate.relative_to(Path.cwd())
        except ValueError:
            return candidate.as_posix()
    return PurePosixPath(*candidate.parts).as_posix() if candidate.parts else path


def sarif_log(findings: Sequence[Located], tool_command: str) -> dict[str, Any]:
    """One SARIF 2.1.0 log with one run; rules are the codes that occur, in code order."""
    codes = sorted({f.code for _, f in findings})
    index = {code: i for i, code in enumerate(codes)}
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "mlassets",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule(code) for code in codes],
                    }
                },
                "automationDetails": {"id": f"mlassets/{tool_command}/"},
                "columnKind": "unicodeCodePoints",
                "results": [_result(path, f, index[f.code]) for path, f in findings],
            }
        ],
    }


def _rule(code: str) -> dict[str, Any]:
    rule = RULES[code]  # every finding is raised through its rule, so it is registered
    plain = rule.summary.replace("`", "")
    return {
        "id": code,
        "shortDescription": {"text": plain},
        "fullDescription": {"text": plain},
        "help": {
            "text": f"{code}: {plain}. {rule.help.replace('`', '')}",
            "markdown": f"**{code}**: {rule.summary}.\n\n{rule.help}",
        },
        "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
    }


def _result(path: str, finding: Finding, rule_index: int) -> dict[str, Any]:
    position = finding.position or Position(1, 1)
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _SARIF_LEVEL[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {
                        "uri": quote(relative_path(path)),
                        "uriBaseId": "%SRCROOT%",
                    },
                    "region": {"startLine": position.line, "startColumn": position.column},
                }
            }
        ],
    }
    if finding.pointer:
        result["properties"] = {"jsonPointer": finding.pointer}
    return result


def github_annotations(findings: Iterable[Located]) -> list[str]:
    """GitHub Actions workflow commands: `::error file=...,line=...,col=...,title=CODE::message`."""
    lines = []
    for path, finding in findings:
        position = finding.position or Position(1, 1)
        properties = ",".join(
            [
                f"file={_property(relative_path(path))}",
                f"line={position.line}",
                f"col={position.column}",
                f"title={_property('mlassets ' + finding.code)}",
            ]
        )
        lines.append(f"::{finding.severity.value} {properties}::{_data(finding.message)}")
    return lines


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def text_lines(findings: Iterable[Located]) -> list[str]:
    """`path:line:col: CODE message`, one line per finding."""
    lines = []
    for path, finding in findings:
        position = finding.position or Position(1, 1)
        lines.append(f"{path}:{position.line}:{position.column}: {finding.code} {finding.message}")
    return lines
