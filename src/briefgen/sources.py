"""Source documents: reading them, normalising their text, finding quotes and where they are."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

# What documents do to text and nothing more: typographic quotes, dashes, odd spaces, soft hyphens.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\t": " ",
    }
)
_DROP = {"\u00ad", "\u200b", "\ufeff"}


@dataclass(frozen=True)
class Locator:
    """Where a quote is: paragraph (1-based), line (1-based) and character span in the document."""

    paragraph: int
    line: int
    start: int
    end: int

    def __str__(self) -> str:
        return f"¶{self.paragraph}"


@dataclass(frozen=True)
class Closest:
    """The passage most like a quote that was not found."""

    text: str
    similarity: float
    locator: Locator


class SourceText:
    """A document's text plus a normalised copy that maps back to the original characters."""

    def __init__(self, text: str, path: Path):
        self.text = text
        self.path = path

    @cached_property
    def _normalised(self) -> tuple[str, list[int]]:
        chars: list[str] = []
        index: list[int] = []
        prev_space = True
        for i, ch in enumerate(self.text):
            if ch in _DROP:
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
    def _paragraph_starts(self) -> list[int]:
        starts = [0] + [m.end() for m in re.finditer(r"\n[ \t]*\n\s*", self.text)]
        return [s for s in starts if s < len(self.text)] or [0]

    def find(self, quote: str) -> Locator | None:
        """Locator of the first occurrence of `quote`, or None."""
        norm, index = self._normalised
        q = normalise(quote)
        pos = norm.find(q) if q else -1
        if pos < 0:
            return None
        return self.locate(index[pos], index[pos + len(q) - 1] + 1)

    def locate(self, start: int, end: int) -> Locator:
        """Locator of the original characters start..end."""
        para = sum(1 for s in self._paragraph_starts if s <= start)
        return Locator(para, self.text.count("\n", 0, start) + 1, start, end)

    def closest(self, quote: str) -> Closest:
        """The passage of the document most similar to `quote` (for 'did you mean')."""
        norm, index = self._normalised
        q = normalise(quote)
        n = len(q)
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(q)
        best = (0.0, 0, min(n, len(norm)))
        starts = [0] + [m.end() for m in re.finditer(r"\s", norm)]
        for s in starts:
            for length in {n, max(1, n - n // 8), n + n // 8}:
                window = norm[s : s + length]
                matcher.set_seq1(window)
                if matcher.real_quick_ratio() <= best[0] or matcher.quick_ratio() <= best[0]:
                    continue
                ratio = matcher.ratio()
                if ratio > best[0]:
                    best = (ratio, s, s + len(window))
        ratio, s, e = best
        if not norm:
            return Closest("", 0.0, Locator(1, 1, 0, 0))
        start, end = index[s], index[max(s, e - 1)] + 1
        return Closest(self.text[start:end], ratio, self.locate(start, end))


def normalise(text: str) -> str:
    """The comparison form of a text: NFKC, straight quotes, plain dashes and single spaces."""
    text = "".join(ch for ch in text if ch not in _DROP)
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return re.sub(r"\s+", " ", text).strip()


def read_source(path: Path, kind: str) -> SourceText:
    """Read a document of `kind` ('text' or 'markdown') as text; raises OSError/UnicodeDecodeError."""
    raw = path.read_bytes()
    text = raw.decode("utf-8-sig")
    return SourceText(text, path)
