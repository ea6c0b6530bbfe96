"""The PDF's layout audit: how full each page is, orphan and widow lines, paragraphs ending on a lone
word, as reportlab placed them in the final build."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from reportlab.platypus import Flowable, Frame, Paragraph, Table

from briefgen.render.pdf.tagging import Tag
from briefgen.render.typeset import MIN_WORDS

# A page (other than the cover) filled less than this is near-empty: a short tail, a stranded heading.
MIN_PAGE_FILL = 0.25
# The attribute the writer stamps on each flowable of its story: its place in the story.
STORY_INDEX = "_briefgen_index"
# Lines narrower than this (points; a table's narrow column) may end on a lone word.
MIN_MEASURE = 144.0


@dataclass
class PageRecord:
    """What one page holds: the frame's usable height, how far down content reached, its text problems."""

    number: int
    room: float = 0.0
    used: float = 0.0
    kinds: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # (story index, height in points) of each top-level flowable placed here; None for a split part.
    placed: list[tuple[int | None, float]] = field(default_factory=list)

    @property
    def fill(self) -> float:
        return self.used / self.room if self.room else 1.0


def paragraphs(f: Flowable) -> Iterator[Paragraph]:
    """The paragraphs a flowable draws: itself, or those inside its lists, groups, table cells and tags."""
    if isinstance(f, Tag):
        yield from paragraphs(f.inner)
        return
    if isinstance(f, Paragraph):
        yield f
        return
    for attr in ("_content", "lead"):  # groups, lists (their items), a table's lead-in
        for inner in getattr(f, attr, None) or ():
            yield from paragraphs(inner)
    inner = getattr(f, "_flowable", None)  # a list item's indented content
    if isinstance(inner, Flowable):
        yield from paragraphs(inner)
    if isinstance(f, Table):
        for row in f._cellvalues:
            for cell in row:
                for inner in cell if isinstance(cell, list | tuple) else (cell,):
                    if isinstance(inner, Flowable):
                        yield from paragraphs(inner)


def _words(text: str) -> int:
    return len([w for w in re.split(r"[ \u00a0]+", text) if w])


def _line_words(line: object) -> int:
    """Words on one of reportlab's wrapped lines, a raised citation marker aside."""
    if isinstance(line, tuple):  # simple paragraphs: (extra space, words)
        return _words(" ".join(line[1]))
    return _words("".join(w.text for w in getattr(line, "words", ()) if not getattr(w, "rise", 0)))


def _plain(p: Paragraph) -> str:
    """The paragraph's text without markup or its closing citation marker."""
    return re.sub(r"\s*\[[^\[\]]*\]$", "", p.getPlainText().strip())


def _text(p: Paragraph) -> str:
    return "…" + " ".join(_plain(p).split()[-3:])


class Recorder:
    """Called after every flowable a build places: tracks each page's fill and (with `lines`, for the
    audit) its text lines."""

    def __init__(self, lines: bool = True) -> None:
        self.lines = lines
        self.pages: dict[int, PageRecord] = {}
        self._split_last = False  # the previous page ended on the first part of a split paragraph

    def placed(self, page: int, frame: Frame | None, f: Flowable) -> None:
        rec = self.pages.setdefault(page, PageRecord(page))
        if frame is None:  # between pages (a page break): nothing placed
            return
        top = frame._y1 + frame._height - frame._topPadding
        rec.room = frame._height - frame._topPadding - frame._bottomPadding
        rec.placed.append((getattr(f, STORY_INDEX, None), top - frame._y - rec.used))
        rec.used = max(rec.used, top - frame._y)
        rec.kinds.append(type(f).__name__)
        first = len(rec.kinds) == 1
        for p in paragraphs(f) if self.lines else ():
            lines = getattr(getattr(p, "blPara", None), "lines", None) or []
            if getattr(p, "_splitpara", 0) and len(lines) == 1:
                rec.problems.append(f"orphan: one line of a paragraph at the foot ('{_text(p)}')")
            elif first and self._split_last and p is f and len(lines) == 1:
                rec.problems.append(f"widow: one line of a paragraph at the top ('{_text(p)}')")
            elif (
                len(lines) > 1
                and _line_words(lines[-1]) == 1
                and not getattr(p, "_splitpara", 0)
                and _words(_plain(p)) >= MIN_WORDS
                and getattr(p, "width", 0) >= MIN_MEASURE
            ):
                rec.problems.append(f"a paragraph ends on a lone word ('{_text(p)}')")
        self._split_last = bool(getattr(f, "_splitpara", 0))

    def problems(self) -> list[str]:
        """'page 5: filled 12%, under 25%' and every text problem, page by page (the cover aside)."""
        out = []
        for n, rec in sorted(self.pages.items()):
            if n > 1 and rec.fill < MIN_PAGE_FILL:
                out.append(
                    f"page {n}: filled {rec.fill:.0%}, under {MIN_PAGE_FILL:.0%} ({', '.join(rec.kinds)})"
                )
            out += [f"page {n}: {p}" for p in rec.problems]
        return out


def tail_break(pages: dict[int, PageRecord], keeps: list[bool]) -> int | None:
    """Where to start a new page so that a near-empty last page takes enough from the one before: the
    story index of the first flowable to move, or None when the last page is full enough or nothing can
    move (the page before would fall short itself, or it is the cover). `keeps[i]`: flowable i stays
    with the next one (a heading), so it moves with it."""
    last = max(pages, default=0)
    if last < 3 or pages[last].fill >= MIN_PAGE_FILL:
        return None
    tail, before = pages[last], pages[last - 1]
    need = (MIN_PAGE_FILL + 0.05) * tail.room - tail.used  # a margin: space before is lost at a page top
    moved, start = 0.0, None
    for index, height in reversed(before.placed):
        if index is None:
            return None  # a part of a split flowable: its whole is not on this page
        moved, start = moved + height, index
        while start > 0 and keeps[start - 1]:
            start -= 1
            moved += next((h for i, h in before.placed if i == start), 0.0)
        if moved >= need:
            break
    if start is None or moved < need or before.used - moved < MIN_PAGE_FILL * before.room:
        return None
    return start
