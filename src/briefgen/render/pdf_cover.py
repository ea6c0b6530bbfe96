"""The PDF's cover: a full-bleed colour band with the author on top and the title block low in it."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from briefgen.model import Brief
from briefgen.render.pdf_charts import hex_color
from briefgen.theme import Theme

PAGE_W, PAGE_H = A4


class CoverBand(Flowable):
    """The cover's full-bleed colour band, from the page top down: `top` content at its top, `bottom`
    content (the title block) sitting low in the band, an accent rule along its lower edge."""

    PAD = 16 * mm

    def __init__(
        self, top: list[Flowable], bottom: list[Flowable], fill: Color, accent: Color, min_height: float
    ) -> None:
        super().__init__()
        self.top, self.bottom = top, bottom
        self.fill, self.accent, self.min_height = fill, accent, min_height

    def _stack_height(self, flowables: list[Flowable], aw: float) -> float:
        h = 0.0
        for f in flowables:
            h += f.wrap(aw, PAGE_H)[1] + f.getSpaceAfter()
        return h

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._aw = aw
        needed = self._stack_height(self.top, aw) + self._stack_height(self.bottom, aw) + 3 * self.PAD
        self.height = max(self.min_height, needed)
        return aw, self.height

    def _draw_stack(self, flowables: list[Flowable], y: float) -> None:
        for f in flowables:
            _, h = f.wrap(self._aw, PAGE_H)
            y -= h
            f.drawOn(self.canv, 0, y)
            y -= f.getSpaceAfter()

    def draw(self) -> None:
        c = self.canv
        # Bleed: the band spans the whole page width and reaches the page top, beyond the frame.
        x0, y0 = c.absolutePosition(0, 0)
        c.saveState()
        c.setFillColor(self.fill)
        c.rect(-x0, 0, PAGE_W, PAGE_H - y0, stroke=0, fill=1)
        c.setFillColor(self.accent)
        c.rect(-x0, -3, PAGE_W, 4, stroke=0, fill=1)
        c.restoreState()
        self._draw_stack(self.top, self.height - self.PAD)
        self._draw_stack(self.bottom, self.PAD + self._stack_height(self.bottom, self._aw))


def cover(brief: Brief, theme: Theme, styles: dict[str, ParagraphStyle]) -> Flowable:
    """The cover band: author on top, title, subtitle and date low in the band."""
    top = [Paragraph(escape(brief.author), styles["cover_org"])] if brief.author else []
    bottom: list[Flowable] = [Paragraph(escape(brief.title), styles["cover_title"])]
    if brief.subtitle:
        bottom.append(Paragraph(escape(brief.subtitle), styles["cover_subtitle"]))
    if brief.date:
        bottom.append(Paragraph(escape(brief.date), styles["cover_meta"]))
    return CoverBand(
        top, bottom, hex_color(theme.color("cover")), hex_color(theme.color("accent")), min_height=105 * mm
    )
