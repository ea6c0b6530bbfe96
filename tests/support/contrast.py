"""Contrast of a written deck read back: every text run's colour against what lies under its text."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.oxml.ns import qn

from briefgen.theme.look import Patch, colors_under, read_backdrop

EMU_PER_IN = 914_400


def _luminance(hex_color: str) -> float:
    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_color[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def wcag(a: str, b: str) -> float:
    """WCAG 2 contrast ratio, written out again here so the check does not lean on the renderer's."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def master_number(slide) -> int:
    masters = [m.part.partname for m in slide.part.package.presentation_part.presentation.slide_masters]
    return masters.index(slide.slide_layout.slide_master.part.partname) + 1


def slide_patches(slide, template: Path | None, w: float, h: float) -> tuple[Patch, ...]:
    """What lies under the slide's shapes: its own background fill, else its layout's backdrop."""
    bg = slide._element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
    fill = bg.find(f".//{qn('a:srgbClr')}") if bg is not None else None
    if fill is not None:
        return (Patch(0, 0, w, h, (fill.get("val").upper(),)),)
    if template is None:
        return (Patch(0, 0, w, h, ("FFFFFF",)),)
    return read_backdrop(template, slide.slide_layout.name, str(master_number(slide)))


def _fill(shape) -> str | None:
    sppr = shape._element.find(qn("p:spPr"))
    solid = sppr.find(qn("a:solidFill")) if sppr is not None else None
    clr = solid.find(qn("a:srgbClr")) if solid is not None else None
    return clr.get("val").upper() if clr is not None else None


def _runs(p) -> list[tuple[str, str | None, bool]]:
    """A paragraph's runs and fields (a slide number is a field): (text, colour written, large text)."""
    out = []
    for r in p._p:
        if r.tag not in (qn("a:r"), qn("a:fld")):
            continue
        rpr = r.find(qn("a:rPr"))
        rgb = rpr.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}") if rpr is not None else None
        size = int(rpr.get("sz")) / 100 if rpr is not None and rpr.get("sz") else 18.0
        bold = rpr is not None and rpr.get("b") in ("1", "true")
        text = "".join(t.text or "" for t in r.iter(qn("a:t")))
        out.append((text, rgb.get("val") if rgb is not None else None, size >= 18 or (size >= 14 and bold)))
    return out


def contrast_problems(path: Path, template: Path | None = None) -> list[str]:
    """'slide 3 'Footer': #6B7280 on #2C3E50 is 2.1:1 (needs 4.5:1)' for every text run under WCAG AA
    (charts aside: their text is checked where the plan is made)."""
    prs = Presentation(str(path))
    w, h = prs.slide_width / EMU_PER_IN, prs.slide_height / EMU_PER_IN
    problems = []
    for n, slide in enumerate(prs.slides, start=1):
        patches = slide_patches(slide, template, w, h)
        for shape in slide.shapes:
            box = shape.left, shape.top, shape.width, shape.height
            if shape.left is None or not shape.has_text_frame or not shape.text_frame.text.strip():
                if shape.left is not None and (color := _fill(shape)):
                    patches += (Patch(*(v / EMU_PER_IN for v in box), (color,)),)
                continue
            own = _fill(shape)
            under = (own,) if own else colors_under(patches, tuple(v / EMU_PER_IN for v in box))
            for p in shape.text_frame.paragraphs:
                for text, color, large in _runs(p):
                    if color is None or not text.replace("\u2060", "").strip():
                        continue
                    need = 3.0 if large else 4.5
                    for u in under:
                        if (ratio := wcag(color, u)) < need - 0.01:
                            problems.append(
                                f"slide {n} '{shape.name}': #{color} on #{u} is {ratio:.1f}:1 "
                                f"(needs {need:g}:1) in {text[:30]!r}"
                            )
            if own:
                patches += (Patch(*(v / EMU_PER_IN for v in box), (own,)),)
    return problems
