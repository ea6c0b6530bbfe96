"""Corporate templates (.pptx or .potx): open them, drop their sample slides, find layouts by name across
every master, read placeholder geometry for the planner, and describe them (`briefgen template-info`)."""

from __future__ import annotations

import io
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER as PH
from pptx.exc import PackageNotFoundError
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PptxPresentation
from pptx.slide import SlideLayout

from briefgen.brief.model import Brief
from briefgen.diagnostics import BriefgenError, Diagnostic, Location, RenderWarning
from briefgen.render.deck.layout import FOOTER_Y, SLIDE_H, SOURCE_H, Geometry, Rect, grid
from briefgen.theme.look import Patch, numbers_slides, read_backdrop, read_placeholder_fills
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


# The least body area charts, tables and key-number tiles stay readable in (inches, below the title,
# above the source line); a content layout with less falls back to the title-only layout's free area.
MIN_BODY_W, MIN_BODY_H = 4.0, 2.4
# Artwork thinner than this (rules, hairlines) is decoration text may cross, not a shape to avoid.
HAIRLINE = 0.06
MAX_OBSTACLES = 12


def _clear_of_art(
    rect: Rect, patches: tuple[Patch, ...], roomy: Callable[[Rect], bool] | None = None
) -> Rect:
    """The largest part of `rect` that no artwork patch covers (hairlines aside): among the rectangles
    whose edges are the body's or an obstacle's, the largest `roomy` one, else the largest."""
    x, y, w, h = rect
    hits = [
        p
        for p in patches
        if p.art
        and min(p.w, p.h) >= HAIRLINE
        and p.x < x + w
        and p.x + p.w > x
        and p.y < y + h
        and p.y + p.h > y
    ]
    if not hits:
        return rect
    hits = sorted(hits, key=lambda p: -p.w * p.h)[:MAX_OBSTACLES]  # bounded work whatever the template
    lefts = sorted({x, *(p.x + p.w for p in hits if x < p.x + p.w < x + w)})
    rights = sorted({x + w, *(p.x for p in hits if x < p.x < x + w)})
    tops = sorted({y, *(p.y + p.h for p in hits if y < p.y + p.h < y + h)})
    bottoms = sorted({y + h, *(p.y for p in hits if y < p.y < y + h)})
    best: list[tuple[bool, float, Rect]] = []
    for left in lefts:
        for right in (r for r in rights if r > left):
            for top in tops:
                for bottom in (b for b in bottoms if b > top):
                    if any(
                        p.x < right and p.x + p.w > left and p.y < bottom and p.y + p.h > top for p in hits
                    ):
                        continue
                    cand = (left, top, right - left, bottom - top)
                    best.append((bool(roomy and roomy(cand)), cand[2] * cand[3], cand))
    return max(best, key=lambda b: (b[0], b[1]))[2] if best else (x, y, 0.0, 0.0)


def _cover_sub(cover: SlideLayout, art: tuple[Patch, ...], w: float, h: float) -> Rect | None:
    """The title slide's subtitle placeholder (else the room below the title), cut clear of the layout's
    artwork: half the title's width if it can, else at least 2 in."""
    title = _phs(cover, TITLE_TYPES, w, h)
    tries = [r for r in (_phs(cover, SUBTITLE_TYPES, w, h),) if r]
    if title:
        below = title[1] + title[3] + 0.1
        tries.append((title[0], below, title[2], h - 0.4 - below))
    for least in (max(2.0, 0.5 * (title[2] if title else 0.0)), 2.0):

        def ok(r: Rect, least: float = least) -> bool:  # room for a subtitle, not a sliver beside artwork
            return r[2] >= least and r[3] >= 0.6

        for r in tries:
            if ok(r) and ok(clear := _clear_of_art(r, art, ok)):
                return clear
    return None


def _phs(layout: SlideLayout, types: tuple, w: float, h: float) -> Rect | None:
    return _on_slide(_rect(placeholder(layout.placeholders, types)), w, h)


@dataclass(frozen=True)
class _Frame:
    """Where a content slide's parts go, as one source (a layout, or the master) places them."""

    source: str
    kind: str  # the layout kind content slides use
    title: Rect | None
    area: Rect  # the body, cut clear of artwork and of the footer placeholders
    feet: tuple[Rect | None, Rect | None, Rect | None]  # footer, slide number, date
    master: str = ""  # the number of the master whose layout it is
    clean: bool = True  # the title lies wholly on or wholly off each piece of artwork (never across an edge)

    def roomy(self) -> bool:
        """True when the body, less the source line, is big enough for a chart or a table."""
        w, h = _room(self.area)
        return w >= MIN_BODY_W and h >= MIN_BODY_H

    def size(self) -> str:
        """The room for content, as a message gives it."""
        w, h = _room(self.area)
        return f"{w:.2f} × {h:.2f} in"


def _room(area: Rect) -> tuple[float, float]:
    """The width and height a body area leaves for content above the source line."""
    return area[2], max(area[3] - SOURCE_H - 0.08, 0.0)


def _frame(
    source: str, kind: str, phs: Any, art: tuple[Patch, ...], w: float, h: float, own_feet: bool = True
) -> _Frame:
    """The frame a placeholder set gives: its title, its body (else the room below the title), its footers
    where they are (`own_feet`), else a footer row along the slide's foot."""

    def foot(t: PH) -> Rect | None:  # a footer placeholder in the slide's lower half
        r = _on_slide(_rect(placeholder(phs, (t,))), w, h)
        return r if own_feet and r and r[1] > h / 2 else None

    feet = (foot(PH.FOOTER), foot(PH.SLIDE_NUMBER), foot(PH.DATE))
    title = _inset(_rect(placeholder(phs, TITLE_TYPES)), w)
    body = _inset(_on_slide(_rect(placeholder(phs, BODY_TYPES)), w, h), w)
    row = h - (SLIDE_H - FOOTER_Y)
    bottom = (min([r[1] for r in feet if r] + [h]) if own_feet else row) - 0.05
    if body is None:
        top = title[1] + title[3] + 0.2 if title else grid(w, h).body_y
        left, width = (title[0], title[2]) if title else (grid(w, h).left, grid(w, h).content_w)
        body = (left, top, width, bottom - top)
    body = (body[0], body[1], body[2], min(body[3], (h if own_feet else row) - 0.05 - body[1]))
    obstacles = art + tuple(Patch(*r, (), art=True) for r in feet if r)
    x, y, bw, bh = _clear_of_art(
        body, obstacles, lambda r: _room(r)[0] >= MIN_BODY_W and _room(r)[1] >= MIN_BODY_H
    )
    clean = title is None or not any(_straddles(title, p) for p in art if p.art and min(p.w, p.h) >= HAIRLINE)
    return _Frame(source, kind, title, (x, y, bw, max(bh, 0.0)), feet, clean=clean)


# Titles and content keep at least this far from the slide's left and right edges (inches).
EDGE = 0.3


def _inset(r: Rect | None, w: float) -> Rect | None:
    """A box kept EDGE clear of the slide's sides: some templates draw placeholders flush with the edge."""
    if r is None:
        return None
    left, right = max(r[0], EDGE), min(r[0] + r[2], w - EDGE)
    return (left, r[1], max(right - left, 0.0), r[3])


def _straddles(r: Rect, p: Patch) -> bool:
    """True when a box lies partly on a patch and partly off it (by more than a hair each way)."""
    ix = min(r[0] + r[2], p.x + p.w) - max(r[0], p.x)
    iy = min(r[1] + r[3], p.y + p.h) - max(r[1], p.y)
    if ix <= HAIRLINE or iy <= HAIRLINE:
        return False
    return ix * iy < r[2] * r[3] * 0.95


# The layout's own frame is kept while it leaves at least this share of the roomiest frame's area.
OWN_FRAME_SHARE = 0.66


def _best(frames: list[_Frame]) -> _Frame | None:
    """The content layout's own frame when it has room and not much less than another; else the roomiest."""
    roomy = [f for f in frames if f.roomy() and f.clean] or [f for f in frames if f.roomy()]
    if not roomy:
        return None
    largest = max(roomy, key=lambda f: f.area[2] * f.area[3])
    first = frames[0]
    if (
        first in roomy
        and first.area[2] * first.area[3] >= OWN_FRAME_SHARE * largest.area[2] * largest.area[3]
    ):
        return first
    return largest


def _frames(
    template: Path,
    layout: SlideLayout,
    kind: str,
    number: int,
    w: float,
    h: float,
    master_too: bool,
    also: tuple[Patch, ...] = (),
    hard: bool = True,
) -> list[_Frame]:
    """The frames one layout (of master `number`) offers: its own placeholders, then (`master_too`) its
    master's, each with the footers where the template puts them and in a row at the foot; the body kept
    clear of the layout's artwork and of `also` (the artwork of the layout the slides will be on)."""
    art = tuple(p for p in read_backdrop(template, layout.name, str(number)) + also if hard or not p.soft)
    where = f"layout '{layout.name}' of master {number}"
    sources: list[tuple[str, Any]] = [(where, layout.placeholders)]
    if master_too:
        sources.append((f"the placeholders of master {number}", layout.slide_master.placeholders))
    out = []
    for own in (True, False):
        for name, phs in sources:
            f = _frame(name, kind, phs, art, w, h, own_feet=own)
            out.append(
                replace(f, master=str(number), source=name + ("" if own else " with the footers in a row"))
            )
    return out


def template_geometry(
    template: Path, layouts: Mapping[str, str], kinds: Iterable[str], master: str = ""
) -> Geometry:
    """Where the deck puts things on this template: its slide size, the content layout's title, body
    (cut clear of the layout's artwork and footers), footer, slide-number and date placeholders, the title
    and section layouts' titles, and what lies under each layout. Where the content layout leaves too
    little room, the title-only layout's room below its title, the master's own placeholders, a footer
    row at the slide's foot or (no master chosen) the same layout in another master are tried, and the
    roomiest is used (a RenderWarning says so); raises BriefgenError for a missing layout or when none has
    room."""
    prs = _open_for_build(template)
    found = {k: layout_for(prs, k, layouts, template, master) for k in kinds}
    w, h = (prs.slide_width or 0) / EMU_PER_IN, (prs.slide_height or 0) / EMU_PER_IN
    kind = "content" if "content" in found else "title-only"
    content = found[kind]
    masters = list(prs.slide_masters)
    mnum = next(i for i, m in enumerate(masters, start=1) if m == content.slide_master)

    def candidates(hard: bool) -> list[_Frame]:
        out = _frames(template, content, kind, mnum, w, h, True, (), hard)
        if "title-only" in found and found["title-only"] is not content:
            # Its room below the title, for slides that stay on the content layout (its body placeholder
            # is placed where the frame says): kept clear of both layouts' artwork.
            also = read_backdrop(template, content.name, str(mnum))
            out += _frames(template, found["title-only"], kind, mnum, w, h, False, also, hard)
        if not master and _best(out) is not out[0]:
            for i, m in enumerate(masters, start=1):
                same = next((lay for lay in m.slide_layouts if lay.name == content.name), None)
                if i != mnum and same is not None:
                    out += _frames(template, same, kind, i, w, h, True, (), hard)
        return out

    frames = candidates(hard=True)
    frame = _best(frames)
    if frame is None:  # no room clear of the line drawings: content may cross them
        frames = candidates(hard=False)
        frame = _best(frames)
        if frame is not None:
            _warn_lines(template, frame)
    if frame is None:
        _too_small(template, frames)
    assert frame is not None
    if frame is not frames[0]:
        _warn_small(template, frames[0], frame)
    used = {k: (frame.master if k in ("content", "title-only") else str(mnum)) for k in found}
    backdrops = {
        k: read_backdrop(
            template,
            lay.name if used[k] == str(mnum) else layout_for(prs, k, layouts, template, used[k]).name,
            used[k],
        )
        for k, lay in found.items()
    }
    fills = {
        k: read_placeholder_fills(template, layout_for(prs, k, layouts, template, used[k]).name, used[k])
        for k in found
    }
    base = grid(w, h)
    x, y, bw, bh = frame.area
    footer, number, date = frame.feet
    feet = [r[1] for r in frame.feet if r]
    footer_y = min(feet) if feet else h - (SLIDE_H - FOOTER_Y)
    title = frame.title
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
        body_bottom=y + bh - SOURCE_H - 0.08,
        source_y=y + bh - SOURCE_H,
        footer_y=footer_y,
        template=True,
        title_rect=title,
        cover_title=_phs(cover, TITLE_TYPES, w, h) if cover else None,
        cover_sub=_cover_sub(cover, backdrops.get("title", ()), w, h) if cover else None,
        section_title=_phs(section, TITLE_TYPES, w, h) if section else None,
        footer_rect=footer,
        number_rect=number,
        date_rect=date,
        backdrops=tuple(backdrops.items()),
        holder_fills=tuple((k, tuple(v.items())) for k, v in fills.items()),
        content_kind=frame.kind,
        content_master=frame.master if frame.master != str(mnum) else "",
        own_numbers=numbers_slides(template, content.name, frame.master),
    )


def _warn_small(template: Path, small: _Frame, used: _Frame) -> None:
    warnings.warn(
        f"template {template.name}: {small.source} leaves {small.size()} for content (charts and "
        f"tables need {MIN_BODY_W:.1f} × {MIN_BODY_H:.1f} in): content slides are placed as "
        f"{used.source} place them ({used.size()})",
        RenderWarning,
        stacklevel=3,
    )


def _warn_lines(template: Path, used: _Frame) -> None:
    warnings.warn(
        f"template {template.name}: no layout leaves {MIN_BODY_W:.1f} × {MIN_BODY_H:.1f} in clear of its "
        f"line drawings: content slides are placed as {used.source} place them, across the drawings",
        RenderWarning,
        stacklevel=3,
    )


def _too_small(template: Path, frames: list[_Frame]) -> None:
    tried = "; ".join(f"{f.source} leaves {f.size()}" for f in frames if "in a row" not in f.source)
    raise BriefgenError(
        [
            Diagnostic(
                "error",
                "template-too-small",
                f"template {template.name} has no room for charts and tables "
                f"({MIN_BODY_W:.1f} × {MIN_BODY_H:.1f} in): {tried}",
                Location(str(template)),
                "map content and title-only slides to layouts with a larger body area with 'layouts:'",
            )
        ]
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
