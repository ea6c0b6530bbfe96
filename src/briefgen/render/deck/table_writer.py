"""Write a planned table as a native PowerPoint table: header row filled, bands, measured row heights."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR
from pptx.oxml.ns import qn
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Emu, Pt

from briefgen.render.deck.layout import TablePlan
from briefgen.render.deck.table import MARGIN_X
from briefgen.theme.model import Theme

EMU_PER_IN = 914_400


def _emu(inches: float) -> Emu:
    return Emu(round(inches * EMU_PER_IN))


def _rule_below(cell, color: str) -> None:
    """A thin rule under a cell (a:lnB goes before the cell's fill in a:tcPr)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for tag in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        ln = etree.Element(
            qn(tag), w=str(Pt(0.75) if tag == "a:lnB" else 0), cap="flat", cmpd="sng", algn="ctr"
        )
        if tag == "a:lnB":
            fill = etree.SubElement(ln, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr")).set("val", color)
        else:
            etree.SubElement(ln, qn("a:noFill"))
        tc_pr.insert(("a:lnL", "a:lnR", "a:lnT", "a:lnB").index(tag), ln)


def add_table(slide: Slide, plan: TablePlan, theme: Theme, write: Callable) -> GraphicFrame:
    """Add the table and return its frame; `write(text_frame, paragraphs, theme, width)` fills each cell
    as the writer fills boxes (`width`: the text's width in inches, as the planner measured it)."""
    rows, cols = len(plan.rows), len(plan.widths)
    frame = slide.shapes.add_table(rows, cols, _emu(plan.x), _emu(plan.y), _emu(plan.w), _emu(plan.h))
    frame.name = plan.name
    table = frame.table
    table.first_row = True
    table.horz_banding = False  # the bands are filled explicitly, in the theme's colours
    for j, w in enumerate(plan.widths):
        table.columns[j].width = _emu(w)
    for i, h in enumerate(plan.heights):
        table.rows[i].height = _emu(h)
    for i, row in enumerate(plan.rows):
        for j, cell_plan in enumerate(row):
            cell = table.cell(i, j)
            cell.margin_left = cell.margin_right = _emu(plan.margin_x)
            cell.margin_top = cell.margin_bottom = _emu(plan.margin_y)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            cell.fill.fore_color.rgb = RGBColor.from_string(theme.color(cell_plan.fill))
            _rule_below(cell, theme.color("rule"))
            tf = cell.text_frame
            tf.word_wrap = True
            write(tf, cell_plan.paragraphs, theme, plan.widths[j] - 2 * MARGIN_X)
    return frame
