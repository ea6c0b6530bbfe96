"""Inline markup in user text: `{fact_id}` inserts a fact's value; `{{` and `}}` are literal braces."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_YEAR = re.compile(r"(?<![\d.,$€£¥])(19|20)\d\d(?!\d|[.,]\d|\s?%|-?percent)")
_DIGIT = re.compile(r"\d")


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


def parse_inline(text: str) -> list[str | Ref]:
    """Split text into literal strings and fact references."""
    parts: list[str | Ref] = []
    buf: list[str] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        buf.append(text[pos : m.start()])
        tok = m.group(0)
        if tok in ("{{", "}}"):
            buf.append(tok[0])
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


def typed_number(text: str) -> str | None:
    """A number typed by hand (not a year) in literal text, or None: numbers must come from facts."""
    stripped = _YEAR.sub("", text)
    m = _DIGIT.search(stripped)
    if not m:
        return None
    word = re.search(r"[\w.,%$]*\d[\w.,%]*", stripped[max(0, m.start() - 10) :])
    return word.group(0) if word else m.group(0)
