"""Write a Brief as a PDF (A4 or US Letter): cover, contents, numbered sections, footnotes or endnotes,
references, running header, page numbers and any classification banner."""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from briefgen.brief.model import Brief
from briefgen.render.pdf.audit import STORY_INDEX, Recorder, tail_break
from briefgen.render.pdf.charts import hex_color
from briefgen.render.pdf.fonts import face_name, register_fonts
from briefgen.render.pdf.notes import CITE_CALLBACK, Footnotes, parse_cites
from briefgen.render.pdf.page import A4_PAGE, PageGeometry, page_geometry
from briefgen.render.pdf.story import build_story, make_styles
from briefgen.render.pdf.tagging import TAGGER, Tagger, finish
from briefgen.theme.model import Theme

# The A4 page's margins (a theme's `page_size` may choose US Letter: see pdf_page).
TOP_MARGIN = A4_PAGE.top
BOTTOM_MARGIN = A4_PAGE.bottom
RUNNING_SIZE = 8.5
BANNER_HEIGHT = 5 * mm
BANNER_SIZE = 7
MAX_PASSES = 8
EXACT_PASSES = 4  # passes that reserve exactly what a page cited; later ones only ever add to a band
# A contents page once the brief runs to this many pages after its cover: a shorter brief is read
# through, and its PDF outline (bookmarks) still lists every section.
CONTENTS_MIN_PAGES = 8
COVER_GAP = 24.0  # points between the cover's content and a body that follows on the cover page

Cites = dict[int, frozenset[int]]  # page number -> reference numbers cited on that page


def write_pdf(brief: Brief, theme: Theme) -> bytes:
    """The brief as PDF bytes; the same brief and theme always give the same bytes."""
    return build_pdf(brief, theme)[0]


def build_pdf(brief: Brief, theme: Theme, recorder: Recorder | None = None) -> tuple[bytes, int]:
    """The PDF bytes and the number of builds it took; `recorder` is told what the final build placed
    on each page (the layout audit).

    Each build records the page every citation marker lands on. With footnotes, the next build raises
    the bottom of each page's frame by the height of that page's notes; that can move text to other
    pages, so the builds repeat until every page cites what its band was made for. After a few exact
    passes a band only grows, which always settles. A build also prints the page total the previous
    one counted ('Page N of M') and the heading pages it found (the contents), so those must be stable
    too; the contents page's layout does not depend on its numbers, so they settle with the rest.
    build() consumes its story, so each pass gets a fresh one.
    """
    family = register_fonts(theme.pdf_font, theme.font_file)
    styles = make_styles(theme)
    page = page_geometry(theme)
    notes = Footnotes(brief, theme, styles, page.content_width) if brief.notes == "footnotes" else None
    reserved: Cites = {}
    total = 0
    headings: dict[str, int] = {}
    # Decided by the first build, which has no contents page and starts the body on a page of its own:
    # a contents page for a long brief; the body on the cover page when all of it fits there.
    with_contents = on_cover = False
    # Set once the layout has settled with a near-empty last page: the story index where a new page
    # starts, so that the last page takes enough from the one before.
    new_page: int | None = None
    tail_checked = False
    for n in range(1, MAX_PASSES + 1):
        buf = io.BytesIO()
        doc = _BriefDoc(buf, brief, theme, family, notes, reserved, Recorder(lines=recorder is not None))
        story = build_story(
            brief, theme, styles, pages=headings, with_contents=with_contents, body_on_cover=on_cover
        )
        keeps = [bool(getattr(getattr(f, "style", None), "keepWithNext", 0)) for f in story]
        for i, f in enumerate(story):
            # A group is placed as its parts: they carry the group's index.
            for part in (f, *(getattr(f, "_content", None) or ())):
                setattr(part, STORY_INDEX, i)
        if new_page is not None:
            story.insert(new_page, PageBreak())
        doc.build(story, canvasmaker=_footer_canvas(face_name(family), theme, total, page))
        if n == 1 and doc.recorder is not None:
            with_contents = doc.page - 1 >= CONTENTS_MIN_PAGES
            on_cover = _fits_on_cover(doc.recorder)
            if with_contents or on_cover:
                total, headings = doc.page, doc.headings
                continue
        cited = doc.cited if notes else {}
        stable = doc.page == total and doc.headings == headings
        if stable and _settled(cited, reserved, exact=n <= EXACT_PASSES):
            if tail_checked or doc.recorder is None or n == MAX_PASSES:
                break
            tail_checked = True
            new_page = tail_break(doc.recorder.pages, keeps)
            if new_page is None:
                break
        total, headings = doc.page, doc.headings
        if n < EXACT_PASSES:
            reserved = cited
        else:
            reserved = {
                p: reserved.get(p, frozenset()) | cited.get(p, frozenset()) for p in {*reserved, *cited}
            }
    if recorder is not None and doc.recorder is not None:
        recorder.pages = doc.recorder.pages
    return finish(buf.getvalue(), doc.tagger.marks, theme.language, theme.pdf_standard), n


def _fits_on_cover(recorder: Recorder) -> bool:
    """Whether everything after the cover page would fit under what the cover page holds."""
    cover, rest = recorder.pages.get(1), [r for n, r in recorder.pages.items() if n > 1]
    if cover is None or not rest:
        return False
    return cover.room - cover.used >= sum(r.used + COVER_GAP for r in rest)


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
        recorder: Recorder | None = None,
    ) -> None:
        page = page_geometry(theme)
        super().__init__(
            buf,
            pagesize=(page.width, page.height),
            title=brief.title,
            author=brief.author or "briefgen",
            subject=brief.subtitle,
            keywords=", ".join(brief.keywords),
            creator="briefgen",
            invariant=1,
            lang=theme.language,
            displayDocTitle=1,
            initialFontName=face_name(family),
            leftMargin=page.margin_x,
            rightMargin=page.margin_x,
            topMargin=page.top,
            bottomMargin=page.bottom,
        )
        self.brief, self.theme, self.font, self.geometry = brief, theme, face_name(family), page
        self.bold = face_name(family, "bold")
        self.notes, self.reserved, self.recorder = notes, reserved or {}, recorder
        self.tagger = Tagger()
        self._cited: dict[int, set[int]] = {}
        self.headings: dict[str, int] = {}  # heading anchor -> the page it landed on, for the contents
        # The cover frame starts at the page top: its colour band bleeds to the edges from there.
        # No frame padding, so text, charts and the running header share one left edge.
        flush = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        x, y = page.margin_x, page.bottom
        cover = Frame(x, y, self.width, page.height - y, id="cover", **flush)
        body = Frame(x, y, self.width, self.height, id="body", **flush)
        self.addPageTemplates(
            [
                PageTemplate("cover", frames=[cover], onPageEnd=self._page_end),
                PageTemplate("body", frames=[body], onPage=self._header, onPageEnd=self._page_end),
            ]
        )

    @property
    def cited(self) -> Cites:
        """The reference numbers each page cites, as drawn in this build."""
        return {p: frozenset(ns) for p, ns in self._cited.items() if ns}

    def beforeDocument(self) -> None:
        # Every citation marker calls this as it is drawn (see pdf_notes.cite_tag).
        self.canv.setNamedCB(CITE_CALLBACK, self._record)
        # Tagged flowables mark their content through the canvas (see tagging.Tag).
        setattr(self.canv, TAGGER, self.tagger)

    def _record(self, canv: Canvas, kind: str, label: str | None) -> None:
        self._cited.setdefault(self.page, set()).update(parse_cites(label))

    def beforePage(self) -> None:
        # Reserve the foot of the page for the notes it cited in the previous build.
        band = self.notes.band(self.reserved.get(self.page, ()), self.height) if self.notes else 0.0
        self.pageTemplate.frames[0].bottomPadding = band

    def _page_end(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        g = self.geometry
        if self.notes:
            self.notes.draw(canv, self._cited.get(self.page, ()), g.margin_x, g.bottom, self.height)
        if self.theme.classification:
            # Last, so the banner sits on top of the cover's colour band too.
            self._banner(canv)

    def _banner(self, canv: Canvas) -> None:
        """The classification centred in a thin full-width strip along the top edge of the page."""
        g, text = self.geometry, self.theme.classification.upper()
        canv.saveState()
        canv.setFillColor(hex_color(self.theme.color("banner")))
        canv.rect(0, g.height - BANNER_HEIGHT, g.width, BANNER_HEIGHT, stroke=0, fill=1)
        canv.setFillColor(hex_color(self.theme.color("on-banner")))
        t = canv.beginText()
        t.setFont(self.bold, BANNER_SIZE)
        t.setCharSpace(1.2)
        width = stringWidth(text, self.bold, BANNER_SIZE) + 1.2 * (len(text) - 1)
        base = g.height - BANNER_HEIGHT + (BANNER_HEIGHT - BANNER_SIZE) / 2 + 1
        t.setTextOrigin((g.width - width) / 2, base)
        t.textOut(text)
        canv.drawText(t)
        canv.restoreState()

    def _header(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        # Drawn straight onto the canvas: plain text, so no markup escaping is involved.
        g = self.geometry
        title = _fit(self.brief.title, self.font, RUNNING_SIZE, self.width)
        canv.saveState()
        canv.setFont(self.font, RUNNING_SIZE)
        canv.setFillColor(hex_color(self.theme.color("muted")))
        canv.drawString(g.margin_x, g.header_y, title)
        canv.setStrokeColor(hex_color(self.theme.color("rule")))
        canv.setLineWidth(0.5)
        canv.line(g.margin_x, g.header_y - 2 * mm, g.width - g.margin_x, g.header_y - 2 * mm)
        canv.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if self.recorder is not None:
            self.recorder.placed(self.page, self.frame, flowable)
        key = getattr(flowable, "_bookmark", None)
        if key is not None:
            # The heading's <a name> anchor is the destination; the outline entry points at it.
            level = getattr(flowable, "_level", 0)
            self.canv.addOutlineEntry(flowable._outline, key, level=level, closed=False)
            self.canv.showOutline()
            self.headings.setdefault(key, self.page)


def _fit(text: str, font: str, size: float, width: float) -> str:
    """`text` shortened with an ellipsis until it fits `width`."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "\u2026", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "\u2026"


def _footer_canvas(font: str, theme: Theme, total: int, page: PageGeometry = A4_PAGE) -> type[Canvas]:
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
                self.drawRightString(
                    page.width - page.margin_x, page.footer_y, f"Page {self._pageNumber} of {total}"
                )
                self.restoreState()
            super().showPage()

    return FooterCanvas


def audit_pdf(brief: Brief, theme: Theme) -> list[str]:
    """'page 5: filled 12%, under 25% (…)' for every near-empty page, orphan, widow and lone last word."""
    recorder = Recorder()
    build_pdf(brief, theme, recorder)
    return recorder.problems()
