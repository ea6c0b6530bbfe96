"""Source documents as searchable text: normalised for matching, mapped back to pages, paragraphs, lines."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rapidfuzz import fuzz

from briefgen.facts.readers import Block, read_blocks

# What documents do to text and nothing more: typographic quotes, dashes, odd spaces, soft hyphens.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\t": " ",
})  # fmt: skip
_DROP = {"\u00ad", "\u200b", "\u2060", "\ufeff", "\x7f", *map(chr, range(0x80, 0xA0))}
_LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[^\W_])")  # a letter, then a letter or a digit
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
        """The locator in a citation marker: 'p. 9', '§ Faster startup', '¶ 7'."""
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

    def _view(self, drop: frozenset[int]) -> tuple[str, list[int]]:
        """The comparison form of the text and, for each of its characters, the original index."""
        chars: list[str] = []
        index: list[int] = []
        prev_space = True
        for i, ch in enumerate(self.text):
            if ch in _DROP or i in drop:
                continue
            for c in unicodedata.normalize("NFKC", ch).translate(_FOLD):
                is_space = c.isspace()
                if is_space and prev_space:
                    continue
                chars.append(" " if is_space else c)
                index.append(i)
                prev_space = is_space
        return "".join(chars), index

    @cached_property
    def _views(self) -> list[tuple[str, list[int]]]:
        views = [self._view(frozenset())]
        if self.kind == "pdf":
            # PDFs break words at line ends: 'domesti-\ncally' is 'domestically', 'well-\nknown' 'well-known'.
            joined = frozenset(i for m in _LINE_HYPHEN.finditer(self.text) for i in range(m.start(), m.end()))
            kept = frozenset(
                i for m in _LINE_HYPHEN.finditer(self.text) for i in range(m.start() + 1, m.end())
            )
            views += [self._view(joined), self._view(kept)]
        return views

    def block_start(self, i: int) -> int:
        """Where block `i` starts in the extracted text."""
        return self._starts[i]

    def find(self, quote: str) -> Locator | None:
        """Locator of the first occurrence of `quote`, or None."""
        q = normalise(quote)
        if not q:
            return None
        for norm, index in self._views:
            pos = norm.find(q)
            if pos >= 0:
                return self.locate(index[pos], index[pos + len(q) - 1] + 1)
        return None

    def locate(self, start: int, end: int) -> Locator:
        """Locator of the extracted text's characters start..end."""
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        block = self.blocks[i] if self.blocks else Block("")
        line = (block.line or 1) + self.text.count("\n", self._starts[i] if self.blocks else 0, start)
        if block.page is None:
            if self._sections and self._sections[i]:
                return Locator(self._paragraphs[i], line, start, end, None, "", self._sections[i], self.kind)
            return Locator(i + 1, line, start, end, kind=self.kind)
        on_page = [j for j, b in enumerate(self.blocks) if b.page == block.page]
        return Locator(
            i - on_page[0] + 1, line, start, end, block.page, kind=self.kind, paragraphs_on_page=len(on_page)
        )

    def closest(self, quote: str) -> Closest:
        """The passage of the document most similar to `quote` (for 'did you mean'), found by rapidfuzz's best
        partial alignment: milliseconds on a long document, where a sliding difflib window took seconds."""
        norm, index = self._views[-1] if self.kind == "pdf" else self._views[0]
        q = normalise(quote)
        if not norm or not q:
            return Closest("", 0.0, Locator(1, 1, 0, 0))
        found = fuzz.partial_ratio_alignment(q, norm)
        s, e = (found.dest_start, found.dest_end) if found is not None else (0, min(len(q), len(norm)))
        # Widen to whole words, so the passage reads as the document says it.
        while s > 0 and not norm[s - 1].isspace():
            s -= 1
        while e < len(norm) and not norm[e].isspace():
            e += 1
        while e > s + 1 and norm[e - 1] in ".,;:!?\"'”’)" and not q.endswith(norm[e - 1]):
            e -= 1  # a closing full stop or quote mark the quote leaves out
        ratio = fuzz.ratio(q, norm[s:e]) / 100
        start, end = index[s], index[max(s, e - 1)] + 1
        return Closest(" ".join(self.text[start:end].split()), ratio, self.locate(start, end))


def normalise(text: str) -> str:
    """The comparison form of a text: NFKC, straight quotes, plain dashes and single spaces."""
    text = "".join(ch for ch in text if ch not in _DROP)
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return re.sub(r"\s+", " ", text).strip()


def read_source(path: Path, kind: str) -> SourceText:
    """Read a document of `kind`; raises OSError or readers.ReadError."""
    return SourceText(read_blocks(path, kind), path, kind)
