"""Inline markup in user text (`{fact}`, `{{ }}`, backticked verbatim) and which typed numbers are claims."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.numbers.names import is_name
from briefgen.numbers.reader import stated_numbers

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]|`([^`]*)`")


@dataclass(frozen=True)
class Verbatim:
    """Text in backticks: shown as written, never read for numbers ('`v2.7`', '`Model 3`')."""

    text: str


@dataclass(frozen=True)
class Typed:
    """A number typed by hand at character `offset`; `bare` when it has no unit, %, currency or scale (it
    may then be a name, and the hint offers backticks)."""

    text: str
    offset: int
    bare: bool


@dataclass(frozen=True)
class Ref:
    """A `{fact_id}` reference at character `offset` of the text."""

    fact_id: str
    offset: int


class InlineError(ValueError):
    """Unbalanced or empty braces; `offset` is where."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.offset = offset


def parse_inline(text: str) -> list[str | Ref | Verbatim]:
    """Split text into literal strings, fact references and verbatim (backticked) text."""
    parts: list[str | Ref | Verbatim] = []
    buf: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        buf.append(text[pos : m.start()])
        tok = m.group(0)
        if tok in ("{{", "}}"):
            buf.append(tok[0])
        elif m.group(2) is not None:
            if "".join(buf):
                parts.append("".join(buf))
            buf = []
            parts.append(Verbatim(m.group(2)))
        elif m.group(1) is not None and m.group(1).strip():
            if "".join(buf):
                parts.append("".join(buf))
            buf = []
            parts.append(Ref(m.group(1).strip(), m.start()))
        elif tok in ("{", "}"):
            raise InlineError(f"unmatched '{tok}' (write '{tok}{tok}' for a literal brace)", m.start())
        else:
            raise InlineError("empty '{}': put a fact id inside the braces", m.start())
        pos = m.end()
    buf.append(text[pos:])
    if "".join(buf):
        parts.append("".join(buf))
    return parts


def literal_parts(text: str) -> list[str | Verbatim]:
    """Text that takes no `{fact}` references (titles, labels): plain strings and backticked spans."""
    out: list[str | Verbatim] = []
    pos = 0
    for m in re.finditer(r"`([^`]*)`", text):
        if m.start() > pos:
            out.append(text[pos : m.start()])
        out.append(Verbatim(m.group(1)))
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])
    return out


def shown(text: str) -> str:
    """A text without references as readers see it: backticks dropped, what they enclose kept."""
    return "".join(p.text if isinstance(p, Verbatim) else p for p in literal_parts(text))


def typed_numbers(text: str) -> list[Typed]:
    """The numbers typed by hand in literal text that state a quantity, each with its offset. Names are
    not claims (see numbers.names); number words are not read."""
    return [
        Typed(s.text, s.start, not (s.unit or s.scale or s.qualifier or s.high is not None))
        for s in stated_numbers(text)
        if any(ch.isdigit() for ch in s.text) and not is_name(text, s)
    ]
