"""Numbers stated in text: '9.4 million', '$469.01 billion', '2.64%', '29th', 'nine', 'more than 160'."""

from __future__ import annotations

import re
from dataclasses import dataclass

SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_UNITS_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
}
_ORDINAL_WORDS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
# Qualifiers as sources write them, and the word a brief renders (never stronger than the source).
QUALIFIERS = {
    "more than": "more than",
    "over": "over",
    "exceeding": "over",
    "exceeded": "over",
    "surpassed": "over",
    "above": "over",
    "nearly": "nearly",
    "almost": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "up to": "up to",
    "at least": "at least",
    "less than": "less than",
    "fewer than": "less than",
    "under": "less than",
    "below": "less than",
    "≈": "about",
    "~": "about",
}
_QUAL_RX = "|".join(
    (r"\b" + re.escape(q) + r"\s+") if q[0].isalpha() else (re.escape(q) + r"\s*")
    for q in sorted(QUALIFIERS, key=len, reverse=True)
)
_WORD_RX = "|".join(sorted(list(_UNITS_WORDS) + list(_ORDINAL_WORDS), key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?:(?P<qual>{_QUAL_RX})(?:[a-z]+\s+)?)?"
    r"(?P<cur>[$€£¥])?"
    rf"(?:(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)|\b(?P<word>{_WORD_RX})\b)"
    r"(?P<ord>st|nd|rd|th)?"
    r"(?P<pct>\s?%|-?\s?percent\b|[- ]per[- ]cent\b)?"
    rf"(?:\s+(?P<scale>{'|'.join(SCALES)})\b)?",
    re.IGNORECASE,
)


_IDIOM = re.compile(
    r"-(?!(?:percent|per-cent|year|month|day|week|fold|million|billion)\b)[a-z]", re.IGNORECASE
)


@dataclass(frozen=True)
class Stated:
    """A number as a text states it: value 9.4, scale 'million', at characters start..end."""

    value: float
    text: str
    start: int
    end: int
    scale: str | None = None
    percent: bool = False
    ordinal: bool = False
    currency: str = ""
    qualifier: str | None = None

    def total(self) -> float:
        """The value with its scale applied."""
        return self.value * SCALES.get(self.scale or "", 1.0)


def stated_numbers(text: str) -> list[Stated]:
    """Every number the text states, in order."""
    out: list[Stated] = []
    for m in _NUMBER.finditer(text):
        if m.group("num"):
            value = float(m.group("num").replace(",", ""))
        else:
            word = m.group("word").lower()
            value = float(_UNITS_WORDS.get(word, _ORDINAL_WORDS.get(word, 0)))
            if word in ("first", "second") and not _ordinal_context(text, m.end()):
                continue  # 'first' as in 'the first two industrial revolutions'
            if _IDIOM.match(text, m.end()):
                continue  # 'zero-sum', 'two-way', 'one-sided': words, not figures
        ordinal = bool(m.group("ord")) or (m.group("word") or "").lower() in _ORDINAL_WORDS
        qual = m.group("qual")
        start = m.start("cur") if m.group("cur") else m.start("num") if m.group("num") else m.start("word")
        out.append(
            Stated(
                value=value,
                text=text[start : m.end()],
                start=start,
                end=m.end(),
                scale=(m.group("scale") or "").lower() or None,
                percent=bool(m.group("pct")),
                ordinal=ordinal,
                currency=m.group("cur") or "",
                qualifier=QUALIFIERS[qual.strip().lower()] if qual else None,
            )
        )
    return out


def _ordinal_context(text: str, end: int) -> bool:
    """'ranks first', 'the first place': an ordinal that states a rank, not an enumeration."""
    after = text[end : end + 12].lower()
    return after.startswith((" place", " in ")) or text[max(0, end - 12) : end].lower().startswith(
        ("ranks", "ranking")
    )


def matches(value: float, scale: str | None, stated: Stated) -> bool:
    """True when a fact's value (with its scale) is the number `stated`."""

    def close(a: float, b: float) -> bool:
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))

    if scale is None:
        return close(value, stated.value) or close(value, stated.total())
    return close(value * SCALES[scale], stated.total())
