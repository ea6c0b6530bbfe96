"""New slides in constant time each, named and numbered exactly as python-pptx's add_slide names them."""

from __future__ import annotations

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.slide import SlidePart
from pptx.presentation import Presentation
from pptx.slide import Slide, SlideLayout

MAX_SLIDE_ID = 2147483647  # the largest slide id the format allows (python-pptx then reuses free ones)


class NewSlides:
    """Adds slides to one presentation as `prs.slides.add_slide` does (the same partname, relationship
    id and slide id for each), without its per-slide scans: python-pptx matches every relationship of
    the presentation against the new slide and reads every slide id to find the largest, which makes
    a deck's writing time grow with the square of its slides."""

    def __init__(self, prs: Presentation) -> None:
        self._part = prs.part
        self._ids = prs.slides._sldIdLst
        ids = [s.id for s in self._ids.sldId_lst]
        self._count = len(ids)  # python-pptx names slide N+1 of a deck of N slideN+1.xml
        self._top = max([255, *ids])  # it gives a new slide the largest id in use plus one, 256 at least

    def add(self, layout: SlideLayout) -> Slide:
        """A new slide on `layout`, with the layout's placeholders, last in the deck."""
        self._count += 1
        partname = PackURI(f"/ppt/slides/slide{self._count}.xml")
        slide_part = SlidePart.new(partname, self._part.package, layout.part)
        # A new part has no relationship yet: add one without python-pptx's search for a match.
        rid = self._part._rels._add_relationship(RT.SLIDE, slide_part)
        slide = slide_part.slide
        slide.shapes.clone_layout_placeholders(layout)
        slide_id = self._top + 1 if self._top < MAX_SLIDE_ID else self._ids._next_id
        self._ids._add_sldId(id=slide_id, rId=rid)
        self._top = max(self._top, slide_id)
        return slide
