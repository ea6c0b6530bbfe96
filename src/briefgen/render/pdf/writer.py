"""Write a Brief as a PDF (A4 or US Letter): cover, contents, numbered sections, footnotes or endnotes,
references, running header, page numbers and any classification banner."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from briefgen.brief.model import Brief
from briefgen.render.pdf.audit import STORY_INDEX, Recorder, tail_break
from briefgen.render.pdf.charts import hex_color
from briefgen.render.pdf.cites import NotedFrame, NoteRoom
from briefgen.render.pdf.contents import PAGE_REFS, contents_entries, fill
from briefgen.render.pdf.fonts import face_name, register_fonts
from briefgen.render.pdf.notes import CITE_CALLBACK, Footnotes, parse_cites
from briefgen.render.pdf.page import A4_PAGE, PageGeometry, page_geometry
from briefgen.render.pdf.para import parsing_once
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
CONTENTS_GUESS_SECTIONS = 12  # briefs of this many sections are first laid out with a contents page
COVER_GAP = 24.0  # points between the cover's content and a body that follows on the cover page

Cites = dict[int, frozenset[int]]  # page number -> reference numbers cited on that page


def write_pdf(brief: Brief, theme: Theme) -> bytes:
    """The brief as PDF bytes; the same brief and theme always give the same bytes."""
    return build_pdf(brief, theme)[0]


def build_pdf(brief: Brief, theme: Theme, recorder: Recorder | None = None) -> tuple[bytes, int]:
    """The PDF bytes and the number of builds it took (see _build_pdf); each paragraph's markup is
    parsed once, however many builds there are."""
    with parsing_once():
        return _build_pdf(brief, theme, recorder)


def _build_pdf(brief: Brief, theme: Theme, recorder: Recorder | None) -> tuple[bytes, int]:
    """The PDF bytes and the number of builds it took; `recorder` is told what the final build placed
    on each page (the layout audit).

    With footnotes, each page's frame makes room for the notes of what it holds as content is placed
    (cites.NotedFrame), and each build records the page every citation marker lands on; the two agree
    after one build unless a marker hides where the frame cannot read it. Then the next build reserves
    each page's recorded notes up front, and the builds repeat until every page cites what its band was
    made for; after a few exact passes a band only grows, which always settles. The contents' page
    numbers and the page totals ('Page N of M') are filled in when the kept build is written;
    discarded builds are never written.
    build() consumes its story, so each pass gets a fresh one.
    """
    family = register_fonts(theme.pdf_font, theme.font_file)
    styles = make_styles(theme)
    page = page_geometry(theme)
    notes = Footnotes(brief, theme, styles, page.content_width) if brief.notes == "footnotes" else None
    reserved: Cites = {}
    # Decided by the first build, which starts the body on a page of its own: a contents page for a long
    # brief; the body on the cover page when all of it fits there. The first build has a contents page
    # when the brief has many sections, and it stays when the body runs long.
    first = next((e.key for e in contents_entries(brief)), "")
    with_contents, on_cover = len(brief.sections) >= CONTENTS_GUESS_SECTIONS, False
    # Set once the layout has settled with a near-empty last page: the story index where a new page
    # starts, so that the last page takes enough from the one before.
    new_page: int | None = None
    tail_checked = False
    for n in range(1, MAX_PASSES + 1):
        buf = io.BytesIO()
        doc = _BriefDoc(buf, brief, theme, family, notes, reserved, Recorder(lines=recorder is not None))
        doc._doSave = 0  # see the end: only the pass kept is written
        story = build_story(brief, theme, styles, with_contents=with_contents, body_on_cover=on_cover)
        keeps = [bool(getattr(getattr(f, "style", None), "keepWithNext", 0)) for f in story]
        for i, f in enumerate(story):
            # A group is placed as its parts: they carry the group's index.
            for part in (f, *(getattr(f, "_content", None) or ())):
                setattr(part, STORY_INDEX, i)
        if new_page is not None:
            story.insert(new_page, PageBreak())
        doc.build(story, canvasmaker=_footer_canvas(face_name(family), theme, page))
        if n == 1 and doc.recorder is not None:
            # The pages after the cover and any contents pages (the body starts where its first heading is).
            body_pages = doc.page - (doc.headings.get(first, 2) - 1 if with_contents else 1)
            wanted = body_pages >= CONTENTS_MIN_PAGES
            on_cover = not wanted and not with_contents and _fits_on_cover(doc.recorder)
            if wanted != with_contents or on_cover:
                with_contents = wanted
                continue
        cited = doc.cited if notes else {}
        if _settled(cited, doc.held, exact=n <= EXACT_PASSES):
            if tail_checked or doc.recorder is None or n == MAX_PASSES:
                break
            tail_checked = True
            new_page = tail_break(doc.recorder.pages, keeps)
            if new_page is None:
                break
        if n < EXACT_PASSES:
            reserved = cited
        else:
            reserved = {
                p: reserved.get(p, frozenset()) | cited.get(p, frozenset()) for p in {*reserved, *cited}
            }
    if recorder is not None and doc.recorder is not None:
        recorder.pages = doc.recorder.pages
    # Only the pass kept is written out, its page numbers known.
    fill(doc.canv, doc.headings)
    doc.canv.number_pages(doc.page)
    doc.canv.save()
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
        self.held: Cites = {}  # the notes each page's frame made room for
        self.room = NoteRoom(self._band)
        self.headings: dict[str, int] = {}  # heading anchor -> the page it landed on, for the contents
        # The cover frame starts at the page top: its colour band bleeds to the edges from there.
        # No frame padding, so text, charts and the running header share one left edge.
        flush: dict[str, Any] = dict(leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        x, y = page.margin_x, page.bottom
        # With footnotes, the frames make room for the notes of what they hold.
        noted: dict[str, Any] = {"notes": self.room} if notes else {}
        frame = NotedFrame if notes else Frame
        cover = frame(x, y, self.width, page.height - y, id="cover", **noted, **flush)
        body = frame(x, y, self.width, self.height, id="body", **noted, **flush)
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
        setattr(self.canv, PAGE_REFS, [])  # the contents' page numbers, filled in at the end
        # Every citation marker calls this as it is drawn (see pdf_notes.cite_tag).
        self.canv.setNamedCB(CITE_CALLBACK, self._record)
        # Tagged flowables mark their content through the canvas (see tagging.Tag).
        setattr(self.canv, TAGGER, self.tagger)

    def _record(self, canv: Canvas, kind: str, label: str | None) -> None:
        self._cited.setdefault(self.page, set()).update(parse_cites(label))

    def handle_pageBegin(self) -> None:  # noqa: N802 - reportlab's name
        self.tagger.page_start(self.canv)  # before the running header, which is an artifact
        super().handle_pageBegin()

    def _band(self, numbers: Iterable[int]) -> float:
        return self.notes.band(numbers, self.height) if self.notes else 0.0

    def beforePage(self) -> None:
        # Reserve the foot of the page for the notes it cited in the previous build, if any; the frame
        # adds the notes of what it is given.
        self.room.held = self.reserved.get(self.page, frozenset()) if self.notes else frozenset()
        self.pageTemplate.frames[0].bottomPadding = self.room.room()

    def _page_end(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        g = self.geometry
        if self.room.held:
            self.held[self.page] = self.room.held
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


def _footer_canvas(font: str, theme: Theme, page: PageGeometry = A4_PAGE) -> type[Canvas]:
    """A canvas class printing 'Page N of M' on every page but the cover.

    Each page draws a form named for its number where the footer goes; number_pages() fills the forms
    in once the total is known, before the file is written. (The usual NumberedCanvas, which holds
    pages back until then, breaks links and bookmarks: reportlab binds every destination to the page
    being written.)
    """
    color = hex_color(theme.color("muted"))
    right = page.width - page.margin_x

    class FooterCanvas(Canvas):
        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            if self._pageNumber > 1:
                self.doForm(f"page{self._pageNumber}")
            tagger: Tagger | None = getattr(self, TAGGER, None)
            if tagger is not None:
                tagger.page_end(self)
            super().showPage()

        def number_pages(self, total: int) -> None:
            """Fill in every page's footer now that the total is known (in page coordinates, so that
            text extractors which ignore a form's placement still find it where it is seen)."""
            width = stringWidth(f"Page {total} of {total}", font, RUNNING_SIZE) + RUNNING_SIZE
            box = dict(lowerx=right - width, lowery=page.footer_y - RUNNING_SIZE, upperx=right + 1)
            for n in range(2, total + 1):
                self.beginForm(f"page{n}", uppery=page.footer_y + 2 * RUNNING_SIZE, **box)
                self.setFont(font, RUNNING_SIZE)
                self.setFillColor(color)
                self.drawRightString(right, page.footer_y, f"Page {n} of {total}")
                self.endForm()

    return FooterCanvas


def audit_pdf(brief: Brief, theme: Theme) -> list[str]:
    """'page 5: filled 12%, under 25% (…)' for every near-empty page, orphan, widow and lone last word."""
    recorder = Recorder()
    build_pdf(brief, theme, recorder)
    return recorder.problems()
