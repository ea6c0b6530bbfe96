"""Numbers that name rather than state: years, dates, 'Python 3.12', 'Section 508', '64-bit'."""

from __future__ import annotations

import re

from briefgen.numbers.reader import Stated

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


def is_name(text: str, s: Stated) -> bool:
    """Whether the number `s` of `text` names something rather than states a quantity: a year or a date,
    a number a name or a naming word precedes ('Python 3.12', 'PEP 8', 'Section 508', 'speed preset 5'),
    a compound ('64-bit'), an ordinal that names ('the 21st century'). Numbers glued to letters and versions
    ('AV1', 'v2.4.1') are never read as numbers at all."""
    if _year(s):
        return True
    bare = not (s.unit or s.scale or s.qualifier or s.high is not None)
    if bare and (_named(text, s.start) or _compound(text, s.end) or _date(text, s.start, s.end)):
        return True
    return s.unit == "rank" and bool(_NAMED_AFTER.match(text, s.end) or _capital_after(text, s.end))


def _year(s: Stated) -> bool:
    return (
        s.digits.isdigit()
        and len(s.digits) == 4
        and 1800 <= s.value <= 2100
        and not (s.unit or s.scale or s.grouped)
    )


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
