"""The normalised views quotes are matched against, built in one pass over the characters that change, find
what the plain definition finds: the same first occurrence, mapped back to the same characters of the text.

The reference below is the definition, one character at a time (what briefgen did before it was made fast):
left-out characters dropped, each other character NFKC-normalised and folded, runs of white space made one
space, none first; in PDFs also the views that join or keep a word hyphenated at a line end."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefgen.facts.readers import Block
from briefgen.facts.sources import SEPARATOR, SourceText, normalise

FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\t": " ",
})  # fmt: skip
DROP = {"\u00ad", "\u200b", "\u2060", "\ufeff", "\x7f", *map(chr, range(0x80, 0xA0))}
LINE_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[^\W_])")


def reference_view(text: str, drop: frozenset[int]) -> tuple[str, list[int]]:
    chars: list[str] = []
    index: list[int] = []
    prev_space = True
    for i, ch in enumerate(text):
        if ch in DROP or i in drop:
            continue
        for c in unicodedata.normalize("NFKC", ch).translate(FOLD):
            is_space = c.isspace()
            if is_space and prev_space:
                continue
            chars.append(" " if is_space else c)
            index.append(i)
            prev_space = is_space
    return "".join(chars), index


def reference_find(text: str, kind: str, quote: str) -> tuple[int, int] | None:
    views = [reference_view(text, frozenset())]
    if kind == "pdf":
        matches = list(LINE_HYPHEN.finditer(text))
        views.append(reference_view(text, frozenset(i for m in matches for i in range(m.start(), m.end()))))
        views.append(
            reference_view(text, frozenset(i for m in matches for i in range(m.start() + 1, m.end())))
        )
    q = normalise(quote)
    if not q:
        return None
    for norm, index in views:
        pos = norm.find(q)
        if pos >= 0:
            return index[pos], index[pos + len(q) - 1] + 1
    return None


# Letters, digits, every kind of space and break, what is left out, folded or expanded (ligatures, circled
# and fullwidth forms, combining marks, C1 controls).
PIECES = list("abcAé1 -\n\t  .") + [
    "\u00ad", "\u200b", "\u2019", "\u201c", "\u2013", "\u00a0", "\ufb01", "\u2460", "\u3000", "e\u0301",
    "\x85", "\u2028", "\u216b", "\u00bd", "\r", "\uff21", "-\n", "- \n ", "\n\n",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(text=texts, kind=st.sampled_from(["text", "pdf"]), cuts=st.lists(st.integers(0, 200), max_size=6))
def test_a_quote_is_found_where_the_definition_finds_it(text: str, kind: str, cuts: list[int]):
    blocks = [Block(t) for t in text.split(SEPARATOR)]
    source = SourceText(blocks, Path("doc"), kind)
    joined = source.text
    quotes = [joined[a:b] for a, b in zip(cuts[::2], cuts[1::2], strict=False)] + [
        joined,
        "a-b",
        "ab",
        "a b",
        "é",
    ]
    for quote in quotes:
        want = reference_find(joined, kind, quote)
        got = source.find(quote)
        assert ((got.start, got.end) if got else None) == want, (joined, quote)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    words=st.lists(
        st.sampled_from(["the", "fund", "rose", "12%", "in", "2023", "to", "\u2019s"]), max_size=60
    )
)
def test_the_word_index_finds_the_first_occurrence(words: list[str]):
    """After a few searches a view looks quotes up by their rarest inner word: the first occurrence still."""
    text = " ".join(words)
    source = SourceText([Block(text)], Path("doc"))
    quotes = [" ".join(words[i : i + n]) for n in (1, 2, 3, 5) for i in range(0, len(words), 3)]
    for quote in quotes * 2 + ["the fund rose", "rose to 12% in"] * 20:
        got = source.find(quote)
        want = reference_find(source.text, "text", quote)
        assert ((got.start, got.end) if got else None) == want, quote
