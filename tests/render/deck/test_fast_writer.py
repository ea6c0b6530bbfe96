"""The writer's fast path writes what python-pptx's setters and add_slide write: every paragraph of a deck,
text-frame and table-cell properties built both ways compare equal as XML, and new slides get the same
partnames, relationship ids and slide ids."""

from __future__ import annotations

from dataclasses import replace

import pytest
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Inches, Pt

from briefgen.brief.model import FactValue
from briefgen.render.deck.drawingml import HLINK_COLOR_EXT, HLINK_COLOR_NS, body_properties
from briefgen.render.deck.fit import line_width, marker_text, plain, set_text
from briefgen.render.deck.layout import ParaPlan
from briefgen.render.deck.plan import plan_deck
from briefgen.render.deck.slides import MAX_SLIDE_ID, NewSlides
from briefgen.render.deck.table import MARGIN_X
from briefgen.render.deck.table_writer import cell_properties
from briefgen.render.deck.template import deck_geometry
from briefgen.render.deck.writer import (
    WEB_SCHEMES,
    WORD_JOINER,
    bullet_props,
    clean,
    fill_paragraphs,
    slide_number,
    write_deck,
)
from briefgen.theme.model import DEFAULT_THEME, Theme
from tests.support.briefs import sample_brief
from tests.support.charts import chart_gallery

ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}
ANCHOR = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}


def xml(element: etree._Element) -> str:
    return etree.tostring(element, encoding="unicode")


# -- python-pptx's setters: how the writer wrote text before its fast path ------------------------------


def setter_run(p: _Paragraph, text: str, para: ParaPlan, theme: Theme, role: str, bold: bool):
    r = p.add_run()
    r.text = clean(text)
    r.font._rPr.set("lang", theme.language)
    f = r.font
    f.name = theme.face(para.face)
    f.size = Pt(para.size)
    f.bold = bold
    f.italic = para.italic
    f.color.rgb = RGBColor.from_string(theme.color(role))
    r.font._rPr.set("cap", "none")
    return r


def setter_rich(p: _Paragraph, para: ParaPlan, theme: Theme, width_in: float) -> None:
    for run in set_text(para, line_width(para, width_in)).runs:
        if isinstance(run, FactValue):
            setter_run(p, run.text, para, theme, "fact-value", True)
        elif run.text:
            setter_run(p, run.text, para, theme, para.role, para.bold)
    if para.text.marker.marks:
        numeric = para.text.marker.style == "numeric"
        if numeric:
            setter_run(p, WORD_JOINER, para, theme, para.role, para.bold)
        r = setter_run(p, marker_text(para.text.marker), para, theme, "citation-marker", False)
        r.font.italic = False
        if numeric:
            r.font._rPr.set("baseline", "30000")
    if para.url:
        setter_run(p, " ", para, theme, para.role, para.bold)
        r = setter_run(p, para.url, para, theme, "citation-marker", False)
        if para.url.lower().startswith(WEB_SCHEMES):
            r.hyperlink.address = clean(para.url)
            hlink = r.font._rPr.find(qn("a:hlinkClick"))
            ext = etree.SubElement(etree.SubElement(hlink, qn("a:extLst")), qn("a:ext"), uri=HLINK_COLOR_EXT)
            etree.SubElement(ext, f"{{{HLINK_COLOR_NS}}}hlinkClr", nsmap={"ahyp": HLINK_COLOR_NS}, val="tx")


def setter_paragraphs(
    tf: TextFrame, paras: tuple[ParaPlan, ...], theme: Theme, width_in: float, field: str, placeholder: bool
) -> None:
    for i, para in enumerate(paras):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.alignment = ALIGN[para.align]
        p.line_spacing = Pt(para.size * para.line_spacing)
        p.space_before = Pt(para.space_before if i else 0)
        p.space_after = Pt(0)
        ppr = p._p.get_or_add_pPr()
        if para.bullet:
            bullet_props(ppr, theme, placeholder and theme.template_bullets)
        elif placeholder:
            ppr.set("marL", "0")
            ppr.set("indent", "0")
            etree.SubElement(ppr, qn("a:buNone"))
        if field == "slidenum":
            slide_number(p._p, para, theme)
        else:
            setter_rich(p, para, theme, width_in)


# -- the comparisons ----------------------------------------------------------------------------------

HOSTILE = (
    ParaPlan(
        plain("a carriage\rreturn, a bell\x07, a tab\tand a line\nfeed & <markup> ‹›"),
        10.5,
        "muted",
        italic=True,
        space_before=3.3,
        line_spacing=1.15,
        align="right",
        url="HTTPS://example.org/?a=1&b=<2>",
    ),
    ParaPlan(plain("not a web link"), 7.3, "body", bold=True, bullet=True, url="file:///etc/passwd"),
    ParaPlan(plain("centred"), 28.0, "title", align="center", face="heading"),
)


def paragraph_sets(theme: Theme, style: str) -> list[tuple[tuple[ParaPlan, ...], float, str]]:
    """Every text box's and table cell's paragraphs of the sample deck (with their text widths and
    fields), and a few hostile ones."""
    plan = plan_deck(sample_brief(facts=True, style=style), theme)  # type: ignore[arg-type]
    sets = [(b.paragraphs, b.w - 2 * b.inset, b.field) for s in plan.slides for b in (s.title, *s.boxes)]
    for table in (t for s in plan.slides for t in s.tables):
        for row in table.rows:
            sets += [(c.paragraphs, w - 2 * MARGIN_X, "") for c, w in zip(row, table.widths, strict=True)]
    return [*sets, (HOSTILE, 4.0, "")]


@pytest.mark.parametrize("style", ["numeric", "author-date"])
@pytest.mark.parametrize("placeholder", [False, True])
def test_every_paragraph_of_a_deck_is_written_as_the_setters_write_it(style, placeholder):
    # Lower-case colours (the setters write them upper-case), another language, the template's bullets.
    colors = {role: c.lower() for role, c in DEFAULT_THEME.colors.items()}
    theme = replace(DEFAULT_THEME, colors=colors, language="de-CH", template_bullets=placeholder)
    prs = Presentation()
    fast_slide, slow_slide = (prs.slides.add_slide(prs.slide_layouts[6]) for _ in range(2))
    sets = paragraph_sets(theme, style)
    assert len(sets) > 50
    for paras, width, field in sets:
        fast, slow = (s.shapes.add_textbox(0, 0, Inches(4), Inches(1)) for s in (fast_slide, slow_slide))
        fill_paragraphs(fast.text_frame, paras, theme, width, field, placeholder)
        setter_paragraphs(slow.text_frame, paras, theme, width, field, placeholder)
        assert xml(fast.text_frame._txBody) == xml(slow.text_frame._txBody)
    # The links: the same relationships, in the same order.
    assert fast_slide.part.rels.xml == slow_slide.part.rels.xml
    assert fast_slide.part.rels.xml.count(b"hyperlink") >= 2


@pytest.mark.parametrize("anchor", ["top", "middle", "bottom"])
@pytest.mark.parametrize("inset", [0, 45720, 91440, 12345])  # python-pptx leaves the defaults unwritten
def test_text_frame_properties_are_written_as_the_setters_write_them(anchor, inset):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[1])  # a title and a body placeholder
    boxes = [slide.shapes.add_textbox(0, 0, Inches(4), Inches(1)) for _ in range(2)]
    for fast, slow in (boxes, slide.placeholders):
        body_properties(fast.text_frame._txBody.bodyPr, anchor, inset)
        tf = slow.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        tf.vertical_anchor = ANCHOR[anchor]
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = Emu(inset)
        assert xml(fast.text_frame._txBody.bodyPr) == xml(tf._txBody.bodyPr)


def test_table_cells_are_written_as_the_setters_write_them():
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    table = slide.shapes.add_table(1, 2, 0, 0, Inches(4), Inches(1)).table
    fast, slow = table.cell(0, 0), table.cell(0, 1)
    cell_properties(fast._tc, Emu(73152), Emu(45720), "1F2A44", "d0d5dd")
    slow.margin_left = slow.margin_right = Emu(73152)
    slow.margin_top = slow.margin_bottom = Emu(45720)
    slow.vertical_anchor = MSO_ANCHOR.MIDDLE
    slow.fill.solid()
    slow.fill.fore_color.rgb = RGBColor.from_string("1f2a44")
    tc_pr = slow._tc.get_or_add_tcPr()
    for i, tag in enumerate(("a:lnL", "a:lnR", "a:lnT", "a:lnB")):
        below = tag == "a:lnB"
        ln = etree.Element(qn(tag), w=str(Pt(0.75) if below else 0), cap="flat", cmpd="sng", algn="ctr")
        if below:
            etree.SubElement(etree.SubElement(ln, qn("a:solidFill")), qn("a:srgbClr")).set("val", "d0d5dd")
        else:
            etree.SubElement(ln, qn("a:noFill"))
        tc_pr.insert(i, ln)
    assert xml(fast._tc.tcPr) == xml(slow._tc.tcPr)


def deck_with_gaps(top_id: int | None):
    """Five slides, the second and fourth removed as a template's slides are (gaps in slide ids,
    relationship ids and partnames); the last slide's id `top_id` where given."""
    prs = Presentation()
    for _ in range(5):
        prs.slides.add_slide(prs.slide_layouts[6])
    ids = prs.slides._sldIdLst
    for sld in list(ids)[1:4:2]:
        prs.part.drop_rel(sld.rId)
        ids.remove(sld)
    if top_id is not None:
        ids[-1].set("id", str(top_id))
    return prs


@pytest.mark.parametrize("top_id", [None, MAX_SLIDE_ID])  # at the largest id, free ones are reused
def test_new_slides_get_the_partnames_and_ids_add_slide_gives(top_id):
    ref, fast = deck_with_gaps(top_id), deck_with_gaps(top_id)
    new = NewSlides(fast)
    for i in range(6):
        ref.slides.add_slide(ref.slide_layouts[i])
        new.add(fast.slide_layouts[i])
    assert xml(fast.part._element) == xml(ref.part._element)  # the slide id list: ids and rIds
    assert fast.part.rels.xml == ref.part.rels.xml  # the relationships: rIds and partnames
    assert [xml(s._element) for s in fast.slides] == [xml(s._element) for s in ref.slides]
    ids = [s.slide_id for s in fast.slides]
    assert len(set(ids)) == len(ids) == 9


def test_finished_slides_are_kept_as_bytes_and_the_deck_is_the_same(monkeypatch):
    # Each slide, its notes and its charts are serialised once finished, their trees let go; the deck
    # is byte for byte the one written with every tree kept until the save.
    brief = chart_gallery()
    plan = plan_deck(brief, brief.theme, deck_geometry(brief, brief.theme))
    frozen = []
    real_done = NewSlides.done
    monkeypatch.setattr(
        NewSlides, "done", staticmethod(lambda slide: (frozen.append(slide.part), real_done(slide)))
    )
    fast = write_deck(plan, brief.theme)
    assert frozen and all(not hasattr(part, "_element") for part in frozen)
    monkeypatch.setattr(NewSlides, "done", staticmethod(lambda slide: None))
    assert write_deck(plan, brief.theme) == fast


def test_notes_pages_are_made_as_python_pptx_makes_them():
    # The first notes page clones the notes master's placeholders; later ones copy that page's clones.
    ours, theirs = Presentation(), Presentation()
    slides = NewSlides(ours)
    fast = [slides.notes(slides.add(ours.slide_layouts[5])) for _ in range(3)]
    slow = [theirs.slides.add_slide(theirs.slide_layouts[5]).notes_slide for _ in range(3)]
    for a, b in zip(fast, slow, strict=True):
        assert etree.tostring(a._element) == etree.tostring(b._element)
        assert a.part.partname == b.part.partname
        assert a.notes_text_frame is not None
    assert [s.part.partname for s in ours.slides] == [s.part.partname for s in theirs.slides]
