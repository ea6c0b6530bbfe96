"""A template slide's placeholders: handed to the boxes, charts and tables of their kind, the rest removed."""

from __future__ import annotations

from copy import deepcopy

from pptx.enum.shapes import PP_PLACEHOLDER as PH
from pptx.oxml.ns import qn
from pptx.shapes.autoshape import Shape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide

# Which placeholder types take which content, best first.
KINDS: dict[str, tuple[PH, ...]] = {
    "body": (PH.BODY, PH.OBJECT),
    "subtitle": (PH.SUBTITLE, PH.BODY, PH.OBJECT),
    "footer": (PH.FOOTER,),
    "slidenum": (PH.SLIDE_NUMBER,),
    "date": (PH.DATE,),
    "chart": (PH.CHART, PH.OBJECT),
    "table": (PH.TABLE, PH.OBJECT),
}
# python-pptx does not copy these from the layout onto a new slide; they are copied when used.
_FOOT = (PH.FOOTER, PH.SLIDE_NUMBER, PH.DATE)
_TITLES = (PH.TITLE, PH.CENTER_TITLE, PH.VERTICAL_TITLE)


class Placeholders:
    """The placeholders of one new slide on a template layout, each given out once, top to bottom."""

    def __init__(self, slide: Slide):
        self.slide = slide
        self.free = [p for p in slide.placeholders if p.placeholder_format.type not in _TITLES]
        self.free.sort(key=lambda p: (p.top or 0, p.left or 0))

    def take(self, kind: str) -> Shape | None:
        """The slide's first unused placeholder for `kind` (footers copied from the layout), or None."""
        for t in KINDS.get(kind, ()):
            hit = next((p for p in self.free if p.placeholder_format.type == t), None)
            if hit is not None:
                self.free.remove(hit)
                return hit
            if t in _FOOT:
                layout_phs: list = list(self.slide.slide_layout.placeholders)
                src = next((p for p in layout_phs if p.placeholder_format.type == t), None)
                if src is not None:
                    self.slide.shapes.clone_placeholder(src)
                    return self.slide.placeholders[src.placeholder_format.idx]
        return None

    def seat(self, frame: GraphicFrame, kind: str) -> None:
        """Make a chart or table frame the content of the first unused placeholder that takes it (the
        frame keeps its own position): the template then treats it as its content."""
        hit = next((p for t in KINDS[kind] for p in self.free if p.placeholder_format.type == t), None)
        if hit is None:
            return
        self.free.remove(hit)
        nvpr = frame._element.find(f"{qn('p:nvGraphicFramePr')}/{qn('p:nvPr')}")
        if nvpr is None:
            return
        ph = deepcopy(hit._element.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"))
        if ph is not None:
            nvpr.insert(0, ph)
        hit._element.getparent().remove(hit._element)

    def drop_unused(self) -> None:
        """Remove every placeholder no content took: no 'Click to add text' is left on a slide."""
        for p in self.free:
            parent = p._element.getparent()
            if parent is not None:
                parent.remove(p._element)
        self.free = []
