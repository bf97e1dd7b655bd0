"""Hypothesis strategies for card-shaped and license-shaped input.

Random bytes almost never reach the YAML parser's interesting states, so cards are assembled from
fragments that real cards (and hostile ones) are made of: known keys, scalars of every YAML type,
tags, anchors, flow and block collections, odd line endings, byte-order marks.
"""

from __future__ import annotations

from hypothesis import strategies as st

KEYS = [
    "license", "licenses", "license_name", "license_link", "base_model", "base_model_relation",
    "datasets", "language", "tags", "pipeline_tag", "library_name", "model-index", "released",
    "pretty_name", "size_categories", "task_categories", "configs", "? complex", "<<", "x",
]  # fmt: skip
SCALARS = [
    "mit", "apache-2.0", "other", "", "~", "null", "yes", "no", "maybe", "1e309", ".inf", ".nan",
    "2024-02-30", "2024-01-01", "2024-01-01T25:00:00", "0x1F", "0o17", "1_000", "12:30:00",
    "!!bool maybe", "!!int x", "!!float x", "!!binary Zm9v", "!!binary ###", "!!timestamp 1",
    "!!set {a, b}", "!!omap [a: 1]", "!!python/object:os.system x", "&a 1", "*a", "*nope",
    "'quoted'", '"esc\\x00"', "[a, b", "{a: 1}", "|", ">-", "\t", "\u2028", "\ud800",
    "9" * 5000, "-" + "9" * 400, "[" * 600 + "]" * 600, "CC BY-NC-SA 4.0", "GPL-3.0 OR MIT",
]  # fmt: skip


@st.composite
def yaml_lines(draw: st.DrawFn) -> str:
    key = draw(st.sampled_from(KEYS))
    value = draw(st.one_of(st.sampled_from(SCALARS), st.text(max_size=20)))
    indent = " " * draw(st.sampled_from([0, 0, 0, 2, 4]))
    shape = draw(st.sampled_from(["map", "seq", "flow", "nested"]))
    if shape == "seq":
        return f"{indent}{key}:\n{indent}  - {value}\n{indent}  - {value}"
    if shape == "flow":
        return f"{indent}{key}: [{value}, {{k: {value}}}]"
    if shape == "nested":
        depth = draw(st.integers(1, 40))
        inner = "".join(f"\n{'  ' * (i + 1)}k{i}:" for i in range(depth))
        return f"{indent}{key}:{inner} {value}"
    return f"{indent}{key}: {value}"


@st.composite
def cards(draw: st.DrawFn) -> bytes:
    lines = draw(st.lists(yaml_lines(), max_size=8))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    head = draw(st.sampled_from(["---", "---", "--- ", "\ufeff---", "", "----"]))
    close = draw(st.sampled_from(["---", "---", "...", ""]))
    body = draw(st.text(max_size=80))
    text = newline.join([head, *lines, close, body])
    raw = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        return raw
    return raw + draw(st.binary(max_size=16))


license_strings = st.one_of(
    st.text(max_size=120),
    st.lists(
        st.sampled_from(
            [
                "MIT",
                "Apache",
                "2.0",
                "License",
                "GPL",
                "v3",
                "or later",
                "AND",
                "OR",
                "WITH",
                "(",
                ")",
                "CC",
                "BY-NC-SA",
                "4.0",
                "https://",
                "creativecommons.org/licenses/",
                "other-",
                "LicenseRef-",
                "+",
                ",",
                ";",
                "/",
                " ",
                "\x00",
                "é",
                "dual-licensed",
            ]
        ),  # fmt: skip
        max_size=14,
    ).map("".join),
)
