"""Text measurement with Pillow, in points: on the deck's fonts, else the shipped Carlito."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from PIL import ImageFont

from briefgen.theme.model import font_path

# Fonts are loaded once at a large size and widths scaled linearly: any point size (20.5pt too) is
# then exact to well under a hundredth of a point, with one cached font per style.
_REF_SIZE = 1000


# The files text is measured with while a deck is planned: face ('body', 'heading') → style → file.
_FILES: ContextVar[Mapping[str, Mapping[str, Path]]] = ContextVar(
    "briefgen_measure_files", default=MappingProxyType({})
)
_INDENT: ContextVar[float] = ContextVar("briefgen_bullet_indent", default=20.0)
# A paragraph's words measured once per set of font files (fitting tries it at many sizes and widths).
_WORDS: ContextVar[dict[tuple[Span, ...], list[_Word]] | None] = ContextVar("briefgen_words", default=None)


@contextmanager
def measuring(files: Mapping[str, Mapping[str, Path]], bullet_indent_pt: float = 20.0) -> Iterator[None]:
    """Measure with these font files (and this bullet indent) inside the block: a template's fonts."""
    tokens = _FILES.set(files), _INDENT.set(bullet_indent_pt), _WORDS.set({})
    try:
        yield
    finally:
        _FILES.reset(tokens[0])
        _INDENT.reset(tokens[1])
        _WORDS.reset(tokens[2])


def bullet_indent() -> float:
    """The hanging indent of a bullet, in points, for the deck being planned."""
    return _INDENT.get()


@lru_cache(maxsize=16)
def _font(path: str) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size=_REF_SIZE, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=8192)
def _ref_width(text: str, path: str) -> float:
    return _font(path).getlength(text)


@lru_cache(maxsize=8)
def _shipped(style: str) -> str:
    return str(font_path(style))


def _file(style: str) -> str:
    """'heading:bold' → the heading face's bold file; 'bold' → the body face's; Carlito where unset."""
    face, _, plain_style = style.rpartition(":")
    files = _FILES.get().get(face or "body")
    if not files:
        return _shipped(plain_style)
    return str(files.get(plain_style) or files.get("regular") or _shipped(plain_style))


def text_width(text: str, size_pt: float, style: str = "regular") -> float:
    """Advance width of `text` on one line, in points."""
    return _unit_width(text, style) * size_pt / _REF_SIZE


def _unit_width(text: str, style: str) -> float:
    """Advance width of `text` at the reference size.

    Carlito has neither a no-break space nor a word joiner; viewers draw them as shapers do (HarfBuzz):
    a space's width for the first, nothing for the second. They are measured so, not as missing glyphs.
    """
    text = text.replace("\u00a0", " ").replace("\u2060", "")
    return _ref_width(text, _file(style))


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph in one font style; `scale` shrinks it (superscript markers)."""

    text: str
    style: str = "regular"
    scale: float = 1.0


def _tokens(spans: Sequence[Span]) -> list[list[tuple[str, str, float]]]:
    """Words (lists of styled pieces) split at spaces; a word may change style mid-way ('12th[1]')."""
    words: list[list[tuple[str, str, float]]] = [[]]
    for span in spans:
        # The deck writer turns line breaks inside a run into spaces, so measure them as spaces.
        parts = span.text.replace("\n", " ").replace("\v", " ").split(" ")
        for i, part in enumerate(parts):
            if i > 0:
                words.append([])
            if part:
                words[-1].append((part, span.style, span.scale))
    return [w for w in words if w]


@dataclass(frozen=True)
class _Word:
    """A word measured: its pieces' widths at the reference size with their scales, and how many words
    it counts for on a line (one, and one more for each no-break space outside a raised marker)."""

    pieces: tuple[tuple[float, float], ...]
    count: int

    def width(self, size_pt: float) -> float:
        return sum(ref * (size_pt * scale) / _REF_SIZE for ref, scale in self.pieces)


def _words(spans: Sequence[Span]) -> list[_Word]:
    """The paragraph's words measured, from the cache of the deck being planned where there is one."""
    cache = _WORDS.get()
    key = tuple(spans)
    if cache is not None and key in cache:
        return cache[key]
    words = [
        _Word(
            tuple((_unit_width(t, style), scale) for t, style, scale in word),
            1 + sum(t.count("\u00a0") for t, _, scale in word if scale == 1.0),
        )
        for word in _tokens(spans)
    ]
    if cache is not None:
        cache[key] = words
    return words


def widest_word(spans: Sequence[Span], size_pt: float) -> float:
    """Width in points of the widest unbreakable word (a marker glued to its word counts with it)."""
    return max((w.width(size_pt) for w in _words(spans)), default=0.0)


def wrap_spans(spans: Sequence[Span], width_pt: float, size_pt: float) -> int:
    """Number of lines a paragraph of styled spans takes when word-wrapped into `width_pt`."""
    if width_pt <= 1.0:  # no room at all: nothing fits (and the count below would never end)
        return 1_000_000
    return max(len(line_words(spans, width_pt, size_pt)), 1)


def line_words(spans: Sequence[Span], width_pt: float, size_pt: float) -> list[int]:
    """The number of words on each line of a paragraph word-wrapped into `width_pt` (> 1 pt): words joined
    by no-break spaces count one each, a raised marker none; a word wider than the box, which the viewer
    breaks, takes lines of one word."""
    space = text_width(" ", size_pt)
    lines: list[int] = []
    line_w = None
    for word in _words(spans):
        w, count = word.width(size_pt), word.count
        if line_w is not None and line_w + space + w <= width_pt:
            line_w += space + w
            lines[-1] += count
            continue
        lines.append(count)
        # A word wider than the box is broken by the viewer: count the extra lines it needs.
        if w > width_pt:
            extra = math.ceil(w / width_pt) - 1
            lines += [1] * extra
            w -= extra * width_pt
        line_w = w
    return lines


def wrap(text: str, width_pt: float, size_pt: float, style: str = "regular") -> list[str]:
    """The lines of one plain-text paragraph word-wrapped into `width_pt` (long words stay whole)."""
    out: list[str] = []
    line = ""
    for word in text.split(" "):
        cand = f"{line} {word}" if line else word
        if not line or text_width(cand, size_pt, style) <= width_pt:
            line = cand
        else:
            out.append(line)
            line = word
    out.append(line)
    return out


def paragraph_height(
    spans: Sequence[Span], width_pt: float, size_pt: float, line_spacing: float = 1.2
) -> float:
    """Height in points of one paragraph set with exact line spacing `line_spacing` × size."""
    return wrap_spans(spans, width_pt, size_pt) * size_pt * line_spacing


def paragraphs_height(
    paragraphs: Sequence[Sequence[Span]],
    width_pt: float,
    size_pt: float,
    line_spacing: float = 1.2,
    space_before_pt: float = 0.0,
) -> float:
    """Height in points of paragraphs set with exact line spacing `line_spacing` × size.

    `space_before_pt` is added before every paragraph but the first (the writer sets none there).
    """
    body = sum(paragraph_height(p, width_pt, size_pt, line_spacing) for p in paragraphs)
    return body + space_before_pt * max(len(paragraphs) - 1, 0)
