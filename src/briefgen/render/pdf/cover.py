"""The PDF's cover: a full-bleed colour band with the author on top and the title block low in it."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer

from briefgen.brief.model import Brief
from briefgen.render.pdf.charts import hex_color
from briefgen.render.pdf.page import A4_PAGE, PageGeometry
from briefgen.render.pdf.para import Para
from briefgen.render.pdf.tagging import Tag
from briefgen.render.typeset import keep_tail_text
from briefgen.theme.model import Theme


class CoverBand(Flowable):
    """The cover's full-bleed colour band, from the page top down: `top` content at its top, `bottom`
    content (the title block) sitting low in the band, an accent rule along its lower edge.

    `followers` (the summary and key numbers) must fit on the cover below the band: the band gives up
    some of its minimum height for them (a Letter page, a classification stamp, a long summary).
    """

    PAD = 16 * mm
    MIN_PAD = 8 * mm  # how far the padding gives way for the followers

    def __init__(
        self,
        top: list[Flowable],
        bottom: list[Flowable],
        fill: Color,
        accent: Color,
        min_height: float,
        page: PageGeometry = A4_PAGE,
        followers: list[Flowable] | None = None,
    ) -> None:
        super().__init__()
        self.top, self.bottom, self.followers = top, bottom, followers or []
        self.fill, self.accent, self.min_height = fill, accent, min_height
        self.page_w, self.page_h = page.width, page.height

    def _stack_height(self, flowables: list[Flowable], aw: float) -> float:
        h = 0.0
        for f in flowables:
            h += f.wrap(aw, self.page_h)[1] + f.getSpaceAfter()
        return h

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._aw = aw
        stacks = self._stack_height(self.top, aw) + self._stack_height(self.bottom, aw)
        below = sum(_height(f, aw, ah) for f in self.followers)
        roomy = max(self.min_height, stacks + 3 * self.PAD)
        self.height = max(stacks + 3 * self.MIN_PAD, min(roomy, ah - below - 1))
        self._pad = min(self.PAD, (self.height - stacks) / 3)
        return aw, self.height

    def _draw_stack(self, flowables: list[Flowable], y: float) -> None:
        for f in flowables:
            _, h = f.wrap(self._aw, self.page_h)
            y -= h
            f.drawOn(self.canv, 0, y)
            y -= f.getSpaceAfter()

    def draw(self) -> None:
        c = self.canv
        # Bleed: the band spans the whole page width and reaches the page top, beyond the frame.
        x0, y0 = c.absolutePosition(0, 0)
        c.saveState()
        c.setFillColor(self.fill)
        c.rect(-x0, 0, self.page_w, self.page_h - y0, stroke=0, fill=1)
        c.setFillColor(self.accent)
        c.rect(-x0, -3, self.page_w, 4, stroke=0, fill=1)
        c.restoreState()
        self._draw_stack(self.top, self.height - self._pad)
        self._draw_stack(self.bottom, self._pad + self._stack_height(self.bottom, self._aw))


def _height(f: Flowable, aw: float, ah: float) -> float:
    """The height a flowable takes in a frame (a KeepTogether group: its parts')."""
    parts = getattr(f, "_content", None)
    if parts is not None:
        return sum(_height(p, aw, ah) for p in parts)
    return f.wrap(aw, ah)[1] + f.getSpaceBefore() + f.getSpaceAfter()


class Stamp(Flowable):
    """The classification on the cover ('CONFIDENTIAL'): spaced capitals in a box of the banner colour."""

    SIZE = 10.5

    def __init__(self, text: str, font: str, fill: Color, ink: Color) -> None:
        super().__init__()
        self.text, self.font, self.fill, self.ink = text.upper(), font, fill, ink

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = stringWidth(self.text, self.font, self.SIZE) + 1.5 * len(self.text) + 16
        self.height = self.SIZE + 10
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFillColor(self.fill)
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFillColor(self.ink)
        t = c.beginText(8, 5 + self.SIZE * 0.12)
        t.setFont(self.font, self.SIZE)
        t.setCharSpace(1.5)
        t.textOut(self.text)
        c.drawText(t)
        c.restoreState()


def cover(
    brief: Brief,
    theme: Theme,
    styles: dict[str, ParagraphStyle],
    page: PageGeometry = A4_PAGE,
    followers: list[Flowable] | None = None,
) -> Flowable:
    """The cover band: author (and any classification) on top; title, subtitle and date low in it."""
    top: list[Flowable] = [Tag(Para(escape(brief.author), styles["cover_org"]), "P")] if brief.author else []
    if theme.classification:
        c = theme.color
        font = styles["cover_title"].fontName
        # On a band of the banner's own colour the box would vanish: it takes the accent colour there.
        fill = c("banner") if c("banner").upper() != c("cover").upper() else c("accent")
        stamp = Stamp(theme.classification, font, hex_color(fill), hex_color(c("on-banner")))
        stamp.hAlign = "LEFT"
        top += [Spacer(1, 8), stamp] if top else [stamp]
    # The brief's title is its first heading; the sections' follow at the same level.
    bottom: list[Flowable] = [Tag(Para(escape(keep_tail_text(brief.title)), styles["cover_title"]), "H1")]
    if brief.subtitle:
        bottom.append(Tag(Para(escape(keep_tail_text(brief.subtitle)), styles["cover_subtitle"]), "P"))
    if brief.date:
        bottom.append(Tag(Para(escape(brief.date), styles["cover_meta"]), "P"))
    return CoverBand(
        top,
        bottom,
        hex_color(theme.color("cover")),
        hex_color(theme.color("accent")),
        min_height=105 * mm,
        page=page,
        followers=followers,
    )
