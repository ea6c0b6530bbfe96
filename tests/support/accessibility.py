"""The rules of PowerPoint's Accessibility Checker that can be read from a .pptx file, applied to a deck."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER as PH
from pptx.oxml.ns import qn

from tests.support.contrast import contrast_problems

DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"
TITLES = (PH.TITLE, PH.CENTER_TITLE)


def _c_nv_pr(el):
    return next(iter(el.iter(qn("p:cNvPr"))), None)


def _decorative(c_nv_pr) -> bool:
    return any(d.get("val") == "1" for d in c_nv_pr.iter(f"{{{DECORATIVE}}}decorative"))


def accessibility_problems(path: Path, template: Path | None = None) -> list[str]:
    """'slide 3: picture 'Logo' has no alternative text' and the like, for every rule broken:

    - every slide has a title, in a title placeholder, read first (first in the reading order);
    - every chart, picture, group and shape without text has alternative text, or is marked decorative;
    - every table marks its header row;
    - every run states its language, and every hyperlink has text;
    - no text is below WCAG AA contrast with what lies under it (the template's artwork included).
    """
    out = contrast_problems(path, template)
    for n, slide in enumerate(Presentation(str(path)).slides, start=1):
        title = slide.shapes.title
        if title is None or title.placeholder_format.type not in TITLES or not title.text_frame.text.strip():
            out.append(f"slide {n}: no title in a title placeholder")
        elif slide.shapes[0].shape_id != title.shape_id:
            out.append(f"slide {n}: the reading order starts with '{slide.shapes[0].name}', not the title")
        for sh in slide.shapes:
            el, c_nv_pr = sh._element, _c_nv_pr(sh._element)
            needs_alt = (sh.has_chart if hasattr(sh, "has_chart") else False) or el.tag in (
                qn("p:pic"),
                qn("p:grpSp"),
            )
            if (
                el.tag == qn("p:sp")
                and not sh.is_placeholder
                and not (sh.has_text_frame and sh.text_frame.text.strip())
            ):
                needs_alt = True
            if needs_alt and not (c_nv_pr.get("descr") or "").strip() and not _decorative(c_nv_pr):
                out.append(f"slide {n}: '{sh.name}' has no alternative text and is not marked decorative")
            if getattr(sh, "has_table", False) and sh.has_table:
                tbl_pr = sh.table._tbl.find(qn("a:tblPr"))
                if tbl_pr is None or tbl_pr.get("firstRow") != "1":
                    out.append(f"slide {n}: table '{sh.name}' does not mark its header row")
        for r in slide._element.iter(qn("a:r")):
            rpr = r.find(qn("a:rPr"))
            text = "".join(t.text or "" for t in r.iter(qn("a:t")))
            if text.strip() and (rpr is None or not rpr.get("lang")):
                out.append(f"slide {n}: text '{text[:30]}' states no language")
            if rpr is not None and rpr.find(qn("a:hlinkClick")) is not None and not text.strip():
                out.append(f"slide {n}: a hyperlink without text")
    return out
