"""`briefgen suggest`: the numeric claims in a document, as ready-to-paste YAML facts with their quotes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from briefgen.facts.readers import ReadError
from briefgen.facts.sources import Locator, SourceText, read_source
from briefgen.numbers.names import is_name
from briefgen.numbers.reader import Stated, matches, stated_numbers
from briefgen.spec.model import KIND_BY_SUFFIX

MIN_WORDS, MAX_WORDS = 5, 25
_CODES = {"$": "USD", "€": "EUR", "£": "GBP"}
# Sentence ends: '.', '!' or '?' (and closing quotes), white space, then a capital, digit or opening quote;
# or a line that starts a list item ('* ', '- ', '• ').
_SENTENCE_END = re.compile(r"[.!?][”’\"')\]]*\s+(?=[“‘\"'(\[]?[A-Z0-9])|\n\s*(?=[*•-]\s)")
# Clause breaks: ';', ':' and ',' followed by white space (not '1,500'), dashes between words.
_CLAUSE_BREAK = re.compile(r"[;:,]\s+|\s[—–]\s|—")
_WORD = re.compile(r"\s+([A-Za-z][\w’'&\-]*)")

_STOP, _LY_NOUNS, _MONTHS, _REFERENCES = (
    frozenset(words.split())
    for words in (
        "a an the this that these those its their his her our your my of in on at to for from with by as "
        "than into per each across among between through during since until under over about around after "
        "before within without via which who whose where when while such like including compared also only "
        "respectively all both more less most is are was were be been being have has had will would can "
        "could may might should must do does did not no so but nor yet if then there here it they we he she "
        "last next out up down",
        "supply family assembly monopoly anomaly ally italy july",
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec",
        "article section chapter figure fig table page p pp no item rule paragraph annex clause",
    )
)
_PERIODS = {"first", "last", "past", "next"}


@dataclass(frozen=True)
class Suggestion:
    """A numeric claim as a fact: id, verbatim quote, value (with scale, unit, qualifier) and where it is."""

    id: str
    quote: str
    value: float
    scale: str | None
    unit: str
    qualifier: str | None
    locator: Locator


def suggest_facts(text: SourceText, source_id: str) -> list[Suggestion]:
    """Every numeric claim of the document (not years, dates, names or model numbers), in reading order.

    `source_id` is the id the spec gives the document; ids are made unique among these suggestions only.
    """
    full = text.text
    out: list[Suggestion] = []
    taken: set[str] = set()
    for s in stated_numbers(full):
        if not _claim(full, s):
            continue
        unit = _unit(full, s)
        span = _quote_span(full, s)
        if span is None:
            continue
        qs, qe = span
        hit = _hit(full[qs:qe], s, qs)
        if hit is None:
            continue
        qs, qe = _unique_span(text, qs, qe)
        quote = re.sub(r"\s+", " ", full[qs:qe])
        ident = _unique(_fact_id(full, s, unit, qs), taken)
        out.append(Suggestion(ident, quote, s.value, s.scale, unit, hit.qualifier, text.locate(qs, qe)))
    return out


def suggestions_yaml(suggestions: list[Suggestion], source_id: str) -> str:
    """The suggestions under a `facts:` key, each with its locator as a comment; ids made unique."""
    if not suggestions:
        return "facts: {}\n"
    lines = ["facts:"]
    taken: set[str] = set()
    for sg in suggestions:
        ident = _unique(_slug(sg.id) or "fact", taken)
        lines.append(f"  {ident}:  # {sg.locator}")
        lines.append(f"    source: {_quoted(source_id)}")
        lines.append(f"    quote: {_quoted(sg.quote)}")
        lines.append(f"    value: {_number(sg.value)}")
        if sg.scale:
            lines.append(f"    scale: {sg.scale}")
        if sg.unit:
            lines.append(f"    unit: {_quoted(sg.unit)}")
        if sg.qualifier:
            lines.append(f"    qualifier: {_quoted(sg.qualifier)}")
    return "\n".join(lines) + "\n"


def render_suggestions(path: Path, kind: str | None = None, source_id: str | None = None) -> str:
    """The output of `briefgen suggest`: a comment and the facts. Raises OSError or ReadError."""
    path = Path(path)
    if kind is None:
        kind = KIND_BY_SUFFIX.get(path.suffix.lower())
        if kind is None:
            known = ", ".join(sorted(KIND_BY_SUFFIX))
            raise ReadError(f"unknown document ending '{path.suffix}' (known: {known}); give the kind")
    sid = source_id or _slug(path.stem) or "source"
    if not sid[0].isalpha():
        sid = "doc_" + sid
    suggestions = suggest_facts(read_source(path, kind), sid)
    header = (
        f"# {len(suggestions)} numeric claim(s) in {path}, as facts of source '{sid}'.\n"
        f"# Add the document under sources: as '{sid}', keep the facts you need, and check each value.\n"
    )
    return header + suggestions_yaml(suggestions, sid)


def _claim(full: str, s: Stated) -> bool:
    """A figure an analyst would cite: a quantity with a unit, %, currency, scale, multiplier or qualifier, or
    a count in digits of something named after it ('30 new entry points', '60 days'). Not claims: names
    ('Python 3.12', 'version 1.0', 'level 3', '64-bit'), years and dates, option values and code ('-9',
    '=64', 'exit with 2'), bare number words ('in two passes')."""
    if is_name(full, s) or _code(full, s) or _version(full, s) or s.unit == "bit":
        return False  # 'bit': a width ('32 bits', '64 bit ints'), not an amount
    word = not any(ch.isdigit() for ch in s.text)
    if s.unit == "×" and word:
        return _compares(full, s)  # 'twice as fast', 'doubled'; not 'a double fclose()'
    if s.unit == "rank":
        return _ranks(full, s)  # 'ranked 12th'; not 'the 2nd argument', 'first in the list'
    if (
        word
        and s.value in (0, 1)
        and not (s.unit or s.scale)
        and not (s.qualifier and _DURATION.match(full, s.end))
    ):
        return False  # 'at least one element': a condition, not a figure ('at least one year' is one)
    if word and s.unit and not _DURATION.match(" " + (s.unit_text or s.unit)) and s.unit not in ("%", "×"):
        return False  # '-> three bytes': sizes in words are code commentary; durations are not ('one minute')
    if s.unit or s.scale or s.qualifier or s.high is not None:
        return True
    if (
        word
    ):  # 'nine consecutive years', 'four new warnings'; small words are mostly structure: 'in two passes'
        return (s.value >= 5 or bool(_NEW.match(full, s.end))) and _counts(full, s.end)
    return s.value not in (0, 1) and _counts(full, s.end)


_PERIOD = re.compile(r"\b(?:past|last|next|first|previous|coming|recent)\s+$", re.IGNORECASE)
_DURATION = re.compile(
    r"\s+(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|min|h|s|ms)\b", re.IGNORECASE
)
_NEW = re.compile(r"\s+(?:new|more|additional|extra)\b|\s+\S+\s+\S+\s+(?:have|has)\s+been\b", re.IGNORECASE)


_COMPARES = re.compile(r"\s+(?:as|the|that|its|their|what|[a-z]+er)\b")
_VERSION = re.compile(r"\b(?:versions?|releases?)\b", re.IGNORECASE)


def _compares(full: str, s: Stated) -> bool:
    verb = s.text.lower().endswith(("ed", "ing", "les"))
    return verb or bool(_COMPARES.match(full, s.end))


def _ranks(full: str, s: Stated) -> bool:
    before = full[max(0, s.start - 80) : s.start].lower()
    return bool(
        re.search(r"\brank(?:s|ed|ing)?\b|\bplace[ds]?\b|\bcame in\s*$|\bfinished\s*$", before)
    ) or bool(re.match(r"\s*(?:place|position|-?largest|-?biggest|-?highest)\b", full[s.end : s.end + 12]))


def _version(full: str, s: Stated) -> bool:
    """'version numbers less than 1.0', 'permitted values are 3.1 (matches previous GCC versions)'."""
    if "." not in s.digits or s.unit:
        return False
    near = full[max(0, s.start - 50) : s.start] + " " + full[s.end : s.end + 50]
    return bool(_VERSION.search(near))


_CODE_BEFORE = re.compile(
    r"(?:[=\[#+/\\]|\bU\+|\b(?:exit|exits|return|returns|error|byte|signal|status|code)\s+(?:with\s+)?)$",
    re.IGNORECASE,
)
_ADJECTIVES = {"new", "more", "additional", "other", "different", "distinct", "separate", "major", "minor",
               "known", "supported", "further", "extra", "unique", "active", "open", "individual", "small",
               "large", "big", "old", "total", "main", "key"}  # fmt: skip
_NOT_COUNTED = {"times", "ways", "instead", "others", "ones", "bits", "bytes", "sets"}


def _code(full: str, s: Stated) -> bool:
    """An option value, an assignment, an index, an exit status or a row of a table or listing: '-D…=64',
    'argv[0]', 'exit with 2', ',~5', 'r 42 s 47'."""
    before, after = full[max(0, s.start - 24) : s.start], full[s.end : s.end + 1]
    if _CODE_BEFORE.search(before) or re.search(r"\S~$", before) or (after != "" and after in "=]:/"):
        return True
    if _PERIOD.search(before):
        return True  # 'over the past ten years': when, not how much
    if re.search(r"(?:^|\n)[ \t]*$|\d[ \t]+$", before) and re.match(r"[ \t]+[A-Z]", full[s.end : s.end + 2]):
        return (
            True  # '2.5 Future developments', '4 2.3 Simple parsing': a heading's number or a contents line
        )
    return bool(re.match(r"\s+[-−+]?\d", full[s.end : s.end + 4]))


def _counts(full: str, end: int) -> bool:
    """The count names what it counts: a lower-case plural noun within the next five words, with only
    adjectives, nouns and names before it ('30 new entry points', '53 Belt and Road joint laboratories',
    '17 new "reflection" entrypoints', '141 of the languages', 'the 18 or so months')."""
    for raw in re.findall(r"\S+", full[end : end + 80])[:5]:
        if raw.startswith(("'s", "’s")):
            return False  # 'sed 4.0's extensions': a name's possessive
        word = raw.strip("\"“”'’")
        low = word.lower().rstrip(".,;:")
        if not re.fullmatch(r"[a-z][a-z’'-]*", low):
            return False  # '(acts', 'asn1_number', another number
        last = raw[-1] in ".,;:"
        if word[0].isupper():
            if last:
                return False
            continue  # a name inside what is counted: 'Belt and Road'
        if low in ("of", "or", "so", "the", "and") and not last:
            continue
        if low in _NOT_COUNTED | _STOP:
            return False  # 'when …', 'to …', 'instead of'
        if _plural(low):
            return True
        if last:
            return False
    return False


def _quote_span(full: str, s: Stated) -> tuple[int, int] | None:
    """The clause around the number: inside its sentence, grown to MIN_WORDS, cut to MAX_WORDS words."""
    bs = full.rfind("\n\n", 0, s.start)
    bs = 0 if bs < 0 else bs + 2
    be = full.find("\n\n", s.end)
    be = len(full) if be < 0 else be
    ss, se = bs, be
    for m in _SENTENCE_END.finditer(full, bs, be):
        if m.end() <= s.start:
            ss = m.end()
        elif m.start() >= s.end:
            se = m.start()
            break
    cuts = [ss] + [x for c in _CLAUSE_BREAK.finditer(full, ss, se) for x in (c.start(), c.end())] + [se]
    lead = re.compile(r"(?:and|or|but)\s+")  # 'and signed 114 agreements' starts at 'signed'
    spans = zip(cuts[::2], cuts[1::2], strict=True)
    pieces = [(w.end() if (w := lead.match(full, a, b)) else a, b) for a, b in spans if b > a]
    i = next((k for k, (a, b) in enumerate(pieces) if a <= s.start < b), None)
    if i is None:
        return None
    lo = hi = i
    while True:
        a, b = pieces[lo][0], pieces[hi][1]
        ok = _hit(full[a:b], s, a) is not None
        if ok and len(full[a:b].split()) >= MIN_WORDS or (lo == 0 and hi == len(pieces) - 1):
            break
        if lo > 0 and (ok or hi == len(pieces) - 1):
            lo -= 1  # the clause before usually holds the subject
        else:
            hi += 1  # 'first' needs its ' place' or ' in ' to be read as a rank
    return _trim(full, a, b, s)


def _trim(full: str, a: int, b: int, s: Stated) -> tuple[int, int] | None:
    """At most MAX_WORDS words of a..b around the number, the clause's start kept when it fits."""
    words = list(re.finditer(r"\S+", full[a:b]))
    if len(words) > MAX_WORDS:
        at = next(k for k, w in enumerate(words) if a + w.end() > s.start)
        first = max(0, min(at - 8, len(words) - MAX_WORDS))
        last = min(len(words), first + MAX_WORDS)
        a, b = a + words[first].start(), a + words[last - 1].end()
    while a < b and full[a] in " \t\n,;:—–":
        a += 1
    if m := re.compile(r"[*•+-]\s+").match(full, a, b):
        a = m.end()  # a list item's bullet is not part of what it says
    while b > a and full[b - 1] in " \t\n,;:—–.!?":
        b -= 1
    # The same figure earlier in the quote would be read first: start after it ('Up to 40 workgroups …,
    # up to a limit of 40 wavefronts').
    earlier = [h for h in stated_numbers(full[a:b]) if a + h.start < s.start and matches(s.value, s.scale, h)]
    if earlier:
        nxt = re.compile(r"\s+(?=\S)").search(full, a + earlier[-1].end, s.start)
        a = nxt.end() if nxt else a
    return (a, b) if _hit(full[a:b], s, a) is not None else None


def _unique_span(text: SourceText, a: int, b: int) -> tuple[int, int]:
    """Grow a quote word by word until it occurs once in the document: the first occurrence is its place."""
    full = text.text
    for _ in range(12):
        found = text.find(full[a:b])
        if found is None or found.start >= a:
            break
        m = re.compile(r"\S+").search(full, b)
        if m is None or "\n\n" in full[b : m.start()]:
            break
        b = m.end()
    return a, b


def _hit(quote: str, s: Stated, offset: int) -> Stated | None:
    """The number as briefgen will read it in the quote, if the quote's first match for the value is it."""
    hit = next((h for h in stated_numbers(quote) if matches(s.value, s.scale, h)), None)
    if hit is None or hit.start + offset != s.start or hit.ordinal != s.ordinal or hit.percent != s.percent:
        return None
    return hit


def _unit(full: str, s: Stated) -> str:
    """The number's own unit as written ('%', 'rank', 'USD', 'GiB', '×'), else the noun phrase after it
    ('young scientists'), or ''."""
    if s.unit:
        return s.unit_text or s.unit
    return _noun_phrase(full, s.end)


def _noun_phrase(full: str, pos: int, skip_links: bool = False) -> str:
    """One to three words at `pos` that say what is counted: 'units', 'countries and regions'."""
    words: list[str] = []
    for m in _WORD.finditer(full, pos):
        if m.start() != pos or len(words) >= 6:
            break
        w = m.group(1)
        low = w.lower()
        if low in ("and", "or"):
            if not words:
                break
            words.append(w)  # 'countries and regions'
        elif skip_links and not words and low in ("of", "the", "its", "their", "in", "a"):
            pass  # '60% of the world’s total': what the percentage is of
        elif low in _STOP or low.endswith(("ly", "ing", "ed") if words else "ly") and low not in _LY_NOUNS:
            break  # 'units each', 'countries, representing', 'people moved'
        elif stated_numbers(w) or (words and _plural(words[-1])):
            break  # 'firms took part': a plural noun ends the phrase, unless 'and' follows
        else:
            words.append(w)
        pos = m.end()
    while words and words[-1].lower() in ("and", "or"):
        words.pop()
    caps = 0
    while caps < len(words) and (words[caps][:1].isupper() or words[caps] == "and"):
        caps += 1
    if 1 < caps < len(words):
        words = words[caps:]  # '53 Belt and Road joint laboratories' counts laboratories
    if len(words) > 3 and "and" in words[1:]:
        words = words[: words.index("and", 1)]
    return " ".join(words[-3:])


def _plural(word: str) -> bool:
    low = word.lower()
    return low.endswith("s") and not low.endswith(("ss", "us", "is", "’s", "'s")) and len(low) > 3


def _fact_id(full: str, s: Stated, unit: str, qs: int) -> str:
    """What is counted and the value: 'units_9_4_million', 'gdp_pct_2_64', 'investment_usd_469_01_billion'."""
    what = unit if unit not in ("%", "rank", "USD", "EUR", "GBP") else _noun_phrase(full, s.end, True)
    if not what:
        before = re.findall(r"(?<![\w’'&])[A-Za-z][\w’'&]*", full[qs : s.start])
        drop = _STOP | {"and", "or", "exceeding", "nearly", "almost", "roughly"}
        kept = [w for w in before if w.lower() not in drop and not w.lower().endswith(("ed", "ly"))]
        what = " ".join(kept[-2:])
    tag = {"%": "pct", "rank": "rank"}.get(unit, unit.lower() if unit in ("USD", "EUR", "GBP") else "")
    number = _number(s.value).replace(".", "_")
    return "_".join(x for x in (_slug(what)[:32].strip("_"), tag, number, s.scale or "") if x)


def _slug(text: str) -> str:
    """Lower-case letters, digits and '_': 'China’s R&D' → 'chinas_r_d'."""
    text = re.sub(r"[’']", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def _unique(ident: str, taken: set[str]) -> str:
    if not ident[:1].isalpha():
        ident = "n_" + ident
    out, n = ident, 2
    while out in taken:
        out, n = f"{ident}_{n}", n + 1
    taken.add(out)
    return out


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: safe for ’ “ ” $ % : # and any other character."""
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=1 << 30).strip()
