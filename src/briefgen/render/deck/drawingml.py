"""DrawingML text written as lxml elements in one step, as python-pptx's per-property setters write it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from pptx.oxml.ns import qn
from pptx.util import Pt

P, PPR, R, RPR, T = qn("a:p"), qn("a:pPr"), qn("a:r"), qn("a:rPr"), qn("a:t")
SOLID_FILL, SRGB_CLR, LATIN = qn("a:solidFill"), qn("a:srgbClr"), qn("a:latin")
SPC_PTS, HLINK_CLICK, R_ID = qn("a:spcPts"), qn("a:hlinkClick"), qn("r:id")
# a:pPr's spacing children, in schema order: line spacing, space before, space after.
SPACING = (qn("a:lnSpc"), qn("a:spcBef"), qn("a:spcAft"))
ALGN = {"left": "l", "center": "ctr", "right": "r"}
ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
# a:bodyPr's autofit choice, and the children that follow it.
NO_AUTOFIT = qn("a:noAutofit")
AUTOFIT = (NO_AUTOFIT, qn("a:normAutofit"), qn("a:spAutoFit"))
AFTER_AUTOFIT = (qn("a:scene3d"), qn("a:sp3d"), qn("a:flatTx"), qn("a:extLst"))
# Insets python-pptx leaves unwritten (EMU): the format's defaults.
DEFAULT_INSETS = {"lIns": 91440, "rIns": 91440, "tIns": 45720, "bIns": 45720}
# python-pptx writes these control characters as visible escapes ('_x000D_') in a run's text.
_CTRL = re.compile("[\x00-\x08\x0b-\x1f]")
# Office 2019+ draws a link in its run's own colour with this extension (else in the theme's link colour).
HLINK_COLOR_EXT = "{A12FA001-AC4F-418D-AE19-62706E023703}"
HLINK_COLOR_NS = "http://schemas.microsoft.com/office/drawing/2018/hyperlinkcolor"


@dataclass(frozen=True)
class RunStyle:
    """A run's character properties: language (BCP 47), typeface, size in points, bold, italic, colour
    (RRGGBB) and a baseline shift ('30000': superscript; '' for none)."""

    lang: str
    face: str
    size: float
    bold: bool
    italic: bool
    color: str
    baseline: str = ""


def centipoints(points: float) -> str:
    """A length in points as DrawingML states sizes and spacing: hundredths of a point, rounded down
    from whole EMU as python-pptx rounds them."""
    return str(Pt(points).centipoints)


def solid_fill(parent: etree._Element, color: str) -> None:
    """Append an a:solidFill of colour `color` (RRGGBB) to `parent`."""
    etree.SubElement(etree.SubElement(parent, SOLID_FILL), SRGB_CLR, val=color)


def body_properties(bodypr: etree._Element, anchor: str, inset: int) -> None:
    """Set a text body's a:bodyPr as python-pptx's text-frame setters do: wrapped lines, no autofit, the
    vertical `anchor`, and an `inset` (EMU) on all four sides (unwritten where it is the default)."""
    bodypr.set("wrap", "square")
    for old in [c for c in bodypr if c.tag in AUTOFIT]:
        bodypr.remove(old)
    after = next((c for c in bodypr if c.tag in AFTER_AUTOFIT), None)
    no_autofit = etree.SubElement(bodypr, NO_AUTOFIT)
    if after is not None:
        after.addprevious(no_autofit)
    bodypr.set("anchor", ANCHOR[anchor])
    for name, default in DEFAULT_INSETS.items():
        if inset != default:
            bodypr.set(name, str(inset))
        elif name in bodypr.attrib:
            del bodypr.attrib[name]


def paragraph(
    txbody: etree._Element, align: str, line_pt: float, before_pt: float
) -> tuple[etree._Element, etree._Element]:
    """Append an a:p to a text body with its a:pPr (alignment, exact line spacing, space before, none
    after); return both."""
    p = etree.SubElement(txbody, P)
    ppr = etree.SubElement(p, PPR, algn=ALGN[align])
    for tag, points in zip(SPACING, (line_pt, before_pt, 0.0), strict=True):
        etree.SubElement(etree.SubElement(ppr, tag), SPC_PTS, val=centipoints(points))
    return p, ppr


def run_text(text: str) -> str:
    """A run's text as python-pptx sets it: control characters other than tab and line feed written as
    '_xHHHH_' (a carriage return is the one the writer's clean() leaves)."""
    return _CTRL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def add_run(p: etree._Element, text: str, style: RunStyle) -> etree._Element:
    """Append an a:r with its a:rPr (language, size, weight, slant, no capitals, colour, typeface) and
    its text to the paragraph `p`; return the a:rPr."""
    attrs = {
        "lang": style.lang,  # screen readers choose their voice by it
        "sz": centipoints(style.size),
        "b": "1" if style.bold else "0",
        "i": "1" if style.italic else "0",
        "cap": "none",  # a template's all-caps title style would outgrow the measure
    }
    if style.baseline:
        attrs["baseline"] = style.baseline
    r = etree.SubElement(p, R)
    rpr = etree.SubElement(r, RPR, attrs)
    solid_fill(rpr, style.color)
    etree.SubElement(rpr, LATIN, typeface=style.face)
    etree.SubElement(r, T).text = run_text(text)
    return rpr


def link(rpr: etree._Element, rid: str) -> None:
    """Make a run a link through relationship `rid`, drawn in the run's own colour rather than the
    theme's link colour."""
    hlink = etree.SubElement(rpr, HLINK_CLICK, {R_ID: rid})
    ext = etree.SubElement(etree.SubElement(hlink, qn("a:extLst")), qn("a:ext"), uri=HLINK_COLOR_EXT)
    etree.SubElement(ext, f"{{{HLINK_COLOR_NS}}}hlinkClr", nsmap={"ahyp": HLINK_COLOR_NS}, val="tx")
