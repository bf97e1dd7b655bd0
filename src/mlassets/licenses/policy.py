"""License policies: which licenses a team accepts, and for what use.

A policy file is TOML:

    [policy]
    allow-licenses = ["Apache-2.0", "MIT"]       # these pass, whatever their category
    deny-licenses = ["AGPL-3.0-only"]            # these fail
    allow-categories = ["permissive", "public-domain"]   # when set, anything else fails
    deny-categories = ["non-commercial"]
    use = "commercial"                           # or "research"
    distribute = true                            # you ship the asset or a derivative
    noassertion = "error"                        # or "warning": no license concluded

`--use` and `--distribute` on the command line override the file. With no file and no flags, the
default policy fails only on NOASSERTION. Every finding names the license and the rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mlassets.core import rules
from mlassets.core.errors import UnreadableFileError, UsageError
from mlassets.core.findings import Finding, Severity
from mlassets.core.rules import Rule
from mlassets.io.files import read_bytes
from mlassets.licenses.classify import BY_ITS_NAME, CATEGORIES, LicenseClass, classify
from mlassets.licenses.spdx_list import spdx_list
from mlassets.licenses.tree import NOASSERTION, Expr, Leaf, Or, coerce, render

USES = ("commercial", "research")
_KEYS = {
    "allow-licenses",
    "deny-licenses",
    "allow-categories",
    "deny-categories",
    "use",
    "distribute",
    "noassertion",
}


class PolicyError(UsageError):
    """A policy file that cannot be read as a policy: exit 2, naming the file and line."""


@dataclass(frozen=True)
class Policy:
    allow_licenses: frozenset[str] = frozenset()  # ids, lowercased on construction
    deny_licenses: frozenset[str] = frozenset()
    allow_categories: frozenset[str] = frozenset()
    deny_categories: frozenset[str] = frozenset()
    use: str | None = None
    distribute: bool = False
    noassertion: Severity = Severity.ERROR
    source: str = field(default="the default policy")

    def __post_init__(self) -> None:
        # SPDX ids are case-insensitive and evaluation compares lowercased keys: a Policy built
        # by hand with `deny_licenses={"MIT"}` must deny MIT, not silently allow it.
        for name in ("allow_licenses", "deny_licenses"):
            ids = getattr(self, name)
            object.__setattr__(self, name, frozenset(i.lower() for i in ids))
        for name in ("allow_categories", "deny_categories"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))

    def with_intent(self, use: str | None, distribute: bool | None) -> Policy:
        """The policy with the command line's --use and --distribute, which win over the file."""
        flags = [f"--use {use}"] if use is not None else []
        flags += [] if distribute is None else ["--distribute" if distribute else "--no-distribute"]
        return replace(
            self,
            use=use if use is not None else self.use,
            distribute=distribute if distribute is not None else self.distribute,
            source=" ".join([self.source, *flags]),
        )


def load_policy(path: Path) -> Policy:
    """The policy in a TOML file; `PolicyError` (a usage error) naming `file:line:col` otherwise."""
    import tomllib  # only for a policy file

    text = _read_policy(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        at = f"{where[1]}:{where[2]}" if where else "1:1"
        raise PolicyError(
            f"{path}:{at}: not valid TOML: {str(exc).split(' (at')[0]}", str(path)
        ) from exc
    table = data.get("policy")
    if not isinstance(table, dict):
        raise PolicyError(f"{path}:1:1: a policy file needs a [policy] table", str(path))

    def fail(key: str, message: str) -> PolicyError:
        return PolicyError(f"{path}:{_line_of(text, key)}:1: {key}: {message}", str(path))

    lists = _checked_lists(table, fail)
    use = table.get("use")
    if use is not None and use not in USES:
        raise fail("use", f"{use!r} is not one of {', '.join(USES)}")
    distribute = table.get("distribute", False)
    if not isinstance(distribute, bool):
        raise fail("distribute", "must be true or false")
    noassertion = table.get("noassertion", "error")
    if noassertion not in ("error", "warning"):
        raise fail("noassertion", "must be 'error' or 'warning'")
    return Policy(
        frozenset(lists["allow-licenses"]),
        frozenset(lists["deny-licenses"]),
        frozenset(lists["allow-categories"]),
        frozenset(lists["deny-categories"]),
        use,
        distribute,
        Severity(noassertion),
        str(path),
    )


def _read_policy(path: Path) -> str:
    try:
        raw = read_bytes(path)
    except UnreadableFileError as exc:
        raise PolicyError(f"{path}: cannot read the policy: {exc}", str(path)) from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise PolicyError(f"{path}:{line}:1: the policy is not UTF-8 text", str(path)) from exc


def _checked_lists(table: dict[str, Any], fail: Any) -> dict[str, list[str]]:
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise fail(unknown[0], f"unknown key; the keys are {', '.join(sorted(_KEYS))}")
    lists = {
        k: _string_list(table, k, fail) for k in _KEYS if k.endswith(("licenses", "categories"))
    }
    for key in ("allow-licenses", "deny-licenses"):
        for identifier in lists[key]:
            if not _known_id(identifier):
                raise fail(key, f"{identifier!r} is not an SPDX id or LicenseRef")
    for key in ("allow-categories", "deny-categories"):
        for category in lists[key]:
            if category not in CATEGORIES:
                raise fail(key, f"{category!r} is not a category ({', '.join(CATEGORIES)})")
    return lists


def _string_list(table: dict[str, Any], key: str, fail: Any) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(key, "must be a list of strings")
    return value


def _known_id(identifier: str) -> bool:
    return identifier.startswith("LicenseRef-") or spdx_list().get(identifier) is not None


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return 1


# --- Evaluation --------------------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyVerdict:
    expression: str
    license_class: LicenseClass
    findings: tuple[Finding, ...]

    @property
    def allowed(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)


def evaluate(expression: str | Expr, policy: Policy) -> PolicyVerdict:
    """Check a concluded expression (text or tree) against a policy: an OR passes when one of
    its options passes, an AND when every part does; a license WITH an exception is judged as the
    license (the exception only adds permissions)."""
    tree = coerce(expression)
    text = render(tree)
    license_class = classify(tree)
    if tree == Leaf(NOASSERTION):
        message = f"no license concluded (NOASSERTION); {policy.source} requires one"
        finding = rules.P101.at(message, "/license", severity=policy.noassertion)
        return PolicyVerdict(text, license_class, (finding,))
    return PolicyVerdict(text, license_class, tuple(dict.fromkeys(_judge(tree, policy))))


def _judge(tree: Expr, policy: Policy) -> list[Finding]:
    """The findings for a tree: for an OR, those of the first option that passes (or of every
    option when none does); for an AND, those of all its parts."""
    if isinstance(tree, Leaf):
        if tree.id == NOASSERTION:  # only in hand-written expressions: conclusions never mix it
            message = f"part of the expression is NOASSERTION; {policy.source} requires a license"
            return [rules.P101.at(message, "/license", severity=policy.noassertion)]
        return _leaf(tree.id, policy)
    judged = [_judge(part, policy) for part in tree.parts]
    if isinstance(tree, Or):
        passing = [f for f in judged if not _fails(f)]
        if passing:
            return passing[0]
    return [finding for findings in judged for finding in findings]


def _fails(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def _leaf(identifier: str, policy: Policy) -> list[Finding]:
    klass = classify(identifier)
    rule = f"({policy.source})"
    # "CC-BY-SA-3.0+" is held to its version's rules: the one version of it a policy can know
    key = identifier.lower().removesuffix("+")
    if key in policy.deny_licenses:
        return [_error(rules.P102, f"{identifier} is in deny-licenses {rule}")]
    if key in policy.allow_licenses:
        return []
    findings: list[Finding] = []
    if klass.category in policy.deny_categories:
        findings.append(
            _error(rules.P103, f"{identifier} is {klass.category}, in deny-categories {rule}")
        )
    if policy.allow_categories and klass.category not in policy.allow_categories:
        findings.append(
            _error(rules.P104, f"{identifier} is {klass.category}, not in allow-categories {rule}")
        )
    findings += _intent(identifier, klass, policy)
    return findings


def _intent(identifier: str, klass: LicenseClass, policy: Policy) -> list[Finding]:
    findings: list[Finding] = []
    if policy.use == "commercial":
        if klass.commercial_use is False:
            findings.append(
                _error(
                    rules.P105,
                    f"{identifier} bars commercial use{_by_name(klass)}; "
                    "the intended use is commercial",
                )
            )
        elif klass.commercial_use is None:
            findings.append(
                rules.P106.at(
                    f"{identifier}: mlassets cannot tell whether commercial use is allowed "
                    f"({klass.source}); review the terms",
                    "/license",
                )
            )
    if policy.distribute and klass.derivatives is False:
        findings.append(
            rules.P108.at(
                f"{identifier} allows no derivatives: distribute it unmodified only", "/license"
            )
        )
    if policy.distribute and klass.share_alike:
        findings.append(
            rules.P107.at(
                f"{identifier} is {klass.category}: what you distribute must carry it", "/license"
            )
        )
    if klass.use_restrictions:
        findings.append(
            rules.P109.at(
                f"{identifier} restricts some uses; the restrictions bind every user", "/license"
            )
        )
    return findings


def _by_name(klass: LicenseClass) -> str:
    """Why, where only the license's name says so: its terms are not in mlassets' tables."""
    return f" ({BY_ITS_NAME})" if klass.source.endswith(BY_ITS_NAME) else ""


def _error(rule: Rule, message: str) -> Finding:
    return rule.at(message, "/license", severity=Severity.ERROR)
