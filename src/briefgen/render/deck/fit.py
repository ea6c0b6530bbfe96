"""Fitting text on slides: measured heights, the largest size that fits, pagination onto continuations."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

from briefgen.brief.model import FactValue, Marker, RichText, Text
from briefgen.render import typeset
from briefgen.render.deck.layout import (
    FALLBACK_SIZES,
    FILL,
    WIDTH_SLACK_PT,
    ParaPlan,
)
from briefgen.render.deck.measure import Span, bullet_indent, widest_word, wrap_spans
from briefgen.render.typeset import keep_tail


def plain(text: str) -> RichText:
    """Rich text of one plain run, no citations."""
    return RichText((Text(text),)) if text else RichText(())


NBSP = "\u00a0"
_LOCATOR = re.compile(r"(¶¶?|pp?\.) ")


def marker_text(marker: Marker) -> str:
    """The marker as drawn. A numeric one breaks only between its marks ('[1, ¶ 4;' never splits before
    '4'); an author-date one, normal-size text after a space, breaks between words but never inside a
    locator ('¶ 4')."""
    if not marker.marks:
        return ""
    if marker.style == "numeric":
        return "[" + "; ".join(m.text.replace(" ", NBSP) for m in marker.marks) + "]"
    return " " + _LOCATOR.sub(rf"\1{NBSP}", marker.text)


# Viewers draw a superscript marker at about 58% (LibreOffice) to 67% (PowerPoint) of the text size.
SUPERSCRIPT_SCALE = 0.7


def body_text(p: ParaPlan) -> bool:
    """A paragraph of running text: a bullet, or one that shows a fact or cites a source (not a title,
    footer or agenda line, which keep their breaks as written)."""
    return p.bullet or bool(p.text.marker.marks) or any(isinstance(r, FactValue) for r in p.text.runs)


def tail_fits(p: ParaPlan, width_pt: float) -> bool:
    """Whether the paragraph's last two words, kept together, fit a line of `width_pt` (or are no wider
    than its widest word anyway)."""
    kept = typeset.keep_tail(p.text)
    if kept is p.text:
        return True
    glued = widest_word(_spans(p, kept, SUPERSCRIPT_SCALE), p.size)
    return glued <= max(width_pt, widest_word(_spans(p, p.text, SUPERSCRIPT_SCALE), p.size))


def set_text(p: ParaPlan, width_pt: float | None = None) -> RichText:
    """The paragraph's text as set: running text keeps its last word with the one before, unless the two
    together are wider than a line of `width_pt` (a viewer would then break them mid-word)."""
    if not body_text(p) or (width_pt is not None and not tail_fits(p, width_pt)):
        return p.text
    return keep_tail(p.text)


def spans(p: ParaPlan, superscript: float = 1.0, width_pt: float | None = None) -> list[Span]:
    """The styled spans the writer will produce for a paragraph in a line of `width_pt` (superscript
    markers measured at `superscript` × the size; full size by default, which errs on the safe side)."""
    return _spans(p, set_text(p, width_pt), superscript)


def _spans(p: ParaPlan, text: RichText, superscript: float) -> list[Span]:
    face = "heading:" if p.face == "heading" else ""
    base = "bold" if p.bold else "regular"
    if p.italic:
        base = "bold_italic" if p.bold else "italic"
    out = []
    for run in text.runs:
        style = ("bold_italic" if p.italic else "bold") if isinstance(run, FactValue) else base
        out.append(Span(run.text, face + style))
    if p.text.marker.marks:
        numeric = p.text.marker.style == "numeric"
        out.append(Span(marker_text(p.text.marker), face + "regular", superscript if numeric else 1.0))
    if p.url:
        out.append(Span(f" {p.url}", face + "regular"))
    return out


def line_width(p: ParaPlan, width_in: float) -> float:
    """The length of a line (points) of a paragraph in a box of inner width `width_in`."""
    return width_in * 72 - WIDTH_SLACK_PT - (bullet_indent() if p.bullet else 0.0)


def para_height(p: ParaPlan, width_in: float) -> float:
    """Height in points of one paragraph in a box of inner width `width_in`."""
    width = line_width(p, width_in)
    return wrap_spans(spans(p, width_pt=width), width, p.size) * p.size * p.line_spacing


def words_fit(paras: Sequence[ParaPlan], width_in: float) -> bool:
    """True when no word (with a marker glued to it) is wider than the box: a viewer would break it."""
    for p in paras:
        width = line_width(p, width_in)
        if widest_word(spans(p, SUPERSCRIPT_SCALE, width), p.size) > width:
            return False
    return True


def text_height(paras: Sequence[ParaPlan], width_in: float) -> float:
    """Height in points of stacked paragraphs in a box of inner width `width_in` (none before the first)."""
    return sum(para_height(p, width_in) + (p.space_before if i else 0.0) for i, p in enumerate(paras))


def fits(paras: Sequence[ParaPlan], w: float, h: float, inset: float = 0.0) -> bool:
    """True when the paragraphs take at most FILL of the box's inner height."""
    return text_height(paras, w - 2 * inset) <= (h - 2 * inset) * 72 * FILL


def needed_height(paras: Sequence[ParaPlan], w: float) -> float:
    """The box height (inches, rounded up to 0.05) that holds the paragraphs within FILL."""
    return math.ceil(text_height(paras, w) / 72 / FILL * 20) / 20


def first_fit(
    make: Callable[[float], list[ParaPlan]], sizes: Iterable[float], w: float, h: float, inset: float = 0.0
) -> list[ParaPlan]:
    """Paragraphs at the largest size that fits the box, else at the smallest fallback size."""
    paras: list[ParaPlan] = []
    for size in (*sizes, *FALLBACK_SIZES):
        paras = make(size)
        if fits(paras, w, h, inset):
            return paras
    return paras


# -- pagination ------------------------------------------------------------------------------------


def greedy_pages(heights: Sequence[float], gap: float, capacity: float) -> list[list[int]]:
    """Indexes per page, filling each page up to `capacity`; an item never splits."""
    pages: list[list[int]] = []
    used = 0.0
    for i, h in enumerate(heights):
        if pages and pages[-1] and used + gap + h <= capacity:
            pages[-1].append(i)
            used += gap + h
        else:
            pages.append([i])
            used = h
    return pages


def balanced_pages(heights: Sequence[float], gap: float, capacity: float, n_pages: int) -> list[list[int]]:
    """The same number of pages as greedy filling, but evened out so the last slide is not a lone item."""
    lo, hi = max(heights), capacity
    if len(greedy_pages(heights, gap, hi)) > n_pages:
        return greedy_pages(heights, gap, capacity)
    for _ in range(40):
        mid = (lo + hi) / 2
        if len(greedy_pages(heights, gap, mid)) <= n_pages:
            hi = mid
        else:
            lo = mid
    return greedy_pages(heights, gap, hi)


def paginate(
    make: Callable[[float], list[ParaPlan]], sizes: Sequence[float], w: float, h: float
) -> list[list[ParaPlan]]:
    """Split paragraphs into pages: shrink within `sizes` first, then continue at the largest size
    that still needs no more pages than the smallest size does. One size for all pages."""
    capacity = h * 72 * FILL
    for size in sizes:
        paras = make(size)
        if fits(paras, w, h):
            return [paras]

    def gap(paras: list[ParaPlan]) -> float:
        return paras[1].space_before if len(paras) > 1 else 0.0

    smallest = make(sizes[-1])
    n_pages = len(greedy_pages([para_height(p, w) for p in smallest], gap(smallest), capacity))
    for size in sizes:
        paras = make(size)
        heights = [para_height(p, w) for p in paras]
        if len(greedy_pages(heights, gap(paras), capacity)) <= n_pages:
            balanced = balanced_pages(heights, gap(paras), capacity, n_pages)
            pages = [[paras[i] for i in page] for page in balanced]
            # A single paragraph taller than the box gets a slide of its own at a smaller size.
            return [page if fits(page, w, h) else _shrink(page, w, h) for page in pages]
    return [smallest]  # unreachable: the smallest size always meets its own page count


def _shrink(paras: list[ParaPlan], w: float, h: float) -> list[ParaPlan]:
    for size in FALLBACK_SIZES:
        smaller = [replace(p, size=size, space_before=min(p.space_before, size / 2)) for p in paras]
        if fits(smaller, w, h):
            return smaller
    return smaller
