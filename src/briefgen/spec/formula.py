"""Formulas of derived facts: + − × ÷, parentheses, round/min/max/abs over fact ids, without eval."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z][A-Za-z0-9_]*)|(?P<op>[-+*/×÷−(),]))"
)
_OPS = {"×": "*", "÷": "/", "−": "-"}
FUNCTIONS: dict[str, tuple[int, int, Callable[..., float]]] = {
    # name: (fewest arguments, most arguments, function)
    "round": (1, 2, lambda x, n=0: _round_half_up(x, n)),
    "min": (1, 99, min),
    "max": (1, 99, max),
    "abs": (1, 1, abs),
}


class FormulaError(ValueError):
    """A formula that cannot be read or computed; the message says what and where."""


@dataclass(frozen=True)
class Num:
    value: float


@dataclass(frozen=True)
class Name:
    id: str


@dataclass(frozen=True)
class Unary:
    op: str
    arg: Node


@dataclass(frozen=True)
class Binary:
    op: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple[Node, ...]


Node = Num | Name | Unary | Binary | Call


def parse(text: str) -> Node:
    """The formula's tree; raises FormulaError naming the position of the problem."""
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise FormulaError(f"unexpected '{text[pos:].strip()[:1]}' at character {pos + 1}")
        kind = m.lastgroup or ""
        value = _OPS.get(m.group(kind), m.group(kind))
        tokens.append((kind, value, m.start(kind) + 1))
        pos = m.end()
    parser = _Parser(tokens)
    node = parser.expression()
    if parser.i < len(tokens):
        raise FormulaError(f"unexpected '{tokens[parser.i][1]}' at character {tokens[parser.i][2]}")
    return node


class _Parser:
    """Recursive descent: expression := term (('+'|'-') term)*; term := unary (('*'|'/') unary)*."""

    def __init__(self, tokens: list[tuple[str, str, int]]):
        self.tokens, self.i = tokens, 0

    def peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, value: str | None = None) -> tuple[str, str, int]:
        tok = self.peek()
        if tok is None:
            raise FormulaError("the formula ends too soon" + (f": expected '{value}'" if value else ""))
        if value is not None and tok[1] != value:
            raise FormulaError(f"expected '{value}' at character {tok[2]}, found '{tok[1]}'")
        self.i += 1
        return tok

    def expression(self) -> Node:
        node = self.term()
        while (tok := self.peek()) and tok[1] in "+-" and tok[0] == "op":
            self.i += 1
            node = Binary(tok[1], node, self.term())
        return node

    def term(self) -> Node:
        node = self.unary()
        while (tok := self.peek()) and tok[1] in "*/" and tok[0] == "op":
            self.i += 1
            node = Binary(tok[1], node, self.unary())
        return node

    def unary(self) -> Node:
        tok = self.peek()
        if tok and tok[0] == "op" and tok[1] in "+-":
            self.i += 1
            return Unary(tok[1], self.unary())
        return self.atom()

    def atom(self) -> Node:
        kind, value, where = self.take()
        if kind == "num":
            number = float(value)
            if not math.isfinite(number) or abs(number) > 1e15:
                raise FormulaError(f"the number {value} is out of range (at most 10^15)")
            return Num(number)
        if kind == "name":
            if (nxt := self.peek()) and nxt[1] == "(":
                if value not in FUNCTIONS:
                    raise FormulaError(f"unknown function '{value}' (known: {', '.join(FUNCTIONS)})")
                self.take("(")
                args = [self.expression()]
                while (nxt := self.peek()) and nxt[1] == ",":
                    self.i += 1
                    args.append(self.expression())
                self.take(")")
                low, high, _ = FUNCTIONS[value]
                if not low <= len(args) <= high:
                    raise FormulaError(
                        f"{value}() takes {low if low == high else f'{low} to {high}'} argument(s)"
                    )
                return Call(value, tuple(args))
            return Name(value)
        if value == "(":
            node = self.expression()
            self.take(")")
            return node
        raise FormulaError(f"unexpected '{value}' at character {where}")


def names(node: Node) -> list[str]:
    """The fact ids a formula uses, in order of first use."""
    out: dict[str, None] = {}

    def walk(n: Node) -> None:
        if isinstance(n, Name):
            out.setdefault(n.id)
        elif isinstance(n, Unary):
            walk(n.arg)
        elif isinstance(n, Binary):
            walk(n.left)
            walk(n.right)
        elif isinstance(n, Call):
            for a in n.args:
                walk(a)

    walk(node)
    return list(out)


def evaluate(node: Node, values: Mapping[str, float]) -> float:
    """The formula's value given each fact id's value; raises FormulaError (division by zero …)."""
    if isinstance(node, Num):
        return node.value
    if isinstance(node, Name):
        return values[node.id]
    if isinstance(node, Unary):
        v = evaluate(node.arg, values)
        return -v if node.op == "-" else v
    if isinstance(node, Call):
        return _finite(float(FUNCTIONS[node.func][2](*(evaluate(a, values) for a in node.args))))
    left, right = evaluate(node.left, values), evaluate(node.right, values)
    if node.op == "/" and right == 0:
        raise FormulaError("division by zero")
    ops = {"+": left + right, "-": left - right, "*": left * right}
    return _finite(ops[node.op] if node.op in ops else left / right)


def _finite(result: float) -> float:
    if not math.isfinite(result) or abs(result) > 1e15:
        raise FormulaError("the result is out of range (at most 10^15)")
    return result


def show(node: Node) -> str:
    """The formula written out for readers: 'gii_2011 − gii_2023'."""
    if isinstance(node, Num):
        return f"{node.value:g}"
    if isinstance(node, Name):
        return node.id
    if isinstance(node, Unary):
        return f"−{show(node.arg)}" if node.op == "-" else show(node.arg)
    if isinstance(node, Call):
        return f"{node.func}({', '.join(show(a) for a in node.args)})"
    sym = {"+": "+", "-": "−", "*": "×", "/": "÷"}[node.op]
    left, right = show(node.left), show(node.right)
    if isinstance(node.right, Binary):
        right = f"({right})"
    if isinstance(node.left, Binary) and node.op in "*/" and node.left.op in "+-":
        left = f"({left})"
    return f"{left} {sym} {right}"


def _round_half_up(x: float, places: float) -> float:
    """round(2.5) = 3 and round(0.125, 2) = 0.13, as readers expect (Python rounds half to even)."""
    if not (math.isfinite(places) and places == int(places) and 0 <= places <= 12):
        raise FormulaError("round(x, n) takes a whole number of places n from 0 to 12")
    return float(Decimal(repr(x)).quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP))
