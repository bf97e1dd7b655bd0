"""SPDX license expressions written loosely: any case of AND/OR/WITH, ids or names as operands.

`parse_expression("apache-2.0 and mit", operand)` returns "Apache-2.0 AND MIT" when `operand`
resolves every operand, and None otherwise (the caller then reads the text as free text).
Precedence is SPDX's: WITH binds tighter than AND, AND tighter than OR. The parse builds a tree
(tree.py) and prints it, so the result is canonical: repeated operands dropped, nested operators
of one kind flattened, an OR inside an AND parenthesised.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mlassets.licenses.spdx_list import spdx_list
from mlassets.licenses.tree import Expr, Leaf, all_of, any_of, coerce, render

_TOKEN = re.compile(r"\(|\)|[^\s()]+")
_OPERATORS = {"and": "AND", "or": "OR", "with": "WITH"}
_HAS_OPERATOR = re.compile(r"\s(?:and|or|with)\s|[()]", re.I)

Operand = Callable[[str], "str | None"]


class _Unresolved(Exception):
    """An operand is not an id or a name: the text is not an expression."""


_MAX_DEPTH = 32  # parentheses nested deeper are not an expression anyone writes

# SPDX's operator, in capitals, between an id and one token, where an expression's operand may
# stand: "Apache-2.0 WITH Commons-Clause", "(MIT WITH Foo) OR ISC"; not capitalised prose ("IN
# CONNECTION WITH THE SOFTWARE") nor an exception in words ("WITH LLVM exception"). Also an
# operator left with nothing after it ("Apache-2.0 WITH").
_UNLISTED_ADDITION = re.compile(
    r"(?:^|[(]|\s(?:AND|OR)\s)\s*[\w.+-]+\s+WITH\s+([A-Za-z0-9][\w.+-]*)"
    r"(?=\s*(?:$|\)|\s(?:AND|OR)\s))|\s(WITH|AND|OR)\s*$"
)


def unread_operator(text: str) -> str | None:
    """Why `text`, which did not parse, is no expression of a license without its addition:
    SPDX's WITH before a token that is no exception on its list ("Apache-2.0 WITH
    Commons-Clause": the license without it is not what the text says), or an operator left
    at the end ("Apache-2.0 WITH"). None where the text uses neither."""
    found = _UNLISTED_ADDITION.search(text)
    if found is None:
        return None
    if found[2]:
        return f"ends with the operator {found[2]}: the expression is cut short"
    if found[1].lower() in spdx_list().exceptions:
        return None
    return f"adds {found[1]!r} with WITH, which is no exception on the SPDX list"


def parse_expression(text: str, operand: Operand) -> str | None:
    if not _HAS_OPERATOR.search(text):
        return None
    tokens = _TOKEN.findall(text)
    depth = 0
    for token in tokens:
        depth += {"(": 1, ")": -1}.get(token, 0)
        if depth > _MAX_DEPTH:
            return None
    parser = _Parser(tokens, operand)
    try:
        tree = parser.disjunction()
    except _Unresolved:
        return None
    if parser.position != len(tokens):
        return None
    return render(tree)


class _Parser:
    def __init__(self, tokens: list[str], operand: Operand) -> None:
        self.tokens = tokens
        self.position = 0
        self.operand = operand

    def _peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _operator(self) -> str | None:
        token = self._peek()
        return _OPERATORS.get(token.lower()) if token else None

    def disjunction(self) -> Expr:
        parts = [self.conjunction()]
        while self._operator() == "OR":
            self.position += 1
            parts.append(self.conjunction())
        return any_of(*parts)

    def conjunction(self) -> Expr:
        parts = [self.exception()]
        while self._operator() == "AND":
            self.position += 1
            parts.append(self.exception())
        return all_of(*parts)

    def exception(self) -> Expr:
        base = self.primary()
        if self._operator() != "WITH":
            return base
        self.position += 1
        name = self._peek() or ""
        exception = spdx_list().exceptions.get(name.lower())
        if exception is None or not isinstance(base, Leaf) or base.exception:
            raise _Unresolved(name)
        self.position += 1
        return Leaf(base.id, exception)

    def primary(self) -> Expr:
        token = self._peek()
        if token is None or token == ")" or self._operator():
            raise _Unresolved(str(token))
        if token == "(":
            self.position += 1
            inner = self.disjunction()
            if self._peek() != ")":
                raise _Unresolved("(")
            self.position += 1
            return inner
        words = []
        while (word := self._peek()) is not None and word not in "()" and not self._operator():
            words.append(word)
            self.position += 1
        resolved = self.operand(" ".join(words))
        if resolved is None:
            raise _Unresolved(" ".join(words))
        return coerce(resolved)
