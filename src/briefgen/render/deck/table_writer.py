"""Write a planned table as a native PowerPoint table: header row filled, bands, measured row heights."""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.oxml.table import CT_TableCell
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide
from pptx.util import Emu, Pt

from briefgen.render.deck.drawingml import solid_fill
from briefgen.render.deck.layout import TablePlan
from briefgen.render.deck.table import MARGIN_X
from briefgen.theme.model import Theme

EMU_PER_IN = 914_400
BORDERS = ("a:lnL", "a:lnR", "a:lnT", "a:lnB")


def _emu(inches: float) -> Emu:
    return Emu(round(inches * EMU_PER_IN))


def cell_properties(tc: CT_TableCell, margin_x: Emu, margin_y: Emu, fill: str, rule: str) -> None:
    """A cell's margins, middle anchor, borders (a thin `rule` below, none elsewhere) and `fill`, written
    into its a:tcPr (empty in a new table) as python-pptx's cell setters write them."""
    tc_pr = tc.get_or_add_tcPr()
    for name, value in (("marL", margin_x), ("marR", margin_x), ("marT", margin_y), ("marB", margin_y)):
        tc_pr.set(name, str(value))
    tc_pr.set("anchor", "ctr")
    for tag in BORDERS:
        below = tag == "a:lnB"
        ln = etree.SubElement(
            tc_pr, qn(tag), w=str(Pt(0.75) if below else 0), cap="flat", cmpd="sng", algn="ctr"
        )
        if below:
            solid_fill(ln, rule)
        else:
            etree.SubElement(ln, qn("a:noFill"))
    solid_fill(tc_pr, fill)


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
    margin_x, margin_y = _emu(plan.margin_x), _emu(plan.margin_y)
    for i, row in enumerate(plan.rows):
        for j, cell_plan in enumerate(row):
            cell = table.cell(i, j)
            fill = str(RGBColor.from_string(theme.color(cell_plan.fill)))
            cell_properties(cell._tc, margin_x, margin_y, fill, theme.color("rule"))
            tf = cell.text_frame
            tf.word_wrap = True
            write(tf, cell_plan.paragraphs, theme, plan.widths[j] - 2 * MARGIN_X)
    return frame
