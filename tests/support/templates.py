"""Corporate templates made at test time with python-pptx: a renamed-layout .potx and a plain .pptx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu

RENAMED = {
    "Title Slide": "Cover",
    "Section Header": "Divider",
    "Title and Content": "Text page",
    "Title Only": "Heading only",
}
CORP_LAYOUTS = {"title": "Cover", "section": "Divider", "content": "Text page", "title-only": "Heading only"}
TPL = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRS = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
SAMPLE_TEXT = "Sample slide of the template"
CORP_BACKGROUND = "F3F1EC"


def sample_slide(prs) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = SAMPLE_TEXT


def make_potx(path: Path) -> Path:
    """A 16:9 .potx with renamed layouts, a tinted master background and a sample slide."""
    prs = Presentation()
    factor = 13.333 / 10.0
    prs.slide_width = Emu(12_192_000)
    # Layout geometry is absolute: widen master and layout placeholders with the slide.
    for shapes in [prs.slide_master.shapes, *(lay.shapes for lay in prs.slide_layouts)]:
        for sh in shapes:
            if sh.width is not None and sh._element.xpath("./p:spPr/a:xfrm"):
                sh.left, sh.width = Emu(int(sh.left * factor)), Emu(int(sh.width * factor))
    for lay in prs.slide_layouts:
        lay.name = RENAMED.get(lay.name, lay.name)
    prs.slide_master.background.fill.solid()
    prs.slide_master.background.fill.fore_color.rgb = RGBColor.from_string(CORP_BACKGROUND)
    sample_slide(prs)
    buf = io.BytesIO()
    prs.save(buf)
    zin, out = zipfile.ZipFile(buf), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(PRS.encode(), TPL.encode())
            zout.writestr(info, data)
    path.write_bytes(out.getvalue())
    return path


def make_pptx(path: Path) -> Path:
    """python-pptx's default template as it is: 4:3, default layout names, plus a sample slide."""
    prs = Presentation()
    sample_slide(prs)
    prs.save(str(path))
    return path
