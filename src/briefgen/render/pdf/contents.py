"""The PDF's contents page: every numbered section, References and the fact appendix, with page numbers.

A long brief is laid out twice: the first build leaves the numbers blank and records the page every
heading lands on, and the second prints those pages here. The page column has a fixed width, so the numbers
never change the layout, and the builds settle.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
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


def contents(
    entries: list[Entry],
    pages: dict[str, int],
    theme: Theme,
    styles: dict[str, ParagraphStyle],
    width: float,
) -> list[Flowable]:
    """The contents heading and its table; `pages` are the heading pages of the previous build."""
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
                Tag(Para(f"<a {href}>{pages.get(e.key, '')}</a>", page), "Reference", item),
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
