"""Write a Brief as an A4 PDF: cover, numbered sections, footnotes or endnotes, references, page numbers."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from briefgen.model import Brief
from briefgen.render.pdf_charts import hex_color
from briefgen.render.pdf_fonts import face_name, register_fonts
from briefgen.render.pdf_notes import CITE_CALLBACK, Footnotes, parse_cites
from briefgen.render.pdf_story import CONTENT_WIDTH, MARGIN_X, PAGE_H, PAGE_W, build_story, make_styles
from briefgen.theme import Theme

TOP_MARGIN = 22 * mm
BOTTOM_MARGIN = 20 * mm
RUNNING_SIZE = 8.5
MAX_PASSES = 8
EXACT_PASSES = 4  # passes that reserve exactly what a page cited; later ones only ever add to a band

Cites = dict[int, frozenset[int]]  # page number -> reference numbers cited on that page


def write_pdf(brief: Brief, theme: Theme) -> bytes:
    """The brief as PDF bytes; the same brief and theme always give the same bytes."""
    return build_pdf(brief, theme)[0]


def build_pdf(brief: Brief, theme: Theme) -> tuple[bytes, int]:
    """The PDF bytes and the number of builds it took.

    Each build records the page every citation marker lands on. With footnotes, the next build raises
    the bottom of each page's frame by the height of that page's notes; that can move text to other
    pages, so the builds repeat until every page cites what its band was made for. After a few exact
    passes a band only grows, which always settles. A build also prints the page total the previous
    one counted ('Page N of M'), so the page count must be stable too. build() consumes its story, so
    each pass gets a fresh one.
    """
    family = register_fonts(theme.pdf_font, theme.font_file)
    styles = make_styles(theme)
    notes = Footnotes(brief, theme, styles, CONTENT_WIDTH) if brief.notes == "footnotes" else None
    reserved: Cites = {}
    total = 0
    for n in range(1, MAX_PASSES + 1):
        buf = io.BytesIO()
        doc = _BriefDoc(buf, brief, theme, family, notes, reserved)
        doc.build(
            build_story(brief, theme, styles), canvasmaker=_footer_canvas(face_name(family), theme, total)
        )
        cited = doc.cited if notes else {}
        if doc.page == total and _settled(cited, reserved, exact=n <= EXACT_PASSES):
            break
        total = doc.page
        if n < EXACT_PASSES:
            reserved = cited
        else:
            reserved = {
                p: reserved.get(p, frozenset()) | cited.get(p, frozenset()) for p in {*reserved, *cited}
            }
    return buf.getvalue(), n


def _settled(cited: Cites, reserved: Cites, exact: bool) -> bool:
    """Whether every page's notes fit the band reserved for it (exactly, during the first passes)."""
    pages = {*cited, *reserved}
    empty: frozenset[int] = frozenset()
    if exact:
        return all(cited.get(p, empty) == reserved.get(p, empty) for p in pages)
    return all(cited.get(p, empty) <= reserved.get(p, empty) for p in pages)


class _BriefDoc(BaseDocTemplate):
    """Cover and body page templates; headings become PDF outline entries as they are placed."""

    def __init__(
        self,
        buf: io.BytesIO,
        brief: Brief,
        theme: Theme,
        family: str,
        notes: Footnotes | None = None,
        reserved: Cites | None = None,
    ) -> None:
        super().__init__(
            buf,
            pagesize=(PAGE_W, PAGE_H),
            title=brief.title,
            author=brief.author or "briefgen",
            subject=brief.subtitle,
            creator="briefgen",
            invariant=1,
            lang="en-US",
            displayDocTitle=1,
            initialFontName=face_name(family),
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=TOP_MARGIN,
            bottomMargin=BOTTOM_MARGIN,
        )
        self.brief, self.theme, self.font = brief, theme, face_name(family)
        self.notes, self.reserved = notes, reserved or {}
        self._cited: dict[int, set[int]] = {}
        # The cover frame starts at the page top: its colour band bleeds to the edges from there.
        # No frame padding, so text, charts and the running header share one left edge.
        flush = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover = Frame(MARGIN_X, BOTTOM_MARGIN, self.width, PAGE_H - BOTTOM_MARGIN, id="cover", **flush)
        body = Frame(MARGIN_X, BOTTOM_MARGIN, self.width, self.height, id="body", **flush)
        self.addPageTemplates(
            [
                PageTemplate("cover", frames=[cover], onPageEnd=self._footnotes),
                PageTemplate("body", frames=[body], onPage=self._header, onPageEnd=self._footnotes),
            ]
        )

    @property
    def cited(self) -> Cites:
        """The reference numbers each page cites, as drawn in this build."""
        return {p: frozenset(ns) for p, ns in self._cited.items() if ns}

    def beforeDocument(self) -> None:
        # Every citation marker calls this as it is drawn (see pdf_notes.cite_tag).
        self.canv.setNamedCB(CITE_CALLBACK, self._record)

    def _record(self, canv: Canvas, kind: str, label: str | None) -> None:
        self._cited.setdefault(self.page, set()).update(parse_cites(label))

    def beforePage(self) -> None:
        # Reserve the foot of the page for the notes it cited in the previous build.
        band = self.notes.band(self.reserved.get(self.page, ()), self.height) if self.notes else 0.0
        self.pageTemplate.frames[0].bottomPadding = band

    def _footnotes(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        if self.notes:
            self.notes.draw(canv, self._cited.get(self.page, ()), MARGIN_X, BOTTOM_MARGIN, self.height)

    def _header(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        # Drawn straight onto the canvas: plain text, so no markup escaping is involved.
        title = _fit(self.brief.title, self.font, RUNNING_SIZE, self.width)
        canv.saveState()
        canv.setFont(self.font, RUNNING_SIZE)
        canv.setFillColor(hex_color(self.theme.color("muted")))
        canv.drawString(MARGIN_X, PAGE_H - 13 * mm, title)
        canv.setStrokeColor(hex_color(self.theme.color("rule")))
        canv.setLineWidth(0.5)
        canv.line(MARGIN_X, PAGE_H - 15 * mm, PAGE_W - MARGIN_X, PAGE_H - 15 * mm)
        canv.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        key = getattr(flowable, "_bookmark", None)
        if key is not None:
            # The heading's <a name> anchor is the destination; the outline entry points at it.
            self.canv.addOutlineEntry(flowable._outline, key, level=0, closed=False)
            self.canv.showOutline()


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` shortened with an ellipsis until it fits `width`."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "\u2026", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


def _footer_canvas(font: str, theme: Theme, total: int) -> type[Canvas]:
    """A canvas class printing 'Page N of M' on every page but the cover as each page is finished.

    The usual NumberedCanvas, which holds pages back until the total is known, breaks links and
    bookmarks: reportlab binds every destination to the page being written, which would then stay
    page 1. So the writer counts pages in a first build and passes the total in for the second.
    """
    color = hex_color(theme.color("muted"))

    class FooterCanvas(Canvas):
        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            if self._pageNumber > 1:
                self.saveState()
                self.setFont(font, RUNNING_SIZE)
                self.setFillColor(color)
                self.drawRightString(PAGE_W - MARGIN_X, 11 * mm, f"Page {self._pageNumber} of {total}")
                self.restoreState()
            super().showPage()

    return FooterCanvas
