"""Numbers written in words: 'twenty-five', 'one hundred and twenty', 'third', 'twice', 'threefold'."""

from __future__ import annotations

import re
from dataclasses import dataclass

SMALL = {
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
}
TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
ORDINALS = {
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
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "twentieth": 20,
}
MULTIPLIERS = {
    "twice": 2,
    "double": 2,
    "doubled": 2,
    "doubles": 2,
    "doubling": 2,
    "triple": 3,
    "tripled": 3,
    "triples": 3,
    "tripling": 3,
    "quadruple": 4,
    "quadrupled": 4,
}
WORD_STARTS = "|".join(
    sorted([*SMALL, *TENS, *ORDINALS, *MULTIPLIERS, "dozen", r"[a-z]+fold"], key=len, reverse=True)
)
# After a hyphen, these make a compound that still states the number ('a five-year plan', 'a 30-percent
# rise'); any other word makes an idiom ('zero-sum', 'two-way', 'one-sided', 'first-hand').
COMPOUNDS = (
    "year|years|month|months|day|days|week|weeks|hour|hours|minute|minutes|second|seconds|percent|per|"
    "fold|thousand|million|billion|trillion|hundred|point|points|core|cores|page|pages|thread|threads|bit|"
    "byte|digit|digits|member|members|step|steps|stage|stages|party|person|seat|seats|storey|story|lane|"
    "lanes|star|inch|mile|metre|meter|foot|pound|dollar|layer|layers|level|levels|letter|word|line|lines|"
    "column|columns|row|rows|time|times|country|countries|nation|player|game|games|largest|biggest|highest|"
    "lowest|place|ranked|km|kg|mm|cm|ms|bit|bits|character|characters|pass|round|rounds|term|terms|plus"
)
_COMPOUND = re.compile(rf"-(?:{COMPOUNDS})\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")
_SEP = re.compile(r"-| +")
# 'one' that is a pronoun or an idiom, by the word before or after it.
_ONE_BEFORE = {
    "no",
    "any",
    "every",
    "some",
    "the",
    "this",
    "that",
    "which",
    "each",
    "someone",
    "little",
    "last",
    "another",
    "has",
    "have",
    "had",
}
_ONE_AFTER = {
    "another",
    "of",
    "by",
    "or",
    "way",
    "hand",
    "such",
    "thing",
    "day",
    "time",
    "point",
    "who",
    "that",
}


@dataclass(frozen=True)
class WordNumber:
    """A number in words: its value, where it ends, and whether it is an ordinal or a multiplier."""

    value: float
    end: int
    ordinal: bool = False
    multiplier: bool = False


def read_word_number(text: str, start: int) -> WordNumber | None:
    """The number written in words that starts at `start` (a word boundary), or None."""
    m = _WORD.match(text, start)
    if m is None:
        return None
    word = m.group().lower()
    if word in MULTIPLIERS:
        if re.match(r"[- ]up\b", text[m.end() : m.end() + 3], re.IGNORECASE):
            return None  # 'doubled-up households', 'were doubled up': sharing, not a multiple
        return WordNumber(MULTIPLIERS[word], m.end(), multiplier=True)
    if word.endswith("fold") and word[:-4] in SMALL | TENS:
        return WordNumber((SMALL | TENS)[word[:-4]], m.end(), multiplier=True)
    if word in ORDINALS:
        if not _ranks(text, start, m.end()):
            return None  # 'the fourth field', 'the first step': an enumeration, not a rank
        if _idiom(text, m.end()):
            return None
        return WordNumber(ORDINALS[word], m.end(), ordinal=True)
    if word not in SMALL and word not in TENS and word not in ("hundred", "dozen"):
        return None
    if word == "hundred":
        return None  # 'a hundred' and 'hundreds of' are not stated figures
    if word == "dozen":
        before = text[max(0, start - 2) : start].lower()
        return WordNumber(12, m.end()) if before == "a " else None
    if word == "zero" and text[max(0, start - 4) : start].lower() == "net ":
        return None  # 'net zero': a target's name
    total, end = _compound(text, start)
    if word == "one" and total == 1 and _pronoun(text, start, end):
        return None
    if _idiom(text, end):
        return None
    return WordNumber(float(total), end)


def _tokens(text: str, start: int) -> list[tuple[str, int]]:
    """Up to eight words from `start`, joined by spaces or hyphens: (word, its end)."""
    out: list[tuple[str, int]] = []
    pos = start
    for _ in range(8):
        m = _WORD.match(text, pos)
        if m is None:
            break
        out.append((m.group().lower(), m.end()))
        sep = _SEP.match(text, m.end())
        if sep is None:
            break
        pos = sep.end()
    return out


def _below_hundred(toks: list[tuple[str, int]], i: int) -> tuple[int, int, int] | None:
    """'twenty-five', 'twenty', 'seven' at token i: (value, next token, end)."""
    if i >= len(toks):
        return None
    w, end = toks[i]
    if w in TENS:
        if i + 1 < len(toks) and 0 < SMALL.get(toks[i + 1][0], 10) < 10:
            return TENS[w] + SMALL[toks[i + 1][0]], i + 2, toks[i + 1][1]
        return TENS[w], i + 1, end
    if w in SMALL:
        return SMALL[w], i + 1, end
    return None


def _compound(text: str, start: int) -> tuple[int, int]:
    """'one hundred and twenty-five' → (125, where it ends)."""
    toks = _tokens(text, start)
    head = _below_hundred(toks, 0)
    if head is None:
        return 0, start
    value, i, end = head
    if i < len(toks) and toks[i][0] == "hundred" and 0 < value < 10:
        value, end, i = value * 100, toks[i][1], i + 1
        rest = _below_hundred(toks, i + 1 if i < len(toks) and toks[i][0] == "and" else i)
        if rest is not None:
            value, end = value + rest[0], rest[2]
    return value, end


def _pronoun(text: str, start: int, end: int) -> bool:
    before = re.findall(r"[A-Za-z']+", text[max(0, start - 20) : start])
    after = re.match(r"\s+([A-Za-z']+)", text[end : end + 20])
    if before and before[-1].lower() in _ONE_BEFORE:
        return True
    return bool(after and after.group(1).lower() in _ONE_AFTER)


def _ranks(text: str, start: int, end: int) -> bool:
    """'ranks first', 'the first place', 'second-largest': an ordinal that states a rank."""
    after = text[end : end + 12].lower()
    before = text[max(0, start - 12) : start].lower()
    return after.startswith(
        (" place", " in ", "-largest", "-biggest", "-highest", " largest", " biggest")
    ) or ("rank" in before)


def _idiom(text: str, end: int) -> bool:
    """A hyphen and a word that make an idiom of the number ('zero-sum', 'one-sided', 'first-hand')."""
    return text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha() and not _COMPOUND.match(text, end)
