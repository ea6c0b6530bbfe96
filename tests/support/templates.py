"""Corporate templates made at test time with python-pptx: a renamed-layout .potx and a plain .pptx."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu

from tests.support.paths import EXAMPLE

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
    path.write_bytes(as_potx(buf.getvalue()))
    return path


def as_potx(data: bytes) -> bytes:
    """A presentation package retyped as a template (.potx): only its main content type changes."""
    zin, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            part = zin.read(info.filename)
            if info.filename == "[Content_Types].xml":
                part = part.replace(PRS.encode(), TPL.encode())
            zout.writestr(info, part)
    return out.getvalue()


def make_pptx(path: Path) -> Path:
    """python-pptx's default template as it is: 4:3, default layout names, plus a sample slide."""
    prs = Presentation()
    sample_slide(prs)
    prs.save(str(path))
    return path


# -- two-master templates made here: non-default layout names, a look of their own ---------------------

MASTER_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster"
MASTER_CT = "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"
LAYOUT_CT = "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"
THEME_CT = "application/vnd.openxmlformats-officedocument.theme+xml"
NS_P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _band(master, name: str, box: tuple[float, float, float, float], color: str) -> None:
    """A filled rectangle drawn on a master, under its placeholders (python-pptx cannot add one there)."""
    from lxml import etree

    x, y, w, h = (int(v * 914_400) for v in box)
    sp = etree.fromstring(
        f'<p:sp xmlns:p="{NS_P}" xmlns:a="{NS_A}"><p:nvSpPr><p:cNvPr id="{90 + len(name)}" name="{name}"/>'
        f'<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/>'
        f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{color}"/>'
        "</a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )
    tree = master._element.find(f"{{{NS_P}}}cSld/{{{NS_P}}}spTree")
    tree.insert(2, sp)  # after the group properties: drawn first, under everything


def _duplicate_master(data: bytes) -> bytes:
    """The package with its master, layouts and theme copied as a second master (same layout names)."""
    import re

    zin = zipfile.ZipFile(io.BytesIO(data))
    names = zin.namelist()
    layouts = sorted(n for n in names if re.fullmatch(r"ppt/slideLayouts/slideLayout\d+\.xml", n))
    offset = len(layouts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for n in names:
            d = zin.read(n)
            if n == "[Content_Types].xml":
                extra = f'<Override PartName="/ppt/slideMasters/slideMaster2.xml" ContentType="{MASTER_CT}"/>'
                extra += f'<Override PartName="/ppt/theme/theme2.xml" ContentType="{THEME_CT}"/>'
                for i in range(1, offset + 1):
                    part = f"/ppt/slideLayouts/slideLayout{i + offset}.xml"
                    extra += f'<Override PartName="{part}" ContentType="{LAYOUT_CT}"/>'
                d = d.replace(b"</Types>", extra.encode() + b"</Types>")
            elif n == "ppt/_rels/presentation.xml.rels":
                rel = f'<Relationship Id="rIdM2" Type="{MASTER_REL}" Target="slideMasters/slideMaster2.xml"/>'
                d = d.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            elif n == "ppt/presentation.xml":
                d = re.sub(
                    rb"(<p:sldMasterId [^>]*/>)",
                    rb'\1<p:sldMasterId id="2147483700" r:id="rIdM2"/>',
                    d,
                    count=1,
                )
            z.writestr(n, d)
        master = zin.read("ppt/slideMasters/slideMaster1.xml")
        ids = iter(range(2147483701, 2147483701 + offset))
        master = re.sub(
            rb'<p:sldLayoutId id="\d+"', lambda m: f'<p:sldLayoutId id="{next(ids)}"'.encode(), master
        )
        z.writestr("ppt/slideMasters/slideMaster2.xml", master)
        mrels = zin.read("ppt/slideMasters/_rels/slideMaster1.xml.rels")
        mrels = re.sub(
            rb"slideLayout(\d+)\.xml", lambda m: f"slideLayout{int(m[1]) + offset}.xml".encode(), mrels
        )
        z.writestr(
            "ppt/slideMasters/_rels/slideMaster2.xml.rels", mrels.replace(b"theme1.xml", b"theme2.xml")
        )
        z.writestr("ppt/theme/theme2.xml", zin.read("ppt/theme/theme1.xml"))
        for i in range(1, offset + 1):
            z.writestr(
                f"ppt/slideLayouts/slideLayout{i + offset}.xml",
                zin.read(f"ppt/slideLayouts/slideLayout{i}.xml"),
            )
            rels = zin.read(f"ppt/slideLayouts/_rels/slideLayout{i}.xml.rels")
            z.writestr(
                f"ppt/slideLayouts/_rels/slideLayout{i + offset}.xml.rels",
                rels.replace(b"slideMaster1", b"slideMaster2"),
            )
    return out.getvalue()


def _theme_fonts_and_colors(prs, master_no: int, major: str, minor: str, scheme: dict[str, str]) -> None:
    theme_part = next(
        r.target_part
        for r in prs.slide_masters[master_no - 1].part.rels.values()
        if r.reltype.endswith("/theme")
    )
    from lxml import etree

    root = etree.fromstring(theme_part.blob)
    a = f"{{{NS_A}}}"
    root.find(f".//{a}majorFont/{a}latin").set("typeface", major)
    root.find(f".//{a}minorFont/{a}latin").set("typeface", minor)
    for role, value in scheme.items():
        el = root.find(f".//{a}clrScheme/{a}{role}")
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{a}srgbClr").set("val", value)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# Two house styles: names no default matches, two masters each, theme fonts installed in CI (DejaVu).
HOUSE_STYLES = {
    "harbour": {
        "names": {
            "Title Slide": "Opening",
            "Section Header": "Chapter",
            "Title and Content": "Body copy",
            "Title Only": "Headline",
        },
        "fonts": ("DejaVu Serif", "DejaVu Sans"),
        "schemes": (
            {"dk1": "14213D", "lt1": "FFFFFF", "dk2": "0B3C5D", "lt2": "E8EEF4", "accent1": "C8553D"},
            {"dk1": "FFFFFF", "lt1": "14213D", "dk2": "E8EEF4", "lt2": "0B3C5D", "accent1": "F2A541"},
        ),
        "masters": ("Harbour light", "Harbour dark"),
        "backgrounds": ("FFFFFF", "14213D"),
        "bands": (
            ("Top band", (0.0, 0.0, 13.333, 0.35), "0B3C5D"),
            ("Side band", (0.0, 0.0, 0.35, 7.5), "F2A541"),
        ),
    },
    "ledger": {
        "names": {
            "Title Slide": "Front page",
            "Section Header": "Part",
            "Title and Content": "Page with list",
            "Title Only": "Page title",
        },
        "fonts": ("DejaVu Sans", "DejaVu Serif"),
        "schemes": (
            {"dk1": "222222", "lt1": "FBF8F1", "dk2": "5B3A29", "lt2": "EFE6D2", "accent1": "8C5E58"},
            {"dk1": "222222", "lt1": "FFFFFF", "dk2": "2E4057", "lt2": "DDE3EA", "accent1": "2E8B57"},
        ),
        "masters": ("Ledger paper", "Ledger plain"),
        "backgrounds": ("FBF8F1", "FFFFFF"),
        "bands": (
            ("Foot band", (0.0, 6.9, 13.333, 0.6), "5B3A29"),
            ("Head rule", (0.0, 0.0, 13.333, 0.2), "2E4057"),
        ),
    },
}


def make_house_template(
    path: Path,
    style: str,
    fonts: tuple[str, str] | None = None,
    bands: tuple[tuple[str, tuple[float, float, float, float], str], ...] | None = None,
) -> Path:
    """A 16:9 template of two masters with the same non-default layout names, each master with its own
    theme fonts, colour scheme, background and a band of artwork; saved as .potx or .pptx by suffix."""
    spec = HOUSE_STYLES[style]
    prs = Presentation()
    factor = 13.333 / 10.0
    prs.slide_width = Emu(12_192_000)
    for shapes in [prs.slide_master.shapes, *(lay.shapes for lay in prs.slide_layouts)]:
        for sh in shapes:
            if sh.width is not None and sh._element.xpath("./p:spPr/a:xfrm"):
                sh.left, sh.width = Emu(int(sh.left * factor)), Emu(int(sh.width * factor))
    for lay in prs.slide_layouts:
        lay.name = spec["names"].get(lay.name, lay.name)
    buf = io.BytesIO()
    prs.save(buf)
    prs = Presentation(io.BytesIO(_duplicate_master(buf.getvalue())))
    for i, master in enumerate(prs.slide_masters):
        master._element.cSld.set("name", spec["masters"][i])
        master.background.fill.solid()
        master.background.fill.fore_color.rgb = RGBColor.from_string(spec["backgrounds"][i])
        name, box, color = (bands or spec["bands"])[i]
        _band(master, name, box, color)
        major, minor = fonts or spec["fonts"]
        _theme_fonts_and_colors(prs, i + 1, major, minor, spec["schemes"][i])
    out = io.BytesIO()
    prs.save(out)
    data = out.getvalue()
    if path.suffix == ".potx":
        data = as_potx(data)
    path.write_bytes(data)
    return path


def on_template(template: Path, folder: Path, extra: str = "") -> Path:
    """The example spec beside a copy of the template, naming it (and `extra` lines)."""
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / "sources").exists():
        shutil.copytree(EXAMPLE.parent, folder, dirs_exist_ok=True)
    shutil.copy(template, folder / template.name)
    spec = folder / f"{template.stem}-{template.suffix[1:]}.yaml"
    named = f'\ntemplate: "{template.name}"\n{extra}author:'
    spec.write_text(EXAMPLE.read_text(encoding="utf-8").replace("\nauthor:", named, 1), encoding="utf-8")
    return spec
