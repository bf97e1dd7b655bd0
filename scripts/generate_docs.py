"""Write the README's table of finding codes from the rule registry (`mlassets.core.rules`).

`python scripts/generate_docs.py` rewrites the text between the markers; `--check` exits 1 when
the README is stale (`make test` runs it), the way ruff generates its rule docs from its registry.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mlassets.core.rules import RULES

README = Path(__file__).resolve().parents[1] / "README.md"
START, END = "<!-- rules:start -->", "<!-- rules:end -->"
_LETTER = {"error": "E", "warning": "W", "notice": "N"}


def rules_table() -> str:
    rows = [
        f"| `{rule.code}` | [{_LETTER[rule.severity.value]}] {rule.summary} |"
        for rule in RULES.values()  # registry order: by stage, as a reader meets them
    ]
    return "\n".join(["| code | meaning |", "| --- | --- |", *rows])


def rendered(readme: str) -> str:
    head, found, rest = readme.partition(START)
    _, closed, tail = rest.partition(END)
    if not (found and closed):
        raise SystemExit(f"{README}: the markers {START} and {END} are missing")
    return f"{head}{START}\n{rules_table()}\n{END}{tail}"


def main(argv: list[str]) -> int:
    current = README.read_text(encoding="utf-8")
    wanted = rendered(current)
    if "--check" in argv:
        if wanted != current:
            print(
                "README.md's table of codes is stale: run scripts/generate_docs.py", file=sys.stderr
            )
            return 1
        return 0
    README.write_text(wanted, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
