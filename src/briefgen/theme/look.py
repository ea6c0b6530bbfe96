"""A template's look from its package: its placeholders' text styles, and the colours under each layout."""

from __future__ import annotations

import colorsys
import io
import itertools
import math
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from lxml import etree
from PIL import Image, ImageDraw

from briefgen.theme.template import SCHEME, master_theme, part_targets, read_theme, typeface, xml_part

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_LAYOUT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideLayout"
EMU_PER_IN = 914_400
# An image is sampled on a grid of this many cells across (and as many down as its aspect gives).
SAMPLE_CELLS = 24
MAX_IMAGE_BYTES = 30 * 1024 * 1024
MAX_IMAGE_PIXELS = 60_000_000
# A shape covering at least this share of the slide is a background, not artwork to keep clear of; so is
# artwork that together covers COVERED_SHARE of it (a collage).
BACKGROUND_SHARE = 0.5
COVERED_SHARE = 0.6
_PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "blue": "0000FF", "green": "008000"}
_FILLS = ("solidFill", "gradFill", "blipFill", "noFill", "pattFill", "grpFill")


@dataclass(frozen=True)
class TextLook:
    """How a placeholder's first-level text looks: typeface, colour (RRGGBB) and weight; '' where unset."""

    font: str = ""
    color: str = ""
    bold: bool | None = None


@dataclass(frozen=True)
class BulletLook:
    """The body placeholder's first-level bullet: whether it has a character, its colour, its indent."""

    char: bool = False
    color: str = ""
    indent_pt: float = 0.0


@dataclass(frozen=True)
class TemplateLook:
    """What the deck takes from a template: text looks by placeholder, the bullet, the theme colours."""

    title: TextLook = TextLook()
    body: TextLook = TextLook()
    cover_title: TextLook = TextLook()
    cover_sub: TextLook = TextLook()
    bullet: BulletLook = BulletLook()
    scheme: dict[str, str] = field(default_factory=dict)  # dk1 … accent6, as the master's colour map reads


@dataclass(frozen=True)
class Patch:
    """A filled area of a layout, bottom to top, in inches, with the colours it shows (a gradient's stops,
    an image cell's average); `art` for artwork content must keep clear of, not a background."""

    x: float
    y: float
    w: float
    h: float
    colors: tuple[str, ...]
    art: bool = False
    alpha: float = 1.0  # how opaque the patch is (a see-through shape shows what lies beneath)
    soft: bool = False  # line art: kept clear of where there is room, crossed where there is none


@dataclass
class _Part:
    """A layout or master part with what resolving its colours needs."""

    z: zipfile.ZipFile
    name: str
    el: etree._Element
    scheme: dict[str, str]
    major: str
    minor: str


def _find(
    z: zipfile.ZipFile, layout_name: str, master: str
) -> tuple[_Part, _Part, etree._Element | None] | None:
    """(layout, its master, the master's theme) for a layout name, in master number `master` if given."""
    pres = xml_part(z, "ppt/presentation.xml")
    if pres is None:
        return None
    rels = part_targets(z, "ppt/presentation.xml")
    for number, mid in enumerate(pres.iter(f"{_P}sldMasterId"), start=1):
        if master.isdigit() and int(master) != number:
            continue
        mpart = rels.get(mid.get(f"{_R}id", ""), "")
        mel = xml_part(z, mpart)
        if mel is None:
            continue
        theme = master_theme(z, mpart)
        scheme, major, minor = _theme(theme, mel)
        for lpart in part_targets(z, mpart, _LAYOUT_REL).values():
            lel = xml_part(z, lpart)
            if lel is not None and _name(lel) == layout_name:
                return (
                    _Part(z, lpart, lel, scheme, major, minor),
                    _Part(z, mpart, mel, scheme, major, minor),
                    theme,
                )
    return None


def _name(el: etree._Element) -> str:
    csld = el.find(f"{_P}cSld")
    return csld.get("name", "") if csld is not None else ""


def _theme(theme: etree._Element | None, master: etree._Element) -> tuple[dict[str, str], str, str]:
    """The colour scheme keyed by what text and fills name (dk1 … and bg1/tx1/bg2/tx2 through the
    master's colour map), and the major and minor Latin typefaces."""
    scheme, major, minor = read_theme(theme)
    cmap = master.find(f"{_P}clrMap")
    mapping = dict(cmap.attrib) if cmap is not None else {}
    defaults = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
    for alias, default in defaults.items():
        target = mapping.get(alias, default)
        if target in scheme:
            scheme[alias] = scheme[target]
    return scheme, major, minor


def color_of(el: etree._Element | None, scheme: dict[str, str], placeholder: str = "") -> str:
    """RRGGBB of a colour element (srgbClr, schemeClr, sysClr, prstClr) with its luminance, shade and
    tint changes applied; `placeholder` stands for phClr; '' when it cannot be known."""
    if el is None:
        return ""
    tag = etree.QName(el).localname
    value = ""
    if tag == "srgbClr":
        value = el.get("val", "")
    elif tag == "schemeClr":
        name = el.get("val", "")
        value = placeholder if name == "phClr" else scheme.get(name, "")
    elif tag == "sysClr":
        value = el.get("lastClr", "")
    elif tag == "prstClr":
        value = _PRESET.get(el.get("val", ""), "")
    if len(value) != 6:
        return ""
    try:
        r, g, b = (int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return ""
    for mod in el:
        kind, v = etree.QName(mod).localname, _pct(mod.get("val"))
        if kind in ("lumMod", "lumOff"):
            h, lum, s = colorsys.rgb_to_hls(r, g, b)
            lum = lum * v if kind == "lumMod" else lum + v
            r, g, b = colorsys.hls_to_rgb(h, min(max(lum, 0.0), 1.0), s)
        elif kind == "shade":
            r, g, b = r * v, g * v, b * v
        elif kind == "tint":
            r, g, b = (c + (1 - c) * (1 - v) for c in (r, g, b))
    return "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in (r, g, b))


def _alpha(fill: etree._Element) -> float:
    """The opacity of a solid fill's colour (1 when it sets none)."""
    el = fill.find(f".//{_A}alpha")
    return min(max(_pct(el.get("val")), 0.0), 1.0) if el is not None else 1.0


def _pct(val: str | None) -> float:
    try:
        return int(val or "100000") / 100_000
    except ValueError:
        return 1.0


def _fill_colors(fill: etree._Element | None, scheme: dict[str, str], ph: str = "") -> tuple[str, ...]:
    """The colours a solid, gradient or pattern fill shows (a gradient's stops, a pattern's two)."""
    if fill is None:
        return ()
    kind = etree.QName(fill).localname
    if kind == "solidFill":
        c = color_of(fill[0] if len(fill) else None, scheme, ph)
        return (c,) if c else ()
    if kind == "pattFill":  # a pattern shows both its colours
        parts = (fill.find(f"{_A}fgClr"), fill.find(f"{_A}bgClr"))
        found = [color_of(c[0] if c is not None and len(c) else None, scheme, ph) for c in parts]
        return tuple(dict.fromkeys(c for c in found if c))
    if kind == "gradFill":
        stops = [color_of(gs[0] if len(gs) else None, scheme, ph) for gs in fill.iter(f"{_A}gs")]
        return tuple(dict.fromkeys(c for c in stops if c))
    return ()


# -- text looks ------------------------------------------------------------------------------------


def _placeholders(part: _Part) -> Iterator[tuple[str, etree._Element]]:
    for sp in part.el.iter(f"{_P}sp"):
        ph = sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
        if ph is not None:
            yield ph.get("type", "obj"), sp


def _same_kind(kind: str) -> tuple[str, ...]:
    if kind in ("title", "ctrTitle"):
        return ("title", "ctrTitle")
    if kind in ("body", "obj", "subTitle"):
        return ("body", "obj", "subTitle")
    return (kind,)


def _text_look(layout: _Part, master: _Part, kinds: tuple[str, ...], style: str) -> TextLook:
    """The first typeface, colour and weight set for a placeholder kind: in the layout's placeholder
    (list style, then its sample text), then the master's, then the master's text styles, then the theme."""
    sources: list[etree._Element] = []
    for part in (layout, master):
        sp = next((sp for k, sp in _placeholders(part) if k in kinds), None)
        if sp is None and part is master:  # the master's placeholder of the same family
            sp = next((sp for k, sp in _placeholders(part) if k in _same_kind(kinds[0])), None)
        if sp is not None:
            sources += sp.findall(f"{_P}txBody/{_A}lstStyle/{_A}lvl1pPr/{_A}defRPr")
            sources += sp.findall(f"{_P}txBody/{_A}p/{_A}r/{_A}rPr")[:1]
            sources += sp.findall(f"{_P}txBody/{_A}p/{_A}endParaRPr")[:1]
    sources += master.el.findall(f"{_P}txStyles/{_P}{style}/{_A}lvl1pPr/{_A}defRPr")
    font, color, bold = "", "", None
    for rpr in sources:
        if not font and (face := typeface(rpr.find(f"{_A}latin"))):
            font = face
        if not color:
            fill = rpr.find(f"{_A}solidFill")
            color = color_of(fill[0] if fill is not None and len(fill) else None, master.scheme)
        if bold is None and rpr.get("b") is not None:
            bold = rpr.get("b") in ("1", "true")
    default = master.major if style == "titleStyle" else master.minor
    font = {"+mj-lt": master.major, "+mn-lt": master.minor}.get(font, font) or default
    return TextLook(font, color or master.scheme.get("tx1", ""), bold)


def _bullet(layout: _Part, master: _Part) -> BulletLook:
    """The first-level bullet of the body placeholder, as the title look is found."""
    ppr: list[etree._Element] = []
    for part in (layout, master):
        sp = next((sp for k, sp in _placeholders(part) if k in ("body", "obj")), None)
        if sp is not None:
            ppr += sp.findall(f"{_P}txBody/{_A}lstStyle/{_A}lvl1pPr")
            ppr += [p for p in sp.findall(f"{_P}txBody/{_A}p/{_A}pPr") if p.get("lvl", "0") == "0"][:1]
    ppr += master.el.findall(f"{_P}txStyles/{_P}bodyStyle/{_A}lvl1pPr")
    char, color, indent = None, "", None
    for p in ppr:
        if char is None and (p.find(f"{_A}buChar") is not None or p.find(f"{_A}buAutoNum") is not None):
            char = True
        if char is None and p.find(f"{_A}buNone") is not None:
            char = False
        if not color:
            clr = p.find(f"{_A}buClr")
            color = color_of(clr[0] if clr is not None and len(clr) else None, master.scheme)
        if indent is None and p.get("marL") is not None:
            try:
                indent = int(p.get("marL", "0")) / 12700
            except ValueError:
                indent = None
    return BulletLook(bool(char), color, indent or 0.0)


def read_look(template: Path, layouts: dict[str, str], master: str = "") -> TemplateLook:
    """The look of the content and title layouts the deck uses; an empty look where they cannot be read."""
    try:
        with zipfile.ZipFile(template) as z:
            content = _find(z, layouts.get("content", ""), master) or _find(
                z, layouts.get("title-only", ""), master
            )
            if content is None:
                return TemplateLook()
            layout, mst, _ = content
            cover = _find(z, layouts.get("title", ""), master) or content
            return TemplateLook(
                title=_text_look(layout, mst, ("title",), "titleStyle"),
                body=_text_look(layout, mst, ("body", "obj"), "bodyStyle"),
                cover_title=_text_look(cover[0], cover[1], ("ctrTitle", "title"), "titleStyle"),
                cover_sub=_text_look(cover[0], cover[1], ("subTitle", "body", "obj"), "bodyStyle"),
                bullet=_bullet(layout, mst),
                scheme={k: v for k, v in mst.scheme.items() if k in SCHEME},
            )
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, zlib.error):
        return TemplateLook()


# -- what lies under the content -------------------------------------------------------------------


def read_backdrop(template: Path, layout_name: str, master: str = "") -> tuple[Patch, ...]:
    """The filled areas of a layout, bottom to top: the background (the layout's, else the master's, else
    the theme's light colour), the master's shapes unless the layout hides them, then the layout's own.
    Pictures are sampled into cells of their average colour. () when the layout cannot be read. Read once
    per version of the file: a build asks for the same layout's backdrop many times."""
    try:
        st = Path(template).stat()
    except OSError:
        return ()
    return _backdrop(Path(template), st.st_mtime_ns, st.st_size, layout_name, master)


@lru_cache(maxsize=64)
def _backdrop(template: Path, _mtime: int, _size: int, layout_name: str, master: str) -> tuple[Patch, ...]:
    try:
        with zipfile.ZipFile(template) as z:
            found = _find(z, layout_name, master)
            if found is None:
                return ()
            layout, mst, theme = found
            w, h = _slide_size(z)
            patches = _background(layout, mst, theme, w, h)
            if layout.el.get("showMasterSp", "1") not in ("0", "false"):
                patches += _shapes(mst, w, h)
            return _as_background(tuple(patches + _shapes(layout, w, h)), w, h)
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, zlib.error):
        return ()


def numbers_slides(template: Path, layout_name: str, master: str = "") -> bool:
    """True when the layout's or its master's artwork prints the slide number itself (a text box with a
    slide-number field, not a placeholder): the deck then adds none of its own."""
    try:
        with zipfile.ZipFile(template) as z:
            found = _find(z, layout_name, master)
            if found is None:
                return False
            layout, mst, _ = found
            parts = [layout] + ([mst] if layout.el.get("showMasterSp", "1") not in ("0", "false") else [])
            for part in parts:
                for sp in part.el.iter(f"{_P}sp"):
                    if sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph") is None and any(
                        f.get("type") == "slidenum" for f in sp.iter(f"{_A}fld")
                    ):
                        return True
            return False
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, zlib.error):
        return False


def _as_background(patches: tuple[Patch, ...], w: float, h: float) -> tuple[Patch, ...]:
    """Artwork that together covers most of the slide (a collage, a photograph in pieces) is the slide's
    background: content cannot keep clear of it, only read on it."""
    art = [p for p in patches if p.art]
    points = [(w * (i + 0.5) / 20, h * (j + 0.5) / 12) for i in range(20) for j in range(12)]
    covered = sum(1 for x, y in points if any(p.x <= x < p.x + p.w and p.y <= y < p.y + p.h for p in art))
    if covered < COVERED_SHARE * len(points):
        return patches
    return tuple(replace(p, art=False) for p in patches)


# Placeholder kinds as the deck fills them, with the OOXML types that stand for each, best first.
PLACEHOLDER_TYPES = {
    "title": ("title", "ctrTitle"),
    "body": ("body", "obj"),
    "subtitle": ("subTitle", "body", "obj"),
    "footer": ("ftr",),
    "slidenum": ("sldNum",),
    "date": ("dt",),
}


def read_placeholder_fills(template: Path, layout_name: str, master: str = "") -> dict[str, tuple[str, ...]]:
    """The fill each kind of placeholder of a layout brings with it wherever it is placed (its own, else
    its master's): placeholder kind → the colours it shows; kinds without a fill are left out."""
    try:
        with zipfile.ZipFile(template) as z:
            found = _find(z, layout_name, master)
            if found is None:
                return {}
            layout, mst, _ = found
            out: dict[str, tuple[str, ...]] = {}
            for kind, types in PLACEHOLDER_TYPES.items():
                for part in (layout, mst):
                    sp = next((sp for t in types for k, sp in _placeholders(part) if k == t), None)
                    sppr = sp.find(f"{_P}spPr") if sp is not None else None
                    fill = (
                        next((c for c in sppr if etree.QName(c).localname in _FILLS), None)
                        if sppr is not None
                        else None
                    )
                    if fill is not None:
                        if colors := _fill_colors(fill, part.scheme):
                            out[kind] = colors
                        break
            return out
    except (OSError, zipfile.BadZipFile, EOFError, ValueError, zlib.error):
        return {}


def _slide_size(z: zipfile.ZipFile) -> tuple[float, float]:
    pres = xml_part(z, "ppt/presentation.xml")
    size = pres.find(f"{_P}sldSz") if pres is not None else None
    if size is None:
        return 10.0, 7.5
    return int(size.get("cx", "9144000")) / EMU_PER_IN, int(size.get("cy", "6858000")) / EMU_PER_IN


def _background(
    layout: _Part, master: _Part, theme: etree._Element | None, w: float, h: float
) -> list[Patch]:
    for part in (layout, master):
        bg = part.el.find(f"{_P}cSld/{_P}bg")
        if bg is None:
            continue
        pr, ref = bg.find(f"{_P}bgPr"), bg.find(f"{_P}bgRef")
        if pr is not None:
            fill = next((c for c in pr if etree.QName(c).localname in _FILLS), None)
        elif ref is not None:
            fill, ph = _style_fill(theme, ref)
            if fill is not None and etree.QName(fill).localname != "blipFill":
                return [Patch(0, 0, w, h, _fill_colors(fill, part.scheme, ph))]
        else:
            continue
        if fill is not None and etree.QName(fill).localname == "blipFill":
            return _picture(part, fill, (0, 0, w, h), w, h) or [Patch(0, 0, w, h, ())]
        colors = _fill_colors(fill, part.scheme)
        if colors:
            return [Patch(0, 0, w, h, colors)]
    return [Patch(0, 0, w, h, (master.scheme.get("bg1", "FFFFFF"),))]


def _style_fill(theme: etree._Element | None, ref: etree._Element) -> tuple[etree._Element | None, str]:
    """The theme's background fill a bgRef points at (idx 1001 on), with the colour it stands for."""
    try:
        idx = int(ref.get("idx", "0"))
    except ValueError:
        return None, ""
    lst = theme.find(f".//{_A}bgFillStyleLst") if theme is not None else None
    if lst is None or idx <= 1000 or idx - 1001 >= len(lst):
        return None, ""
    return lst[idx - 1001], color_of(ref[0] if len(ref) else None, {})


def _box(el: etree._Element, parent: tuple[float, ...]) -> tuple[float, float, float, float] | None:
    """A shape's box in inches, mapped through the group transforms it sits in."""
    xfrm = el.find(f"{_P}spPr/{_A}xfrm")
    if xfrm is None:
        xfrm = el.find(f"{_P}grpSpPr/{_A}xfrm")
    off, ext = (xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")) if xfrm is not None else (None, None)
    if off is None or ext is None:
        return None
    try:
        x, y = int(off.get("x", "0")), int(off.get("y", "0"))
        cx, cy = int(ext.get("cx", "0")), int(ext.get("cy", "0"))
    except ValueError:
        return None
    ox, oy, sx, sy = parent
    return (ox + x * sx) / EMU_PER_IN, (oy + y * sy) / EMU_PER_IN, cx * sx / EMU_PER_IN, cy * sy / EMU_PER_IN


def _shapes(part: _Part, w: float, h: float) -> list[Patch]:
    tree = part.el.find(f"{_P}cSld/{_P}spTree")
    return _walk(part, tree, (0.0, 0.0, 1.0, 1.0), w, h) if tree is not None else []


def _walk(part: _Part, tree: etree._Element, parent: tuple[float, ...], w: float, h: float) -> list[Patch]:
    out: list[Patch] = []
    for el in tree:
        kind = etree.QName(el).localname
        if kind == "grpSp":
            out += _walk(part, el, _group(el, parent), w, h)
            continue
        if kind not in ("sp", "pic", "cxnSp") or el.find(f".//{_P}nvPr/{_P}ph") is not None:
            continue
        box = _box(el, parent)
        if box is None or box[2] < 0 or box[3] < 0:
            continue
        if _outlined(el):  # line art: drawn strokes content should keep clear of where it can
            out.append(Patch(box[0], box[1], max(box[2], 0.02), max(box[3], 0.02), (), art=True, soft=True))
        if box[2] <= 0 or box[3] <= 0:
            continue
        art = box[2] * box[3] < BACKGROUND_SHARE * w * h
        if kind == "pic":
            blip = el.find(f"{_P}blipFill")
            # Its colours cell by cell, and (when it is artwork) one patch over the whole of it to avoid.
            out += _picture(part, blip, box, w, h) + ([Patch(*box, (), art=True)] if art else [])
            continue
        sppr = el.find(f"{_P}spPr")
        fill = (
            next((c for c in sppr if etree.QName(c).localname in _FILLS), None) if sppr is not None else None
        )
        if fill is None:  # the shape style's fill, when it names one
            ref = el.find(f"{_P}style/{_A}fillRef")
            if ref is not None and ref.get("idx", "0") != "0" and len(ref):
                c = color_of(ref[0], part.scheme)
                out += [Patch(*box, (c,), art)] if c else []
            continue
        colors = _fill_colors(fill, part.scheme)
        cells = _outline_cells(sppr, box, colors, _alpha(fill)) if colors and sppr is not None else None
        if cells is not None:  # a drawn outline: its colours where it is, one patch to avoid over it
            out += cells + ([Patch(*box, (), art=True)] if art else [])
        elif colors:
            out.append(Patch(*box, colors, art, _alpha(fill)))
    return out


GEOMETRY_CELLS = 32  # a custom shape is rasterised on a grid this many cells across (or down)


def _outline_cells(
    sppr: etree._Element, box: tuple[float, float, float, float], colors: tuple[str, ...], alpha: float
) -> list[Patch] | None:
    """A custom-geometry shape as the grid cells its outline covers (a triangle's bounding box is not
    all triangle); None for preset shapes, which are drawn as their box."""
    paths = sppr.findall(f"{_A}custGeom/{_A}pathLst/{_A}path")
    if not paths:
        return None
    x0, y0, bw, bh = box
    cols = max(1, round(GEOMETRY_CELLS * min(1.0, bw / max(bh, 0.01))))
    rows = max(1, round(GEOMETRY_CELLS * min(1.0, bh / max(bw, 0.01))))
    mask = Image.new("1", (cols, rows), 0)
    draw = ImageDraw.Draw(mask)
    for path in paths:
        try:
            pw, ph = float(path.get("w") or 0) or 1.0, float(path.get("h") or 0) or 1.0
        except ValueError:
            return None
        for poly in _polygons(path):
            pts = [(px / pw * cols, py / ph * rows) for px, py in poly]
            if len(pts) >= 3:
                draw.polygon(pts, fill=1)
    cw, ch = bw / cols, bh / rows
    return [
        Patch(x0 + c * cw, y0 + r * ch, cw, ch, colors, False, alpha)
        for r in range(rows)
        for c in range(cols)
        if mask.getpixel((c, r))
    ]


def _polygons(path: etree._Element) -> list[list[tuple[float, float]]]:
    """A path's subpaths as point lists: lines as they are, curves and arcs flattened."""
    polys: list[list[tuple[float, float]]] = []
    cur: list[tuple[float, float]] = []

    def pts(el: etree._Element) -> list[tuple[float, float]]:
        out = []
        for pt in el.findall(f"{_A}pt"):
            try:
                out.append((float(pt.get("x", "0")), float(pt.get("y", "0"))))
            except ValueError:
                out.append((0.0, 0.0))
        return out

    for cmd in path:
        kind = etree.QName(cmd).localname
        if kind == "moveTo":
            if len(cur) >= 3:
                polys.append(cur)
            cur = pts(cmd)[:1]
        elif kind == "lnTo":
            cur += pts(cmd)[:1]
        elif kind in ("cubicBezTo", "quadBezTo") and cur:
            ctrl = [cur[-1], *pts(cmd)]
            cur += [_bezier(ctrl, i / 8) for i in range(1, 9)]
        elif kind == "arcTo" and cur:
            cur += _arc(cur[-1], cmd)
        elif kind == "close" and len(cur) >= 3:
            polys.append(cur)
            cur = []
    if len(cur) >= 3:
        polys.append(cur)
    return polys


def _bezier(ctrl: list[tuple[float, float]], t: float) -> tuple[float, float]:
    while len(ctrl) > 1:
        ctrl = [(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t) for a, b in itertools.pairwise(ctrl)]
    return ctrl[0]


def _arc(start: tuple[float, float], el: etree._Element) -> list[tuple[float, float]]:
    """An arcTo flattened: radii wR, hR; start and swing angles in 60000ths of a degree."""
    try:
        wr, hr = float(el.get("wR", "0")), float(el.get("hR", "0"))
        st, sw = (
            math.radians(int(el.get("stAng", "0")) / 60000),
            math.radians(int(el.get("swAng", "0")) / 60000),
        )
    except ValueError:
        return []
    cx, cy = start[0] - wr * math.cos(st), start[1] - hr * math.sin(st)
    return [
        (cx + wr * math.cos(st + sw * i / 12), cy + hr * math.sin(st + sw * i / 12)) for i in range(1, 13)
    ]


def _outlined(el: etree._Element) -> bool:
    """True for a shape drawn by a visible outline of at least 1 pt and no fill (a line drawing)."""
    sppr = el.find(f"{_P}spPr")
    if sppr is None:
        return False
    fill = next((c for c in sppr if etree.QName(c).localname in _FILLS), None)
    if fill is not None and etree.QName(fill).localname != "noFill":
        return False
    ln = sppr.find(f"{_A}ln")
    if ln is None or ln.find(f"{_A}solidFill") is None:
        return False
    try:
        return int(ln.get("w", "9525")) >= 12_700
    except ValueError:
        return False


def _group(el: etree._Element, parent: tuple[float, ...]) -> tuple[float, float, float, float]:
    """The transform (offset and scale, EMU) that maps a group's child coordinates onto the slide."""
    xfrm = el.find(f"{_P}grpSpPr/{_A}xfrm")
    if xfrm is None:
        return (parent[0], parent[1], parent[2], parent[3])
    try:
        off, ext = xfrm.find(f"{_A}off"), xfrm.find(f"{_A}ext")
        choff, chext = xfrm.find(f"{_A}chOff"), xfrm.find(f"{_A}chExt")
        x, y = int(off.get("x")), int(off.get("y"))
        cx, cy = int(ext.get("cx")), int(ext.get("cy"))
        chx, chy = int(choff.get("x")), int(choff.get("y"))
        chcx, chcy = int(chext.get("cx")) or 1, int(chext.get("cy")) or 1
    except (AttributeError, TypeError, ValueError):
        return (parent[0], parent[1], parent[2], parent[3])
    sx, sy = cx / chcx, cy / chcy
    ox, oy, psx, psy = parent
    return (ox + (x - chx * sx) * psx, oy + (y - chy * sy) * psy, sx * psx, sy * psy)


def _picture(
    part: _Part, blip_fill: etree._Element | None, box: tuple[float, float, float, float], w: float, h: float
) -> list[Patch]:
    """A picture stretched over `box`, as cells of its average colour (bitmaps Pillow reads; none else)."""
    blip = blip_fill.find(f"{_A}blip") if blip_fill is not None else None
    rid = blip.get(f"{_R}embed", "") if blip is not None else ""
    target = part_targets(part.z, part.name).get(rid, "")
    if not target:
        return []
    try:
        info = part.z.getinfo(target)
        if info.file_size > MAX_IMAGE_BYTES:
            return []
        with Image.open(io.BytesIO(part.z.read(target))) as im:
            if im.width * im.height > MAX_IMAGE_PIXELS:
                return []
            im.draft("RGB", (SAMPLE_CELLS * 4, SAMPLE_CELLS * 4))
            cols = SAMPLE_CELLS
            rows = max(1, round(SAMPLE_CELLS * box[3] / max(box[2], 0.01)))
            small = im.convert("RGB").resize((cols, rows), Image.Resampling.BOX)
    except (KeyError, OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        return []
    x0, y0, bw, bh = box
    cw, ch = bw / cols, bh / rows
    out = []
    for r in range(rows):
        for c in range(cols):
            px = small.getpixel((c, r))
            assert isinstance(px, tuple)
            out.append(Patch(x0 + c * cw, y0 + r * ch, cw, ch, ("{:02X}{:02X}{:02X}".format(*px[:3]),)))
    return out


def colors_under(patches: tuple[Patch, ...], rect: tuple[float, float, float, float]) -> tuple[str, ...]:
    """The colours showing under a box: at points on a grid over it, the topmost patch's colours, blended
    over what lies beneath where that patch is see-through."""
    x, y, w, h = rect
    near = [
        p for p in patches if p.colors and p.x < x + w and p.x + p.w > x and p.y < y + h and p.y + p.h > y
    ]
    found: list[str] = []
    for i in range(7):
        for j in range(4):
            px, py = x + w * (i + 0.5) / 7, y + h * (j + 0.5) / 4
            found += _seen([p for p in near if p.x <= px < p.x + p.w and p.y <= py < p.y + p.h])
    return tuple(dict.fromkeys(found))


def _seen(stack: list[Patch]) -> list[str]:
    """The colours a stack of patches (bottom to top) shows at one point."""
    if not stack:
        return []
    top = stack[-1]
    if top.alpha >= 1.0:
        return list(top.colors)
    below = _seen(stack[:-1]) or ["FFFFFF"]
    return [_blend(c, b, top.alpha) for c in top.colors for b in below]


def _blend(over: str, under: str, alpha: float) -> str:
    a = [int(over[i : i + 2], 16) for i in (0, 2, 4)]
    b = [int(under[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(x * alpha + y * (1 - alpha)):02X}" for x, y in zip(a, b, strict=True))
