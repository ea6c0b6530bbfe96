"""What a flowable cites (read from the markers it will draw), and frames that make room for a page's
footnotes as content citing new sources is placed, so that footnotes settle in one layout pass."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph, Table

from briefgen.render.pdf.notes import CITE_CALLBACK, CiteFlag, parse_cites
from briefgen.render.pdf.tagging import Labelled, Tag

CITES = "_briefgen_cites"  # a flowable's cites, found once per flowable
# Where flowables keep the flowables they draw: Tag.inner, Labelled.body, containers' _content, list
# items' _flowable, lists' _flowables, KeepStart's lead and table.
CHILDREN = ("inner", "body", "_content", "_flowables", "_flowable", "lead", "table")
NONE: frozenset[int] = frozenset()


def _frag_cites(frags: object, out: set[int]) -> None:
    """The citation callbacks among a paragraph's fragments: ParaFrags, or the word lists of a split part."""
    if isinstance(frags, (list, tuple)):
        for f in frags:
            _frag_cites(f, out)
        return
    cb = getattr(frags, "cbDefn", None)
    if cb is not None and getattr(cb, "name", None) == CITE_CALLBACK:
        out.update(parse_cites(getattr(cb, "label", None)))


def cites_in(flowable: object) -> frozenset[int]:
    """The reference numbers `flowable` cites where it is drawn: its markers' and its CiteFlags'."""
    known = flowable.__dict__.get(CITES) if hasattr(flowable, "__dict__") else None
    if known is not None:
        return known
    out: set[int] = set()
    if isinstance(flowable, CiteFlag):
        out.update(flowable.numbers)
    elif isinstance(flowable, Paragraph):
        _frag_cites(flowable.frags, out)
    elif isinstance(flowable, Table):
        for row in flowable._cellvalues:
            for cell in row:
                out |= _cites_of_all(cell if isinstance(cell, (list, tuple)) else [cell])
    for name in CHILDREN:
        child = getattr(flowable, name, None)  # a property, for a list's items once it has measured them
        if isinstance(child, (list, tuple)):
            out |= _cites_of_all(child)
        elif hasattr(child, "__dict__"):  # a flowable, or a list item (not a flowable in reportlab)
            out |= cites_in(child)
    found = frozenset(out)
    if hasattr(flowable, "__dict__"):
        flowable.__dict__[CITES] = found
    return found


def _cites_of_all(items: Iterable[object]) -> frozenset[int]:
    out: set[int] = set()
    for item in items:
        if hasattr(item, "__dict__"):
            out |= cites_in(item)
    return frozenset(out)


class NoteRoom:
    """The footnote band of the page being laid out: the sources its placed content cites (and any a
    previous pass reserved for it), and the room their notes take."""

    def __init__(self, band: Callable[[Iterable[int]], float]) -> None:
        self.band = band
        self.held: frozenset[int] = NONE

    def __deepcopy__(self, memo: dict[int, object]) -> NoteRoom:
        # KeepTogether measures its content in a copy of the frame: the copy shares the page's band.
        return self

    def room(self, more: frozenset[int] = NONE) -> float:
        """The band's height with the notes of `more` added."""
        return self.band(self.held | more)


class NotedFrame(Frame):
    """A frame whose bottom rises by the page's footnote band as content citing new sources is placed.

    Before a flowable is placed, the band grows by the notes it would add; if it then does not fit, the
    band goes back. A flowable split across the page is split in the room left by the notes of every
    source it cites, so whatever part lands here fits above its notes; a paragraph is split again in the
    room its first part's own notes leave, when that part cites fewer.
    """

    def __init__(self, *args: Any, notes: NoteRoom, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.notes = notes

    def _reserve(self, more: frozenset[int] = NONE) -> None:
        self.bottomPadding = self.notes.room(more)

    def add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:  # noqa: N803 - reportlab's
        more = cites_in(flowable) - self.notes.held
        if more:
            self._reserve(more)
        done: int = self._add(flowable, canv, trySplit)
        if done and more:
            self.notes.held |= more
        self._reserve()
        return done

    def split(self, flowable: Flowable, canv: Canvas) -> list[Flowable]:
        more = cites_in(flowable) - self.notes.held
        if not more:
            return super().split(flowable, canv)
        self._reserve(more)
        parts: list[Flowable] = super().split(flowable, canv)
        if len(parts) == 2 and _paragraph(flowable):
            first = cites_in(parts[0]) - self.notes.held
            if first != more:
                self._reserve(first)
                wider: list[Flowable] = super().split(flowable, canv)
                if len(wider) == 2 and cites_in(wider[0]) - self.notes.held <= first:
                    parts = wider
        self._reserve()
        return parts


def _paragraph(flowable: Flowable) -> bool:
    """A paragraph, tagged or labelled: its split parts hold fewer markers the less room they get."""
    while isinstance(flowable, (Tag, Labelled)):
        flowable = flowable.inner if isinstance(flowable, Tag) else flowable.body
    return isinstance(flowable, Paragraph)
