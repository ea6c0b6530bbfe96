"""Source documents as searchable text: normalised for matching, mapped back to pages, paragraphs, lines."""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from briefgen.facts.readers import Block, read_blocks

# What documents do to text and nothing more: typographic quotes, dashes, odd spaces, soft hyphens.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\t": " ",
})  # fmt: skip
_DROP = {"\u00ad", "\u200b", "\u2060", "\ufeff", "\x7f", *map(chr, range(0x80, 0xA0))}
# A letter, '-', the line's end, then a letter or a digit; the look-behind follows the '-', so that the
# search skips from hyphen to hyphen (placed first, it made the search try every character: 30 ms a MB).
_LINE_HYPHEN = re.compile(r"-(?<=[^\W\d_]-)[ \t]*\n[ \t]*(?=[^\W_])")
SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Locator:
    """Where a quote is: page (PDFs), paragraph and line (1-based), and its span in the extracted text."""

    paragraph: int
    line: int
    start: int
    end: int
    page: int | None = None
    cell: str = ""  # a table cell: 'Table 2, row North, column 2023'
    section: tuple[str, ...] = ()  # the headings the quote sits under, outermost first
    kind: str = "text"
    paragraphs_on_page: int = 0  # PDFs: how many paragraphs the page's text shows (1: none told apart)

    def __str__(self) -> str:
        """The full locator a reader can follow: '§ Optimizations › Faster startup, ¶ 2', 'p. 9, line 14',
        '¶ 7, line 13', 'Table 1, row North, column 2023'."""
        if self.cell:
            return f"p. {self.page}, {self.cell}" if self.page else self.cell
        if self.page:
            where = f"¶ {self.paragraph}" if self.paragraphs_on_page > 1 else f"line {self.line}"
            return f"p. {self.page}, {where}"
        if self.section:
            return "§ " + " › ".join(self.section) + f", ¶ {self.paragraph}"
        return f"¶ {self.paragraph}, line {self.line}" if self.kind == "text" else f"¶ {self.paragraph}"

    def short(self) -> str:
        """The locator in a citation marker: 'p. 9', '§ Faster startup', '¶ 7', 'Sheet1!C7'."""
        if self.cell and not self.page:
            return self.cell if len(self.cell) <= 32 else self.cell[:31].rstrip() + "…"
        if self.page:
            return f"p. {self.page}"
        if self.section:
            head = self.section[-1]
            return "§ " + (head if len(head) <= 32 else head[:31].rstrip() + "…")
        return f"¶ {self.paragraph}"


@dataclass(frozen=True)
class Closest:
    """The passage most like a quote that was not found."""

    text: str
    similarity: float
    locator: Locator


class SourceText:
    """A document's blocks joined into one text, with normalised views that map back to it."""

    def __init__(self, blocks: list[Block], path: Path, kind: str = "text"):
        self.blocks = blocks
        self.path = path
        self.kind = kind
        self.text = SEPARATOR.join(b.text for b in blocks)
        self._starts = []
        pos = 0
        for b in blocks:
            self._starts.append(pos)
            pos += len(b.text) + len(SEPARATOR)
        # The headings each block sits under, and its paragraph number within that section.
        self._sections: list[tuple[str, ...]] = []
        self._paragraphs: list[int] = []
        trail: list[tuple[int, str]] = []
        count = 0
        for b in blocks:
            if b.heading:
                trail = [h for h in trail if h[0] < b.heading] + [(b.heading, " ".join(b.text.split()))]
                count = 0
            else:
                count += 1
            self._sections.append(tuple(text for _, text in trail))
            self._paragraphs.append(max(count, 1))
        self._built: dict[int, _View] = {}

    def _view(self, which: int) -> _View:
        """View 0: the whole text in comparison form. PDFs break words at line ends: view 1 joins
        'domesti-\\ncally' into 'domestically', view 2 keeps the hyphen ('well-\\nknown' is 'well-known').
        Each is built once, when first needed."""
        view = self._built.get(which)
        if view is None:
            keep = [(0, len(self.text))]
            if which:
                keep, pos = [], 0
                for m in _LINE_HYPHEN.finditer(self.text):
                    keep.append((pos, m.start() + (which == 2)))
                    pos = m.end()
                keep.append((pos, len(self.text)))
            view = self._built[which] = _View(self.text, self._special, keep)
        return view

    @cached_property
    def _special(self) -> tuple[re.Pattern[str], dict[str, str]]:
        return _special_characters(self.text)

    @cached_property
    def _hyphenated(self) -> bool:
        """Whether views 1 and 2 differ from view 0: a PDF with words hyphenated at line ends."""
        return self.kind == "pdf" and _LINE_HYPHEN.search(self.text) is not None

    def _views(self) -> Iterator[_View]:
        yield self._view(0)
        if self._hyphenated:
            yield self._view(1)
            yield self._view(2)

    def block_start(self, i: int) -> int:
        """Where block `i` starts in the extracted text."""
        return self._starts[i]

    def find(self, quote: str) -> Locator | None:
        """Locator of the first occurrence of `quote`, or None."""
        q = normalise(quote)
        if not q:
            return None
        for view in self._views():
            pos = view.find(q)
            if pos >= 0:
                return self.locate(view.origin(pos), view.origin(pos + len(q) - 1) + 1)
        return None

    def locate(self, start: int, end: int) -> Locator:
        """Locator of the extracted text's characters start..end."""
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        block = self.blocks[i] if self.blocks else Block("")
        line = (block.line or 1) + self.text.count("\n", self._starts[i] if self.blocks else 0, start)
        if block.ref:  # a spreadsheet's cell: 'Sheet1!C7', or 'cell C7' of a CSV file
            return Locator(i + 1, line, start, end, cell=block.ref if block.sheet else f"cell {block.ref}")
        if block.page is None:
            if self._sections and self._sections[i]:
                return Locator(self._paragraphs[i], line, start, end, None, "", self._sections[i], self.kind)
            return Locator(i + 1, line, start, end, kind=self.kind)
        first, count = self._pages[block.page]
        return Locator(i - first + 1, line, start, end, block.page, kind=self.kind, paragraphs_on_page=count)

    @cached_property
    def _pages(self) -> dict[int | None, tuple[int, int]]:
        """Each page's first block and its number of blocks."""
        pages: dict[int | None, tuple[int, int]] = {}
        for j, b in enumerate(self.blocks):
            first, count = pages.get(b.page, (j, 0))
            pages[b.page] = (first, count + 1)
        return pages

    def closest(self, quote: str) -> Closest:
        """The passage of the document most similar to `quote` (for 'did you mean'): rapidfuzz's best partial
        alignment (milliseconds on a long document, where a sliding difflib window took seconds), cut at the
        word boundaries around it that make it most like the quote."""
        view = self._view(2 if self._hyphenated else 0)
        norm = view.text
        q = normalise(quote)
        if not norm or not q:
            return Closest("", 0.0, Locator(1, 1, 0, 0))
        found = fuzz.partial_ratio_alignment(q, norm)
        s, e = (found.dest_start, found.dest_end) if found is not None else (0, min(len(q), len(norm)))
        s, e, ratio = _snap(q, norm, s, e)
        start, end = view.origin(s), view.origin(max(s, e - 1)) + 1
        return Closest(" ".join(self.text[start:end].split()), ratio, self.locate(start, end))


_INDEX_AFTER = 32  # searches of a view before it indexes its words (a short spec never pays for the index)


class _View:
    """The comparison form of a text (NFKC, folded quotes and dashes, single spaces, some characters left out)
    and where each of its characters comes from in the text.

    Built in one pass over the characters that change, not over every character: runs of characters that
    stay as they are are copied whole, and the map from view to text is kept as runs (`_at`: where each run
    starts in the view, `_from`: where it starts in the text)."""

    __slots__ = ("_at", "_from", "_searches", "_words", "text")

    def __init__(
        self, text: str, special: tuple[re.Pattern[str], dict[str, str]], keep: list[tuple[int, int]]
    ):
        pattern, mapped = special
        parts: list[str] = []
        at: list[int] = []
        origin: list[int] = []
        n = 0  # the view's length so far
        prev_space = True  # a space is never first, nor after another space
        for a, b in keep:
            pos = a
            for m in [*pattern.finditer(text, a, b), None]:
                i = m.start() if m else b
                if i > pos:  # characters that stay as they are (with no two spaces in a row)
                    if prev_space and text[pos] == " ":
                        pos += 1
                    if i > pos:
                        if not at or n - at[-1] != pos - origin[-1]:
                            at.append(n)
                            origin.append(pos)
                        parts.append(text[pos:i])
                        n += i - pos
                        prev_space = text[i - 1] == " "
                if m is None:
                    break
                ch = m.group()
                for c in " " if ch[0] == " " else mapped[ch]:  # a run of spaces, or what a character becomes
                    if c.isspace():
                        if prev_space:
                            continue
                        c = " "
                    prev_space = c == " "
                    if not at or n - at[-1] != i - origin[-1]:
                        at.append(n)
                        origin.append(i)
                    parts.append(c)
                    n += 1
                pos = m.end()
        self.text = "".join(parts)
        self._at = at
        self._from = origin
        self._searches = 0
        self._words: dict[str, list[int]] | None = None

    def find(self, q: str) -> int:
        """Where the comparison form `q` first occurs in the view, or -1. After a few searches the view
        indexes where each of its words starts, and a quote of three words or more is looked for only where
        its rarest inner word is (each such word stands between spaces in the quote, so in the view too)."""
        self._searches += 1
        if self._words is None and self._searches > _INDEX_AFTER:
            self._words = {}
            pos = 0
            for word in self.text.split(" "):
                self._words.setdefault(word, []).append(pos)
                pos += len(word) + 1
        words = q.split(" ")
        if self._words is None or len(words) < 3:
            return self.text.find(q)
        offset, rarest = 0, None
        for k, word in enumerate(words):
            if 0 < k < len(words) - 1:
                found = self._words.get(word, [])
                if rarest is None or len(found) < len(rarest[1]):
                    rarest = (offset, found)
            offset += len(word) + 1
        assert rarest is not None
        at, found = rarest
        for p in found:
            if p >= at and self.text.startswith(q, p - at):
                return p - at
        return -1

    def origin(self, p: int) -> int:
        """Where the view's character `p` comes from in the text."""
        k = bisect.bisect_right(self._at, p) - 1
        return self._from[k] + p - self._at[k]


def _special_characters(text: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """The characters of `text` that its comparison form changes, each with what it becomes ('' when left
    out), and a pattern that finds them and runs of two or more spaces."""
    mapped: dict[str, str] = {}
    for ch in set(text):
        if ch in _DROP:
            mapped[ch] = ""
        elif ch != " ":
            become = unicodedata.normalize("NFKC", ch).translate(_FOLD)
            if become != ch or ch.isspace():
                mapped[ch] = become
    chars = "".join(re.escape(ch) for ch in sorted(mapped))
    return re.compile(f"[{chars}]|  +" if chars else "  +"), mapped


_CLOSING = ".,;:!?\"'”’)"


def _snap(q: str, norm: str, s: int, e: int) -> tuple[int, int, float]:
    """The passage norm[s:e] cut at word boundaries: from the whole words the alignment touches, a word more
    or fewer at either end where that makes it fewer edits away from `q` (rapidfuzz's window is as long as
    the quote, so it spills into the next sentence when the document says it in fewer characters); without
    a closing mark the quote leaves out. Returns the start, end and similarity (0–1, as before: rapidfuzz's
    ratio)."""
    while s > 0 and norm[s - 1] != " ":
        s -= 1
    while e < len(norm) and norm[e] != " ":
        e += 1
    starts = [s]
    for _ in range(3):  # later word starts, within the passage
        nxt = norm.find(" ", starts[-1], e)
        if nxt < 0 or nxt + 1 >= e:
            break
        starts.append(nxt + 1)
    before = norm.rfind(" ", 0, max(s - 1, 0))
    if s > 0:
        starts.append(before + 1)  # one word earlier
    ends = [e]
    for _ in range(3):  # earlier word ends, within the passage
        prev = norm.rfind(" ", s, ends[-1] - 1 if ends[-1] > s else s)
        if prev <= s:
            break
        ends.append(prev)
    if e < len(norm):
        after = norm.find(" ", e + 1)
        ends.append(after if after >= 0 else len(norm))  # one word later
    best: tuple[int, int, int] | None = None
    for a in starts:
        for b in ends:
            while b > a + 1 and norm[b - 1] in _CLOSING and not q.endswith(norm[b - 1]):
                b -= 1  # a closing full stop or quote mark the quote leaves out
            if b <= a:
                continue
            # Fewest edits, a changed word counting as changed letters: a word the document has in place of
            # the quote's stays in the passage, words beyond the quote's ends do not.
            cost = Levenshtein.distance(q, norm[a:b], score_cutoff=best[0] if best else None)
            if best is None or cost < best[0]:
                best = (cost, a, b)
    assert best is not None
    _, a, b = best
    return a, b, fuzz.ratio(q, norm[a:b]) / 100


def normalise(text: str) -> str:
    """The comparison form of a text: NFKC, straight quotes, plain dashes and single spaces."""
    text = "".join(ch for ch in text if ch not in _DROP)
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return re.sub(r"\s+", " ", text).strip()


# Sources read in this process, by path, kind and content: a spec with params builds a brief per row from
# the same sources, and a process of a -j pool builds many; each is read once while its bytes stay the same.
_RECENT: OrderedDict[tuple[str, str, str], SourceText] = OrderedDict()
RECENT_ENTRIES = 4
RECENT_BYTES = 16 * 1024 * 1024  # a larger source is read again each time rather than held


def read_source(path: Path, kind: str) -> SourceText:
    """Read a document of `kind` (from memory when this process read the same bytes at this path
    before); raises OSError or readers.ReadError."""
    if path.stat().st_size > RECENT_BYTES:
        return SourceText(read_blocks(path, kind), path, kind)
    key = (str(path.resolve()), kind, hashlib.sha256(path.read_bytes()).hexdigest())
    text = _RECENT.pop(key, None)
    if text is None:
        text = SourceText(read_blocks(path, kind), path, kind)
    if RECENT_ENTRIES > 0:
        _RECENT[key] = text  # the most recently used last
        while len(_RECENT) > RECENT_ENTRIES:
            _RECENT.popitem(last=False)
    return text
