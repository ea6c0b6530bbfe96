"""Tagged PDF: each piece of content marked as reportlab draws it, then the structure tree, artifacts, link
descriptions and metadata written into the file (pikepdf)."""

from __future__ import annotations

import io
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import pikepdf
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, ListFlowable, Paragraph
from reportlab.platypus.flowables import BulletDrawer

from briefgen.render.pdf.archive import write_metadata
from briefgen.render.pdf.para import Para

TAGGER = "_briefgen_tagger"  # the canvas attribute a build's Tagger hangs on
Path = tuple[tuple[str, Hashable], ...]  # the enclosing elements: (('Table', key), ('TR', key)) …


class Tag(Flowable):
    """A flowable drawn as tagged content: an element of `role` ('P', 'H1', 'Figure', 'TD' …) inside the
    elements of `path`, with alternative text `alt` (a figure's) and a header cell's `scope`. Parts of a
    split flowable stay one element. Everything else is the wrapped flowable's own."""

    def __init__(
        self,
        inner: Flowable,
        role: str,
        path: Path = (),
        alt: str = "",
        scope: str = "",
        key: Hashable | None = None,
        name: str = "",
    ) -> None:
        super().__init__()
        self.inner, self.role, self.path, self.alt, self.scope = inner, role, path, alt, scope
        self.name = name  # what a link to it says it leads to: 'Reference 2: Luo (2024)', a heading's text
        self.key = key if key is not None else object()
        self.hAlign = getattr(inner, "hAlign", "LEFT")
        self.drawn = False

    def __getattr__(self, name: str) -> object:
        if name == "inner":  # not set yet (copying): no recursion
            raise AttributeError(name)
        return getattr(self.inner, name)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(aw, ah)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return [
            Tag(p, self.role, self.path, self.alt, self.scope, self.key) for p in self.inner.split(aw, ah)
        ]

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's names
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.inner.getSpaceAfter()

    def drawOn(self, canv: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        tagger: Tagger | None = getattr(canv, TAGGER, None)
        if tagger is None:
            self.inner.drawOn(canv, x, y, _sW)
            return
        # A header row drawn again where the table continues is a repetition, not content.
        repeat = self.drawn and self.role == "TH"
        tagger.begin(canv, self, artifact=repeat, box=_page_box(canv, x, y, self.width, self.height))
        self.inner.drawOn(canv, x, y, _sW)
        tagger.end(canv)
        self.drawn = True


class _LabelDrawer(BulletDrawer):
    """A list item's bullet drawn as its Lbl element, beside the item's LBody (its flowable's Tag)."""

    def drawOn(self, indenter: Flowable, canv: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        body = getattr(indenter, "_flowable", None)
        tagger: Tagger | None = getattr(canv, TAGGER, None)
        if tagger is None or not isinstance(body, Tag):
            super().drawOn(indenter, canv, x, y, _sW)
            return
        tagger.begin(canv, Tag(body, "Lbl", body.path, key=(body.key, "Lbl")))
        super().drawOn(indenter, canv, x, y, _sW)
        tagger.end(canv)


class TaggedList(ListFlowable):
    """A bulleted list whose bullets are tagged as the items' labels (Lbl) rather than left as artifacts."""

    def _makeBullet(self, value: object, params: object = None) -> BulletDrawer:  # noqa: N802
        drawer = super()._makeBullet(value, params)
        drawer.__class__ = _LabelDrawer
        return drawer


class Labelled(Flowable):
    """A paragraph with a hanging label ('[3]') drawn as an element of its own: the label as Lbl, the text
    as `role`, both inside the elements of `path` (a list item, a note). The paragraph's style hangs its
    text past the label (leftIndent), as a bullet would; a split keeps the label with the first part."""

    def __init__(
        self,
        body: Paragraph,
        label: str | None,
        role: str,
        path: Path,
        name: str = "",
        keys: tuple[Hashable, Hashable] | None = None,
    ) -> None:
        super().__init__()
        self.body, self.role, self.path, self.name = body, role, path, name
        self.keys = keys or (object(), object())  # the label's element and the text's
        style = body.style
        self.label = (
            Para(
                label,
                ParagraphStyle(
                    f"{style.name}-label",
                    parent=style,
                    leftIndent=0,
                    firstLineIndent=0,
                    fontName=style.bulletFontName,
                    fontSize=style.bulletFontSize,
                    textColor=getattr(style, "bulletColor", style.textColor),
                ),
            )
            if label
            else None
        )

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, h = self.body.wrap(aw, ah)
        if self.label is not None:
            h = max(h, self.label.wrap(max(self.body.style.leftIndent, 1.0), ah)[1])
        self.height = h
        return self.width, h

    def split(self, aw: float, ah: float) -> list[Flowable]:
        parts = self.body.split(aw, ah)
        if len(parts) != 2:
            return []
        first = Labelled(parts[0], None, self.role, self.path, self.name, self.keys)
        first.label = self.label
        return [first, Labelled(parts[1], None, self.role, self.path, keys=self.keys)]

    def getSpaceBefore(self) -> float:  # noqa: N802 - reportlab's names
        return self.body.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.body.getSpaceAfter()

    def drawOn(self, canv: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802
        top = y + self.height
        if self.label is not None:
            # The label's first line on the text's first line: both paragraphs start at the top.
            label = Tag(self.label, "Lbl", self.path, key=self.keys[0])
            label.width, label.height = self.label.width, self.label.height
            label.drawOn(canv, x, top - label.height)
        text = Tag(self.body, self.role, self.path, key=self.keys[1], name=self.name)
        text.width, text.height = self.width, self.body.height
        text.drawOn(canv, x, top - text.height, _sW)


def cell(content: Flowable | Sequence[Flowable], role: str, path: Path, scope: str = "") -> list[Flowable]:
    """A table cell's flowables as one element of `role` ('TD', or 'TH' with its `scope`) in `path`."""
    key = object()
    items = [content] if isinstance(content, Flowable) else list(content)
    return [Tag(f, role, path, scope=scope, key=key) for f in items]


def _page_box(canv: Canvas, x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    """A box drawn at (x, y) in the canvas's current coordinates (a table cell's are its table's), on the
    page."""
    a, b, c, d, e, f = canv._currentMatrix
    xs, ys = [], []
    for px, py in ((x, y), (x + w, y + h)):
        xs.append(a * px + c * py + e)
        ys.append(b * px + d * py + f)
    return min(xs), min(ys), max(xs), max(ys)


@dataclass(frozen=True)
class Element:
    """What the structure tree needs of a Tag: not the flowable, which can then be freed once drawn."""

    role: str
    path: Path
    alt: str
    scope: str
    key: Hashable
    name: str


@dataclass
class Mark:
    """One marked-content sequence: its page (0-based), its MCID there, the element it belongs to and the
    box it was drawn in (page coordinates: x0, y0, x1, y1)."""

    page: int
    mcid: int
    tag: Element
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


@dataclass
class Tagger:
    """Hands out MCIDs page by page as content is drawn, and remembers which element each belongs to.

    Everything drawn outside a tagged element (running header, page numbers, rules, backgrounds,
    bullets' backings, table lines) is an artifact: the page opens an /Artifact sequence, each tagged
    element closes it while it is drawn and opens it again after, and the page's end closes it."""

    marks: list[Mark] = field(default_factory=list)
    next_mcid: dict[int, int] = field(default_factory=dict)
    depth: int = 0  # tagged elements (or repeated headers) being drawn, one inside another
    in_artifact: bool = False

    def page_start(self, canv: Canvas) -> None:
        canv._code.append("/Artifact BMC")
        self.in_artifact = True

    def page_end(self, canv: Canvas) -> None:
        if self.in_artifact:
            canv._code.append("EMC")
            self.in_artifact = False

    def begin(
        self,
        canv: Canvas,
        tag: Tag,
        artifact: bool = False,
        box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0),
    ) -> None:
        if self.depth == 0 and self.in_artifact:
            canv._code.append("EMC")
            self.in_artifact = False
        self.depth += 1
        if artifact:
            canv._code.append("/Artifact BMC")
            return
        page = canv.getPageNumber() - 1
        mcid = self.next_mcid.get(page, 0)
        self.next_mcid[page] = mcid + 1
        canv._code.append(f"/{tag.role} <</MCID {mcid}>> BDC")
        element = Element(tag.role, tag.path, tag.alt, tag.scope, tag.key, tag.name)
        self.marks.append(Mark(page, mcid, element, box))

    def end(self, canv: Canvas) -> None:
        canv._code.append("EMC")
        self.depth -= 1
        if self.depth == 0:
            self.page_start(canv)


# -- after the build: the structure tree --------------------------------------------------------------


def _element(pdf: pikepdf.Pdf, role: str, parent: pikepdf.Dictionary, **extra: object) -> pikepdf.Dictionary:
    el = pikepdf.Dictionary(
        Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + role), P=parent, K=pikepdf.Array()
    )
    for k, v in extra.items():
        el["/" + k] = v
    return pdf.make_indirect(el)


def finish(data: bytes, marks: Sequence[Mark], lang: str, standard: str = "") -> bytes:
    """The PDF with its structure tree: a Document element holding, in the order drawn, one element per
    tagged flowable (parts of a split one joined), nested in the lists, tables and quotes around them
    (the rest of each page was drawn as artifacts); link annotations tagged and described; the catalog
    marked as tagged, with its language and XMP metadata (and PDF/A-2 when `standard` asks)."""
    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    document = _element(pdf, "Document", root)
    root.K = pikepdf.Array([document])
    elements: dict[Hashable, pikepdf.Dictionary] = {}
    groups: dict[Hashable, pikepdf.Dictionary] = {}
    parent_of_mcid: dict[int, dict[int, pikepdf.Dictionary]] = {}
    pages = list(pdf.pages)
    for mark in marks:
        tag, page = mark.tag, pages[mark.page]
        parent = document
        for role, key in tag.path:
            if key not in groups:
                groups[key] = _element(pdf, role, parent)
                parent.K.append(groups[key])
            parent = groups[key]
        el = elements.get(tag.key)
        if el is None:
            extra: dict[str, object] = {"Pg": page.obj}
            if tag.alt:
                extra["Alt"] = pikepdf.String(tag.alt)
            if tag.scope:
                extra["A"] = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name("/" + tag.scope))
            el = elements[tag.key] = _element(pdf, tag.role, parent, **extra)
            parent.K.append(el)
        ref = pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=page.obj, MCID=mark.mcid)
        same_page = el.Pg.objgen == page.obj.objgen
        el.K.append(mark.mcid if same_page else ref)
        parent_of_mcid.setdefault(mark.page, {})[mark.mcid] = el
    nums = pikepdf.Array()
    for i, page in enumerate(pages):
        page.obj.Tabs = pikepdf.Name.S
        if "/Trans" in page.obj and not page.obj.Trans.keys():
            del page.obj.Trans  # reportlab's empty transition: no effect, and archival checkers query it
        by_mcid = parent_of_mcid.get(i, {})
        if by_mcid:
            page.obj.StructParents = i
            nums.append(i)
            nums.append(pdf.make_indirect(pikepdf.Array([by_mcid[m] for m in sorted(by_mcid)])))
    next_key = len(pages)
    page_of = {p.obj.objgen: i for i, p in enumerate(pages)}
    on_page: dict[int, list[Mark]] = {}
    for mark in marks:
        on_page.setdefault(mark.page, []).append(mark)
    for i, page in enumerate(pages):
        for annot in page.obj.get("/Annots", pikepdf.Array()):
            if annot.get("/Subtype") != pikepdf.Name.Link:
                continue
            annot.Contents = pikepdf.String(_link_text(annot, on_page, page_of))
            annot.F = 4  # printed, as archival PDF asks of every annotation
            # The link belongs to the element drawn where it lies (the paragraph of a marker); a link to
            # a reference is a Reference too.
            host = _host(on_page.get(i, []), [float(v) for v in annot.Rect], elements) or document
            if str(annot.Contents).startswith("Reference "):
                reference = _element(pdf, "Reference", host, Pg=page.obj)
                host.K.append(reference)
                host = reference
            link = _element(pdf, "Link", host, Pg=page.obj)
            link.K.append(pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annot, Pg=page.obj))
            host.K.append(link)
            annot.StructParent = next_key
            nums.append(next_key)
            nums.append(link)
            next_key += 1
    for el in [*elements.values(), *groups.values()]:
        if len(el.K) == 1:
            el.K = el.K[0]  # a lone kid stands by itself, as most readers and checkers expect
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=nums))
    root.ParentTreeNextKey = next_key
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.Lang = pikepdf.String(lang)
    write_metadata(pdf, lang, standard)
    out = io.BytesIO()
    pdf.save(
        out,
        deterministic_id=True,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
        min_version="1.7",  # PDF/UA-1 and PDF/A-2 are built on PDF 1.7
    )
    return out.getvalue()


def _host(
    marks: Sequence[Mark], rect: list[float], elements: dict[Hashable, pikepdf.Dictionary]
) -> pikepdf.Dictionary | None:
    """The element whose content, drawn on the annotation's page (`marks`), holds the middle of its
    rectangle (the smallest such box); None when none does."""
    x, y = (rect[0] + rect[2]) / 2, (rect[1] + rect[3]) / 2
    inside = [
        m for m in marks if m.box[0] <= x <= m.box[2] and m.box[1] <= y <= m.box[3] and m.tag.key in elements
    ]
    if not inside:
        return None
    best = min(inside, key=lambda m: (m.box[2] - m.box[0]) * (m.box[3] - m.box[1]))
    return elements[best.tag.key]


def _link_text(
    annot: pikepdf.Object, on_page: dict[int, list[Mark]], page_of: dict[tuple[int, int], int]
) -> str:
    """A link's description for assistive technology: where it leads (a web address, or the name of
    the reference or heading drawn at its destination)."""
    action = annot.get("/A")
    if action is not None and action.get("/URI") is not None:
        return f"Link to {action.URI}"
    dest = annot.get("/Dest")
    if isinstance(dest, pikepdf.Array) and len(dest) >= 4:
        page = page_of.get(dest[0].objgen)
        x, y = float(dest[2] or 0), float(dest[3] or 0)
        # The anchor sits at the top of its paragraph's first line, a little above the drawn box.
        named = [
            m
            for m in (on_page.get(page, []) if page is not None else [])
            if m.tag.name and m.box[0] - 1 <= x <= m.box[2] and m.box[1] <= y <= m.box[3] + 8
        ]
        if named:
            return min(named, key=lambda m: abs(m.box[3] - y)).tag.name
    return "Link within the document"
