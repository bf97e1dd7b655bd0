"""Every finding code mlassets emits: its default severity and what it means.

The one list behind the SARIF rules (`reports.py`) and the README's table of codes (a test checks
that the README says the same). Add a code here when you add it to the code base.
"""

from __future__ import annotations

from dataclasses import dataclass

from mlassets.core.findings import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str  # markdown, as the README shows it


_RULES = (
    Rule("C101", Severity.WARNING, "no YAML metadata block"),
    Rule("C102", Severity.ERROR, "metadata block opened with `---` but never closed"),
    Rule(
        "C103",
        Severity.WARNING,
        "empty metadata block (and, when the Hub reads later lines as metadata instead, which)",
    ),
    Rule(
        "C104",
        Severity.ERROR,
        "YAML does not parse (as PyYAML, which huggingface_hub uses, parses it)",
    ),
    Rule("C105", Severity.ERROR, "metadata is not a mapping"),
    Rule(
        "C106", Severity.WARNING, "UTF-8 byte-order mark (huggingface_hub then misses the metadata)"
    ),
    Rule("C107", Severity.NOTICE, "CRLF line endings"),
    Rule("C108", Severity.WARNING, "mixed line endings"),
    Rule("C109", Severity.ERROR, "not valid UTF-8"),
    Rule("C110", Severity.WARNING, "duplicate key (the last one wins; the Hub rejects the card)"),
    Rule("C111", Severity.WARNING, "metadata block does not start at the very start of the file"),
    Rule("J101", Severity.ERROR, "a JSON manifest or an OpenML description does not parse"),
    Rule("S201", Severity.ERROR, "wrong type"),
    Rule(
        "S202",
        Severity.ERROR,
        'value not accepted (not a Hub license id, task, size category...), with "did you mean"',
    ),
    Rule(
        "S203",
        Severity.ERROR,
        "required field missing (`license_name`/`license_link` with `license: other`, `model-index` parts)",
    ),
    Rule("S204", Severity.ERROR, "malformed value (language code, repository id, checksum)"),
    Rule("S205", Severity.ERROR, "any other schema constraint"),
    Rule(
        "S210",
        Severity.WARNING,
        "unknown key that looks like a documented one: `licence`, `base-model`, `pipeline-tag`...",
    ),
    Rule("S211", Severity.WARNING, "legacy `licenses:` key in a dataset card"),
    Rule("S301", Severity.ERROR, "as `S201`-`S205`, from a `--schema` file"),
    Rule("S302", Severity.ERROR, "as `S201`-`S205`, from a `--schema` file"),
    Rule("S303", Severity.ERROR, "as `S201`-`S205`, from a `--schema` file"),
    Rule("S304", Severity.ERROR, "as `S201`-`S205`, from a `--schema` file"),
    Rule("S305", Severity.ERROR, "as `S201`-`S205`, from a `--schema` file"),
    Rule(
        "L101",
        Severity.WARNING,
        "no license declared, or a placeholder (`unknown`, `[More Information Needed]`)",
    ),
    Rule("L102", Severity.WARNING, "a value that identifies no license (concluded `NOASSERTION`)"),
    Rule(
        "L103",
        Severity.WARNING,
        'a family without its member (`bsd`, `gpl`, `CC-BY-SA` without a version, "Apache License"): no version or variant is guessed',
    ),
    Rule(
        "L104",
        Severity.WARNING,
        "`license: other` without `license_name`, or without `license_link`",
    ),
    Rule("L105", Severity.NOTICE, "a deprecated SPDX id, rewritten (`GPL-3.0` → `GPL-3.0-only`)"),
    Rule("L106", Severity.WARNING, "`license` and legacy `licenses` disagree"),
    Rule(
        "L107",
        Severity.NOTICE,
        "a real license that is not on the SPDX list, recorded as `LicenseRef-<name>`",
    ),
    Rule(
        "L109",
        Severity.WARNING,
        "a value that belongs to another field (`10K<n<100K` is a size category)",
    ),
    Rule(
        "L111",
        Severity.NOTICE,
        "the license was read out of free text (prose, links, lists): the finding quotes what was read",
    ),
    Rule(
        "L112",
        Severity.NOTICE,
        'the card says its listed licenses are alternatives ("dual-licensed"): concluded with `OR`',
    ),
    Rule(
        "P101",
        Severity.ERROR,
        'no license concluded (`NOASSERTION`); [W] with `noassertion = "warning"`',
    ),
    Rule("P102", Severity.ERROR, "the license is in `deny-licenses`"),
    Rule("P103", Severity.ERROR, "the license's category is in `deny-categories`"),
    Rule("P104", Severity.ERROR, "the license's category is not in `allow-categories`"),
    Rule(
        "P105",
        Severity.ERROR,
        "the license bars commercial use, and the intended use is commercial",
    ),
    Rule(
        "P106",
        Severity.WARNING,
        "commercial use intended, but the license's terms are unknown to mlassets",
    ),
    Rule(
        "P107",
        Severity.NOTICE,
        "copyleft or share-alike, and you distribute: what you distribute must carry it",
    ),
    Rule("P108", Severity.WARNING, "no derivatives, and you distribute: only unmodified copies"),
    Rule("P109", Severity.NOTICE, "use-based restrictions (RAIL, Llama, Gemma) bind every user"),
    Rule(
        "G101",
        Severity.ERROR,
        "a non-commercial base or dataset under a derivative that declares a commercial-friendly license (license laundering), or under intended commercial use; [N] otherwise",
    ),
    Rule(
        "G102",
        Severity.ERROR,
        "a no-derivatives base under a fine-tune, merge or adapter; [W] under a quantized copy",
    ),
    Rule(
        "G103",
        Severity.ERROR,
        "a share-alike or copyleft base whose license the derivative does not carry; [N] for training data",
    ),
    Rule(
        "G104",
        Severity.WARNING,
        "use restrictions and attribution duties (Llama, Gemma, RAIL) the derivative does not pass on; [N] when it does",
    ),
    Rule("G105", Severity.WARNING, "a missing license (`NOASSERTION`) in the chain"),
    Rule("G106", Severity.WARNING, "an ancestor with no manifest (fetch it, or pass `--fetch`)"),
    Rule("G107", Severity.WARNING, "a cycle in the declared lineage"),
    Rule(
        "V101",
        Severity.ERROR,
        "an asset declared in `mlassets.yaml` but not locked, or locked but no longer declared",
    ),
    Rule("V102", Severity.ERROR, "a lock entry's manifest file is missing"),
    Rule("V103", Severity.ERROR, "a manifest breaks its schema"),
    Rule(
        "V104",
        Severity.ERROR,
        "a manifest disagrees with its lock entry (id, revision, card hash or license)",
    ),
    Rule("V105", Severity.ERROR, "a card on disk no longer hashes to its manifest's `card_sha256`"),
)
RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
