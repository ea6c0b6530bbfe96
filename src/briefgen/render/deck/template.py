"""Corporate templates (.pptx or .potx): open them, drop their sample slides, find layouts by name across
every master, read placeholder geometry for the planner, and describe them (`briefgen template-info`)."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER as PH
from pptx.exc import PackageNotFoundError
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PptxPresentation
from pptx.slide import Slide, SlideLayout

from briefgen.brief.model import Brief
from briefgen.diagnostics import BriefgenError, Diagnostic, Location
from briefgen.render.deck.layout import FOOTER_Y, SLIDE_H, SOURCE_H, Geometry, Rect, grid
from briefgen.theme.model import DEFAULT_LAYOUTS, Theme
from briefgen.theme.template import quoted_list, read_masters

EMU_PER_IN = 914_400
_TPL = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
_PRS = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
P14_SECTIONS = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
TITLE_TYPES = (PH.TITLE, PH.CENTER_TITLE, PH.VERTICAL_TITLE)
BODY_TYPES = (PH.BODY, PH.OBJECT)
SUBTITLE_TYPES = (PH.SUBTITLE, PH.BODY, PH.OBJECT)


class TemplateError(Exception):
    """A template that cannot be read as a PowerPoint package."""


def open_template(path: Path) -> PptxPresentation:
    """The template as a presentation; a .potx is opened with its content type rewritten in memory."""
    try:
        raw = Path(path).read_bytes()
        zin = zipfile.ZipFile(io.BytesIO(raw))
        if _TPL in zin.read("[Content_Types].xml"):
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
                for info in zin.infolist():
                    data = zin.read(info.filename)
                    zout.writestr(
                        info, data.replace(_TPL, _PRS) if info.filename == "[Content_Types].xml" else data
                    )
            raw = buf.getvalue()
        return Presentation(io.BytesIO(raw))
    except (
        OSError,
        KeyError,
        ValueError,
        zipfile.BadZipFile,
        PackageNotFoundError,
        SyntaxError,
        EOFError,
        zlib.error,
    ) as e:
        raise TemplateError(f"not a PowerPoint template (.pptx or .potx): {e}") from e


def remove_all_slides(prs: PptxPresentation) -> None:
    """Drop the template's own slides, and the section list and custom shows that point at them."""
    lst = prs.slides._sldIdLst
    for sld in list(lst):
        prs.part.drop_rel(sld.rId)
        lst.remove(sld)
    pres = prs.part._element
    for ext in pres.findall(f"./{qn('p:extLst')}/{qn('p:ext')}[@uri='{P14_SECTIONS}']"):
        ext.getparent().remove(ext)
    cust = pres.find(qn("p:custShowLst"))
    if cust is not None:
        pres.remove(cust)


def all_layouts(prs: PptxPresentation) -> list[SlideLayout]:
    """Every layout of every master (prs.slide_layouts sees only the first master)."""
    return [lay for master in prs.slide_masters for lay in master.slide_layouts]


def layout_for(
    prs: PptxPresentation, kind: str, layouts: Mapping[str, str], template: Path, master: str = ""
) -> SlideLayout:
    """The layout a kind of slide uses, by name in the chosen master (its number) or else across all
    masters, first master first; a clear error when it is missing."""
    name = layouts.get(kind) or DEFAULT_LAYOUTS[kind]
    number = int(master) if master.isdigit() else 0
    candidates = (
        list(prs.slide_masters[number - 1].slide_layouts)
        if 0 < number <= len(prs.slide_masters)
        else all_layouts(prs)
    )
    found = next((lay for lay in candidates if lay.name == name), None)
    if found is not None:
        return found
    names = quoted_list([lay.name for lay in candidates])
    raise BriefgenError(
        [
            Diagnostic(
                "error",
                "template-layout",
                f"template {template.name} has no layout '{name}' (for {kind} slides)",
                Location(str(template)),
                f"the template's layouts are:{names}\n    map {kind} slides to one with 'layouts:'",
            )
        ]
    )


def placeholder(shapes: Iterable, types: tuple) -> object | None:
    """The first placeholder of one of `types`, top to bottom, left to right (never by idx)."""
    hits = [p for p in shapes if p.is_placeholder and p.placeholder_format.type in types]
    hits.sort(key=lambda p: (p.top or 0, p.left or 0))
    return hits[0] if hits else None


def _rect(shape: Any) -> Rect | None:
    if shape is None or shape.width is None:
        return None
    return tuple(round(v / EMU_PER_IN, 4) for v in (shape.left, shape.top, shape.width, shape.height))


def _on_slide(rect: Rect | None, w: float, h: float) -> Rect | None:
    """A placeholder's box cut to the slide: some templates draw one past the slide's edge."""
    if rect is None:
        return None
    x, y = max(rect[0], 0.0), max(rect[1], 0.0)
    return (x, y, min(rect[0] + rect[2], w) - x, min(rect[1] + rect[3], h) - y)


def _open_for_build(template: Path) -> PptxPresentation:
    try:
        return open_template(template)
    except TemplateError as e:
        d = Diagnostic(
            "error", "template-unreadable", f"template {template.name}: {e}", Location(str(template))
        )
        raise BriefgenError([d]) from e


def template_geometry(
    template: Path, layouts: Mapping[str, str], kinds: Iterable[str], master: str = ""
) -> Geometry:
    """Where the deck puts things on this template: its slide size, the content layout's title and body
    placeholders, the title and section layouts' titles. Raises BriefgenError for a missing layout."""
    prs = _open_for_build(template)
    found = {k: layout_for(prs, k, layouts, template, master) for k in kinds}
    w, h = (prs.slide_width or 0) / EMU_PER_IN, (prs.slide_height or 0) / EMU_PER_IN
    base = grid(w, h)
    content = found.get("content") or found.get("title-only")
    title = _rect(placeholder(content.placeholders, TITLE_TYPES)) if content else None
    body = _rect(placeholder(content.placeholders, BODY_TYPES)) if content else None
    x, y, bw, bh = body or (base.left, base.body_y, base.content_w, base.source_y + SOURCE_H - base.body_y)
    footer_y = h - (SLIDE_H - FOOTER_Y)
    bottom = min(y + bh, footer_y - 0.05)
    cover = found.get("title")
    section = found.get("section")
    return Geometry(
        w,
        h,
        x,
        bw,
        title[1] if title else base.title_y,
        title[3] if title else base.title_h,
        body_y=y,
        body_bottom=bottom - SOURCE_H - 0.08,
        source_y=bottom - SOURCE_H,
        footer_y=footer_y,
        template=True,
        title_rect=title,
        cover_title=_on_slide(_rect(placeholder(cover.placeholders, TITLE_TYPES)), w, h) if cover else None,
        cover_sub=_on_slide(_rect(placeholder(cover.placeholders, SUBTITLE_TYPES)), w, h) if cover else None,
        section_title=_on_slide(_rect(placeholder(section.placeholders, TITLE_TYPES)), w, h)
        if section
        else None,
    )


def deck_geometry(brief: Brief, theme: Theme) -> Geometry:
    """The default grid at the theme's slide size, or the geometry of the theme's template."""
    if theme.template is None:
        return grid(*theme.slide_size)
    kinds = [
        "title",
        "content",
        "title-only",
        *(["section"] if any(s.divider for s in brief.sections) else []),
    ]
    return template_geometry(theme.template, theme.layouts, kinds, theme.master)


def template_slide(
    prs: PptxPresentation, kind: str, layouts: Mapping[str, str], template: Path, master: str = ""
) -> Slide:
    """A new slide on the layout for `kind`, with every placeholder but the title removed (no 'Click to
    add text' left); text boxes take the body placeholder's place."""
    slide = prs.slides.add_slide(layout_for(prs, kind, layouts, template, master))
    title = placeholder(slide.placeholders, TITLE_TYPES)
    for ph in list(slide.placeholders):
        if ph is not title and ph.shape_id != getattr(title, "shape_id", None):
            ph._element.getparent().remove(ph._element)
    return slide


def template_description(path: Path) -> dict[str, Any]:
    """What a template holds, for `briefgen template-info --json`: slide size, and each master's name,
    theme fonts and colours, and layouts with their type and placeholders (type, idx, name, box in inches;
    null where the placeholder inherits its box from the master)."""
    prs = open_template(path)
    read = {m.number: m for m in read_masters(Path(path))}
    masters = []
    for number, master in enumerate(prs.slide_masters, start=1):
        info = read.get(number)
        kinds = [lay.type for lay in info.layouts] if info else []
        layouts = []
        for i, lay in enumerate(master.slide_layouts):
            phs = []
            for ph in lay.placeholders:
                pf = ph.placeholder_format
                kind = pf.type.name.lower() if pf.type is not None else "unknown"
                phs.append({"type": kind, "idx": pf.idx, "name": ph.name, "box_in": _rect(ph)})
            layouts.append(
                {"name": lay.name, "type": kinds[i] if i < len(kinds) else "", "placeholders": phs}
            )
        masters.append(
            {
                "number": number,
                "name": master.name or "",
                "fonts": {"major": info.major_font, "minor": info.minor_font} if info else {},
                "colors": dict(info.colors) if info else {},
                "layouts": layouts,
            }
        )
    size = [round((prs.slide_width or 0) / EMU_PER_IN, 4), round((prs.slide_height or 0) / EMU_PER_IN, 4)]
    return {"file": Path(path).name, "slide_size_in": size, "masters": masters}


def template_info(path: Path) -> str:
    """The description as text: each master with its theme fonts and colours, its layouts and their
    placeholders with type, idx, name and geometry in inches."""
    d = template_description(path)
    w, h = d["slide_size_in"]
    lines = [f"{d['file']}: slide size {w:.2f} × {h:.2f} in, {len(d['masters'])} master(s)"]
    for m in d["masters"]:
        lines.append(f"master {m['number']}: {repr(m['name']) if m['name'] else '(unnamed)'}")
        if m["fonts"]:
            lines.append(f"  theme fonts: headings '{m['fonts']['major']}', body '{m['fonts']['minor']}'")
        if m["colors"]:
            lines.append("  theme colours: " + " ".join(f"{k} {v}" for k, v in m["colors"].items()))
        for lay in m["layouts"]:
            lines.append(f"  layout '{lay['name']}'" + (f" ({lay['type']})" if lay["type"] else ""))
            for ph in lay["placeholders"]:
                box = ph["box_in"]
                where = "inherited" if box is None else "x {:.2f} y {:.2f} w {:.2f} h {:.2f} in".format(*box)
                lines.append(f"    {ph['type']:<13} idx {ph['idx']:<3} '{ph['name']}'  {where}")
    return "\n".join(lines) + "\n"
