"""The rule registry: every finding code mlassets emits, written once.

Each `Rule` carries its default severity, a one-line summary (the README's table of codes, which
`scripts/generate_docs.py` writes from here) and help text (SARIF's rule help). Code raises a
finding through its rule, `rules.L101.at("no license declared")`, so a code that is not here
cannot be emitted; a severity other than the default is passed explicitly where the context
decides it (`severity=Severity.NOTICE`).
"""

from __future__ import annotations

from dataclasses import dataclass

from mlassets.core.findings import Finding, Position, Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.NOTICE


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str  # markdown, one line: the README table's text
    help: str  # what to do about it

    def at(
        self,
        message: str,
        pointer: str = "",
        position: Position | None = None,
        *,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule: the default severity unless the context decides another."""
        return Finding(self.code, severity or self.severity, message, pointer, position)


# One rule a line, as a table: code, default severity, summary (markdown), help.
# fmt: off
C101 = Rule("C101", W, "no YAML metadata block", "Add a `---` block at the top of the card with at least `license`; the Hub shows no license, task or tags without it.")
C102 = Rule("C102", E, "metadata block opened with `---` but never closed", "End the metadata with a line that is `---` (spaces or a tab may follow it); until then the Hub reads no metadata at all.")
C103 = Rule("C103", W, "empty metadata block (and, when the Hub reads later lines as metadata instead, which)", "Put the metadata between the first two `---` lines, or remove the empty block so that a later block is not read by mistake.")
C104 = Rule("C104", E, "YAML does not parse, or holds a value PyYAML cannot construct (as PyYAML, which huggingface_hub uses, parses it)", "Fix the YAML at the line given; quote values that hold `:` or start with a special character.")
C105 = Rule("C105", E, "metadata is not a mapping", "The metadata must be `key: value` pairs, not a list or a single value.")
C106 = Rule("C106", W, "UTF-8 byte-order mark (huggingface_hub's `RepoCard.load` drops it and reads the metadata; tools that pass the text on with it do not)", "Save the card as UTF-8 without a byte-order mark.")
C107 = Rule("C107", N, "CRLF line endings", "Nothing is wrong; the card keeps its line endings. Convert to LF if your tools prefer it.")
C108 = Rule("C108", W, "mixed line endings", "Use one kind of line ending throughout the card.")
C109 = Rule("C109", E, "not valid UTF-8", "Re-encode the card as UTF-8; the Hub reads cards as UTF-8 only.")
C110 = Rule("C110", W, "duplicate key (the last one wins; the Hub rejects the card)", "Keep one of the duplicated keys and merge their values.")
C111 = Rule("C111", W, "metadata block does not start at the very start of the file", "Move the `---` block to the first line; the Hub only reads metadata there.")
C112 = Rule("C112", W, "the opening `---` has spaces or a tab after it: the Hub reads no metadata", "Remove what follows the opening `---`; the Hub needs it directly followed by the line break.")
C113 = Rule("C113", W, "CR-only line endings: huggingface_hub's `RepoCard.load` finds no closing `---`, so no metadata", "Save the card with LF (or CRLF) line endings.")
J101 = Rule("J101", E, "a JSON manifest or an OpenML description does not parse", "Fix the JSON (or XML) at the line given, or re-create the manifest with `mlassets fetch`.")
S201 = Rule("S201", E, "wrong type", "Give the value the type the field takes (a string, a list of strings, a mapping...).")
S202 = Rule("S202", E, "value not accepted (not a Hub license id, task, size category...), with \"did you mean\"", "Use one of the values the Hub accepts for this field; the message suggests the closest.")
S203 = Rule("S203", E, "required field missing (`model-index` parts, a `configs` entry's `config_name`)", "Add the field the message names.")
S204 = Rule("S204", E, "malformed value (language code, repository id, checksum)", "Write the value in the form the message describes.")
S205 = Rule("S205", E, "any other schema constraint", "Change the value so that it meets the constraint the message describes.")
S210 = Rule("S210", W, "unknown key that looks like a documented one: `licence`, `base-model`, `pipeline-tag`...", "Rename the key to the documented one the message suggests; the Hub ignores unknown keys.")
S211 = Rule("S211", W, "legacy `licenses:` key in a dataset card", "Rename `licenses:` to `license:`; the Hub reads only `license` today.")
S212 = Rule("S212", W, "a value of the 2020–21 datasets taxonomy (`conditional-text-generation`, `size_categories: unknown`, `configs` as names, per-config mappings), once per key, with today's equivalent", "Rewrite the key in today's form, which the message names; the Hub accepted the old one, so nothing is broken yet.")
S213 = Rule("S213", N, "legacy `languages:` key in a dataset card, read as `language`", "Rename `languages:` to `language:`; the Hub reads only `language` today.")
S301 = Rule("S301", E, "as `S201`, from a `--schema` file", "Give the value the type your organisation's schema requires.")
S302 = Rule("S302", E, "as `S202`, from a `--schema` file", "Use a value your organisation's schema accepts.")
S303 = Rule("S303", E, "as `S203`, from a `--schema` file", "Add the field your organisation's schema requires.")
S304 = Rule("S304", E, "as `S204`, from a `--schema` file", "Write the value in the form your organisation's schema requires.")
S305 = Rule("S305", E, "as `S205`, from a `--schema` file", "Meet the constraint of your organisation's schema that the message describes.")
L101 = Rule("L101", W, "no license declared, or a placeholder (`unknown`, `[More Information Needed]`)", "Declare the license with a Hub license id, e.g. `license: apache-2.0`.")
L102 = Rule("L102", W, "a value that identifies no license (concluded `NOASSERTION`)", "Replace the value with a Hub license id, or `license: other` with `license_name` and `license_link`.")
L103 = Rule("L103", W, "a family without its member (`bsd`, `gpl`, `CC-BY-SA` without a version, \"Apache License\"): no version or variant is guessed", "Say which version or variant applies, e.g. `gpl-3.0` or `cc-by-sa-4.0`.")
L104 = Rule("L104", W, "`license: other` without `license_name`, or without `license_link` (a dataset card's `license_details` names it too): one warning at the `license` key", "With `license: other`, add `license_name` (a short id) and `license_link` (the license text).")
L105 = Rule("L105", N, "a deprecated SPDX id, rewritten (`GPL-3.0` → `GPL-3.0-only`)", "Write the current id; `--fix` does it for you.")
L106 = Rule("L106", W, "`license` and legacy `licenses` disagree", "Keep one license field, `license`, with the license that applies.")
L107 = Rule("L107", N, "a real license that is not on the SPDX list, recorded as `LicenseRef-<name>`", "Nothing to fix: the license is recorded under a `LicenseRef-` id.")
L109 = Rule("L109", W, "a value that belongs to another field (`10K<n<100K` is a size category)", "Move the value to the field it belongs to, and declare the license.")
L111 = Rule("L111", N, "the license was read out of free text (prose, links, lists): the finding quotes what was read", "Check the quoted reading; declaring a license id removes the guesswork.")
L112 = Rule("L112", N, "the card says its listed licenses are alternatives (\"dual-licensed\"): concluded with `OR`", "Nothing to fix; the conclusion offers the alternatives with `OR`.")
L113 = Rule("L113", W, "the card's body states a license whose family or terms differ from the metadata's (body CC BY-NC, metadata `apache-2.0`): both named, with their lines", "Make the metadata and the body say the same license; `license-check` holds the asset to both until then.")
L114 = Rule("L114", N, "no usable license in the metadata: the license is concluded from a statement in the card's body, quoted with its line", "Declare the license in the metadata (`license:`), as the body states it.")
P101 = Rule("P101", E, "no license concluded (`NOASSERTION`); [W] with `noassertion = \"warning\"`", "Declare a license for the asset, or do not use it.")
P102 = Rule("P102", E, "the license is in `deny-licenses`", "The policy forbids this license: choose another asset or change the policy.")
P103 = Rule("P103", E, "the license's category is in `deny-categories`", "The policy forbids this kind of license: choose another asset or change the policy.")
P104 = Rule("P104", E, "the license's category is not in `allow-categories`", "The policy allows only the categories it lists: choose another asset or change the policy.")
P105 = Rule("P105", E, "the license bars commercial use, and the intended use is commercial", "Do not use the asset commercially, or get a commercial license from its owner.")
P106 = Rule("P106", W, "commercial use intended, but the license's terms are unknown to mlassets", "Read the license terms yourself before commercial use.")
P107 = Rule("P107", N, "copyleft or share-alike, and you distribute: what you distribute must carry it", "Distribute under the same license, with its notices.")
P108 = Rule("P108", W, "no derivatives, and you distribute: only unmodified copies", "Distribute only unmodified copies, or get permission for derivatives.")
P109 = Rule("P109", N, "use-based restrictions (RAIL, Llama, Gemma) bind every user", "Pass the use restrictions on to your users and honour them.")
G101 = Rule("G101", E, "a non-commercial base or dataset under a derivative that declares a commercial-friendly license (license laundering), or under intended commercial use; [N] otherwise", "A derivative cannot lift a non-commercial term of its base or training data: relicense it accordingly, or replace that ancestor.")
G102 = Rule("G102", E, "a no-derivatives base under a fine-tune, merge or adapter; [W] under a quantized copy", "The base forbids derivatives: do not publish this derivative without the owner's permission.")
G103 = Rule("G103", E, "a share-alike or copyleft base whose license the derivative does not carry; [N] for training data", "License the derivative under the base's share-alike license.")
G104 = Rule("G104", W, "a fine-tune, merge, adapter or quantized copy that declares a license not carrying its base's use restrictions (Llama, Gemma, RAIL): [E]; [W] for another restricted license, none, or terms through training data; [N] when it carries them", "Declare the base's license (or one that carries its use restrictions) on the derivative.")
G105 = Rule("G105", W, "a missing license (`NOASSERTION`) in the chain", "Find and declare the license of that ancestor.")
G106 = Rule("G106", W, "an ancestor with no manifest (fetch it, or pass `--fetch`)", "Fetch the ancestor's manifest (`mlassets fetch REF`) or run with `--fetch`.")
G107 = Rule("G107", W, "a cycle in the declared lineage", "Fix the `base_model` declarations so that no asset is its own ancestor.")
V101 = Rule("V101", E, "an asset declared in `mlassets.yaml` but not locked, or locked but no longer declared", "Run `mlassets sync` to bring the lock in line with `mlassets.yaml`.")
V102 = Rule("V102", E, "a lock entry's manifest file is missing", "Run `mlassets sync` (or `sync --frozen` on another machine) to restore it.")
V103 = Rule("V103", E, "a manifest breaks its schema", "Re-create the manifest with `mlassets sync`; do not edit manifests by hand.")
V104 = Rule("V104", E, "a manifest disagrees with its lock entry (id, revision, card hash or license)", "Run `mlassets sync`, or restore the manifest the lock describes.")
V105 = Rule("V105", E, "a card on disk no longer hashes to its manifest's `card_sha256`", "The card changed since it was locked: run `mlassets sync` to record the new one.")
# fmt: on

RULES: dict[str, Rule] = {rule.code: rule for rule in globals().values() if isinstance(rule, Rule)}
