"""The PDF's contents page: every numbered section, References and the fact appendix, with page numbers.

The page numbers are known only once the body is laid out, after the contents page is drawn: each is
drawn as a placeholder (PageRef) that the writer fills in before the file is written. The page column
has a fixed width, so the numbers never change the layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from briefgen.brief.model import Brief
from briefgen.render.pdf.appendix import TITLE as APPENDIX_TITLE
from briefgen.render.pdf.chartkit import hex_color
from briefgen.render.pdf.para import Para
from briefgen.render.pdf.tagging import Tag
from briefgen.theme.model import Theme

TITLE = "Contents"
NUMBER_COL = 24.0
PAGE_COL = 36.0


@dataclass(frozen=True)
class Entry:
    """A contents line: the heading's anchor, its number ('' for References) and its title."""

    key: str
    number: str
    title: str
    level: int = 0

    @property
    def outline(self) -> str:
        """The bookmark text: '3 Innovation: spending and rankings', 'References'."""
        return f"{self.number} {self.title}" if self.number else self.title


def contents_entries(brief: Brief) -> list[Entry]:
    """The headings the contents page and the outline list, in reading order."""
    out = [Entry(f"sec-{i}", str(i), s.title) for i, s in enumerate(brief.sections, start=1)]
    if brief.references:
        out.append(Entry("references", "", "References"))
    if brief.fact_appendix and brief.facts:
        out.append(Entry("fact-appendix", "", APPENDIX_TITLE))
    return out


PAGE_REFS = "_briefgen_page_refs"  # the canvas attribute listing the placeholders drawn: (page, PageRef)


class PageRef(Flowable):
    """The page a heading lands on, right-aligned in its column and linked to the heading: drawn as a
    placeholder in the page's content, filled in by fill() once every heading is placed."""

    def __init__(self, key: str, style: ParagraphStyle, color: str) -> None:
        super().__init__()
        self.key, self.style, self.color = key, style, color
        self.token = ""

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = aw, float(self.style.leading)
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        refs: list[tuple[int, PageRef]] = getattr(canv, PAGE_REFS)
        self.token = f"%briefgen-page-ref {len(refs)}"
        refs.append((canv.getPageNumber(), self))
        canv._code.append(self.token)
        canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)

    def code(self, canv: Canvas, page: int | None) -> str:
        """The drawing of the page number (nothing when the heading was not placed), in the coordinates
        the placeholder was drawn in."""
        if page is None:
            return ""
        number = Para(f'<font color="#{self.color}">{page}</font>', self.style)
        number.wrap(self.width, self.height)
        kept, canv._code = canv._code, []
        try:
            number.drawOn(canv, 0, 0)
            return "\n".join(canv._code)
        finally:
            canv._code = kept


def fill(canv: Canvas, pages: dict[str, int]) -> None:
    """Put the page numbers into the contents' placeholders, before the file is written."""
    page_list = canv._doc.Pages.pages
    refs: list[tuple[int, PageRef]] = getattr(canv, PAGE_REFS, [])
    by_page: dict[int, list[PageRef]] = {}
    for n, ref in refs:
        by_page.setdefault(n, []).append(ref)
    for n, on_page in by_page.items():
        stream = page_list[n - 1].stream
        for ref in on_page:
            stream = stream.replace(ref.token + "\n", ref.code(canv, pages.get(ref.key)) + "\n", 1)
        page_list[n - 1].stream = stream


def contents(
    entries: list[Entry],
    theme: Theme,
    styles: dict[str, ParagraphStyle],
    width: float,
) -> list[Flowable]:
    """The contents heading and its table, its page numbers placeholders until the body is placed."""
    link = theme.color("title")
    accent = theme.color("accent")
    entry = ParagraphStyle("toc_entry", parent=styles["body"], fontSize=11.5, leading=15, spaceAfter=0)
    number = ParagraphStyle("toc_number", parent=entry, fontName=styles["h1"].fontName)
    page = ParagraphStyle("toc_page", parent=entry, alignment=TA_RIGHT)
    rows = []
    toc = object()
    for e in entries:
        href = f'href="#{e.key}" color="#{link}"'
        # One contents item of the number, the title and the page, as tagged.
        item = (("TOC", toc), ("TOCI", object()))
        rows.append(
            [
                Tag(Para(f'<font color="#{accent}">{escape(e.number)}</font>', number), "Lbl", item),
                Tag(Para(f"<a {href}>{escape(e.title)}</a>", entry), "Reference", item),
                Tag(PageRef(e.key, page, link), "Reference", item),
            ]
        )
    heading = Tag(Para(escape(TITLE), styles["h1"]), "H1")
    if not rows:
        return [heading]
    table = Table(rows, colWidths=[NUMBER_COL, width - NUMBER_COL - PAGE_COL, PAGE_COL], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles["body"].fontName),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, hex_color(theme.color("rule")), None, (1, 2)),
            ]
        )
    )
    return [heading, table]
