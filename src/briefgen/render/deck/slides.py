"""New slides in constant time each, named and numbered exactly as python-pptx's add_slide names them."""

from __future__ import annotations

from copy import deepcopy

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part, XmlPart
from pptx.opc.packuri import PackURI
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.presentation import Presentation
from pptx.slide import NotesSlide, Slide, SlideLayout

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
        self._notes_placeholders: list[etree._Element] | None = None

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

    def notes(self, slide: Slide) -> NotesSlide:
        """The slide's new notes page, as python-pptx's slide.notes_slide makes it, but with the notes
        master's placeholders cloned once per deck and copied after: python-pptx walks the master's
        shapes for every page."""
        part = slide.part
        master = part.package.presentation_part.notes_master_part
        notes_part = NotesSlidePart._add_notes_slide_part(part.package, part, master)
        notes = notes_part.notes_slide
        tree = notes.shapes._spTree
        if self._notes_placeholders is None:
            notes.clone_master_placeholders(master.notes_master)
            self._notes_placeholders = [deepcopy(e) for e in tree.iter_shape_elms()]
        else:  # a new notes page has no extension list, so the copies go last, as clones would
            for e in self._notes_placeholders:
                tree.append(deepcopy(e))
        part.relate_to(notes_part, RT.NOTES_SLIDE)
        return notes

    @staticmethod
    def done(slide: Slide) -> None:
        """A finished slide's parts (the slide, its notes page, its charts) serialised now, their XML
        trees let go: python-pptx would keep every slide's tree until the deck is saved."""
        part = slide.part
        _freeze(part)
        for rel in list(part.rels.values()):
            if not rel.is_external and rel.reltype in (RT.NOTES_SLIDE, RT.CHART):
                _freeze(rel.target_part)


_FROZEN: dict[type, type] = {}


def _frozen_blob(part: XmlPart) -> bytes:
    blob: bytes = part.__dict__["_frozen_blob"]
    return blob


def _freeze(part: Part) -> None:
    """Keep `part` as the bytes the package writer would serialise it to (the same bytes, made now)."""
    if not isinstance(part, XmlPart) or "_frozen_blob" in part.__dict__:
        return
    blob = part.blob
    cls = type(part)
    if cls not in _FROZEN:
        _FROZEN[cls] = type(f"Serialised{cls.__name__}", (cls,), {"blob": property(_frozen_blob)})
    for cached in ("slide", "notes_slide", "chart", "chart_workbook"):  # proxies holding the tree
        part.__dict__.pop(cached, None)
    part.__dict__["_frozen_blob"] = blob
    del part._element
    part.__class__ = _FROZEN[cls]
