"""Concluded license expressions as a typed, frozen tree: parsed once, printed canonically.

`parse("(GPL-3.0-only OR AGPL-3.0-only) AND MIT")` gives
`And((Or((Leaf("GPL-3.0-only"), Leaf("AGPL-3.0-only"))), Leaf("MIT")))`, and `render` prints it
back in canonical SPDX: AND binds tighter than OR, WITH tighter than both, and an OR inside an AND
(or an AND inside an OR) is parenthesised. `all_of` and `any_of` flatten nested operators of the
same kind and drop repeated operands, so equal licenses give equal trees.

This parser reads *concluded* expressions (what the normaliser writes and manifests store): SPDX
ids, LicenseRefs and NOASSERTION as operands. Loosely written expressions in raw card values
(`apache-2.0 and mit`) are read by expression.py, which builds the same trees. license-expression
is not used here: its `Licensing` resolves symbols against its own index, which rewrites
`LicenseRef-` ids and is about 50 times slower on the hot path of the policy and lineage checks.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

NOASSERTION = "NOASSERTION"


@dataclass(frozen=True)
class Leaf:
    """One license (an SPDX id, a LicenseRef, or NOASSERTION), with its exception if any."""

    id: str
    exception: str | None = None

    @property
    def key(self) -> str:
        """SPDX ids are case-insensitive: policies and lineage compare them lowercased."""
        return self.id.lower()


@dataclass(frozen=True)
class And:
    """AND: every part applies."""

    parts: tuple[Expr, ...]


@dataclass(frozen=True)
class Or:
    """OR: the licensee may choose any one part."""

    parts: tuple[Expr, ...]


Expr = Leaf | And | Or


def _combine(kind: type[And] | type[Or], parts: tuple[Expr, ...] | list[Expr]) -> Expr:
    # A dict keeps the first of equal operands in order, in linear time (trees are hashable).
    flat = list(
        dict.fromkeys(
            item for part in parts for item in (part.parts if isinstance(part, kind) else (part,))
        )
    )
    if not flat:
        raise ValueError("an expression needs at least one operand")
    return flat[0] if len(flat) == 1 else kind(tuple(flat))


def all_of(*parts: Expr) -> Expr:
    return _combine(And, parts)


def any_of(*parts: Expr) -> Expr:
    return _combine(Or, parts)


def leaves(expression: Expr) -> list[Leaf]:
    """Every license in the expression, in order (iterative: deep trees are not a problem)."""
    found: list[Leaf] = []
    stack: list[Expr] = [expression]
    while stack:
        node = stack.pop()
        if isinstance(node, Leaf):
            found.append(node)
        else:
            stack.extend(reversed(node.parts))
    return found


def render(expression: Expr) -> str:
    """Canonical SPDX text for a tree."""
    if isinstance(expression, Leaf):
        if expression.exception:
            return f"{expression.id} WITH {expression.exception}"
        return expression.id
    operator = " AND " if isinstance(expression, And) else " OR "
    return operator.join(_operand(p, expression) for p in expression.parts)


def _operand(part: Expr, parent: And | Or) -> str:
    text = render(part)
    return f"({text})" if not isinstance(part, Leaf) and type(part) is not type(parent) else text


class ExpressionError(ValueError):
    """Text that is not a concluded SPDX expression."""


_TOKEN = re.compile(r"\s*(\(|\)|[A-Za-z0-9.+:-]+)")
_KEYWORDS = {"AND", "OR", "WITH"}


def tokens(text: str) -> list[str]:
    found: list[str] = []
    position = 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            raise ExpressionError(f"unexpected {text[position : position + 10]!r} in {text!r}")
        found.append(match[1])
        position = match.end()
    return found


@functools.lru_cache(maxsize=65536)
def parse(text: str) -> Expr:
    """The tree of a concluded expression (cached: manifests repeat the same few)."""
    return _Parser(tokens(text), text).expression()


class _Parser:
    """Iterative precedence climbing over the token list: one pass, no recursion per operand,
    so a 60 KB expression parses in linear time and deep nesting cannot exhaust the stack."""

    def __init__(self, items: list[str], text: str) -> None:
        self.items = items
        self.text = text

    def expression(self) -> Expr:
        # Each open group: a list of OR options, each option a list of AND parts.
        groups: list[list[list[Expr]]] = [[[]]]
        expect_operand = True
        position = 0
        while position < len(self.items):
            token = self.items[position]
            upper = token.upper()
            if expect_operand:
                if token == "(":
                    groups.append([[]])
                    position += 1
                    continue
                if token == ")" or upper in _KEYWORDS:
                    raise self._error(token)
                leaf, position = self._leaf(position)
                groups[-1][-1].append(leaf)
                expect_operand = False
                continue
            if token == ")":
                if len(groups) == 1:
                    raise self._error(token)
                closed = _close(groups.pop())
                groups[-1][-1].append(closed)
            elif upper == "AND":
                expect_operand = True
            elif upper == "OR":
                groups[-1].append([])
                expect_operand = True
            else:
                raise self._error(token)
            position += 1
        if expect_operand or len(groups) != 1:
            raise ExpressionError(f"{self.text!r} ends before the expression does")
        return _close(groups[0])

    def _leaf(self, position: int) -> tuple[Leaf, int]:
        identifier = self.items[position]
        after = position + 1
        if after < len(self.items) and self.items[after].upper() == "WITH":
            if after + 1 >= len(self.items) or self.items[after + 1] in "()":
                raise self._error("WITH")
            return Leaf(identifier, self.items[after + 1]), after + 2
        return Leaf(identifier), after

    def _error(self, token: str) -> ExpressionError:
        return ExpressionError(f"unexpected {token!r} in {self.text!r}")


def _close(options: list[list[Expr]]) -> Expr:
    return any_of(*(all_of(*parts) for parts in options))


# --- What an expression obliges --------------------------------------------------------------

_MAX_TERMS = 4096  # a product of ORs this large is no real license; see carries()


def terms(expression: Expr) -> list[frozenset[Leaf]] | None:
    """The ways to comply with an expression: each a set of licenses to follow together (its
    disjunctive normal form). None when there would be more than _MAX_TERMS of them."""
    if isinstance(expression, Leaf):
        return [frozenset((expression,))]
    options = [terms(p) for p in expression.parts]
    if any(o is None for o in options):
        return None
    if isinstance(expression, Or):
        combined = [t for o in options if o for t in o]
    else:
        combined = [frozenset()]
        for option in options:
            assert option is not None
            combined = [c | t for c in combined for t in option]
            if len(combined) > _MAX_TERMS:
                return None
    return combined if len(combined) <= _MAX_TERMS else None


def holds(expression: Expr, followed: frozenset[str]) -> bool:
    """Whether following the licenses `followed` (lowercased ids) satisfies the expression."""
    if isinstance(expression, Leaf):
        return expression.key in followed
    if isinstance(expression, And):
        return all(holds(p, followed) for p in expression.parts)
    return any(holds(p, followed) for p in expression.parts)


def carries(expression: Expr, required: Expr) -> bool:
    """Whether whoever complies with `expression` necessarily complies with `required`: every
    way to satisfy the derivative's license includes the base's terms. `MIT AND CC-BY-SA-4.0`
    carries CC-BY-SA-4.0; `MIT OR CC-BY-SA-4.0` does not (the licensee may pick MIT). Exceptions
    are ignored: an added exception does not drop the license it is attached to."""
    ways = terms(expression)
    if ways is None:  # too many to enumerate: only the plain structural case is trusted
        return expression == required or (
            isinstance(expression, And) and required in expression.parts
        )
    return all(holds(required, frozenset(leaf.key for leaf in way)) for way in ways)


def coerce(expression: str | Expr) -> Expr:
    """A tree for a concluded expression given as text or tree. Text that does not parse (an
    old or hand-edited manifest) is kept whole as one unknown license rather than raising, so
    that the checks report it instead of crashing."""
    if not isinstance(expression, str):
        return expression
    try:
        return parse(expression.strip())
    except ExpressionError:
        return Leaf(expression.strip())
