"""Inline markup in user text (`{fact}`, `{{ }}`, backticked verbatim) and which typed numbers are claims."""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefgen.numbers.reader import Stated, stated_numbers

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]|`([^`]*)`")
# A number right after one of these words names a thing ('preset 5', 'Section 508', 'issue 31337').
_NAMING = {
    "version", "release", "preset", "level", "step", "phase", "stage", "section", "chapter", "part", "page",
    "item", "issue", "bug", "pr", "ticket", "commit", "build", "patch", "tier", "grade", "class", "type",
    "mode", "option", "track", "channel", "lane", "route", "line", "gate", "terminal", "article",
    "paragraph", "clause", "rule", "act", "resolution", "amendment", "sprint", "round", "figure", "table",
    "appendix", "annex", "exhibit", "no", "no.", "number", "#", "model", "series", "generation", "gen",
    "profile", "standard", "pep", "rfc", "iso", "iec", "ieee", "en", "din", "bs", "nist", "sp", "vol",
    "volume", "edition", "season", "episode", "unit", "ward", "district", "zone", "region", "block",
}  # fmt: skip
# Capitalised words that begin sentences rather than name things ('Only 40 firms', 'In 3 years').
_PLAIN = {
    "the", "a", "an", "only", "just", "some", "all", "every", "each", "another", "these", "those", "its",
    "their", "our", "his", "her", "in", "on", "at", "by", "for", "with", "from", "to", "of", "and", "but",
    "or", "since", "after", "before", "about", "over", "under", "almost", "nearly", "exactly", "roughly",
    "more", "less", "fewer", "most", "least", "top", "first", "last", "next", "around", "up",
    "down", "than", "then", "now", "still", "also", "even", "both", "within", "across", "per", "into",
    "this", "that", "we", "they", "it", "he", "she", "there", "here", "many", "few", "several",
    "total", "overall", "while", "when", "where", "if", "as", "so", "yet",
}  # fmt: skip
_MONTHS = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?", re.IGNORECASE)
_NAMED_AFTER = re.compile(r"\s+(?:century|centuries|anniversary|edition|session|congress|plenum)\b", re.I)


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
    not claims: numbers glued to letters ('AV1', 'x86-64'), versions ('v2.4.1'), dates and years, numbers
    a name or a naming word precedes ('Python 3.12', 'PEP 8', 'Section 508', 'speed preset 5'), compounds
    ('64-bit'); number words are not read."""
    out = []
    for s in stated_numbers(text):
        if not any(ch.isdigit() for ch in s.text) or _year(s):
            continue
        bare = not (s.unit or s.scale or s.qualifier or s.high is not None)
        if bare and (_named(text, s.start) or _compound(text, s.end) or _date(text, s.start, s.end)):
            continue
        if s.unit == "rank" and (_NAMED_AFTER.match(text, s.end) or _capital_after(text, s.end)):
            continue  # 'the 21st century', 'the 14th Five-Year Plan'
        out.append(Typed(s.text, s.start, bare))
    return out


def _year(s: Stated) -> bool:
    return s.digits.isdigit() and len(s.digits) == 4 and 1800 <= s.value <= 2100 and not (s.unit or s.scale)


def _named(text: str, start: int) -> bool:
    """A naming word ('preset', 'Section', '#') or a name ('Python', 'PEP') right before the number."""
    m = re.search(r"([#A-Za-z][\w.&+-]*)\s*$", text[max(0, start - 40) : start])
    if m is None:
        return False
    word = m.group(1)
    if word.lower().rstrip(".") in _NAMING or word == "#":
        return True
    return word[0].isupper() and word.lower() not in _PLAIN


def _compound(text: str, end: int) -> bool:
    """'64-bit', '5-year': a number joined to a word makes an adjective."""
    return re.match(r"-[A-Za-z]", text[end : end + 2]) is not None


def _date(text: str, start: int, end: int) -> bool:
    """'29 November', 'November 29': the day of a date."""
    before = re.search(r"([A-Za-z]+\.?)\s+$", text[max(0, start - 12) : start])
    after = re.match(r"\s+([A-Za-z]+\.?)", text[end : end + 12])
    return bool(
        (before and _MONTHS.fullmatch(before.group(1))) or (after and _MONTHS.fullmatch(after.group(1)))
    )


def _capital_after(text: str, end: int) -> bool:
    return re.match(r"\s+[A-Z]", text[end : end + 2]) is not None
