"""Write a DeckPlan as a .pptx with python-pptx: text boxes, native charts, notes; byte-reproducible."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import uuid
import warnings
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import IO

import pptx.chart.xlsx as _pptx_xlsx
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import OpcPackage, Part
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter, _PhysPkgWriter
from pptx.oxml.ns import qn
from pptx.package import Package
from pptx.parts.image import Image, ImagePart
from pptx.presentation import Presentation as PptxPresentation
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.text.text import TextFrame
from pptx.util import Emu, Pt
from xlsxwriter import Workbook as _XlsxWorkbook

from briefgen.brief.model import Brief, FactValue, RichText
from briefgen.diagnostics import RenderWarning
from briefgen.render.deck.audit import audit_plan
from briefgen.render.deck.charts import add_chart
from briefgen.render.deck.drawingml import (
    P,
    RunStyle,
    add_run,
    body_properties,
    link,
    paragraph,
    solid_fill,
)
from briefgen.render.deck.fit import line_width, marker_text, set_text
from briefgen.render.deck.layout import (
    BoxPlan,
    DeckPlan,
    ParaPlan,
    PicturePlan,
    RectPlan,
    SlidePlan,
)
from briefgen.render.deck.placeholders import Placeholders
from briefgen.render.deck.plan import plan_deck
from briefgen.render.deck.slides import NewSlides
from briefgen.render.deck.table_writer import add_table
from briefgen.render.deck.template import deck_geometry, layout_for, open_template, remove_all_slides
from briefgen.theme.model import Theme

EMU_PER_IN = 914_400
# Every timestamp in the package: nothing about a build may depend on when it ran (reportlab's default too).
FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def build_time() -> dt.datetime:
    """The date both outputs carry: SOURCE_DATE_EPOCH where a packaging system sets it (reportlab reads it
    too), else a fixed date, so builds stay byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit() and 315532800 <= int(epoch) <= 4102444800:  # 1980 to 2100: what a zip can date
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return FIXED_TIME


SLIDENUM_FLD_ID = f"{{{str(uuid.uuid5(uuid.NAMESPACE_URL, 'briefgen-slidenum')).upper()}}}"
# XML 1.0 cannot hold these; python-pptx would show them as visible "_x0007_" text (render guide A6).
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
WORD_JOINER = "\u2060"
WEB_SCHEMES = ("http://", "https://")
TITLE_ONLY = 5  # python-pptx default template: "Title Only" (keeps slide.shapes.title for screen readers)


class _FixedDateWorkbook(_XlsxWorkbook):
    """XlsxWriter stamps each chart's embedded workbook with now(); pin it."""

    def __init__(self, filename: object = None, options: dict | None = None) -> None:
        super().__init__(filename, options)
        self.set_properties({"created": build_time().replace(tzinfo=None)})


def _next_partname_cached(self: OpcPackage, tmpl: str) -> PackURI:
    """next_partname without re-walking the whole part graph per call (O(N²) otherwise, #644)."""
    cache = self.__dict__.setdefault("_bg_partnames", {})
    used = cache.get(tmpl)
    if used is None:
        prefix = tmpl[: (tmpl % 42).find("42")]
        used = cache[tmpl] = {str(p.partname) for p in self.iter_parts() if p.partname.startswith(prefix)}
    n = len(used) + 1
    while tmpl % n in used:
        n += 1
    used.add(tmpl % n)
    return PackURI(tmpl % n)


def _image_part_cached(self: Package, image_file: str | IO[bytes]) -> ImagePart:
    """get_or_add_image_part without walking every relationship of the package per picture (O(N²) with a
    logo on every slide): the part python-pptx finds or makes for an image is kept by the image's SHA1."""
    cache = self.__dict__.setdefault("_bg_images", {})
    sha1 = Image.from_file(image_file).sha1
    if sha1 not in cache:
        cache[sha1] = self._image_parts.get_or_add_image_part(image_file)
    return cache[sha1]


def _patch_pptx() -> None:
    """Determinism and speed patches, tied to python-pptx 1.0.2 (pinned in pyproject)."""
    _pptx_xlsx.Workbook = _FixedDateWorkbook  # pptx.chart.xlsx did `from xlsxwriter import Workbook`
    OpcPackage.next_partname = _next_partname_cached  # type: ignore[method-assign]  # names never reused
    Package.get_or_add_image_part = _image_part_cached  # type: ignore[method-assign]


def clean(text: str) -> str:
    """Drop characters XML cannot carry and make run-internal line breaks spaces (as measured)."""
    return _BAD_XML.sub("", text.replace("\n", " ").replace("\v", " "))


def _emu(inches: float) -> Emu:
    return Emu(round(inches * EMU_PER_IN))


def _rgb(theme: Theme, role: str) -> RGBColor:
    return RGBColor.from_string(theme.color(role))


# -- text ------------------------------------------------------------------------------------------


def _style(para: ParaPlan, theme: Theme, role: str, bold: bool) -> RunStyle:
    """The run style of a paragraph's text in colour `role`."""
    color = str(_rgb(theme, role))
    return RunStyle(theme.language, theme.face(para.face), para.size, bold, para.italic, color)


def _rich(p: etree._Element, part: Part, rt: RichText, para: ParaPlan, theme: Theme, width_in: float) -> None:
    """Text runs, fact values bold in their colour, then the citation marker: superscript right after the
    claim when numeric, normal-size text after a space when author-date; a web URL as a link (related
    from `part`). The text is set as it was measured in a box of inner width `width_in`."""
    text = _style(para, theme, para.role, para.bold)
    for run in set_text(para, line_width(para, width_in)).runs:
        if isinstance(run, FactValue):
            add_run(p, clean(run.text), _style(para, theme, "fact-value", True))
        elif run.text:
            add_run(p, clean(run.text), text)
    # Markers are not links: LibreOffice breaks a line before any linked run, which would part a
    # superscript marker from its word (and it cannot wrap inside one, which a long author-date marker
    # would overflow). The reference list is in the notes and on the last slides.
    if rt.marker.marks:
        numeric = rt.marker.style == "numeric"
        if numeric:
            # A word joiner keeps the marker on the line of its word: viewers may break before '['.
            add_run(p, WORD_JOINER, text)
        # A marker is a reference, not part of an italic quote; numeric ones are superscript.
        marker = _style(para, theme, "citation-marker", False)
        marker = replace(marker, italic=False, baseline="30000" if numeric else "")
        add_run(p, clean(marker_text(rt.marker)), marker)
    if para.url:
        add_run(p, " ", text)
        rpr = add_run(p, clean(para.url), _style(para, theme, "citation-marker", False))
        # Only web links become clickable: any other scheme (file:, javascript:) stays plain text.
        if para.url.lower().startswith(WEB_SCHEMES):
            link(rpr, part.relate_to(clean(para.url), RT.HYPERLINK, is_external=True))


def bullet_props(ppr: etree._Element, theme: Theme, inherit: bool) -> None:
    """A real bullet at the measured hanging indent: the template's bullet character and colour where the
    text sits in its body placeholder (`inherit`), else an accent-coloured dot (text boxes have none)."""
    indent = int(Pt(theme.bullet_indent_pt))
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    if inherit:
        return
    clr = etree.SubElement(ppr, qn("a:buClr"))
    etree.SubElement(clr, qn("a:srgbClr")).set("val", theme.color("accent"))
    etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
    etree.SubElement(ppr, qn("a:buChar")).set("char", "•")


def slide_number(p: etree._Element, para: ParaPlan, theme: Theme) -> None:
    fld = etree.SubElement(p, qn("a:fld"))
    fld.set("id", SLIDENUM_FLD_ID)
    fld.set("type", "slidenum")
    rpr = etree.SubElement(fld, qn("a:rPr"), {"lang": theme.language, "sz": str(int(para.size * 100))})
    solid_fill(rpr, theme.color(para.role))
    etree.SubElement(rpr, qn("a:latin")).set("typeface", theme.face(para.face))
    etree.SubElement(fld, qn("a:t")).text = "‹#›"  # cached text; the viewer computes the number


def fill_text(tf: TextFrame, box: BoxPlan, theme: Theme, placeholder: bool = False) -> None:
    """Write a box's paragraphs: explicit sizes and exact line spacing, so the planner's measure holds; in
    a template's placeholder, bullets keep the template's character and colour, other paragraphs none."""
    body_properties(tf._txBody.bodyPr, box.anchor, _emu(box.inset))
    if box.colors:  # the contrast check's colours for this box
        theme = replace(theme, colors={**theme.colors, **dict(box.colors)})
    fill_paragraphs(tf, box.paragraphs, theme, box.w - 2 * box.inset, box.field, placeholder)


def fill_paragraphs(
    tf: TextFrame,
    paragraphs: tuple[ParaPlan, ...],
    theme: Theme,
    width_in: float,
    field: str = "",
    placeholder: bool = False,
) -> None:
    """The paragraphs of a text frame or table cell (`width_in` inches of text across), each at its
    planned size and spacing, in place of the frame's own (the one empty paragraph of a new frame)."""
    if not paragraphs:
        return
    txbody = tf._txBody
    for old in txbody.findall(P):
        txbody.remove(old)
    for i, para in enumerate(paragraphs):
        # None before the first paragraph: viewers disagree on whether they honour it there.
        p, ppr = paragraph(txbody, para.align, para.size * para.line_spacing, para.space_before if i else 0)
        if para.bullet:
            bullet_props(ppr, theme, placeholder and theme.template_bullets)
        elif placeholder:  # a body placeholder's paragraphs are bulleted unless told otherwise
            ppr.set("marL", "0")
            ppr.set("indent", "0")
            etree.SubElement(ppr, qn("a:buNone"))
        if field == "slidenum":
            slide_number(p, para, theme)
        else:
            _rich(p, tf.part, para.text, para, theme, width_in)


def _add_box(slide: Slide, box: BoxPlan, theme: Theme, holders: Placeholders | None = None) -> None:
    """A box as a text box, or in the template placeholder of its kind where the layout has one."""
    shape = holders.take(box.placeholder) if holders is not None and box.placeholder else None
    if shape is None:
        shape = slide.shapes.add_textbox(_emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h))
        shape.name = box.name
    else:
        shape.left, shape.top, shape.width, shape.height = _emu(box.x), _emu(box.y), _emu(box.w), _emu(box.h)
    if box.fill:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(theme, box.fill)
    fill_text(shape.text_frame, box, theme, placeholder=shape.is_placeholder)


def _add_rect(slide: Slide, rect: RectPlan, theme: Theme) -> None:
    shape = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, _emu(rect.x), _emu(rect.y), _emu(rect.w), _emu(rect.h)
    )
    shape.name = rect.name
    sp_pr = shape._element.spPr  # a new autoshape's: its position and geometry
    solid_fill(sp_pr, str(_rgb(theme, rect.role)))
    etree.SubElement(etree.SubElement(sp_pr, qn("a:ln")), qn("a:noFill"))  # no outline
    # The autoshape's theme style adds a shadow some viewers draw despite an empty effect list.
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)
    c_nv_pr = shape._element.nvSpPr.cNvPr
    if rect.alt:
        c_nv_pr.set("descr", rect.alt)
    else:  # a rule or a backing: accessibility checkers then ask no alternative text of it
        _decorative(c_nv_pr)


def _decorative(c_nv_pr: etree._Element) -> None:
    """Mark a shape decorative (Office 2019's a:extLst/adec:decorative)."""
    ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"), uri=DECORATIVE_EXT)
    etree.SubElement(ext, f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS}, val="1")


# -- slides ----------------------------------------------------------------------------------------


def _add_picture(slide: Slide, pic: PicturePlan) -> None:
    shape = slide.shapes.add_picture(str(pic.path), _emu(pic.x), _emu(pic.y), _emu(pic.w), _emu(pic.h))
    shape.name = pic.name
    shape._element.nvPicPr.cNvPr.set("descr", pic.alt)  # type: ignore[union-attr]


def _add_slide(
    prs: PptxPresentation, slides: NewSlides, plan: SlidePlan, theme: Theme, template: Path | None
) -> Slide:
    holders = None
    if template is None:
        slide = slides.add(prs.slide_layouts[TITLE_ONLY])
    else:  # the layout for the kind of slide, with its placeholders (those the slide leaves unused go)
        master = plan.master or theme.master
        slide = slides.add(layout_for(prs, plan.layout, theme.layouts, template, master))
        holders = Placeholders(slide)
    if plan.background:
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = _rgb(theme, plan.background)
    title = slide.shapes.title
    t = plan.title
    if title is None:  # a template layout without a title placeholder
        title = slide.shapes.add_textbox(_emu(t.x), _emu(t.y), _emu(t.w), _emu(t.h))
        title.name = "Title"
    title.left, title.top, title.width, title.height = _emu(t.x), _emu(t.y), _emu(t.w), _emu(t.h)
    if t.fill:  # a backing the contrast check set
        title.fill.solid()
        title.fill.fore_color.rgb = _rgb(theme, t.fill)
    fill_text(title.text_frame, t, theme)
    for rect in plan.rects:
        _add_rect(slide, rect, theme)
    for box in plan.boxes:  # placeholders first: a chart may take a content placeholder the text leaves
        if box.placeholder and holders is not None:
            _add_box(slide, box, theme, holders)
    for c in plan.charts:
        chart_theme = replace(
            theme, colors={**theme.colors, **dict(c.colors)}, palette=c.palette or theme.palette
        )
        frame = add_chart(slide, c.chart, (_emu(c.x), _emu(c.y), _emu(c.w), _emu(c.h)), chart_theme)
        if c.backing:
            _chart_backing(frame, theme.color(c.backing))
        if holders is not None:
            holders.seat(frame, "chart")
    for table in plan.tables:
        frame = add_table(slide, table, theme, fill_paragraphs)
        if holders is not None:
            holders.seat(frame, "table")
    for box in plan.boxes:
        if not (box.placeholder and holders is not None):
            _add_box(slide, box, theme)
    for pic in plan.pictures:
        _add_picture(slide, pic)
    if holders is not None:
        holders.drop_unused()
    if plan.notes:
        tf = slides.notes(slide).notes_text_frame
        if tf is not None:  # None when a notes master lacks a body placeholder (#983)
            tf.text = _BAD_XML.sub("", plan.notes)
            for p in tf.paragraphs:
                for r in p.runs:
                    r.font._rPr.set("lang", theme.language)
    return slide


def _chart_backing(frame: GraphicFrame, color: str) -> None:
    """Fill the chart's area: it stands on a backdrop no one text colour reads on (python-pptx has no API)."""
    space = frame.chart._chartSpace
    sppr = space.find(qn("c:spPr"))
    if sppr is None:
        sppr = etree.Element(qn("c:spPr"))
        space.find(qn("c:chart")).addnext(sppr)
    for old in list(sppr):
        sppr.remove(old)
    solid_fill(sppr, color)


def _ensure_notes_master_id_lst(prs: PptxPresentation) -> None:
    """python-pptx relates a notes master but never lists it; Keynote then drops the notes (PR #1128)."""
    pres = prs.part._element
    if pres.find(qn("p:notesMasterIdLst")) is not None:
        return
    rid = next((r for r, rel in prs.part.rels.items() if rel.reltype == RT.NOTES_MASTER), None)
    if rid:
        lst = etree.Element(qn("p:notesMasterIdLst"))
        etree.SubElement(lst, qn("p:notesMasterId")).set(qn("r:id"), rid)
        pres.find(qn("p:sldMasterIdLst")).addnext(lst)


DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
VIEW_PROPS_CT = "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml"
VIEW_PROPS = (
    '<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
    '<p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr>'
    '<p:gridSpacing cx="76200" cy="76200"/></p:viewPr>'
)


def _ensure_view_props(prs: PptxPresentation) -> None:
    """A view-properties part: templates saved by LibreOffice have none, and PowerPoint then opens the
    deck with its 'repair' dialog."""
    if any(rel.reltype == RT.VIEW_PROPS for rel in prs.part.rels.values()):
        return
    part = Part(PackURI("/ppt/viewProps.xml"), VIEW_PROPS_CT, prs.part.package, VIEW_PROPS.encode())
    prs.part.relate_to(part, RT.VIEW_PROPS)


def _property(text: str) -> str:
    """A core property as the format allows it: at most 255 characters (the slides keep the full text)."""
    clean = _BAD_XML.sub("", text)
    return clean if len(clean) <= 255 else clean[:254].rstrip() + "…"


def _core_properties(prs: PptxPresentation, plan: DeckPlan, language: str) -> None:
    cp = prs.core_properties
    cp.title = _property(plan.title)
    cp.subject = _property(plan.subtitle)
    cp.author = _property(plan.author) or "briefgen"
    cp.last_modified_by = "briefgen"
    cp.revision = 1
    cp.language = language
    cp.keywords = _property(", ".join(plan.keywords))
    cp.comments = cp.category = cp.content_status = cp.identifier = cp.version = ""
    cp.created = cp.modified = cp.last_printed = build_time().replace(tzinfo=None)


def _drop_thumbnail(prs: PptxPresentation) -> None:
    """The default template's thumbnail shows someone else's slide."""
    rels = prs.part.package._rels
    for rid in [r for r, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        rels.pop(rid)


class _FixedZip(_PhysPkgWriter):
    """Where python-pptx's package writer puts each member: deflated once, with a fixed date and mode."""

    def __init__(self, out: zipfile.ZipFile) -> None:
        self._zip = out

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        """Add `blob` as the member `pack_uri` names."""
        zi = zipfile.ZipInfo(pack_uri.membername, date_time=(1980, 1, 1, 0, 0, 0))
        zi.compress_type, zi.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
        self._zip.writestr(zi, blob)


def _package_bytes(prs: PptxPresentation) -> bytes:
    """The package as python-pptx saves it (content types, package relationships, then each part and its
    relationships, in its order), zipped with fixed timestamps and modes instead of the time of day."""
    package = prs.part.package
    writer = PackageWriter(io.BytesIO(), package._rels, tuple(package.iter_parts()))  # writes no file
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        members = _FixedZip(z)
        writer._write_content_types_stream(members)
        writer._write_pkg_rels(members)
        writer._write_parts(members)
    return out.getvalue()


def write_deck(plan: DeckPlan, theme: Theme) -> bytes:
    """The .pptx bytes for `plan`; the same plan always gives the same bytes."""
    _patch_pptx()
    if plan.template is None:
        prs = Presentation()
        prs.slide_width, prs.slide_height = _emu(plan.width), _emu(plan.height)
    else:  # the template's masters, theme and slide size stay; its own slides go
        prs = open_template(plan.template)
        remove_all_slides(prs)
    slides = NewSlides(prs)
    for slide_plan in plan.slides:
        slides.done(_add_slide(prs, slides, slide_plan, theme, plan.template))
    _ensure_notes_master_id_lst(prs)
    _ensure_view_props(prs)
    _core_properties(prs, plan, theme.language)
    _drop_thumbnail(prs)
    return _package_bytes(prs)


def render_deck(brief: Brief, theme: Theme) -> bytes:
    """The deck's bytes: the slide geometry (the template's, if any), the plan, then the written deck.
    Each text colour the contrast check replaced is reported as a RenderWarning."""
    plan = plan_deck(brief, theme, deck_geometry(brief, theme))
    for line in plan.contrast:
        warnings.warn(f"contrast: {line}", RenderWarning, stacklevel=2)
    return write_deck(plan, theme)


def audit_deck(brief: Brief, theme: Theme) -> list[str]:
    """'slide 7 (References): content fills 12% of the body, under 20%' for every problem of the deck's
    layout (see render.deck.audit)."""
    geo = deck_geometry(brief, theme)
    return audit_plan(plan_deck(brief, theme, geo), geo, theme)
