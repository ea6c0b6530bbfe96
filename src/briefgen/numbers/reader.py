"""Numbers stated in text, as the text states them: '12–45%', '(-9)', '1.3x', 'twenty-five', '$2.5bn'."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from briefgen.numbers import units as U
from briefgen.numbers.words import WORD_STARTS, read_word_number

SCALES = {
    "thousand": 1e3,
    "lakh": 1e5,
    "million": 1e6,
    "crore": 1e7,
    "billion": 1e9,
    "trillion": 1e12,
}
# Qualifiers as sources write them, and the word a brief renders (never stronger than the source).
QUALIFIERS = {
    "more than": "more than",
    "over": "over",
    "exceeding": "over",
    "exceeded": "over",
    "exceeds": "over",
    "exceed": "over",
    "surpassed": "over",
    "above": "over",
    "in excess of": "over",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "about": "about",
    "around": "about",
    "approximately": "about",
    "approx.": "about",
    "roughly": "about",
    "circa": "about",
    "some": "about",
    "up to": "up to",
    "as much as": "up to",
    "as many as": "up to",
    "at least": "at least",
    "no less than": "at least",
    "less than": "less than",
    "fewer than": "less than",
    "under": "less than",
    "below": "less than",
    "≈": "about",
    "~": "about",
}
_QUAL_BEFORE = re.compile(
    "(?:"
    + "|".join(
        (r"(?<![\w-])" + re.escape(q).replace(r"\ ", r"\s+") + r"\s+")
        if q[0].isalpha()
        else (re.escape(q) + r"\s*")
        for q in sorted(QUALIFIERS, key=len, reverse=True)
    )
    + r")(?:(?:a|an)\s+)?$",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"(?:(?<![A-Za-z])(US\$|Rs\.?|USD|EUR|GBP|JPY|INR|CNY|RMB)|(\$|€|£|¥|₹))\s?$")
_SIGN = "-−+"

# Spans that hold digits but state no figure: identifiers, versions, dates, times.
_NOT_NUMBERS = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}"  # 2024-03-05
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"  # 05/03/2024
    r"|\b\d{1,2}:\d{2}(?::\d{2})?(?!\d)"  # 10:30, 02:22am
    r"|\b\d{1,2}h\s?\d{2}m(?:\s?\d{1,2}(?:\.\d+)?s)?(?!\w)"  # 12h 00m 01.12s
    r"|(?<![\w.])[vV]\d+(?:\.\d+)*\b"  # v2, v2.4
    r"|(?<![\w.])\d+(?:\.\d+){2,}(?:[-+~]\w+)*"  # 2.4.1, 1.3.5-3
    r"|(?<![\w.])\d+(?:\.\d+)+\.[xX*](?!\w)"  # 2.0.x
    # AV1, x86-64, H.264, COVID-19, IPv6 (but not a currency before its amount: 'Rs.500', 'US$5')
    r"|(?<![\w$€£¥₹])(?!(?:Rs|US|USD|EUR|GBP|JPY|INR|CNY|RMB)\.?\s?\$?\d)"
    r"[A-Za-z]+(?:[-_.]?[A-Za-z]*\d+)+(?:[-_.]?[A-Za-z]+\w*)*"
)
_DIGITS = {
    ".": re.compile(
        r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?(?!,?\d)"  # Indian grouping: 2,77,557 (lakh, crore)
        r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!,?\d)"
        r"|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?:\.\d+)?(?![\d.,])"
        r"|\d+(?:\.\d+)?"
    ),
    ",": re.compile(
        r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\.?\d)"
        r"|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?:,\d+)?(?![\d.,])"
        r"|\d+(?:,\d+)?"
    ),
}
_HEX = re.compile(r"0[xX][0-9A-Fa-f]+\b")
_CODE_GLUED = "|".join(
    f"(?<={c})" for c in ("US$", "Rs.", "Rs", "USD", "EUR", "GBP", "JPY", "INR", "CNY", "RMB")
)
_START = re.compile(
    rf"(?:(?<![\w.,])|{_CODE_GLUED})(?:0[xX][0-9A-Fa-f]|\d|(?:{WORD_STARTS})\b)", re.IGNORECASE
)
_ORDINAL = re.compile(r"(?:st|nd|rd|th)\b")
_PERCENT = re.compile(r"\s?%|[\s-]?(?:percents?|per\s?cent|pct)\b", re.IGNORECASE)
_POINTS = re.compile(r"\s?(?:percentage[\s-]points?|pp|ppt|p\.p\.)(?!\w)", re.IGNORECASE)
_SCALE_WORD = re.compile(r"[\s-](thousand|million|billion|trillion|lakhs?|crores?)\b", re.IGNORECASE)
_SCALE_SHORT = re.compile(r"\s?(mn|mln|bn|tn|trn)\b|(k|K|M)\b|(b|B|m)\b")
_TIMES = re.compile(
    r"\s?[x×X](?![\w×])(?!\s*\d)|-?fold\b|times\b"
    r"|\s(?:times)\b(?=\s+(?:\w+er|more|less|as|the|that|than|over))"
)
_UNIT = re.compile(
    r"(?:\s?|-(?!bit\b))("
    + "|".join(re.escape(u) for u in sorted(U.SYMBOLS, key=len, reverse=True))
    + r")(?![\w°])"
    r"|(?:\s|-(?!bits?\b))([A-Za-z]+)\b"  # '5 seconds', '14-byte'
)
# Glued to its number ('10ms', '64KB'), except 'bit': '64bit' is an adjective, like '64-bit'.
_GLUED_UNIT = re.compile(
    "(?:"
    + "|".join(re.escape(u) for u in sorted(set(U.SYMBOLS) - {"bit"}, key=len, reverse=True))
    + r")(?![\w°])"
)
_CODE_AFTER = re.compile(r"\s(USD|EUR|GBP|JPY|INR|CNY|RMB)\b")
_PLUS = re.compile(r"\+(?!\d)")
_RANGE = re.compile(r"\s*(?:--|-|–|—|~|(?:down |up )?to|through|and)\s*(?=[-−+$€£¥₹]?\d|[A-Za-z])")
_BETWEEN = re.compile(r"(?<![\w-])between\s+(?:[$€£¥₹]\s?)?$", re.IGNORECASE)
_FROM = re.compile(r"(?<![\w-])from\s+(?:[$€£¥₹]\s?)?$", re.IGNORECASE)


@dataclass(frozen=True)
class Stated:
    """A number as a text states it: value 9.4, scale 'million', unit 'USD', at characters start..end.

    A range ('12–45%') has a `high` end; `digits` keep the figure as written ('3.10', '0x40', '-9')."""

    value: float
    text: str
    start: int
    end: int
    scale: str | None = None
    unit: str = ""
    qualifier: str | None = None
    high: float | None = None
    digits: str = ""
    high_digits: str = ""
    grouped: bool = False
    unit_text: str = ""  # a measurement unit as written ('bytes', 'msec'); '' for %, ×, rank, currencies

    @property
    def percent(self) -> bool:
        """A percentage."""
        return self.unit == U.PERCENT

    @property
    def ordinal(self) -> bool:
        """A rank or place ('29th', 'third')."""
        return self.unit == U.RANK

    @property
    def currency(self) -> str:
        """The currency code ('USD'), or ''."""
        return self.unit if U.is_currency(self.unit) else ""

    def total(self) -> float:
        """The value with its scale applied."""
        return self.value * SCALES.get(self.scale or "", 1.0)

    def label(self) -> str:
        """The reading in one line: 'about 20–30 %', '2.5 billion USD', '-9', '1.3 ×'."""
        body = self.digits + (f"–{self.high_digits}" if self.high is not None else "")
        parts = [self.qualifier, body, self.scale, self.unit]
        return " ".join(p for p in parts if p)


def stated_numbers(text: str, decimal: str = ".") -> list[Stated]:
    """Every number the text states, in order; `decimal` is the decimal mark the text uses."""
    masked = _masked(text)
    out: list[Stated] = []
    pos = 0
    while True:
        m = _START.search(text, pos)
        if m is None:
            break
        at = m.start()
        if at in masked:
            pos = masked[at]
            continue
        one = _read(text, at, decimal, masked)
        if one is None:
            pos = _skip_word(text, at)
            continue
        one = _with_range(text, one, decimal, masked)
        out.append(one)
        pos = one.end
    return out


def _masked(text: str) -> dict[int, int]:
    """Start → end of every identifier, version, date or time: digits that state no figure."""
    spans: dict[int, int] = {}
    for m in _NOT_NUMBERS.finditer(text):
        if _HEX.fullmatch(m.group()):
            continue
        for i in range(m.start(), m.end()):
            spans[i] = m.end()
    return spans


def _skip_word(text: str, at: int) -> int:
    m = re.compile(r"\w+").match(text, at)
    return m.end() if m else at + 1


def _read(
    text: str, at: int, decimal: str, masked: dict[int, int], qualify: bool = True, signed: bool = True
) -> Stated | None:
    """The number (with its currency, sign, qualifier and suffixes) whose first digit or word is at `at`."""
    start, end = at, at
    ordinal = multiplier = False
    digits = ""
    grouped = False
    hexm = _HEX.match(text, at)
    if hexm:
        value, digits, end = float(int(hexm.group()[2:], 16)), hexm.group(), hexm.end()
    elif text[at].isdigit():
        dm = _DIGITS[decimal].match(text, at)
        assert dm is not None
        raw = dm.group()
        sep = "," if decimal == "." else "."
        grouped = bool(re.search(rf"[{re.escape(sep)}\u00a0\u202f\u2009 ]\d{{3}}", raw))
        if " " in raw and not (decimal == "," and _plain_space_grouping(text, dm.start(), dm.end())):
            raw = raw.split(" ")[0]
            grouped = False
        end = at + len(raw)
        clean = re.sub(r"[\u00a0\u202f\u2009 ]", "", raw).replace(sep, "")
        digits = clean.replace(decimal, ".")
        value = float(digits)
        after = text[end : end + 1]
        if after.isalpha() and not _glued_suffix(text, end):
            return None  # '1080p', '5G', '3D': a name, not a figure
    else:
        wn = read_word_number(text, at)
        if wn is None:
            return None
        value, end, ordinal, multiplier = wn.value, wn.end, wn.ordinal, wn.multiplier
        digits = f"{value:g}"
    # A sign written right before the digits: '(-9)', '−0.4%', '+5%'.
    if (
        signed
        and text[at].isdigit()
        and at > 0
        and text[at - 1] in _SIGN
        and (at < 2 or not text[at - 2].isalnum())
    ):
        sign = "-" if text[at - 1] in "-−" else "+"
        start = at - 1
        digits = sign + digits if sign == "-" else "+" + digits
        value = -value if sign == "-" else value
    scale: str | None = None
    unit = U.TIMES if multiplier else U.RANK if ordinal else ""
    cur = _CURRENCY_BEFORE.search(text[max(0, start - 6) : start])
    if cur:
        unit = U.CURRENCY_CODES[(cur.group(1) or cur.group(2)).strip()]
        start = start - len(cur.group())
    qualifier = None
    unit_text = ""
    # Suffixes, in the order texts write them: 29th; 20+; 2.5bn; 12%; 1.3x; 10 ms.
    if not ordinal and not multiplier and text[at].isdigit() and (m := _ORDINAL.match(text, end)):
        unit, end = U.RANK, m.end()
    if m := _PLUS.match(text, end):
        qualifier, end = "at least", m.end()
    scale, end = _scale(text, end, unit)
    if not unit or U.is_currency(unit):
        if m := _POINTS.match(text, end):
            unit, end = U.POINTS, m.end()
        elif m := _PERCENT.match(text, end):
            unit, end = U.PERCENT, m.end()
        elif not unit and (m := _TIMES.match(text, end)):
            unit, end = U.TIMES, m.end()
        elif not unit and (m := _UNIT.match(text, end)):
            sym = m.group(1) or U.spelled_unit(m.group(2) or "")
            if sym and not (sym == "m" and scale) and not (m.group(1) == "s" and text[end : end + 1] == "'"):
                unit, unit_text, end = U.canonical(sym), m.group(1) or m.group(2), m.end()
        if not unit and (m := _CODE_AFTER.match(text, end)):
            unit, end = U.CURRENCY_CODES[m.group(1)], m.end()
    q = _QUAL_BEFORE.search(text[max(0, start - 30) : start]) if qualify else None
    if q and qualifier is None and not _not_a_bound(q.group(), text, start, end, digits, unit):
        qualifier = QUALIFIERS[_qual_key(q.group())]
    return Stated(
        value=value,
        text=text[start:end],
        start=start,
        end=end,
        scale=scale,
        unit=unit,
        qualifier=qualifier,
        digits=digits,
        grouped=grouped,
        unit_text=unit_text,
    )


_SPATIAL = ("over", "above", "below", "under")
_SPAN = re.compile(
    r"\s+(?:years?|months?|weeks?|days?|decades?|hours?|quarters?)\b(?!\s+(?:of|ago|old))", re.I
)


def _not_a_bound(found: str, text: str, start: int, end: int, digits: str, unit: str) -> bool:
    """'below 1990 levels' (a year), 'over 10 years' (a period): the word places the figure in time, it does
    not bound it."""
    word = found.split()[0].lower()
    if word not in _SPATIAL:
        return False
    year = digits.isdigit() and len(digits) == 4 and 1800 <= int(digits) <= 2100 and not unit
    return year or (word == "over" and bool(_SPAN.match(text, end)))


def _qual_key(found: str) -> str:
    """The QUALIFIERS key of a qualifier as matched before a number ('more  than a ' → 'more than')."""
    words = " ".join(found.split()).lower()
    for key in sorted(QUALIFIERS, key=len, reverse=True):
        if words.startswith(key):
            return key
    return words


def _plain_space_grouping(text: str, start: int, end: int) -> bool:
    """'1 500' groups thousands with a plain space (where decimal commas are declared: in English text
    '120 140' is two numbers) unless it sits in a list of numbers ('64 128 256')."""
    before = re.search(r"(\d)\s+$", text[max(0, start - 4) : start])
    after = re.match(r"\s+\d", text[end : end + 3])
    glued = text[end : end + 1].isalpha()  # '30 100ms': a count, then a duration
    return before is None and after is None and text[start:end].count(" ") == 1 and not glued


def _glued_suffix(text: str, end: int) -> bool:
    """Letters right after digits that belong to the figure: '29th', '2.5bn', '40k', '1.3x', '10ms'."""
    return bool(
        _ORDINAL.match(text, end)
        or _SCALE_SHORT.match(text, end)
        or re.compile(r"[x×X](?![A-Za-z])|fold\b|times\b").match(text, end)
        or _GLUED_UNIT.match(text, end)
    )


def _scale(text: str, end: int, unit: str) -> tuple[str | None, int]:
    """A scale after the number: ' million', ' lakh', 'bn', '40k', '$3m'."""
    if m := _SCALE_WORD.match(text, end):
        word = m.group(1).lower().rstrip("s")
        return word, m.end()
    m = _SCALE_SHORT.match(text, end)
    if m is None:
        return None, end
    if m.group(1):
        short = m.group(1).lower()
        return {"mn": "million", "mln": "million", "bn": "billion", "tn": "trillion", "trn": "trillion"}[
            short
        ], m.end()
    if m.group(2):
        return {"k": "thousand", "K": "thousand", "M": "million"}[m.group(2)], m.end()
    if U.is_currency(unit):  # '$3m', '$2.5b', '€4B'
        return {"m": "million", "b": "billion", "B": "billion"}[m.group(3)], m.end()
    return None, end


def _with_range(text: str, low: Stated, decimal: str, masked: dict[int, int]) -> Stated:
    """A range when `low` is followed by a second end: '12-45%', '20–30 per cent', 'between 2 and 4',
    '1.1x ~ 1.4x'; 'from 410 to 330 bytes' is a change, so the first figure only takes the second's unit."""
    m = _RANGE.match(text, low.end)
    if m is None:
        return low
    joiner = m.group().strip().lower()
    if joiner in ("-", "−") and m.group()[0].isspace() and not m.group()[-1].isspace():
        return low  # '46.93   -7.65%': two figures, the second negative
    between = bool(_BETWEEN.search(text[max(0, low.start - 12) : low.start]))
    origin = bool(_FROM.search(text[max(0, low.start - 8) : low.start]))
    if joiner == "and" and not between:
        return low
    if joiner == "~" and not low.unit and not text[m.end() : m.end() + 1].isdigit():
        return low
    at = m.end()
    if at in masked:
        return low
    if text[at] in _SIGN and joiner in ("--", "-", "–", "—"):
        return low  # '5 - -3' or a list of signed figures
    nxt = _read(text, at, decimal, masked, qualify=False, signed=text[at - 1] not in "-–—~")
    if nxt is None or nxt.qualifier not in (None, low.qualifier):
        return low
    if nxt.start != at and not (U.is_currency(nxt.unit) and U.is_currency(low.unit)):
        return low
    if low.unit and low.unit != nxt.unit and not (U.is_currency(low.unit) and not nxt.unit):
        return low  # 'rose 12 per cent to 8.2 trillion', 'doubled to 149': a change and a level
    if low.scale and low.scale != nxt.scale:
        return low
    if (nxt.unit == U.RANK) != (low.unit == U.RANK) or _year_like(low) != _year_like(nxt):
        return low  # 'from 29th in 2011 to 12th': a year and a rank are no range
    if low.scale and nxt.scale and low.scale != nxt.scale:
        return low
    unit, scale = nxt.unit or low.unit, nxt.scale or low.scale
    unit_text = nxt.unit_text or low.unit_text
    if origin and joiner.endswith("to"):
        return replace(
            low,
            unit=low.unit or nxt.unit,
            scale=low.scale or nxt.scale,
            unit_text=low.unit_text or nxt.unit_text,
        )
    if joiner.endswith("to") and joiner != "to":
        return low  # 'down to' and 'up to' move a figure; they do not bound a range
    return Stated(
        value=low.value,
        text=text[low.start : nxt.end],
        start=low.start,
        end=nxt.end,
        scale=scale,
        unit=unit,
        qualifier=low.qualifier,
        high=nxt.value,
        digits=low.digits,
        high_digits=nxt.digits,
        grouped=low.grouped or nxt.grouped,
        unit_text=unit_text,
    )


def _year_like(s: Stated) -> bool:
    return s.digits.isdigit() and len(s.digits) == 4 and 1800 <= s.value <= 2100 and not s.unit


def matches(value: float, scale: str | None, stated: Stated, high: float | None = None) -> bool:
    """True when a fact's value (with its scale; a range with `high`) is the number `stated`."""

    def close(a: float, b: float) -> bool:
        return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))

    if (high is None) != (stated.high is None):
        return False
    per = SCALES.get(stated.scale or "", 1.0)
    pairs = [(value, stated.value)] + (
        [(high, stated.high)] if high is not None and stated.high is not None else []
    )
    if scale is None:
        return all(close(v, s) or close(v, s * per) for v, s in pairs)
    return all(close(v * SCALES[scale], s * per) for v, s in pairs)
